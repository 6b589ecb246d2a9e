package org.sanke.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InteractionTest {
    private final LiveLesson lesson = new LiveLesson(new Lesson("l", "Chinese", LessonMode.DEDICATED, 6),
            JoinPolicy.DEFAULT);
    private final Participant teacher = admitted(Role.TEACHER, "Ms Wang");
    private final Participant village1 = admitted(Role.CLASSROOM, "Village 1");
    private final Participant village2 = admitted(Role.CLASSROOM, "Village 2");

    private Participant admitted(Role role, String name) {
        return ((JoinResult.Admitted) lesson.join(role, name)).participant();
    }

    @Test
    void handsQueueInOrderAndTheStageLowersThem() throws Exception {
        assertThat(lesson.raiseHand(village2.id())).isTrue();
        assertThat(lesson.raiseHand(village1.id())).isTrue();
        assertThat(lesson.raiseHand(village2.id())).as("already up").isFalse();
        assertThat(lesson.handQueue()).containsExactly(village2.id(), village1.id());
        assertThat(lesson.setOnStage(teacher.id(), village2.id(), true)).isTrue();
        assertThat(lesson.isOnStage(village2.id())).isTrue();
        assertThat(lesson.handQueue()).containsExactly(village1.id());
        assertThat(lesson.setOnStage(teacher.id(), village2.id(), false)).isTrue();
        assertThat(lesson.setOnStage(teacher.id(), village2.id(), false)).isFalse();
        lesson.leave(village1.id());
        assertThat(lesson.handQueue()).isEmpty();
    }

    @Test
    void onlyTheTeacherStagesAndOnlyClassroomsGoOnStage() {
        assertThatThrownBy(() -> lesson.setOnStage(village1.id(), village2.id(), true))
                .hasMessage("only the teacher decides who is on stage");
        assertThatThrownBy(() -> lesson.setOnStage(teacher.id(), teacher.id(), true))
                .hasMessage("only a classroom can be brought on stage");
        assertThatThrownBy(() -> lesson.raiseHand(teacher.id())).hasMessage("only a classroom raises its hand");
        assertThatThrownBy(() -> lesson.setOnStage(teacher.id(), "ghost", true))
                .hasMessage("no participant ghost in this lesson");
    }

    @Test
    void aClassroomOnStageReachesEveryone() {
        assertThat(ForwardingRule.receives(village1, village2, false)).isFalse();
        assertThat(ForwardingRule.receives(village1, village2, true)).isTrue();
        assertThat(ForwardingRule.receives(village2, village2, true)).as("never itself").isFalse();
    }
}
