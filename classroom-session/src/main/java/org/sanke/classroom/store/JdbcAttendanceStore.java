package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sanke.classroom.AttendanceRecord;
import org.sanke.classroom.AttendanceStore;
import org.sanke.classroom.AttendanceWrite;
import org.sanke.classroom.AttendanceStore.RoomInLesson;
import org.sanke.classroom.Participant;
import org.sanke.classroom.QualitySample;
import org.sanke.classroom.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attendance and quality samples in the database. Thread-safe: every call uses its own connection.
 *
 * <p>{@link #write} makes a batch of writes in one transaction, consecutive writes of a kind as one JDBC batch. A
 * write the database refuses for itself (a second join of the same participant, a name too long) does not sink the
 * rest: the batch is then written one by one and the refused write is logged and skipped. A failure of the database
 * itself (no connection, a timeout) fails the whole batch with a {@link StoreException}, so the caller may retry it.
 */
public final class JdbcAttendanceStore implements AttendanceStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAttendanceStore.class);

    private static final String INSERT_JOIN = "INSERT INTO attendance (lesson_id, participant_id, role, name,"
            + " joined_at, classroom_id, person_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_LEAVE = "UPDATE attendance SET left_at = ?, leave_reason = ?"
            + " WHERE lesson_id = ? AND participant_id = ? AND left_at IS NULL";
    private static final String INSERT_SAMPLE = "INSERT INTO quality_sample (lesson_id, participant_id, sampled_at,"
            + " loss_percent, freeze_ms, kbps) VALUES (?, ?, ?, ?, ?, ?)";

    private final Database database;

    public JdbcAttendanceStore(Database database) {
        this.database = database;
    }

    @Override
    public void joined(String lessonId, Participant p, Instant at) {
        writeOne(new AttendanceWrite.Joined(lessonId, p, at));
    }

    @Override
    public void left(String lessonId, String participantId, Instant at, String reason) {
        writeOne(new AttendanceWrite.Left(lessonId, participantId, at, reason));
    }

    @Override
    public void sample(QualitySample s) {
        writeOne(new AttendanceWrite.Sampled(s));
    }

    private void writeOne(AttendanceWrite write) {
        try (Connection c = database.connect(); PreparedStatement statement = c.prepareStatement(sql(write))) {
            bind(statement, write);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not " + write.what(), e);
        }
    }

    @Override
    public void write(List<AttendanceWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                writeInRuns(c, writes);
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                if (databaseFailed(c, e)) {
                    throw e;
                }
                LOG.warn("a batch of {} attendance writes was refused ({}); writing them one by one", writes.size(),
                        e.getMessage());
            }
            c.setAutoCommit(true);
            for (AttendanceWrite write : writes) {
                try (PreparedStatement statement = c.prepareStatement(sql(write))) {
                    bind(statement, write);
                    statement.executeUpdate();
                } catch (SQLException e) {
                    if (databaseFailed(c, e)) {
                        throw e;
                    }
                    LOG.warn("attendance write skipped: could not {}: {}", write.what(), e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not write " + writes.size() + " attendance records", e);
        }
    }

    /** Consecutive writes of a kind go to the database as one JDBC batch; the runs keep the writes' order. */
    private static void writeInRuns(Connection c, List<AttendanceWrite> writes) throws SQLException {
        int next = 0;
        while (next < writes.size()) {
            String sql = sql(writes.get(next));
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                while (next < writes.size() && sql(writes.get(next)).equals(sql)) {
                    bind(statement, writes.get(next++));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    /**
     * Whether the database itself failed (worth retrying the whole batch later) rather than refusing one write: a
     * transient or connection error by its type or SQL state class (08 connection, 40 rollback, 53 resources, 57
     * operator intervention), or a connection that no longer answers.
     */
    private static boolean databaseFailed(Connection c, SQLException e) throws SQLException {
        String state = e.getSQLState();
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57"))) {
            return true;
        }
        return !c.isValid(2);
    }

    private static String sql(AttendanceWrite write) {
        return switch (write) {
            case AttendanceWrite.Joined j -> INSERT_JOIN;
            case AttendanceWrite.Left l -> UPDATE_LEAVE;
            case AttendanceWrite.Sampled s -> INSERT_SAMPLE;
        };
    }

    private static void bind(PreparedStatement statement, AttendanceWrite write) throws SQLException {
        Object[] values = switch (write) {
            case AttendanceWrite.Joined j -> new Object[] {j.lessonId(), j.participant().id(),
                j.participant().role().name(), j.participant().displayName(), Timestamp.from(j.at()),
                j.participant().classroomId(), j.participant().personId()};
            case AttendanceWrite.Left l -> new Object[] {Timestamp.from(l.at()), l.reason(), l.lessonId(),
                l.participantId()};
            case AttendanceWrite.Sampled sampled -> {
                QualitySample s = sampled.sample();
                yield new Object[] {s.lessonId(), s.participantId(), Timestamp.from(s.at()), s.lossPercent(),
                    s.freezeMs(), s.kbps()};
            }
        };
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
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
}
