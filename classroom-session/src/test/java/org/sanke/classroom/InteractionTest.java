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
                .hasMessage("teachers are not brought on stage in dedicated lessons");
        assertThatThrownBy(() -> lesson.raiseHand(teacher.id()))
                .hasMessage("teachers do not raise hands in dedicated lessons");
        assertThatThrownBy(() -> lesson.setOnStage(teacher.id(), "ghost", true))
                .hasMessage("no participant ghost in this lesson");
        assertThatThrownBy(() -> lesson.checkMayEnd(village1.id())).hasMessage("only the teacher or safety staff end the lesson");
    }

    @Test
    void aClassroomOnStageReachesEveryone() {
        assertThat(ForwardingRule.receives(village1, village2, false)).isFalse();
        assertThat(ForwardingRule.receives(village1, village2, true)).isTrue();
        assertThat(ForwardingRule.receives(village2, village2, true)).as("never itself").isFalse();
    }

    @Test
    void observerTeachersTakeTheStageInAMasterTeacherLessonAndPublishOnlyThere() throws Exception {
        LiveLesson research = new LiveLesson(new Lesson("m", "Research", LessonMode.MASTER_TEACHER, 6),
                JoinPolicy.DEFAULT);
        Participant master = ((JoinResult.Admitted) research.join(Role.TEACHER, "Master")).participant();
        Participant observer = ((JoinResult.Admitted) research.join(Role.OBSERVER, "Mr Li", null, true))
                .participant();
        Participant other = ((JoinResult.Admitted) research.join(Role.OBSERVER, "Ms Zhao")).participant();
        assertThat(research.mayPublish(observer.id())).isFalse();
        assertThat(ForwardingRule.receives(master, observer, false)).isFalse();
        assertThat(research.raiseHand(observer.id())).isTrue();
        assertThat(research.setOnStage(master.id(), observer.id(), true)).isTrue();
        assertThat(research.mayPublish(observer.id())).isTrue();
        assertThat(ForwardingRule.receives(master, observer, true)).isTrue();
        assertThat(ForwardingRule.receives(other, observer, true)).isTrue();
        assertThat(research.setOnStage(master.id(), observer.id(), false)).isTrue();
        assertThat(research.mayPublish(observer.id())).as("off stage, receive only again").isFalse();
        assertThat(research.mayPublish(master.id())).isTrue();
        assertThat(research.mayPublish("ghost")).isFalse();
    }

    @Test
    void onlyAnObserverWhoseRealNameIsVerifiedSpeaksInAMasterTeacherLesson() throws Exception { // S4
        LiveLesson research = new LiveLesson(new Lesson("m", "Research", LessonMode.MASTER_TEACHER, 6),
                JoinPolicy.DEFAULT);
        Participant master = ((JoinResult.Admitted) research.join(Role.TEACHER, "Master", null, true)).participant();
        Participant unknown = ((JoinResult.Admitted) research.join(Role.OBSERVER, "Link holder")).participant();
        assertThatThrownBy(() -> research.setOnStage(master.id(), unknown.id(), true))
                .isInstanceOf(LiveLesson.InteractionRefused.class).hasMessageContaining("verified real name");
        assertThat(research.mayPublish(unknown.id())).isFalse();
        assertThat(research.setOnStage(master.id(), unknown.id(), false)).as("taking off is always allowed")
                .isFalse();
        LiveLesson dedicated = new LiveLesson(new Lesson("d", "Maths", LessonMode.DEDICATED, 6), JoinPolicy.DEFAULT);
        Participant teacher = ((JoinResult.Admitted) dedicated.join(Role.TEACHER, "Teacher")).participant();
        Participant room = ((JoinResult.Admitted) dedicated.join(Role.CLASSROOM, "Village")).participant();
        assertThat(dedicated.setOnStage(teacher.id(), room.id(), true)).as("a dedicated lesson asks no real names")
                .isTrue();
    }

    @Test
    void theAudienceOfAnOpenLessonOnlyAsksInText() {
        LiveLesson open = new LiveLesson(new Lesson("f", "Open lesson", LessonMode.FAMOUS_SCHOOL, 20),
                JoinPolicy.DEFAULT);
        Participant teacher = ((JoinResult.Admitted) open.join(Role.TEACHER, "Teacher")).participant();
        Participant learner = ((JoinResult.Admitted) open.join(Role.LEARNER, "Learner")).participant();
        Participant observer = ((JoinResult.Admitted) open.join(Role.OBSERVER, "Observer")).participant();
        assertThatThrownBy(() -> open.raiseHand(learner.id()))
                .hasMessage("learners do not raise hands in famous_school lessons");
        assertThatThrownBy(() -> open.setOnStage(teacher.id(), observer.id(), true))
                .hasMessage("observers are not brought on stage in famous_school lessons");
    }

    @Test
    void questionsAreAskedByTheRoomsAndMarkedAnsweredByTheTeacher() throws Exception {
        Question first = lesson.ask(village1.id(), "What is a metaphor?");
        Question second = lesson.ask(village2.id(), "Can you repeat the poem?");
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.name()).isEqualTo("Village 1");
        assertThatThrownBy(() -> lesson.ask(teacher.id(), "?"))
                .hasMessage("the teacher answers questions and does not ask them");
        assertThatThrownBy(() -> lesson.markAnswered(village1.id(), first.id()))
                .hasMessage("only the teacher marks a question answered");
        assertThatThrownBy(() -> lesson.markAnswered(teacher.id(), "q999"))
                .hasMessage("no question q999 in this lesson");
        assertThat(lesson.markAnswered(teacher.id(), first.id())).isTrue();
        assertThat(lesson.markAnswered(teacher.id(), first.id())).as("once").isFalse();
        assertThat(lesson.questions()).extracting(Question::answered).containsExactly(true, false);
    }

    @Test
    void aLessonKeepsItsLatestQuestionsDroppingAnsweredOnesFirst() throws Exception {
        Question kept = lesson.ask(village1.id(), "the first, unanswered");
        Question answered = lesson.ask(village1.id(), "the second, answered");
        lesson.markAnswered(teacher.id(), answered.id());
        for (int i = 0; i < LiveLesson.MAX_QUESTIONS - 1; i++) {
            lesson.ask(village2.id(), "question " + i);
        }
        assertThat(lesson.questions()).hasSize(LiveLesson.MAX_QUESTIONS);
        assertThat(lesson.questions()).extracting(Question::id).contains(kept.id()).doesNotContain(answered.id());
        lesson.ask(village2.id(), "one more");
        assertThat(lesson.questions()).hasSize(LiveLesson.MAX_QUESTIONS)
                .extracting(Question::id).as("then the oldest").doesNotContain(kept.id());
    }
}
