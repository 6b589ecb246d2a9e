package org.sanke.classroom;

import java.util.Collection;

/** The one place that decides whether someone may join a lesson. */
public interface JoinPolicy {
    /** Null when the join is allowed, else why not. */
    JoinResult.Refusal check(Lesson lesson, Collection<Participant> present, Role role);

    /** One teacher; at most the lesson's number of classrooms. */
    JoinPolicy DEFAULT = (lesson, present, role) -> {
        long same = present.stream().filter(p -> p.role() == role).count();
        return switch (role) {
            case TEACHER -> same >= 1
                    ? new JoinResult.Refusal(JoinResult.Reason.ROLE_TAKEN, "the lesson already has a teacher") : null;
            case CLASSROOM -> same >= lesson.maxClassrooms()
                    ? new JoinResult.Refusal(JoinResult.Reason.LESSON_FULL,
                    "the lesson has its " + lesson.maxClassrooms() + " classrooms already") : null;
        };
    };
}
