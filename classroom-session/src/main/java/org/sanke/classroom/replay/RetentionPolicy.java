package org.sanke.classroom.replay;

import java.time.Duration;

/**
 * How long a lesson's raw recording is kept after it ended (S18): never less than the live-content floor of 60 days,
 * configurable upward only, so a server never starts with less. A rejected replay's files go after the same time
 * from its rejection; an approved replay stays until staff remove it.
 */
public record RetentionPolicy(Duration rawRecordings) {
    public static final int RAW_RECORDINGS_FLOOR_DAYS = 60;

    public RetentionPolicy {
        if (rawRecordings == null || rawRecordings.compareTo(Duration.ofDays(RAW_RECORDINGS_FLOOR_DAYS)) < 0) {
            throw new IllegalArgumentException("raw lesson recordings are kept at least " + RAW_RECORDINGS_FLOOR_DAYS
                    + " days (S18), not " + (rawRecordings == null ? "unset" : rawRecordings.toDays() + " days"));
        }
    }

    public static RetentionPolicy ofDays(int days) {
        return new RetentionPolicy(Duration.ofDays(days));
    }

    /** The floor itself. */
    public static RetentionPolicy defaults() {
        return ofDays(RAW_RECORDINGS_FLOOR_DAYS);
    }
}
