package org.sanke.classroom.sanction;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The measures in force, asked at every lesson's door and seat: the unlifted ones are kept in memory (a handful on a
 * platform), so a join reads no database for them. Changes go to the store first. Thread-safe.
 */
public final class Sanctions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SanctionStore store;
    private final Clock clock;
    /** Unlifted measures by subject id. */
    private final Map<String, List<Sanction>> unlifted = new ConcurrentHashMap<>();
    private final List<Consumer<Sanction>> imposedListeners = new CopyOnWriteArrayList<>();

    public Sanctions(SanctionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.unlifted().forEach(this::remember);
    }

    /** Called with each measure imposed (to put its subject out of the lessons it is in). */
    public void onImposed(Consumer<Sanction> listener) {
        imposedListeners.add(listener);
    }

    public Sanction impose(String decidedBy, Sanction.Subject kind, String subject, Sanction.Measure measure,
                           String reason, Instant until) {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        Sanction sanction = new Sanction("m" + HexFormat.of().formatHex(id), kind, subject, measure, reason,
                decidedBy, clock.instant(), until, null, null);
        store.add(sanction);
        remember(sanction);
        imposedListeners.forEach(listener -> listener.accept(sanction));
        return sanction;
    }

    /** Lifts a measure; empty when no unlifted measure has this id. */
    public Optional<Sanction> lift(String id, String by) {
        for (List<Sanction> list : unlifted.values()) {
            for (Sanction s : list) {
                if (s.id().equals(id)) {
                    Instant now = clock.instant();
                    store.lift(id, by, now);
                    list.remove(s);
                    return Optional.of(s.lifted(by, now));
                }
            }
        }
        return Optional.empty();
    }

    /** The gravest measure in force against a person or a classroom (either may be null), if any. */
    public Optional<Sanction.Measure> gravest(String personId, String classroomId) {
        Instant now = clock.instant();
        Sanction.Measure gravest = null;
        for (String subject : new String[] {personId, classroomId}) {
            if (subject == null) {
                continue;
            }
            for (Sanction s : unlifted.getOrDefault(subject, List.of())) {
                if (s.inForce(now) && (gravest == null || s.measure().compareTo(gravest) > 0)) {
                    gravest = s.measure();
                }
            }
        }
        return Optional.ofNullable(gravest);
    }

    public boolean keepsOut(String personId, String classroomId) {
        return gravest(personId, classroomId).map(Sanction.Measure::keepsOut).orElse(false);
    }

    public boolean limits(String personId, String classroomId) {
        return gravest(personId, classroomId).map(m -> m == Sanction.Measure.LIMIT).orElse(false);
    }

    /** A measure not lifted yet, by id (from memory: no database read). */
    public Optional<Sanction> unlifted(String id) {
        return unlifted.values().stream().flatMap(List::stream).filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every measure, newest first, lifted ones included. */
    public List<Sanction> all(int limit) {
        return store.all(limit);
    }

    private void remember(Sanction s) {
        unlifted.computeIfAbsent(s.subject(), key -> new CopyOnWriteArrayList<>()).add(s);
    }
}
