package org.sanke.classroom.replay;

import org.sanke.classroom.Refused;

/**
 * Where a replay stands (S19, S20). Nothing is watched by learners before a reviewer approves it, and every change of
 * its content sends it back to review ("上线必审、更新必审"). The whole table of moves is here, in {@link #after}.
 *
 * <ul>
 * <li>PROCESSING: processed → PENDING; fail → FAILED</li>
 * <li>PENDING: approve → APPROVED; reject (with a reason) → REJECTED; trim → PENDING (a new version)</li>
 * <li>APPROVED: report → REPORTED (hidden); trim → PENDING</li>
 * <li>REPORTED: approve → APPROVED (kept); reject → REJECTED; report → REPORTED; trim → PENDING</li>
 * <li>REJECTED: trim → PENDING; purge (its files deleted by the retention) → DELETED</li>
 * <li>reprocess → PROCESSING (a new version) from every state but PROCESSING and DELETED; remove → DELETED
 * likewise; DELETED allows only purge (the files of a removed replay)</li>
 * </ul>
 */
public enum ReplayState {
    /** The recording is being composed into a replay (ffmpeg); nothing to watch yet. */
    PROCESSING,
    /** Composed, waiting for a reviewer; only reviewers and its teacher see it. */
    PENDING,
    /** Composing failed; the error is kept, and it may be processed again. */
    FAILED,
    /** Published to its audience. */
    APPROVED,
    /**
     * Approved, then reported by a viewer: hidden from its audience until a reviewer decides again (S20). A state of
     * its own rather than a flag on APPROVED, so that "plays for its audience" is one test ({@code == APPROVED}) and
     * no flag can be left set on a state where it means nothing.
     */
    REPORTED,
    /** Refused by a reviewer, with the reason; hidden, its files deleted after the raw recordings' retention. */
    REJECTED,
    /** Taken down or purged: nobody watches it; the row stays as the record of what was reviewed. */
    DELETED;

    /** What may happen to a replay. */
    public enum Move {
        /** The composing job finished. */
        PROCESSED,
        /** The composing job failed. */
        FAIL,
        /** Compose again from the raw recording (a failure retried, or a better composition). */
        REPROCESS,
        APPROVE,
        REJECT,
        /** The teacher cut it: new files, the same lesson. */
        TRIM,
        /** A viewer reports it. */
        REPORT,
        /** Staff take it down. */
        REMOVE,
        /** Its files were deleted by the retention. */
        PURGE
    }

    /** The state after {@code move}; refused with a precise code when the move is not allowed from here. */
    public ReplayState after(Move move) throws Refused {
        if (this == DELETED && move != Move.PURGE) {
            throw refused("replay_deleted", "the replay was deleted");
        }
        return switch (move) {
            case PROCESSED -> from(move, "replay_not_processing", PENDING, PROCESSING);
            case FAIL -> from(move, "replay_not_processing", FAILED, PROCESSING);
            case REPROCESS -> from(move, "replay_processing", PROCESSING, FAILED, PENDING, APPROVED, REPORTED,
                    REJECTED);
            case APPROVE -> from(move, "replay_not_pending", APPROVED, PENDING, REPORTED);
            case REJECT -> from(move, "replay_not_pending", REJECTED, PENDING, REPORTED);
            case TRIM -> from(move, "replay_not_processed", PENDING, PENDING, APPROVED, REPORTED, REJECTED);
            case REPORT -> from(move, "replay_not_approved", REPORTED, APPROVED, REPORTED);
            case REMOVE -> from(move, "replay_processing", DELETED, PENDING, FAILED, APPROVED, REPORTED, REJECTED);
            case PURGE -> from(move, "replay_not_rejected", DELETED, REJECTED, DELETED);
        };
    }

    /** Whether a reviewer has to look at it: new or changed content, or a report. */
    public boolean awaitsReview() {
        return this == PENDING || this == REPORTED;
    }

    private ReplayState from(Move move, String code, ReplayState next, ReplayState... allowed) throws Refused {
        for (ReplayState state : allowed) {
            if (state == this) {
                return next;
            }
        }
        throw refused(code, "a replay " + name() + " cannot " + move.name());
    }

    private static Refused refused(String code, String message) {
        return new Refused(code, "state", message);
    }
}
