package org.sanke.classroom.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Refused;
import org.sanke.classroom.SettableClock;

/** What the retention deletes, and when (S18: raw recordings at least 60 days; S19: rejected replays' files). */
class ReplayRetentionTest {
    private static final Instant LESSON_END = ReplayFixture.LESSON_START.plus(Duration.ofMinutes(45));

    private final SettableClock clock = new SettableClock(LESSON_END, ZoneOffset.UTC);
    private final MemoryReplayStore store = new MemoryReplayStore();
    private final Replays replays = new Replays(store, clock);
    private final ReplayRetention retention = new ReplayRetention(store, RetentionPolicy.defaults(), clock);

    @Test
    void lessThan60DaysIsRefusedAndMoreIsAllowed() {
        assertThatThrownBy(() -> RetentionPolicy.ofDays(59)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("raw lesson recordings are kept at least 60 days (S18), not 59 days");
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ofDays(60).minusSeconds(1)))
                .as("not a second less").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RetentionPolicy.defaults().rawRecordings()).isEqualTo(Duration.ofDays(60));
        assertThat(RetentionPolicy.ofDays(400).rawRecordings()).isEqualTo(Duration.ofDays(400));
    }

    @Test
    void aRawRecordingIsDueSixtyDaysAfterItEndedAndNotASecondBefore() {
        RawRecording raw = retention.recorded("l1", "2026/l1-a", ReplayFixture.LESSON_START, LESSON_END);
        assertThat(retention.due(LESSON_END.plus(Duration.ofDays(60)).minusSeconds(1)).isEmpty()).isTrue();
        RetentionPlan due = retention.due(LESSON_END.plus(Duration.ofDays(60)));
        assertThat(due.rawRecordings()).containsExactly(raw);
        assertThat(due.replayFiles()).isEmpty();
    }

    @Test
    void aLongerPolicyKeepsThemLonger() {
        ReplayRetention longer = new ReplayRetention(store, RetentionPolicy.ofDays(90), clock);
        longer.recorded("l1", "2026/l1-a", ReplayFixture.LESSON_START, LESSON_END);
        assertThat(longer.due(LESSON_END.plus(Duration.ofDays(89))).isEmpty()).isTrue();
        assertThat(longer.due(LESSON_END.plus(Duration.ofDays(90))).rawRecordings()).hasSize(1);
    }

    @Test
    void aDeletedFolderIsDueNoMoreAndTheClockIsInjected() {
        RawRecording raw = retention.recorded("l1", "2026/l1-a", ReplayFixture.LESSON_START, LESSON_END);
        clock.advance(Duration.ofDays(59));
        assertThat(retention.due().isEmpty()).isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(retention.due().rawRecordings()).containsExactly(raw);
        retention.markDeleted(raw);
        assertThat(retention.due().isEmpty()).isTrue();
        assertThat(store.rawRecordings("l1")).singleElement()
                .satisfies(r -> assertThat(r.deletedAt()).isEqualTo(clock.instant()));
    }

    @Test
    void aLessonsRawRecordingIsKeptWhileItsReplayIsComposedFromIt() throws Refused {
        retention.recorded("l1", "2026/l1-a", ReplayFixture.LESSON_START, LESSON_END);
        Replay replay = replays.created(ReplayFixture.lesson(), ReplayFixture.audience());
        Instant later = LESSON_END.plus(Duration.ofDays(61));
        assertThat(retention.due(later).rawRecordings()).isEmpty();
        replays.failed(replay.id(), "ffmpeg exited with 1");
        assertThat(retention.due(later).rawRecordings()).hasSize(1);
    }

    @Test
    void aRejectedReplaysFilesAreDueSixtyDaysAfterTheRejectionAndAnApprovedOnesNever() throws Refused {
        Replay rejected = pending("l1");
        Replay approved = pending("l2");
        clock.advance(Duration.ofDays(1));
        rejected = replays.reject(rejected.id(), 1, ReplayFixture.reviewer(), "the teacher reads a pupil's record")
                .replay();
        replays.approve(approved.id(), 1, ReplayFixture.reviewer());
        Instant rejectedAt = clock.instant();
        assertThat(retention.due(rejectedAt.plus(Duration.ofDays(60)).minusMillis(1)).replayFiles()).isEmpty();
        assertThat(retention.due(rejectedAt.plus(Duration.ofDays(60))).replayFiles()).containsExactly(rejected);
        assertThat(retention.due(rejectedAt.plus(Duration.ofDays(3650))).replayFiles()).containsExactly(rejected);
    }

    @Test
    void aPurgedReplayIsDeletedAndAReplayChangedSinceThePlanKeepsItsFiles() throws Refused {
        Replay first = pending("l1");
        Replay second = pending("l2");
        replays.reject(first.id(), 1, ReplayFixture.reviewer(), "unsuitable");
        replays.reject(second.id(), 1, ReplayFixture.reviewer(), "unsuitable");
        clock.advance(Duration.ofDays(60));
        RetentionPlan plan = retention.due();
        assertThat(plan.replayFiles()).hasSize(2);
        // The teacher trims the second after the plan was made: its new files are not to be deleted.
        replays.trimmed(second.id(), ReplayFixture.files(), Duration.ofMinutes(30), ReplayFixture.chapters());
        assertThat(retention.markPurged(plan.replayFiles().get(0))).isTrue();
        assertThat(retention.markPurged(plan.replayFiles().get(1))).isFalse();
        assertThat(store.find(first.id()).orElseThrow()).satisfies(r -> {
            assertThat(r.state()).isEqualTo(ReplayState.DELETED);
            assertThat(r.files()).isNull();
        });
        assertThat(store.find(second.id()).orElseThrow().state()).isEqualTo(ReplayState.PENDING);
        assertThat(retention.due().isEmpty()).isTrue();
    }

    @Test
    void aRemovedReplaysFilesAreDueAtOnce() throws Refused {
        Replay replay = pending("l1");
        replays.approve(replay.id(), 1, ReplayFixture.reviewer());
        replays.remove(replay.id(), "admin", "the school withdrew its consent");
        RetentionPlan plan = retention.due();
        assertThat(plan.replayFiles()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(replay.id());
            assertThat(r.files()).isEqualTo(ReplayFixture.files());
        });
        assertThat(retention.markPurged(plan.replayFiles().get(0))).isTrue();
        assertThat(retention.due().isEmpty()).isTrue();
    }

    private Replay pending(String lessonId) throws Refused {
        Replay replay = replays.created(ReplayFixture.lesson(lessonId, org.sanke.classroom.LessonMode.DEDICATED,
                ReplayFixture.LESSON_START), ReplayFixture.audience());
        return replays.processed(replay.id(), ReplayFixture.files(), Duration.ofMinutes(45), ReplayFixture.chapters());
    }
}
