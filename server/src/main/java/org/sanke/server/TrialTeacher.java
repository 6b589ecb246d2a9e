package org.sanke.server;

import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.privacy.PersonRecords;
import org.sanke.signaling.Domain;

/**
 * A lead teacher made at start for load tests and trials (--seed-teacher): a teacher needs no second factor, may
 * make lessons, teach them and invite classrooms, and reaches nothing beyond her own school.
 */
final class TrialTeacher {
    static final String SCHOOL_ID = "trial-school";

    private TrialTeacher() {
    }

    static void ensure(Domain domain, String login, String password) throws InvalidOptionException {
        var account = domain.access().accounts().byLogin(login);
        if (account.isPresent()) {
            vouch(domain, account.get().personId());
            return;
        }
        if (domain.schools().school(SCHOOL_ID).isEmpty()) {
            domain.schools().add(new School(SCHOOL_ID, "Trial school"));
        }
        Person teacher = new Person("trial-" + Integer.toHexString(login.hashCode()), SCHOOL_ID, "Trial teacher",
                PersonRole.LEAD_TEACHER);
        try {
            domain.schools().add(teacher);
            domain.access().accounts().create(teacher, login, password, false);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--seed-teacher: " + e.getMessage(), e);
        }
        vouch(domain, teacher.id());
    }

    /** The operator vouches for the trial teacher, so she may teach every kind of lesson (S4). */
    private static void vouch(Domain domain, String personId) {
        if (domain.access().records().realName(personId).isPresent()) {
            return;
        }
        try {
            domain.access().records().declareRealName(personId);
        } catch (PersonRecords.Refused e) {
            throw new IllegalStateException(e);
        }
    }
}
