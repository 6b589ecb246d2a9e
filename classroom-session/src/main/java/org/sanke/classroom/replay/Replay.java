package org.sanke.classroom.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.sanke.classroom.Refused;
import org.sanke.classroom.replay.ReplayState.Move;

/**
 * A lesson's recording as viewers watch it, and where its review stands. Immutable: each move returns the next
 * replay, or is refused (see {@link ReplayState#after}).
 *
 * @param version    the content's number: 1 when created, one more at each trim or re-processing, so that a decision
 *                   names the content it was taken on and a decision on content since changed is refused
 * @param files      null until first processed; null again once purged
 * @param duration   null until first processed
 * @param decidedBy  who took the last decision (approval, rejection or removal), or null; it may concern an earlier
 *                   version when the state is no longer the decided one
 * @param reason     the last rejection's or removal's reason
 * @param error      why the last processing failed, or null
 * @param changedAt  when it entered its state: the review queue is served oldest first
 */
public record Replay(String id, RecordedLesson lesson, ReplayAudience audience, ReplayState state, int version,
                     ReplayFiles files, Duration duration, List<ReplayChapter> chapters, String decidedBy,
                     Instant decidedAt, String reason, String error, Instant changedAt) {
    /** A decision's reason (S19: a rejection says why), as long as a report's reason. */
    public static final int MAX_REASON_LENGTH = 200;
    /** A failure's error is cut to this: enough for an operator, not a whole ffmpeg log. */
    public static final int MAX_ERROR_LENGTH = 500;

    public Replay {
        chapters = chapters == null ? List.of() : List.copyOf(chapters);
    }

    /** A lesson's recording handed to processing. */
    static Replay created(String id, RecordedLesson lesson, ReplayAudience audience, Instant at) {
        return new Replay(id, lesson, audience, ReplayState.PROCESSING, 1, null, null, List.of(), null, null, null,
                null, at);
    }

    /** Whether its audience may watch it: approved, and not reported since. */
    public boolean published() {
        return state == ReplayState.APPROVED;
    }

    Replay processed(ReplayFiles newFiles, Duration newDuration, List<ReplayChapter> newChapters, Instant at)
            throws Refused {
        return withContent(state.after(Move.PROCESSED), version, newFiles, newDuration, newChapters, at);
    }

    Replay failed(String why, Instant at) throws Refused {
        String cut = why == null || why.isBlank() ? "unknown error"
                : why.length() > MAX_ERROR_LENGTH ? why.substring(0, MAX_ERROR_LENGTH) : why;
        return new Replay(id, lesson, audience, state.after(Move.FAIL), version, files, duration, chapters, decidedBy,
                decidedAt, reason, cut, at);
    }

    /** Composed again: new content, so a new version; the old files stay listed until the new ones replace them. */
    Replay reprocessing(Instant at) throws Refused {
        return new Replay(id, lesson, audience, state.after(Move.REPROCESS), version + 1, files, duration, chapters,
                decidedBy, decidedAt, reason, null, at);
    }

    Replay trimmed(ReplayFiles newFiles, Duration newDuration, List<ReplayChapter> newChapters, Instant at)
            throws Refused {
        return withContent(state.after(Move.TRIM), version + 1, newFiles, newDuration, newChapters, at);
    }

    Replay approved(String reviewerId, Instant at) throws Refused {
        return decided(state.after(Move.APPROVE), reviewerId, null, at);
    }

    Replay rejected(String reviewerId, String why, Instant at) throws Refused {
        ReplayState next = state.after(Move.REJECT);
        return decided(next, reviewerId, checkedReason(why), at);
    }

    /** Hidden until reviewed again; a second report leaves it where it is in the queue. */
    Replay reported(Instant at) throws Refused {
        ReplayState next = state.after(Move.REPORT);
        return next == state ? this : new Replay(id, lesson, audience, next, version, files, duration, chapters,
                decidedBy, decidedAt, reason, error, at);
    }

    Replay removed(String by, String why, Instant at) throws Refused {
        ReplayState next = state.after(Move.REMOVE);
        return decided(next, by, checkedReason(why), at);
    }

    /** Its files are gone (deleted by the caller of a retention plan). */
    Replay purged(Instant at) throws Refused {
        return new Replay(id, lesson, audience, state.after(Move.PURGE), version, null, duration, chapters, decidedBy,
                decidedAt, reason, error, at);
    }

    Replay openedTo(ReplayAudience.Opening opening) {
        return new Replay(id, lesson, audience.openedTo(opening), state, version, files, duration, chapters, decidedBy,
                decidedAt, reason, error, changedAt);
    }

    /** A decision's or a report's reason: 1 to {@link #MAX_REASON_LENGTH} characters, stripped. */
    static String checkedReason(String why) throws Refused {
        if (why == null || why.isBlank()) {
            throw new Refused("reason_required", "reason", "a reason is required");
        }
        String stripped = why.strip();
        if (stripped.length() > MAX_REASON_LENGTH) {
            throw new Refused("reason_too_long", "reason", "a reason has at most " + MAX_REASON_LENGTH
                    + " characters, not " + stripped.length());
        }
        return stripped;
    }

    private Replay decided(ReplayState next, String by, String why, Instant at) {
        return new Replay(id, lesson, audience, next, version, files, duration, chapters, by, at, why, error, at);
    }

    private Replay withContent(ReplayState next, int newVersion, ReplayFiles newFiles, Duration newDuration,
                               List<ReplayChapter> newChapters, Instant at) {
        if (newFiles == null || newDuration == null || newDuration.isNegative() || newDuration.isZero()) {
            throw new IllegalArgumentException("a composed replay has its files and a positive duration");
        }
        return new Replay(id, lesson, audience, next, newVersion, newFiles, newDuration, newChapters, decidedBy,
                decidedAt, reason, null, at);
    }
}
