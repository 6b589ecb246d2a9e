package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sanke.classroom.AttendanceRecord;
import org.sanke.classroom.AttendanceStore;
import org.sanke.classroom.AttendanceStore.RoomInLesson;
import org.sanke.classroom.Participant;
import org.sanke.classroom.QualitySample;
import org.sanke.classroom.Role;

/** Attendance and quality samples in the database. Thread-safe: every call uses its own connection. */
public final class JdbcAttendanceStore implements AttendanceStore {
    private final Database database;

    public JdbcAttendanceStore(Database database) {
        this.database = database;
    }

    @Override
    public void joined(String lessonId, Participant p, Instant at) {
        update("record the join of " + p.id(), "INSERT INTO attendance (lesson_id, participant_id, role, name,"
                + " joined_at, classroom_id) VALUES (?, ?, ?, ?, ?, ?)", lessonId, p.id(), p.role().name(),
                p.displayName(), Timestamp.from(at), p.classroomId());
    }

    @Override
    public void left(String lessonId, String participantId, Instant at, String reason) {
        update("record the leave of " + participantId, "UPDATE attendance SET left_at = ?, leave_reason = ?"
                + " WHERE lesson_id = ? AND participant_id = ? AND left_at IS NULL", Timestamp.from(at), reason,
                lessonId, participantId);
    }

    @Override
    public void sample(QualitySample s) {
        update("record a quality sample", "INSERT INTO quality_sample (lesson_id, participant_id, sampled_at,"
                + " loss_percent, freeze_ms, kbps) VALUES (?, ?, ?, ?, ?, ?)", s.lessonId(), s.participantId(),
                Timestamp.from(s.at()), s.lossPercent(), s.freezeMs(), s.kbps());
    }

    @Override
    public List<AttendanceRecord> lesson(String lessonId) {
        String sql = "SELECT a.participant_id, a.role, a.name, a.joined_at, a.left_at, a.leave_reason,"
                + " COUNT(q.participant_id) AS samples, COALESCE(AVG(q.loss_percent), 0) AS loss,"
                + " COALESCE(SUM(q.freeze_ms), 0) AS freeze, COALESCE(AVG(q.kbps), 0) AS kbps"
                + " FROM attendance a LEFT JOIN quality_sample q"
                + " ON q.lesson_id = a.lesson_id AND q.participant_id = a.participant_id"
                + " WHERE a.lesson_id = ?"
                + " GROUP BY a.participant_id, a.role, a.name, a.joined_at, a.left_at, a.leave_reason"
                + " ORDER BY a.joined_at, a.participant_id";
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, lessonId);
            List<AttendanceRecord> records = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Timestamp left = row.getTimestamp("left_at");
                    records.add(new AttendanceRecord(lessonId, row.getString("participant_id"),
                            Role.valueOf(row.getString("role")), row.getString("name"),
                            row.getTimestamp("joined_at").toInstant(), left == null ? null : left.toInstant(),
                            row.getString("leave_reason"), row.getInt("samples"), row.getDouble("loss"),
                            row.getLong("freeze"), row.getDouble("kbps")));
                }
            }
            return records;
        } catch (SQLException e) {
            throw new StoreException("could not read the attendance of lesson " + lessonId, e);
        }
    }

    @Override
    public java.util.Map<RoomInLesson, Instant> firstJoins(java.util.Set<String> classroomIds, Instant from,
                                                         Instant to) {
        java.util.Map<RoomInLesson, Instant> first = new java.util.HashMap<>();
        if (classroomIds.isEmpty()) {
            return first;
        }
        String marks = String.join(",", java.util.Collections.nCopies(classroomIds.size(), "?"));
        String sql = "SELECT lesson_id, classroom_id, MIN(joined_at) FROM attendance WHERE classroom_id IN (" + marks
                + ") AND joined_at >= ? AND joined_at < ? GROUP BY lesson_id, classroom_id";
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            int i = 1;
            for (String room : classroomIds) {
                select.setString(i++, room);
            }
            select.setTimestamp(i++, Timestamp.from(from));
            select.setTimestamp(i, Timestamp.from(to));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    first.put(new RoomInLesson(row.getString(1), row.getString(2)), row.getTimestamp(3).toInstant());
                }
            }
            return first;
        } catch (SQLException e) {
            throw new StoreException("could not read classroom attendance", e);
        }
    }

    private void update(String what, String sql, Object... values) {
        try (Connection c = database.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not " + what, e);
        }
    }
}
