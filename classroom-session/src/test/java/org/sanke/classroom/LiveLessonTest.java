package org.sanke.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LiveLessonTest {
    private final LiveLesson live = new LiveLesson(new Lesson("l1", "Chinese", LessonMode.DEDICATED, 2), JoinPolicy.DEFAULT);

    @Test
    void oneTeacherOnly() {
        assertThat(live.join(Role.TEACHER, "Wang")).isInstanceOf(JoinResult.Admitted.class);
        JoinResult second = live.join(Role.TEACHER, "Li");
        assertThat(second).isEqualTo(new JoinResult.Refusal(JoinResult.Reason.ROLE_TAKEN,
                "the lesson already has a teacher"));
    }

    @Test
    void classroomsAreCappedByTheLesson() {
        assertThat(live.join(Role.CLASSROOM, "A")).isInstanceOf(JoinResult.Admitted.class);
        assertThat(live.join(Role.CLASSROOM, "B")).isInstanceOf(JoinResult.Admitted.class);
        JoinResult third = live.join(Role.CLASSROOM, "C");
        assertThat(third).isInstanceOf(JoinResult.Refusal.class);
        assertThat(((JoinResult.Refusal) third).reason()).isEqualTo(JoinResult.Reason.LESSON_FULL);
    }

    @Test
    void leavingFreesTheSeat() {
        JoinResult.Admitted teacher = (JoinResult.Admitted) live.join(Role.TEACHER, "Wang");
        assertThat(live.leave(teacher.participant().id())).contains(teacher.participant());
        assertThat(live.leave(teacher.participant().id())).isEmpty();
        assertThat(live.isEmpty()).isTrue();
        assertThat(live.join(Role.TEACHER, "Li")).isInstanceOf(JoinResult.Admitted.class);
    }

    @Test
    void classroomsSeeTheTeacherAndTheTeacherSeesClassrooms() {
        Participant teacher = new Participant("t", Role.TEACHER, "Wang");
        Participant a = new Participant("a", Role.CLASSROOM, "A");
        Participant b = new Participant("b", Role.CLASSROOM, "B");
        assertThat(ForwardingRule.receives(a, teacher)).isTrue();
        assertThat(ForwardingRule.receives(teacher, a)).isTrue();
        assertThat(ForwardingRule.receives(a, b)).isFalse();
        assertThat(ForwardingRule.receives(a, a)).isFalse();
    }

    @Test
    void directoryRefusesBadLessonsAndDuplicateIds() {
        LessonDirectory directory = new LessonDirectory();
        Lesson lesson = directory.create("Maths", LessonMode.DEDICATED, 6);
        assertThat(directory.find(lesson.id())).contains(lesson);
        assertThat(directory.find("nope")).isEmpty();
        directory.createWithId("demo", "Demo", LessonMode.DEDICATED, 6);
        assertThatThrownBy(() -> directory.createWithId("demo", "Again", LessonMode.DEDICATED, 6))
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> directory.create("", LessonMode.DEDICATED, 6)).hasMessageContaining("title");
        assertThatThrownBy(() -> directory.create("x", LessonMode.DEDICATED, -1)).hasMessageContaining("maxClassrooms");
        assertThat(directory.all()).hasSize(2);
    }
}
