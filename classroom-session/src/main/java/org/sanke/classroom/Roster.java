package org.sanke.classroom;

/**
 * Who is told about whom in a lesson (lists, joins, leaves): the teacher, the classrooms and inspectors hear of
 * everyone they may see; the audience (observer teachers, learners) hears of the teacher, the classrooms and whoever
 * is on stage, not of each other. An open lesson's thousands of learners then cost each join a handful of messages
 * instead of one per learner, and nobody in the audience learns the others' names. Inspectors are never listed.
 */
public final class Roster {
    private Roster() {
    }

    /** @param subjectOnStage whether the teacher has the subject on stage */
    public static boolean sees(Participant viewer, Participant subject, boolean subjectOnStage) {
        if (viewer.id().equals(subject.id()) || !subject.role().visible()) {
            return false;
        }
        return switch (viewer.role()) {
            case TEACHER, CLASSROOM, INSPECTOR -> true;
            case OBSERVER, LEARNER -> !audience(subject.role()) || subjectOnStage;
        };
    }

    private static boolean audience(Role role) {
        return role == Role.OBSERVER || role == Role.LEARNER;
    }
}
