package org.sanke.classroom.replay;

import org.sanke.classroom.PersonRole;

/**
 * Who asks to watch, as the caller's session knows them: always someone signed in (a person or a paired classroom
 * terminal); an anonymous visitor has no viewer and watches nothing.
 *
 * @param personId    null for a classroom's terminal
 * @param role        null for a classroom's terminal
 * @param schoolId    the viewer's school (null for platform-wide staff)
 * @param classroomId a terminal's classroom, or a learner's class (may be null)
 */
public record Viewer(String personId, PersonRole role, String schoolId, String classroomId) {
    public Viewer {
        if ((personId == null) != (role == null)) {
            throw new IllegalArgumentException("a person has a role, a classroom's terminal has neither");
        }
        if (personId == null && classroomId == null) {
            throw new IllegalArgumentException("a viewer is a person or a classroom");
        }
    }

    public static Viewer person(String personId, PersonRole role, String schoolId, String classroomId) {
        return new Viewer(personId, role, schoolId, classroomId);
    }

    public static Viewer classroom(String classroomId, String schoolId) {
        return new Viewer(null, null, schoolId, classroomId);
    }

    public boolean isClassroom() {
        return personId == null;
    }
}
