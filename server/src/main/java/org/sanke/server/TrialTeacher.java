package org.sanke.server;

import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
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
        if (domain.access().accounts().byLogin(login).isPresent()) {
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
    }
}
