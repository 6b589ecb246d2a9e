package org.sanke.classroom.replay;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Refused;

/**
 * Replays from recording to review and publication (S19, S20, S21): the composing job reports here, reviewers decide
 * here, viewers search and report here. Who may ask is the access rules' business, except what this package
 * guarantees itself: only reviewers decide, and viewers see only what {@link ReplayAudience#mayWatch} lets them.
 * Blocking (store calls): call it from workers, never from an event loop or a lesson's loop. Thread-safe: every
 * change is compare-and-set in the store, and one that lost a race is refused with {@code replay_changed}.
 */
public final class Replays {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Library pages read to fill one answer, at most: a viewer sees few of the replays of a large platform. */
    private static final int MAX_LIBRARY_PAGES = 20;

    private final ReplayStore store;
    private final Clock clock;

    public Replays(ReplayStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A lesson's recording handed to processing: a new replay, PROCESSING. Asked again for the same lesson (after a
     * restart), the replay it has already.
     */
    public Replay created(RecordedLesson lesson, ReplayAudience audience) {
        Replay replay = Replay.created(newId("p"), lesson, audience, now());
        if (store.add(replay)) {
            return replay;
        }
        return store.ofLesson(lesson.lessonId()).orElseThrow(() -> new IllegalStateException(
                "the replay of lesson " + lesson.lessonId() + " could be neither added nor found"));
    }

    /** The composing job finished: now PENDING, for reviewers. */
    public Replay processed(String id, ReplayFiles files, Duration duration, List<ReplayChapter> chapters)
            throws Refused {
        Replay replay = replay(id);
        return replaced(replay, replay.processed(files, duration, chapters, now()));
    }

    /** The composing job failed, with its error (cut to {@link Replay#MAX_ERROR_LENGTH}). */
    public Replay failed(String id, String error) throws Refused {
        Replay replay = replay(id);
        return replaced(replay, replay.failed(error, now()));
    }

    /**
     * Compose it again (a failure retried, or a better composition): PROCESSING, a new version. Refused with
     * {@code raw_recording_gone} once the lesson's raw recordings were deleted.
     */
    public Replay reprocess(String id) throws Refused {
        Replay replay = replay(id);
        Replay next = replay.reprocessing(now());
        if (store.rawRecordings(replay.lesson().lessonId()).stream().noneMatch(RawRecording::kept)) {
            throw new Refused("raw_recording_gone", "the lesson's raw recording is no longer kept");
        }
        return replaced(replay, next);
    }

    /** The teacher cut it (the caller made the new files): back to PENDING, a new version, reviewed again. */
    public Replay trimmed(String id, ReplayFiles files, Duration duration, List<ReplayChapter> chapters)
            throws Refused {
        Replay replay = replay(id);
        return replaced(replay, replay.trimmed(files, duration, chapters, now()));
    }

    /**
     * A reviewer publishes {@code version} of a PENDING replay, or keeps a REPORTED one published; the reporters
     * are to be told.
     */
    public ReviewDecision approve(String id, int version, Viewer reviewer) throws Refused {
        Replay replay = reviewing(id, version, reviewer);
        return decided(replay, replay.approved(reviewer.personId(), now()));
    }

    /** A reviewer refuses {@code version}, saying why (1 to 200 characters); the reporters are to be told. */
    public ReviewDecision reject(String id, int version, Viewer reviewer, String reason) throws Refused {
        Replay replay = reviewing(id, version, reviewer);
        return decided(replay, replay.rejected(reviewer.personId(), reason, now()));
    }

    /**
     * Staff take a replay down, saying why: DELETED, its files due for deletion at once, open reports closed. The
     * caller checks who may (a platform administrator or a reviewer, as the access rules say).
     */
    public ReviewDecision remove(String id, String by, String reason) throws Refused {
        Replay replay = replay(id);
        return decided(replay, replay.removed(by, reason, now()));
    }

    /**
     * A viewer reports a replay they may watch: it is hidden from its audience until a reviewer decides again (S20).
     * One open report per person and replay.
     */
    public Replay report(String id, Viewer reporter, String reason) throws Refused {
        if (reporter.personId() == null) {
            throw new Refused("reporter_not_a_person", "reporter", "a report is filed by a person, who is told the"
                    + " outcome");
        }
        Replay replay = replay(id);
        if (!replay.audience().includes(reporter, replay.lesson().mode())
                && !ReplayAudience.mayWatch(reporter, replay)) {
            throw notFound(id);
        }
        String why = Replay.checkedReason(reason);
        Replay next = replay.reported(now());
        if (store.openReports(id).stream().anyMatch(r -> r.reporterPersonId().equals(reporter.personId()))) {
            throw new Refused("replay_already_reported", "you have reported this replay already");
        }
        ReplayReport filed = new ReplayReport(newId("x"), id, replay.version(), reporter.personId(), why, now(),
                null, null);
        if (!store.replaceReporting(replay, next, filed)) {
            throw changed(id);
        }
        return next;
    }

    /** An administrator opens a famous-school replay beyond its lesson, or closes it again; no new review. */
    public Replay openTo(String id, ReplayAudience.Opening opening) throws Refused {
        Replay replay = replay(id);
        if (replay.lesson().mode() != LessonMode.FAMOUS_SCHOOL && !(opening instanceof ReplayAudience.LessonOnly)) {
            throw new Refused("replay_not_open_lesson", "opening", "only a famous-school lesson's replay is opened"
                    + " beyond its lesson");
        }
        return replaced(replay, replay.openedTo(opening));
    }

    public Optional<Replay> find(String id) {
        return store.find(id);
    }

    /** The replay if {@code viewer} may watch it now; empty otherwise, as if there were none (S21). */
    public Optional<Replay> watchable(String id, Viewer viewer) {
        return store.find(id).filter(r -> ReplayAudience.mayWatch(viewer, r));
    }

    /** PENDING and REPORTED replays, the longest waiting first. */
    public List<Replay> pendingQueue(int limit) {
        return store.awaitingReview(limit);
    }

    /** The open reports on a replay, for its reviewer. */
    public List<ReplayReport> reports(String id) {
        return store.openReports(id);
    }

    /** A teacher's own replays, every state but deleted, newest lesson first. */
    public List<Replay> ofTeacher(String teacherPersonId, int limit) {
        return store.ofTeacher(teacherPersonId, limit);
    }

    /** Published replays matching {@code search} that {@code viewer} may watch, newest lesson first. */
    public List<Replay> library(Viewer viewer, ReplaySearch search) {
        List<Replay> found = new ArrayList<>();
        Replay after = null;
        int page = Math.max(50, search.limit());
        for (int pages = 0; pages < MAX_LIBRARY_PAGES && found.size() < search.limit(); pages++) {
            List<Replay> candidates = store.published(search, after, page);
            for (Replay r : candidates) {
                if (found.size() < search.limit() && ReplayAudience.mayWatch(viewer, r)) {
                    found.add(r);
                }
            }
            if (candidates.size() < page) {
                break;
            }
            after = candidates.get(candidates.size() - 1);
        }
        return found;
    }

    private Replay reviewing(String id, int version, Viewer reviewer) throws Refused {
        if (reviewer.role() != PersonRole.REVIEWER) {
            throw new Refused("not_a_reviewer", "only a reviewer decides on a replay");
        }
        Replay replay = replay(id);
        if (replay.version() != version) {
            throw new Refused("replay_changed", "version", "the replay changed since version " + version
                    + "; it is at version " + replay.version());
        }
        return replay;
    }

    private ReviewDecision decided(Replay replay, Replay next) throws Refused {
        List<ReplayReport> closed = store.replaceDeciding(replay, next).orElseThrow(() -> changed(replay.id()));
        List<ReplayNotice> notices = closed.stream().map(r -> new ReplayNotice(r.reporterPersonId(), next.id(),
                next.lesson().title(), next.state(), next.state() == ReplayState.APPROVED ? null : next.reason(),
                next.decidedAt())).toList();
        return new ReviewDecision(next, notices);
    }

    private Replay replaced(Replay replay, Replay next) throws Refused {
        if (!store.replace(replay, next)) {
            throw changed(replay.id());
        }
        return next;
    }

    private Replay replay(String id) throws Refused {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private static Refused notFound(String id) {
        return new Refused("replay_not_found", "no replay has the id " + id);
    }

    private static Refused changed(String id) {
        return new Refused("replay_changed", "replay " + id + " changed meanwhile; read it again");
    }

    /** Times as the database keeps them (PostgreSQL: microseconds), so that what is read back equals what was made. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String newId(String prefix) {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        return prefix + HexFormat.of().formatHex(id);
    }
}
