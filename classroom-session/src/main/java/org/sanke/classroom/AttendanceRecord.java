package org.sanke.classroom;

import java.time.Duration;
import java.time.Instant;

/**
 * One participant's presence in one lesson, with the network quality it reported (averages over its samples).
 *
 * @param leftAt      null while still in the lesson
 * @param leaveReason left, disconnected, media_timeout or {@value #SERVER_STOPPED}; null while present
 * @param samples     how many quality samples it sent
 */
public record AttendanceRecord(String lessonId, String participantId, Role role, String name, Instant joinedAt,
                               Instant leftAt, String leaveReason, int samples, double averageLossPercent,
                               long totalFreezeMs, double averageKbps) {
    /** The leave reason of those a stopped server left in a lesson, closed at its next start. */
    public static final String SERVER_STOPPED = "server_stopped";

    /** Time in the lesson, up to {@code now} for someone still there. */
    public Duration presence(Instant now) {
        return Duration.between(joinedAt, leftAt != null ? leftAt : now);
    }
}
