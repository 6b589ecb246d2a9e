package org.sanke.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ModePolicyTest {
    private static JoinResult.Reason refusal(JoinResult result) {
        return result instanceof JoinResult.Refusal r ? r.reason() : null;
    }

    private static LiveLesson live(LessonMode mode, int maxClassrooms) {
        return new LiveLesson(new Lesson("l", "Lesson", mode, maxClassrooms), JoinPolicy.DEFAULT);
    }

    @Test
    void dedicatedHasSixTwoWayClassroomsAndNoAudience() {
        LiveLesson lesson = live(LessonMode.DEDICATED, 100);
        for (int i = 0; i < 6; i++) {
            assertThat(lesson.join(Role.CLASSROOM, "room " + i)).isInstanceOf(JoinResult.Admitted.class);
        }
        assertThat(refusal(lesson.join(Role.CLASSROOM, "seventh"))).as("the mode's cap wins over the lesson's")
                .isEqualTo(JoinResult.Reason.LESSON_FULL);
        assertThat(refusal(lesson.join(Role.LEARNER, "someone"))).isEqualTo(JoinResult.Reason.ROLE_NOT_ALLOWED);
        assertThat(refusal(lesson.join(Role.OBSERVER, "someone"))).isEqualTo(JoinResult.Reason.ROLE_NOT_ALLOWED);
        assertThat(lesson.join(Role.INSPECTOR, "county inspector")).as("inspectors take no seat")
                .isInstanceOf(JoinResult.Admitted.class);
    }

    @Test
    void aLessonMayCapBelowItsMode() {
        LiveLesson lesson = live(LessonMode.DEDICATED, 2);
        lesson.join(Role.CLASSROOM, "a");
        lesson.join(Role.CLASSROOM, "b");
        JoinResult third = lesson.join(Role.CLASSROOM, "c");
        assertThat(((JoinResult.Refusal) third).message()).isEqualTo("the lesson has its 2 classrooms already");
    }

    @Test
    void masterTeacherTakesObserversUpToItsCap() {
        ModePolicies small = ModePolicies.defaults()
                .with(LessonMode.MASTER_TEACHER, new ModePolicy(1, 2, Set.of(Role.OBSERVER)));
        LiveLesson lesson = new LiveLesson(new Lesson("m", "Research", LessonMode.MASTER_TEACHER, 1),
                JoinPolicy.byMode(small));
        assertThat(lesson.join(Role.OBSERVER, "o1")).isInstanceOf(JoinResult.Admitted.class);
        assertThat(lesson.join(Role.OBSERVER, "o2")).isInstanceOf(JoinResult.Admitted.class);
        JoinResult third = lesson.join(Role.OBSERVER, "o3");
        assertThat(((JoinResult.Refusal) third).message()).isEqualTo("the lesson's audience is full (2)");
        assertThat(refusal(lesson.join(Role.LEARNER, "l"))).isEqualTo(JoinResult.Reason.ROLE_NOT_ALLOWED);
    }

    @Test
    void famousSchoolHasInteractiveClassroomsAndAnAudience() {
        LiveLesson lesson = live(LessonMode.FAMOUS_SCHOOL, 1000);
        for (int i = 0; i < 20; i++) {
            assertThat(lesson.join(Role.CLASSROOM, "room " + i)).isInstanceOf(JoinResult.Admitted.class);
        }
        assertThat(refusal(lesson.join(Role.CLASSROOM, "21st"))).isEqualTo(JoinResult.Reason.LESSON_FULL);
        assertThat(lesson.join(Role.LEARNER, "a learner")).isInstanceOf(JoinResult.Admitted.class);
        assertThat(lesson.join(Role.OBSERVER, "a teacher elsewhere")).isInstanceOf(JoinResult.Admitted.class);
    }

    @Test
    void whoReceivesWhom() {
        Participant teacher = new Participant("t", Role.TEACHER, "T");
        Participant room = new Participant("c", Role.CLASSROOM, "C");
        Participant learner = new Participant("l", Role.LEARNER, "L");
        Participant inspector = new Participant("i", Role.INSPECTOR, "I");
        assertThat(ForwardingRule.receives(learner, teacher)).isTrue();
        assertThat(ForwardingRule.receives(learner, room)).isFalse();
        assertThat(ForwardingRule.receives(teacher, learner)).as("the audience sends nothing").isFalse();
        assertThat(ForwardingRule.receives(inspector, room)).as("inspectors patrol every room").isTrue();
        assertThat(ForwardingRule.receives(teacher, inspector)).isFalse();
        assertThat(Role.INSPECTOR.visible()).isFalse();
        assertThat(Role.LEARNER.publishes()).isFalse();
    }
}
