package org.sanke.classroom;

import java.util.Collection;

/** The one place that decides whether someone may join a lesson, and who may be brought on stage in it. */
public interface JoinPolicy {
    /** Null when the join is allowed, else why not. */
    JoinResult.Refusal check(Lesson lesson, Collection<Participant> present, Role role);

    /** Whether the teacher may bring someone of this role on stage (they may raise a hand). Classrooms may. */
    default boolean mayTakeStage(Lesson lesson, Role role) {
        return role == Role.CLASSROOM;
    }

    /** The policy of the default mode settings. */
    JoinPolicy DEFAULT = byMode(ModePolicies.defaults());

    /**
     * One teacher; classrooms up to the lesson's cap (itself at most the mode's); the mode's audience roles up to
     * its audience cap; inspectors always (they are not seen and take no seat); anyone else refused. On stage:
     * classrooms, and the mode's stage roles.
     */
    static JoinPolicy byMode(ModePolicies policies) {
        return new JoinPolicy() {
            @Override
            public JoinResult.Refusal check(Lesson lesson, Collection<Participant> present, Role role) {
                ModePolicy policy = policies.of(lesson.mode());
                long same = present.stream().filter(p -> p.role() == role).count();
                return switch (role) {
                    case TEACHER -> same >= 1
                            ? new JoinResult.Refusal(JoinResult.Reason.ROLE_TAKEN, "the lesson already has a teacher")
                            : null;
                    case CLASSROOM -> {
                        int cap = Math.min(lesson.maxClassrooms(), policy.maxClassrooms());
                        yield same >= cap ? new JoinResult.Refusal(JoinResult.Reason.LESSON_FULL,
                                "the lesson has its " + cap + " classrooms already") : null;
                    }
                    case INSPECTOR -> null;
                    case OBSERVER, LEARNER -> {
                        if (!policy.audienceRoles().contains(role)) {
                            yield new JoinResult.Refusal(JoinResult.Reason.ROLE_NOT_ALLOWED, "a "
                                    + lesson.mode().wireName() + " lesson has no " + role.wireName() + "s");
                        }
                        long audience = present.stream().filter(p -> policy.audienceRoles().contains(p.role()))
                                .count();
                        yield audience >= policy.maxAudience() ? new JoinResult.Refusal(
                                JoinResult.Reason.LESSON_FULL,
                                "the lesson's audience is full (" + policy.maxAudience() + ")") : null;
                    }
                };
            }

            @Override
            public boolean mayTakeStage(Lesson lesson, Role role) {
                return role == Role.CLASSROOM || policies.of(lesson.mode()).stageRoles().contains(role);
            }
        };
    }
}
