package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Refused;
import org.sanke.classroom.SettableClock;
import org.sanke.classroom.replay.RawRecording;
import org.sanke.classroom.replay.RecordedLesson;
import org.sanke.classroom.replay.Replay;
import org.sanke.classroom.replay.ReplayAudience;
import org.sanke.classroom.replay.ReplayChapter;
import org.sanke.classroom.replay.ReplayFiles;
import org.sanke.classroom.replay.ReplayFixture;
import org.sanke.classroom.replay.ReplayNotice;
import org.sanke.classroom.replay.ReplayReport;
import org.sanke.classroom.replay.ReplayRetention;
import org.sanke.classroom.replay.ReplaySearch;
import org.sanke.classroom.replay.ReplayState;
import org.sanke.classroom.replay.Replays;
import org.sanke.classroom.replay.RetentionPolicy;
import org.sanke.classroom.replay.Viewer;

/** Replays, their reports and raw recordings in the database (S18-S21), run against H2 and PostgreSQL. */
abstract class ReplayStoreContract {
    abstract Database freshDatabase() throws Exception;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T02:00:00.123456Z"),
            ZoneOffset.UTC);
    private JdbcReplayStore store;
    private Replays replays;
    private ReplayRetention retention;

    @BeforeEach
    void setUp() throws Exception {
        store = new JdbcReplayStore(freshDatabase());
        replays = new Replays(store, clock);
        retention = new ReplayRetention(store, RetentionPolicy.defaults(), clock);
    }

    @Test
    void aReplayIsReadBackAsItWasWrittenAtEveryStep() throws Refused {
        Replay created = replays.created(ReplayFixture.lesson("l1", LessonMode.FAMOUS_SCHOOL,
                ReplayFixture.LESSON_START), ReplayFixture.audience());
        assertThat(store.find(created.id())).contains(created);
        assertThat(store.ofLesson("l1")).contains(created);
        clock.advance(Duration.ofMinutes(3));
        Replay pending = replays.processed(created.id(), ReplayFixture.files(), Duration.ofMillis(2_654_321),
                ReplayFixture.chapters());
        assertThat(store.find(created.id())).contains(pending);
        Replay approved = replays.approve(created.id(), 1, ReplayFixture.reviewer()).replay();
        Replay opened = replays.openTo(created.id(), new ReplayAudience.OpenToSchools(Set.of("far", "near")));
        assertThat(store.find(created.id())).contains(opened);
        assertThat(opened.decidedAt()).isEqualTo(approved.decidedAt());
        List<ReplayChapter> cut = List.of(new ReplayChapter(5, ReplayChapter.Kind.SCREEN_SHARE, "幻灯片：天气"));
        Replay trimmed = replays.trimmed(created.id(), new ReplayFiles("l1/v2.mp4", "l1/v2.m3u8", "l1/v2.jpg"),
                Duration.ofMinutes(30), cut);
        assertThat(store.find(created.id())).contains(trimmed);
        Replay rejected = replays.reject(created.id(), 2, ReplayFixture.reviewer(), "还有学生的电话号码").replay();
        assertThat(store.find(created.id())).contains(rejected);
        retention.recorded("l1", "2026/11/l1", ReplayFixture.LESSON_START, clock.instant());
        Replay failed = replays.failed(replays.reprocess(created.id()).id(), "ffmpeg: exit 1");
        assertThat(failed.version()).isEqualTo(3);
        assertThat(store.find(created.id())).contains(failed);
    }

    @Test
    void aLessonHasOneReplayAndAReplayWithoutSubjectOrFilesIsReadBack() {
        RecordedLesson noSubject = new RecordedLesson("l1", "Open lesson", LessonMode.DEDICATED, "hill", "wang",
                "Wang Li", null, ReplayFixture.LESSON_START);
        Replay created = replays.created(noSubject, ReplayAudience.ofLesson(Set.of(), Set.of(), Set.of()));
        assertThat(store.find(created.id())).contains(created);
        assertThat(replays.created(noSubject, ReplayFixture.audience())).isEqualTo(created);
        assertThat(store.add(new Replay("pother", noSubject, ReplayFixture.audience(), ReplayState.PROCESSING, 1,
                null, null, List.of(), null, null, null, null, clock.instant()))).isFalse();
        assertThat(store.find("pother")).isEmpty();
    }

    @Test
    void aChangeOnAStaleReplayChangesNothing() throws Refused {
        Replay created = replays.created(ReplayFixture.lesson(), ReplayFixture.audience());
        Replay pending = replays.processed(created.id(), ReplayFixture.files(), Duration.ofMinutes(40),
                ReplayFixture.chapters());
        Replay approved = replays.approve(created.id(), 1, ReplayFixture.reviewer()).replay();
        // A second reviewer still holding the pending replay.
        Replay rejected = new Replay(pending.id(), pending.lesson(), pending.audience(), ReplayState.REJECTED, 1,
                pending.files(), pending.duration(), pending.chapters(), "rev2", clock.instant(), "late", null,
                clock.instant());
        assertThat(store.replace(pending, rejected)).isFalse();
        assertThat(store.replaceDeciding(pending, rejected)).isEmpty();
        assertThat(store.find(created.id())).contains(approved);
    }

    @Test
    void reportsAreClosedByTheDecisionAndItsReportersTold() throws Refused {
        Replay replay = published("l1", ReplayFixture.LESSON_START);
        Viewer pupil = ReplayFixture.creekPupil();
        replays.report(replay.id(), pupil, "a pupil's phone number on screen");
        clock.advance(Duration.ofSeconds(1));
        replays.report(replay.id(), Viewer.person("p-pond", PersonRole.LEARNER, "pond", "pond-room"), "same");
        assertThat(store.find(replay.id()).orElseThrow().state()).isEqualTo(ReplayState.REPORTED);
        List<ReplayReport> open = store.openReports(replay.id());
        assertThat(open).extracting(ReplayReport::reporterPersonId).containsExactly("p-creek", "p-pond");
        assertThat(open.get(0)).satisfies(r -> {
            assertThat(r.reason()).isEqualTo("a pupil's phone number on screen");
            assertThat(r.version()).isEqualTo(1);
            assertThat(r.open()).isTrue();
        });
        assertThat(replays.library(pupil, ReplaySearch.all(10))).isEmpty();
        assertThat(store.awaitingReview(10)).extracting(Replay::id).containsExactly(replay.id());

        clock.advance(Duration.ofHours(1));
        var decision = replays.reject(replay.id(), 1, ReplayFixture.reviewer(), "personal data on screen");
        assertThat(decision.notices()).extracting(ReplayNotice::reporterPersonId).containsExactly("p-creek",
                "p-pond");
        assertThat(decision.notices()).allSatisfy(n -> {
            assertThat(n.outcome()).isEqualTo(ReplayState.REJECTED);
            assertThat(n.reason()).isEqualTo("personal data on screen");
            assertThat(n.decidedAt()).isEqualTo(decision.replay().decidedAt());
        });
        assertThat(store.openReports(replay.id())).isEmpty();
        assertThat(store.awaitingReview(10)).isEmpty();
    }

    @Test
    void theQueueServesTheLongestWaitingFirst() throws Refused {
        Replay first = pending("l1", ReplayFixture.LESSON_START);
        clock.advance(Duration.ofMinutes(1));
        Replay second = pending("l2", ReplayFixture.LESSON_START.minus(Duration.ofDays(1)));
        clock.advance(Duration.ofMinutes(1));
        Replay reported = published("l3", ReplayFixture.LESSON_START);
        replays.report(reported.id(), ReplayFixture.creekPupil(), "rude");
        replays.created(ReplayFixture.lesson("l4", LessonMode.DEDICATED, ReplayFixture.LESSON_START),
                ReplayFixture.audience());
        assertThat(replays.pendingQueue(10)).extracting(Replay::id).containsExactly(first.id(), second.id(),
                reported.id());
        assertThat(replays.pendingQueue(1)).extracting(Replay::id).containsExactly(first.id());
    }

    @Test
    void theLibraryIsSearchedAndPagedNewestFirst() throws Refused {
        Instant day = ReplayFixture.LESSON_START;
        Replay english = published("l1", day);
        Replay sameStart = published("l2", day);
        Replay later = published("l3", day.plus(Duration.ofDays(1)));
        Replay hidden = pending("l4", day.plus(Duration.ofDays(2)));
        Replay[] sameStartOrder = english.id().compareTo(sameStart.id()) > 0
                ? new Replay[] {english, sameStart} : new Replay[] {sameStart, english};
        assertThat(store.published(ReplaySearch.all(10), null, 10)).containsExactly(later, sameStartOrder[0],
                sameStartOrder[1]);
        assertThat(store.published(ReplaySearch.all(10), later, 1)).containsExactly(sameStartOrder[0]);
        assertThat(store.published(ReplaySearch.all(10), sameStartOrder[0], 10)).containsExactly(sameStartOrder[1]);
        assertThat(store.published(new ReplaySearch("hill", "wang", "English", day, day.plusSeconds(1), 10), null,
                10)).containsExactlyInAnyOrder(english, sameStart);
        assertThat(store.published(new ReplaySearch("creek", null, null, null, null, 10), null, 10)).isEmpty();
        assertThat(store.published(new ReplaySearch(null, "zhao", null, null, null, 10), null, 10)).isEmpty();
        assertThat(store.published(new ReplaySearch(null, null, "Music", null, null, 10), null, 10)).isEmpty();
        assertThat(store.published(new ReplaySearch(null, null, null, day.plusSeconds(1), null, 10), null, 10))
                .containsExactly(later);
        assertThat(replays.library(ReplayFixture.creekPupil(), ReplaySearch.all(10))).hasSize(3)
                .doesNotContain(hidden);
        assertThat(replays.ofTeacher("wang", 10)).hasSize(4).contains(hidden);
    }

    @Test
    void rawRecordingsAndRejectedReplaysAreDueAfterTheRetentionAndNotBefore() throws Refused {
        Instant end = clock.instant();
        RawRecording first = retention.recorded("l1", "2026/11/l1-a", ReplayFixture.LESSON_START, end);
        RawRecording second = retention.recorded("l1", "2026/11/l1-b", ReplayFixture.LESSON_START,
                end.plusSeconds(60));
        retention.recorded("l1", "2026/11/l1-a", end, end.plusSeconds(3));
        assertThat(store.rawRecordings("l1")).containsExactly(first, second);
        Replay rejected = pending("l1", ReplayFixture.LESSON_START);
        rejected = replays.reject(rejected.id(), 1, ReplayFixture.reviewer(), "unsuitable").replay();
        Instant due = rejected.decidedAt().plus(Duration.ofDays(60));
        assertThat(retention.due(due.minusMillis(1)).replayFiles()).isEmpty();
        assertThat(retention.due(end.plus(Duration.ofDays(60))).rawRecordings()).containsExactly(first);
        assertThat(retention.due(end.plus(Duration.ofDays(60)).plusSeconds(60)).rawRecordings())
                .containsExactly(first, second);
        assertThat(retention.due(due).replayFiles()).containsExactly(rejected);

        retention.markDeleted(first);
        assertThat(store.rawRecordings("l1").get(0).deletedAt()).isEqualTo(clock.instant().truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(retention.markPurged(rejected)).isTrue();
        assertThat(retention.markPurged(rejected)).as("changed since").isFalse();
        RetentionPlanView left = new RetentionPlanView(retention, due.plus(Duration.ofDays(1)));
        assertThat(left.raw()).containsExactly("2026/11/l1-b");
        assertThat(left.replays()).isEmpty();
        assertThat(store.find(rejected.id()).orElseThrow().files()).isNull();
    }

    @Test
    void aRemovedReplaysFilesAreListedUntilPurged() throws Refused {
        Replay replay = published("l1", ReplayFixture.LESSON_START);
        Replay removed = replays.remove(replay.id(), "admin", "withdrawn").replay();
        assertThat(store.deletedWithFiles()).containsExactly(removed);
        assertThat(retention.markPurged(removed)).isTrue();
        assertThat(store.deletedWithFiles()).isEmpty();
        assertThat(store.find(replay.id()).orElseThrow().state()).isEqualTo(ReplayState.DELETED);
    }

    /** What a plan lists, by folder and replay id. */
    private record RetentionPlanView(List<String> raw, List<String> replays) {
        RetentionPlanView(ReplayRetention retention, Instant at) {
            this(retention.due(at).rawRecordings().stream().map(RawRecording::directory).toList(),
                    retention.due(at).replayFiles().stream().map(Replay::id).toList());
        }
    }

    private Replay pending(String lessonId, Instant startedAt) throws Refused {
        Replay replay = replays.created(ReplayFixture.lesson(lessonId, LessonMode.DEDICATED, startedAt),
                ReplayFixture.audience());
        return replays.processed(replay.id(), ReplayFixture.files(), Duration.ofMinutes(45),
                ReplayFixture.chapters());
    }

    private Replay published(String lessonId, Instant startedAt) throws Refused {
        return replays.approve(pending(lessonId, startedAt).id(), 1, ReplayFixture.reviewer()).replay();
    }
}
