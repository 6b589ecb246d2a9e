package org.sanke.classroom.store;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import org.sanke.classroom.privacy.PersonAttendance;

/** A person's attendance rows in the database. */
public final class JdbcPersonAttendance implements PersonAttendance {
    private final Database database;

    public JdbcPersonAttendance(Database database) {
        this.database = database;
    }

    @Override
    public List<Attended> of(String personId, int limit) {
        return Jdbc.with(database, "read the attendance of " + personId, c -> Jdbc.query(c,
                "SELECT lesson_id, role, joined_at, left_at FROM attendance WHERE person_id = ?"
                        + " ORDER BY joined_at DESC LIMIT " + Math.max(1, limit),
                row -> {
                    Timestamp left = row.getTimestamp(4);
                    return new Attended(row.getString(1), row.getString(2).toLowerCase(Locale.ROOT),
                            row.getTimestamp(3).toInstant(), left == null ? null : left.toInstant());
                }, personId));
    }
}
