package org.sanke.classroom.privacy;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;

/**
 * Learners' minor state and guardians' consent (S33), kept in memory so that a join or a publish reads no database:
 * a learner is a minor unless stated otherwise; an under-14 without consent does not publish and is not recorded; a
 * minor is only ever a learner, so never holds a broadcasting role. Changes go to the store first. Thread-safe.
 */
public final class Minors {
    /** A refusal with the code the API sends. */
    public static final class Refused extends Exception {
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final MinorStatusStore store;
    private final Clock clock;
    private final Map<String, MinorStatus> byPerson = new ConcurrentHashMap<>();

    public Minors(MinorStatusStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.all().forEach(status -> byPerson.put(status.personId(), status));
    }

    /** The person's state: as set, else a minor without consent for a learner, an adult for anyone else. */
    public MinorStatus of(Person person) {
        MinorStatus set = byPerson.get(person.id());
        if (set != null) {
            return set;
        }
        return new MinorStatus(person.id(), person.role() == PersonRole.LEARNER ? AgeBand.MINOR : AgeBand.ADULT,
                null, null, null, null);
    }

    /** Whether a signed-in person's camera and microphone may go out; people not known here (null) may. */
    public boolean mayPublish(String personId) {
        MinorStatus set = personId == null ? null : byPerson.get(personId);
        return set == null || set.mayPublish(); // a learner's default (a minor) publishes when brought on stage
    }

    /** Whether a person may be recorded (S33); the same rule as publishing. */
    public boolean mayBeRecorded(String personId) {
        return mayPublish(personId);
    }

    /** Sets a person's age band; only a learner is a minor. A changed band keeps a consent given. */
    public MinorStatus setBand(Person person, AgeBand band, String by) throws Refused {
        if (band.minor() && person.role() != PersonRole.LEARNER) {
            throw new Refused("minor_must_be_learner", "only a learner can be a minor: a minor never teaches,"
                    + " administers or inspects");
        }
        MinorStatus before = of(person);
        MinorStatus after = new MinorStatus(person.id(), band, before.consentBy(), before.consentAt(), by,
                clock.instant());
        store.save(after);
        byPerson.put(person.id(), after);
        return after;
    }

    /** A guardian (or the school recording a signed form) gives or withdraws consent for an under-14. */
    public MinorStatus consent(Person person, boolean given, String by) throws Refused {
        MinorStatus before = of(person);
        if (!before.band().minor()) {
            throw new Refused("not_a_minor", "consent is a guardian's for a minor; this person is an adult");
        }
        var now = clock.instant();
        MinorStatus after = new MinorStatus(person.id(), before.band(), given ? by : null, given ? now : null, by,
                now);
        store.save(after);
        byPerson.put(person.id(), after);
        return after;
    }

    /** A role for a person: a minor may only be a learner (S33: never a broadcasting role). */
    public void checkRole(Person person, PersonRole role) throws Refused {
        if (role != PersonRole.LEARNER && of(person).band().minor()) {
            throw new Refused("minor_cannot_broadcast", "a minor is only ever a learner: never a teacher or staff");
        }
    }
}
