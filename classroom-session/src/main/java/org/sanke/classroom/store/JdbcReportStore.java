package org.sanke.classroom.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.sanke.classroom.report.Report;
import org.sanke.classroom.report.ReportStore;

/** Reports in the database; a still frame as base64 text (one column type on H2 and PostgreSQL). */
public final class JdbcReportStore implements ReportStore {
    private static final String COLUMNS = "id, lesson_id, lesson_title, kind, reporter_name, reporter_person_id,"
            + " target_participant_id, target_name, target_person_id, target_classroom_id, reason, message,"
            + " frame_jpeg_base64, reported_at, outcome, decided_by, note";
    private final Database database;

    public JdbcReportStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(List<Report> reports) {
        Jdbc.with(database, "file " + reports.size() + " reports", c -> {
            for (Report r : reports) {
                Jdbc.update(c, "INSERT INTO lesson_report (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?, NULL, NULL, NULL)", r.id(), r.lessonId(), r.lessonTitle(),
                        r.kind().name(), r.reporterName(), r.reporterPersonId(), r.targetParticipantId(),
                        r.targetName(), r.targetPersonId(), r.targetClassroomId(), r.reason(), r.message(),
                        r.frameJpeg() == null ? null : Base64.getEncoder().encodeToString(r.frameJpeg()),
                        Timestamp.from(r.at()));
            }
            return null;
        });
    }

    @Override
    public List<Report> list(boolean openOnly, int limit) {
        return Jdbc.with(database, "list reports", c -> Jdbc.query(c, "SELECT " + COLUMNS + " FROM lesson_report"
                + (openOnly ? " WHERE outcome IS NULL" : "") + " ORDER BY reported_at DESC, id FETCH FIRST "
                + Math.max(1, limit) + " ROWS ONLY", JdbcReportStore::report));
    }

    @Override
    public Optional<Report> find(String id) {
        return Jdbc.with(database, "read report " + id, c -> Jdbc.one(c, "SELECT " + COLUMNS
                + " FROM lesson_report WHERE id = ?", JdbcReportStore::report, id));
    }

    @Override
    public void decide(String id, String outcome, String by, String note, Instant at) {
        Jdbc.with(database, "decide report " + id, c -> {
            Jdbc.update(c, "UPDATE lesson_report SET outcome = ?, decided_by = ?, note = ?, decided_at = ?"
                    + " WHERE id = ? AND outcome IS NULL", outcome, by, note, Timestamp.from(at), id);
            return null;
        });
    }

    private static Report report(ResultSet row) throws SQLException {
        String frame = row.getString(13);
        return new Report(row.getString(1), row.getString(2), row.getString(3),
                Report.Kind.valueOf(row.getString(4)), row.getString(5), row.getString(6), row.getString(7),
                row.getString(8), row.getString(9), row.getString(10), row.getString(11), row.getString(12),
                frame == null ? null : Base64.getDecoder().decode(frame), row.getTimestamp(14).toInstant(),
                row.getString(15), row.getString(16), row.getString(17));
    }
}
