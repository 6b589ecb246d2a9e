package org.sanke.classroom;

import java.time.Duration;
import java.time.Instant;

/**
 * One participant's presence in one lesson, with the network quality it reported (averages over its samples).
 *
 * @param leftAt      null while still in the lesson
 * @param leaveReason left, disconnected or media_timeout; null while present
 * @param samples     how many quality samples it sent
 */
public record AttendanceRecord(String lessonId, String participantId, Role role, String name, Instant joinedAt,
                               Instant leftAt, String leaveReason, int samples, double averageLossPercent,
                               long totalFreezeMs, double averageKbps) {
    /** Time in the lesson, up to {@code now} for someone still there. */
    public Duration presence(Instant now) {
        return Duration.between(joinedAt, leftAt != null ? leftAt : now);
    }
}
