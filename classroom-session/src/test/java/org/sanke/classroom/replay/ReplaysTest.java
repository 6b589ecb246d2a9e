package org.sanke.classroom.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanke.classroom.replay.ReplayFixture.creekPupil;
import static org.sanke.classroom.replay.ReplayFixture.reviewer;
import static org.sanke.classroom.replay.ReplayFixture.strangerPupil;
import static org.sanke.classroom.replay.ReplayFixture.teacher;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Refused;
import org.sanke.classroom.SettableClock;

/** A replay from recording to review, publication, report and re-review (S19, S20, S21). */
class ReplaysTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T02:00:00.123456789Z"),
            ZoneOffset.UTC);
    private final MemoryReplayStore store = new MemoryReplayStore();
    private final Replays replays = new Replays(store, clock);
    private final Viewer otherPupil = Viewer.person("p-pond", PersonRole.LEARNER, "pond", "pond-room");

    @Test
    void aRecordingIsProcessedReviewedAndThenPublishedToItsAudienceOnly() throws Refused {
        Replay created = replays.created(ReplayFixture.lesson(), ReplayFixture.audience());
        assertThat(created.state()).isEqualTo(ReplayState.PROCESSING);
        assertThat(created.changedAt()).as("kept to the millisecond, as stored")
                .isEqualTo(Instant.parse("2026-11-30T02:00:00.123Z"));
        assertThat(replays.created(ReplayFixture.lesson(), ReplayFixture.audience()).id())
                .as("asked again after a restart").isEqualTo(created.id());

        clock.advance(Duration.ofMinutes(5));
        Replay pending = replays.processed(created.id(), ReplayFixture.files(), Duration.ofMinutes(44),
                ReplayFixture.chapters());
        assertThat(pending.state()).isEqualTo(ReplayState.PENDING);
        assertThat(pending.chapters()).isEqualTo(ReplayFixture.chapters());
        assertThat(replays.pendingQueue(10)).extracting(Replay::id).containsExactly(created.id());
        assertThat(replays.watchable(created.id(), creekPupil())).as("unreviewed").isEmpty();
        assertThat(replays.watchable(created.id(), teacher())).isPresent();
        assertThat(replays.library(creekPupil(), ReplaySearch.all(10))).isEmpty();

        ReviewDecision approved = replays.approve(created.id(), 1, reviewer());
        assertThat(approved.replay().state()).isEqualTo(ReplayState.APPROVED);
        assertThat(approved.replay().decidedBy()).isEqualTo("rev");
        assertThat(approved.notices()).isEmpty();
        assertThat(replays.pendingQueue(10)).isEmpty();
        assertThat(replays.watchable(created.id(), creekPupil())).contains(approved.replay());
        assertThat(replays.watchable(created.id(), strangerPupil())).isEmpty();
        assertThat(replays.library(creekPupil(), ReplaySearch.all(10))).containsExactly(approved.replay());
        assertThat(replays.library(strangerPupil(), ReplaySearch.all(10))).isEmpty();
    }

    @Test
    void onlyAReviewerDecidesAndOnlyOnTheVersionTheyWatched() throws Refused {
        Replay pending = pending("l1");
        assertRefused(() -> replays.approve(pending.id(), 1, teacher()), "not_a_reviewer");
        assertRefused(() -> replays.approve(pending.id(), 2, reviewer()), "replay_changed");
        assertRefused(() -> replays.approve("nope", 1, reviewer()), "replay_not_found");
        assertRefused(() -> replays.reject(pending.id(), 1, reviewer(), " "), "reason_required");
        ReviewDecision rejected = replays.reject(pending.id(), 1, reviewer(), "pupils' faces in close-up");
        assertThat(rejected.replay().state()).isEqualTo(ReplayState.REJECTED);
        assertThat(rejected.replay().reason()).isEqualTo("pupils' faces in close-up");
        assertRefused(() -> replays.approve(pending.id(), 1, reviewer()), "replay_not_pending");
    }

    @Test
    void everyChangeGoesBackToReviewAndADecisionOnTheOldVersionIsRefused() throws Refused {
        Replay pending = pending("l1");
        replays.approve(pending.id(), 1, reviewer());
        Replay trimmed = replays.trimmed(pending.id(), new ReplayFiles("l1/v2.mp4", "l1/v2.m3u8", "l1/v2.jpg"),
                Duration.ofMinutes(30), ReplayFixture.chapters().subList(0, 1));
        assertThat(trimmed.state()).isEqualTo(ReplayState.PENDING);
        assertThat(trimmed.version()).isEqualTo(2);
        assertThat(replays.watchable(pending.id(), creekPupil())).as("the cut is unreviewed").isEmpty();
        assertRefused(() -> replays.approve(pending.id(), 1, reviewer()), "replay_changed");
        assertThat(replays.approve(pending.id(), 2, reviewer()).replay().files().mp4()).isEqualTo("l1/v2.mp4");
    }

    @Test
    void aFailureIsRetriedWhileTheRawRecordingIsKept() throws Refused {
        Replay created = replays.created(ReplayFixture.lesson(), ReplayFixture.audience());
        Replay failed = replays.failed(created.id(), "ffmpeg: moov atom not found");
        assertThat(failed.state()).isEqualTo(ReplayState.FAILED);
        assertThat(failed.error()).isEqualTo("ffmpeg: moov atom not found");
        assertRefused(() -> replays.reprocess(created.id()), "raw_recording_gone");
        ReplayRetention retention = new ReplayRetention(store, RetentionPolicy.defaults(), clock);
        RawRecording raw = retention.recorded("l1", "2026/l1", ReplayFixture.LESSON_START, clock.instant());
        Replay again = replays.reprocess(created.id());
        assertThat(again.state()).isEqualTo(ReplayState.PROCESSING);
        assertThat(again.version()).isEqualTo(2);
        assertThat(again.error()).isNull();
        assertRefused(() -> replays.reprocess(created.id()), "replay_processing");
        replays.failed(created.id(), "again");
        retention.markDeleted(raw);
        assertRefused(() -> replays.reprocess(created.id()), "raw_recording_gone");
    }

    @Test
    void aReportHidesItUntilReviewedAndTheReportersAreToldTheOutcome() throws Refused {
        Replay replay = published("l1");
        assertRefused(() -> replays.report(replay.id(), strangerPupil(), "rude"), "replay_not_found");
        assertRefused(() -> replays.report(replay.id(), Viewer.classroom("creek-room", "creek"), "rude"),
                "reporter_not_a_person");
        assertRefused(() -> replays.report(replay.id(), creekPupil(), ""), "reason_required");

        Replay reported = replays.report(replay.id(), creekPupil(), "a classmate's phone number is shown");
        assertThat(reported.state()).isEqualTo(ReplayState.REPORTED);
        assertThat(replays.watchable(replay.id(), otherPupil)).as("hidden from the audience").isEmpty();
        assertThat(replays.library(otherPupil, ReplaySearch.all(10))).isEmpty();
        assertThat(replays.watchable(replay.id(), reviewer())).isPresent();
        assertThat(replays.pendingQueue(10)).extracting(Replay::id).containsExactly(replay.id());
        assertRefused(() -> replays.report(replay.id(), creekPupil(), "again"), "replay_already_reported");
        replays.report(replay.id(), otherPupil, "same");
        assertThat(replays.reports(replay.id())).extracting(ReplayReport::reporterPersonId)
                .containsExactly("p-creek", "p-pond");

        clock.advance(Duration.ofHours(2));
        ReviewDecision rejected = replays.reject(replay.id(), 1, reviewer(), "personal data on screen");
        assertThat(rejected.notices()).containsExactly(
                new ReplayNotice("p-creek", replay.id(), "English, grade 4", ReplayState.REJECTED,
                        "personal data on screen", rejected.replay().decidedAt()),
                new ReplayNotice("p-pond", replay.id(), "English, grade 4", ReplayState.REJECTED,
                        "personal data on screen", rejected.replay().decidedAt()));
        assertThat(replays.reports(replay.id())).isEmpty();
        assertThat(replays.watchable(replay.id(), creekPupil())).isEmpty();
    }

    @Test
    void aReportedReplayKeptByTheReviewerPlaysAgainAndTheReporterIsToldItStays() throws Refused {
        Replay replay = published("l1");
        replays.report(replay.id(), creekPupil(), "I do not like it");
        ReviewDecision kept = replays.approve(replay.id(), 1, reviewer());
        assertThat(kept.replay().state()).isEqualTo(ReplayState.APPROVED);
        assertThat(kept.notices()).singleElement().satisfies(n -> {
            assertThat(n.reporterPersonId()).isEqualTo("p-creek");
            assertThat(n.outcome()).isEqualTo(ReplayState.APPROVED);
            assertThat(n.reason()).isNull();
        });
        assertThat(replays.watchable(replay.id(), otherPupil)).isPresent();
        assertThat(replays.reports(replay.id())).isEmpty();
        assertThat(replays.report(replay.id(), creekPupil(), "still do not like it").state())
                .as("a decided report is no longer open").isEqualTo(ReplayState.REPORTED);
    }

    @Test
    void aReportOutlivesATrimAndIsAnsweredByTheNextDecision() throws Refused {
        Replay replay = published("l1");
        replays.report(replay.id(), creekPupil(), "a pupil's face in close-up");
        replays.trimmed(replay.id(), ReplayFixture.files(), Duration.ofMinutes(40), ReplayFixture.chapters());
        assertThat(replays.reports(replay.id())).hasSize(1);
        ReviewDecision decision = replays.approve(replay.id(), 2, reviewer());
        assertThat(decision.notices()).extracting(ReplayNotice::outcome).containsExactly(ReplayState.APPROVED);
    }

    @Test
    void aRemovalIsADecisionTooAndTellsTheReporters() throws Refused {
        Replay replay = published("l1");
        replays.report(replay.id(), creekPupil(), "unsuitable");
        assertRefused(() -> replays.remove(replay.id(), "admin", ""), "reason_required");
        ReviewDecision removed = replays.remove(replay.id(), "admin", "the school withdrew its consent");
        assertThat(removed.replay().state()).isEqualTo(ReplayState.DELETED);
        assertThat(removed.notices()).extracting(ReplayNotice::outcome).containsExactly(ReplayState.DELETED);
        assertThat(replays.watchable(replay.id(), reviewer())).isEmpty();
        assertThat(replays.watchable(replay.id(), teacher())).isEmpty();
        assertThat(replays.ofTeacher("wang", 10)).isEmpty();
        assertRefused(() -> replays.trimmed(replay.id(), ReplayFixture.files(), Duration.ofMinutes(1),
                ReplayFixture.chapters()), "replay_deleted");
    }

    @Test
    void onlyAFamousSchoolReplayIsOpenedBeyondItsLesson() throws Refused {
        Replay dedicated = published("l1");
        assertRefused(() -> replays.openTo(dedicated.id(), new ReplayAudience.OpenToAllSignedIn()),
                "replay_not_open_lesson");
        Replay open = replays.created(ReplayFixture.lesson("l2", LessonMode.FAMOUS_SCHOOL,
                ReplayFixture.LESSON_START), ReplayFixture.audience());
        replays.processed(open.id(), ReplayFixture.files(), Duration.ofMinutes(40), ReplayFixture.chapters());
        replays.approve(open.id(), 1, reviewer());
        assertThat(replays.watchable(open.id(), strangerPupil())).isEmpty();
        Replay opened = replays.openTo(open.id(), new ReplayAudience.OpenToSchools(Set.of("far")));
        assertThat(opened.state()).as("no new review").isEqualTo(ReplayState.APPROVED);
        assertThat(replays.watchable(open.id(), strangerPupil())).isPresent();
        replays.openTo(open.id(), new ReplayAudience.LessonOnly());
        assertThat(replays.watchable(open.id(), strangerPupil())).isEmpty();
    }

    @Test
    void theLibraryIsSearchedBySchoolTeacherSubjectAndDate() throws Refused {
        Instant day = ReplayFixture.LESSON_START;
        Replay english = published(new RecordedLesson("l1", "English, grade 4", LessonMode.DEDICATED, "hill", "wang",
                "Wang Li", "English", day));
        Replay music = published(new RecordedLesson("l2", "Music, grade 4", LessonMode.DEDICATED, "hill", "zhao",
                "Zhao Min", "Music", day.plus(Duration.ofDays(1))));
        Replay art = published(new RecordedLesson("l3", "Art, grade 4", LessonMode.DEDICATED, "creek", "liu",
                "Liu Yang", null, day.plus(Duration.ofDays(2))));
        Viewer pupil = creekPupil();
        assertThat(replays.library(pupil, ReplaySearch.all(10))).as("newest first")
                .containsExactly(art, music, english);
        assertThat(replays.library(pupil, ReplaySearch.all(2))).containsExactly(art, music);
        assertThat(replays.library(pupil, new ReplaySearch("hill", null, null, null, null, 10)))
                .containsExactly(music, english);
        assertThat(replays.library(pupil, new ReplaySearch(null, "zhao", null, null, null, 10)))
                .containsExactly(music);
        assertThat(replays.library(pupil, new ReplaySearch(null, null, "English", null, null, 10)))
                .containsExactly(english);
        assertThat(replays.library(pupil, new ReplaySearch(null, null, null, day.plus(Duration.ofDays(1)),
                day.plus(Duration.ofDays(2)), 10))).as("from inclusive, until exclusive").containsExactly(music);
    }

    @Test
    void theLibraryReadsPastPagesTheViewerMayNotWatch() throws Refused {
        Replay mine = published(ReplayFixture.lesson("mine", LessonMode.DEDICATED, ReplayFixture.LESSON_START));
        ReplayAudience elsewhere = ReplayAudience.ofLesson(Set.of("x-room"), Set.of(), Set.of("x"));
        for (int i = 0; i < 120; i++) {
            Replay other = replays.created(ReplayFixture.lesson("other" + i, LessonMode.DEDICATED,
                    ReplayFixture.LESSON_START.plus(Duration.ofHours(i + 1))), elsewhere);
            replays.processed(other.id(), ReplayFixture.files(), Duration.ofMinutes(40), ReplayFixture.chapters());
            replays.approve(other.id(), 1, reviewer());
        }
        assertThat(replays.library(creekPupil(), ReplaySearch.all(5))).containsExactly(mine);
        assertThat(replays.library(Viewer.classroom("x-room", "x"), ReplaySearch.all(200))).hasSize(120);
    }

    private Replay pending(String lessonId) throws Refused {
        Replay replay = replays.created(ReplayFixture.lesson(lessonId, LessonMode.DEDICATED,
                ReplayFixture.LESSON_START), ReplayFixture.audience());
        return replays.processed(replay.id(), ReplayFixture.files(), Duration.ofMinutes(45),
                ReplayFixture.chapters());
    }

    private Replay published(String lessonId) throws Refused {
        return replays.approve(pending(lessonId).id(), 1, reviewer()).replay();
    }

    private Replay published(RecordedLesson lesson) throws Refused {
        Replay replay = replays.created(lesson, ReplayFixture.audience());
        replays.processed(replay.id(), ReplayFixture.files(), Duration.ofMinutes(45), ReplayFixture.chapters());
        return replays.approve(replay.id(), 1, reviewer()).replay();
    }

    private static void assertRefused(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(Refused.class)
                .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(code));
    }
}
