package org.sanke.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonControls.Feature;
import org.sanke.classroom.LessonControls.Moderation;
import org.sanke.classroom.LessonControls.Source;

/** The lesson's locks, moderation, one-key controls and cut-off, as a state machine (S7, S8, S10, S11, S31). */
class LessonControlsTest {
    private final LiveLesson lesson = new LiveLesson(new Lesson("l", "Chinese", LessonMode.DEDICATED, 6, null),
            JoinPolicy.DEFAULT);
    private final Participant teacher = admit(Role.TEACHER, "Wang", null, "u-teacher");
    private final Participant roomA = admit(Role.CLASSROOM, "Point A", "room-a", null);
    private final Participant roomB = admit(Role.CLASSROOM, "Point B", "room-b", null);
    private final Participant inspector = admit(Role.INSPECTOR, "Staff", null, "u-staff");
    private final LessonControls controls = lesson.controls();

    private Participant admit(Role role, String name, String classroomId, String personId) {
        return ((JoinResult.Admitted) lesson.join(role, name, classroomId, true, personId)).participant();
    }

    /** S7, S8: a lock holds everyone's source but the teacher's, whatever the pages do; unlocking lets it go. */
    @Test
    void locksHoldEveryonesSourceButTheTeachers() throws Exception {
        controls.lock(teacher, Feature.VOICE, true);
        assertThat(controls.forwards(roomA, Source.MICROPHONE)).isFalse();
        assertThat(controls.forwards(roomA, Source.CAMERA)).isTrue();
        assertThat(controls.forwards(teacher, Source.MICROPHONE)).isTrue();
        controls.lock(teacher, Feature.VIDEO, true);
        assertThat(controls.forwards(roomB, Source.CAMERA)).isFalse();
        controls.lock(teacher, Feature.TEXT, true);
        assertThatThrownBy(() -> lesson.checkMayChat(roomA.id())).isInstanceOf(LiveLesson.InteractionRefused.class);
        lesson.checkMayChat(teacher.id()); // the teacher still writes
        controls.lock(teacher, Feature.VOICE, false);
        assertThat(controls.forwards(roomA, Source.MICROPHONE)).isTrue();
        assertThatThrownBy(() -> controls.lock(roomA, Feature.VOICE, false)).as("a classroom unlocks nothing")
                .isInstanceOf(LessonControls.Refused.class);
    }

    /** S7: the lesson lock keeps out new joins but the teacher's and staff's; a ban keeps one identity out. */
    @Test
    void theLessonLockAndABanKeepPeopleOut() throws Exception {
        controls.lock(teacher, Feature.JOINS, true);
        assertThat(lesson.join(Role.CLASSROOM, "Point C", "room-c", false, null))
                .isEqualTo(new JoinResult.Refusal(JoinResult.Reason.LESSON_LOCKED, "the lesson is locked: no new joins"));
        assertThat(lesson.join(Role.INSPECTOR, "Second staff", null, true, "u-staff-2"))
                .isInstanceOf(JoinResult.Admitted.class);
        controls.lock(teacher, Feature.JOINS, false);
        controls.moderate(teacher, roomA, Moderation.BAN);
        lesson.leave(roomA.id());
        assertThat(lesson.join(Role.CLASSROOM, "Point A", "room-a", false, null))
                .extracting(r -> ((JoinResult.Refusal) r).reason()).isEqualTo(JoinResult.Reason.BANNED);
        Participant byLink = admit(Role.CLASSROOM, "By link", null, null);
        assertThatThrownBy(() -> controls.moderate(teacher, byLink, Moderation.BAN)).as("no identity to ban")
                .hasMessageContaining("joined by a link");
    }

    /** S10: moderation by the teacher and staff only; nobody but staff acts on the teacher. */
    @Test
    void onlyTheTeacherAndStaffModerateAndOnlyStaffActOnTheTeacher() throws Exception {
        controls.moderate(teacher, roomA, Moderation.MUTE);
        assertThat(controls.forwards(roomA, Source.MICROPHONE)).isFalse();
        assertThat(controls.forwards(roomB, Source.MICROPHONE)).isTrue();
        controls.moderate(teacher, roomA, Moderation.STOP_VIDEO);
        assertThat(controls.forwards(roomA, Source.CAMERA)).isFalse();
        assertThatThrownBy(() -> controls.moderate(roomB, teacher, Moderation.MUTE))
                .isInstanceOf(LessonControls.Refused.class);
        assertThatThrownBy(() -> controls.moderate(roomB, roomA, Moderation.UNMUTE))
                .isInstanceOf(LessonControls.Refused.class);
        assertThatThrownBy(() -> controls.moderate(teacher, teacher, Moderation.MUTE))
                .isInstanceOf(LessonControls.Refused.class);
        controls.moderate(inspector, teacher, Moderation.MUTE); // staff may
        assertThat(controls.forwards(teacher, Source.MICROPHONE)).as("the teacher is never held by moderation")
                .isTrue();
        controls.moderate(inspector, teacher, Moderation.UNMUTE);
        lesson.leave(roomA.id());
        assertThat(controls.quiet()).as("a mute leaves with its participant").isTrue();
    }

    /** S31: pause holds everything, teacher included; interaction off holds rooms' microphones, hands and text. */
    @Test
    void oneKeyPauseAndInteractionOff() throws Exception {
        lesson.raiseHand(roomA.id());
        controls.interaction(teacher, false);
        lesson.clearHands();
        assertThat(controls.forwards(roomA, Source.MICROPHONE)).isFalse();
        assertThat(controls.forwards(roomA, Source.CAMERA)).isTrue();
        assertThatThrownBy(() -> lesson.raiseHand(roomB.id())).isInstanceOf(LiveLesson.InteractionRefused.class);
        assertThatThrownBy(() -> lesson.ask(roomB.id(), "why?")).isInstanceOf(LiveLesson.InteractionRefused.class);
        assertThatThrownBy(() -> controls.interaction(roomB, true)).as("pupils cannot re-enable it")
                .isInstanceOf(LessonControls.Refused.class);
        controls.interaction(teacher, true);
        assertThat(lesson.raiseHand(roomB.id())).isTrue();
        controls.pause(inspector, true);
        assertThat(controls.forwards(teacher, Source.CAMERA)).isFalse();
        assertThat(controls.forwards(roomA, Source.CAMERA)).isFalse();
        controls.pause(teacher, false);
        assertThat(controls.forwards(teacher, Source.CAMERA)).isTrue();
        lesson.checkMayEnd(inspector.id()); // staff shut a lesson down
        assertThatThrownBy(() -> lesson.checkMayEnd(roomA.id())).isInstanceOf(LiveLesson.InteractionRefused.class);
    }

    /** S11: only staff cut off; a cut-off holds across a rejoin and until staff lift it; a lesson cut holds all. */
    @Test
    void cutOffByStaffOnlyHoldsAcrossRejoinsUntilLifted() throws Exception {
        assertThatThrownBy(() -> controls.cutOff(teacher, roomA, true, "x")).isInstanceOf(LessonControls.Refused.class);
        controls.cutOff(inspector, teacher, true, "unreviewed content");
        assertThat(controls.forwards(teacher, Source.CAMERA)).isFalse();
        assertThat(controls.cutOffReason(teacher)).isEqualTo("unreviewed content");
        lesson.leave(teacher.id());
        Participant back = admit(Role.TEACHER, "Wang", null, "u-teacher");
        assertThat(controls.forwards(back, Source.SCREEN)).as("a rejoin does not escape it").isFalse();
        controls.cutOff(inspector, back, false, null);
        assertThat(controls.forwards(back, Source.CAMERA)).isTrue();
        controls.cutOff(inspector, null, true, "lesson cut");
        assertThat(controls.forwards(roomB, Source.MICROPHONE)).isFalse();
        assertThat(controls.lessonCutOff()).isTrue();
        controls.cutOff(inspector, null, false, null);
        assertThat(controls.quiet()).isTrue();
    }
}
