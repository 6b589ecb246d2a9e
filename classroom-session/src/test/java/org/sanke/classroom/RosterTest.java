package org.sanke.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RosterTest {
    private static Participant as(Role role, String id) {
        return new Participant(id, role, id, null);
    }

    @Test
    void theTeacherAndClassroomsHearOfEveryoneTheAudienceOnlyOfWhoTeachesOrIsOnStage() {
        Participant teacher = as(Role.TEACHER, "t");
        Participant room = as(Role.CLASSROOM, "c");
        Participant learner = as(Role.LEARNER, "l1");
        Participant otherLearner = as(Role.LEARNER, "l2");
        Participant observer = as(Role.OBSERVER, "o");
        Participant inspector = as(Role.INSPECTOR, "i");

        assertThat(Roster.sees(teacher, learner, false)).isTrue();
        assertThat(Roster.sees(room, observer, false)).isTrue();
        assertThat(Roster.sees(inspector, learner, false)).isTrue();
        assertThat(Roster.sees(learner, teacher, false)).isTrue();
        assertThat(Roster.sees(learner, room, false)).isTrue();
        assertThat(Roster.sees(learner, otherLearner, false)).isFalse();
        assertThat(Roster.sees(observer, learner, false)).isFalse();
        assertThat(Roster.sees(learner, observer, true)).as("on stage, everyone sees them").isTrue();
        assertThat(Roster.sees(teacher, inspector, false)).as("inspectors are never listed").isFalse();
        assertThat(Roster.sees(teacher, teacher, false)).isFalse();
    }
}
