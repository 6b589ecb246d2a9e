package org.sanke.classroom.replay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where replays, their reports and the raw recordings are kept. Changes are compare-and-set on the state and the
 * version, so that two reviewers deciding at once, or a trim during a review, never overwrite each other.
 */
public interface ReplayStore {
    /** Adds a new replay; false (and nothing changed) when its lesson has one already. */
    boolean add(Replay replay);

    Optional<Replay> find(String id);

    Optional<Replay> ofLesson(String lessonId);

    /** Puts {@code next} in place of {@code expected}; false when the stored one's state or version changed since. */
    boolean replace(Replay expected, Replay next);

    /** As {@link #replace}, and files {@code report} with it, both or neither. */
    boolean replaceReporting(Replay expected, Replay next, ReplayReport report);

    /**
     * As {@link #replace}, and closes the open reports with {@code next}'s state at {@code next.decidedAt()}, both or
     * neither; the reports it closed, or empty when the replay changed since.
     */
    Optional<List<ReplayReport>> replaceDeciding(Replay expected, Replay next);

    /** The reports not yet decided, oldest first. */
    List<ReplayReport> openReports(String replayId);

    /** PENDING and REPORTED replays, the longest waiting first. */
    List<Replay> awaitingReview(int limit);

    /**
     * APPROVED replays matching {@code search}, newest lesson first (then by id, descending), starting after
     * {@code after} (null: from the newest), at most {@code limit}.
     */
    List<Replay> published(ReplaySearch search, Replay after, int limit);

    /** A teacher's replays in every state but DELETED, newest lesson first. */
    List<Replay> ofTeacher(String teacherPersonId, int limit);

    /** REJECTED replays decided at or before {@code instant} whose files are still listed. */
    List<Replay> rejectedBy(Instant instant);

    /** DELETED replays whose files are still listed. */
    List<Replay> deletedWithFiles();

    /** Records a raw recording's folder; a folder recorded already is left as it is. */
    void addRawRecording(RawRecording recording);

    /** A lesson's raw recordings, deleted ones too. */
    List<RawRecording> rawRecordings(String lessonId);

    /** Raw recordings still kept that ended at or before {@code instant}. */
    List<RawRecording> rawRecordingsEndedBy(Instant instant);

    void rawRecordingDeleted(String directory, Instant at);
}
