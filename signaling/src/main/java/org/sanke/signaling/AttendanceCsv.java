package org.sanke.signaling;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.sanke.classroom.AttendanceRecord;

/** The attendance report as CSV (RFC 4180), for spreadsheets: one row per participant. */
final class AttendanceCsv {
    private AttendanceCsv() {
    }

    /** @param nameOf the name to print for a row ("" where it is hidden) */
    static String write(List<AttendanceRecord> records, Instant now,
                        java.util.function.Function<AttendanceRecord, String> nameOf) {
        StringBuilder csv = new StringBuilder("participant_id,role,name,joined_at,left_at,leave_reason,"
                + "present_seconds,quality_samples,average_loss_percent,total_freeze_ms,average_kbps\r\n");
        for (AttendanceRecord r : records) {
            csv.append(String.join(",", r.participantId(), r.role().wireName(), quote(nameOf.apply(r)),
                    r.joinedAt().toString(), r.leftAt() == null ? "" : r.leftAt().toString(),
                    r.leaveReason() == null ? "" : r.leaveReason(), Long.toString(r.presence(now).toSeconds()),
                    Integer.toString(r.samples()), String.format(Locale.ROOT, "%.2f", r.averageLossPercent()),
                    Long.toString(r.totalFreezeMs()), String.format(Locale.ROOT, "%.0f", r.averageKbps())))
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** Quotes a field that holds a comma, a quote or a line break; a leading =, +, - or @ is defused. */
    static String quote(String field) {
        String safe = field.matches("^[=+\\-@].*") ? "'" + field : field;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
