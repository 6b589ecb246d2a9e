package org.sanke.classroom.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanke.classroom.replay.ReplayAudience.mayWatch;
import static org.sanke.classroom.replay.ReplayFixture.creekPupil;
import static org.sanke.classroom.replay.ReplayFixture.reviewer;
import static org.sanke.classroom.replay.ReplayFixture.strangerPupil;
import static org.sanke.classroom.replay.ReplayFixture.teacher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.PersonRole;

/** Who may watch a replay, in which state (S21, S24). */
class ReplayAudienceTest {
    private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");

    private static Replay replay(ReplayState state) {
        return replay(state, LessonMode.DEDICATED, ReplayFixture.audience());
    }

    private static Replay replay(ReplayState state, LessonMode mode, ReplayAudience audience) {
        return new Replay("p1", ReplayFixture.lesson("l1", mode, T), audience, state, 1, ReplayFixture.files(),
                Duration.ofMinutes(40), List.of(), null, null, null, null, T);
    }

    @Test
    void theLessonsClassroomsLearnersAndTheTeachersOfItsSchoolsWatchAnApprovedReplay() {
        Replay approved = replay(ReplayState.APPROVED);
        assertThat(mayWatch(Viewer.classroom("creek-room", "creek"), approved)).as("a classroom of the lesson")
                .isTrue();
        assertThat(mayWatch(creekPupil(), approved)).as("a pupil of a classroom of the lesson").isTrue();
        assertThat(mayWatch(Viewer.person("p-enrolled", PersonRole.LEARNER, "elsewhere", null), approved))
                .as("a learner enrolled on her own").isTrue();
        assertThat(mayWatch(Viewer.person("t-pond", PersonRole.ASSISTANT_TEACHER, "pond", null), approved))
                .as("a teacher of a receiving school").isTrue();
        assertThat(mayWatch(Viewer.person("t-hill", PersonRole.OBSERVER_TEACHER, "hill", null), approved))
                .as("a teacher of the sending school").isTrue();
    }

    @Test
    void nobodyOutsideTheLessonWatchesIt() {
        Replay approved = replay(ReplayState.APPROVED);
        assertThat(mayWatch(strangerPupil(), approved)).isFalse();
        assertThat(mayWatch(Viewer.classroom("far-room", "far"), approved)).isFalse();
        assertThat(mayWatch(Viewer.person("t-far", PersonRole.LEAD_TEACHER, "far", null), approved)).isFalse();
        assertThat(mayWatch(Viewer.person("admin", PersonRole.SCHOOL_ADMIN, "hill", null), approved))
                .as("a school's administrator is no teacher").isFalse();
        assertThat(mayWatch(Viewer.person("mum", PersonRole.GUARDIAN, "creek", "creek-room"), approved))
                .as("a guardian is no learner of the class").isFalse();
        assertThat(mayWatch(Viewer.person("t-creek", PersonRole.LEAD_TEACHER, "creek", "creek-room"), approved))
                .as("a teacher of a school involved").isTrue();
    }

    @Test
    void theAudienceSeesNothingBeforeApprovalNorOnceReportedRejectedOrDeleted() {
        for (ReplayState state : ReplayState.values()) {
            assertThat(mayWatch(creekPupil(), replay(state))).as(state.name())
                    .isEqualTo(state == ReplayState.APPROVED);
            assertThat(mayWatch(Viewer.classroom("creek-room", "creek"), replay(state))).as(state.name())
                    .isEqualTo(state == ReplayState.APPROVED);
        }
    }

    @Test
    void reviewersAndTheLessonsTeacherWatchItInEveryStateButDeleted() {
        for (ReplayState state : ReplayState.values()) {
            assertThat(mayWatch(reviewer(), replay(state))).as(state.name()).isEqualTo(state != ReplayState.DELETED);
            assertThat(mayWatch(teacher(), replay(state))).as(state.name()).isEqualTo(state != ReplayState.DELETED);
        }
        Viewer colleague = Viewer.person("zhao", PersonRole.LEAD_TEACHER, "hill", null);
        assertThat(mayWatch(colleague, replay(ReplayState.PENDING))).as("another teacher of the school").isFalse();
    }

    @Test
    void aFamousSchoolReplayOpenedToSchoolsReachesTheirPeopleAndTerminals() {
        ReplayAudience opened = ReplayFixture.audience().openedTo(new ReplayAudience.OpenToSchools(Set.of("far")));
        Replay open = replay(ReplayState.APPROVED, LessonMode.FAMOUS_SCHOOL, opened);
        assertThat(mayWatch(strangerPupil(), open)).isTrue();
        assertThat(mayWatch(Viewer.classroom("far-room", "far"), open)).isTrue();
        assertThat(mayWatch(Viewer.person("p-x", PersonRole.LEARNER, "other", null), open)).isFalse();
        assertThat(mayWatch(Viewer.person("inspector", PersonRole.INSPECTOR, null, null), open)).isFalse();
        assertThat(mayWatch(strangerPupil(), replay(ReplayState.REPORTED, LessonMode.FAMOUS_SCHOOL, opened)))
                .as("hidden once reported").isFalse();
    }

    @Test
    void aFamousSchoolReplayOpenedToAllReachesEveryoneSignedIn() {
        ReplayAudience opened = ReplayFixture.audience().openedTo(new ReplayAudience.OpenToAllSignedIn());
        Replay open = replay(ReplayState.APPROVED, LessonMode.FAMOUS_SCHOOL, opened);
        assertThat(mayWatch(strangerPupil(), open)).isTrue();
        assertThat(mayWatch(Viewer.person("inspector", PersonRole.INSPECTOR, null, null), open)).isTrue();
        assertThat(mayWatch(Viewer.classroom("far-room", "far"), open)).isTrue();
    }

    @Test
    void anOpeningOnAnotherKindOfLessonOpensNothing() {
        ReplayAudience opened = ReplayFixture.audience().openedTo(new ReplayAudience.OpenToAllSignedIn());
        for (LessonMode mode : List.of(LessonMode.DEDICATED, LessonMode.MASTER_TEACHER)) {
            assertThat(mayWatch(strangerPupil(), replay(ReplayState.APPROVED, mode, opened))).as(mode.name())
                    .isFalse();
            assertThat(mayWatch(creekPupil(), replay(ReplayState.APPROVED, mode, opened))).as(mode.name()).isTrue();
        }
    }
}
