package org.sanke.classroom.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.sanke.classroom.sanction.Sanction;
import org.sanke.classroom.sanction.SanctionStore;

/** Graded measures in the database. */
public final class JdbcSanctionStore implements SanctionStore {
    private static final String COLUMNS = "id, subject_kind, subject_id, measure, reason, decided_by, decided_at,"
            + " until_at, lifted_by, lifted_at";
    private final Database database;

    public JdbcSanctionStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(Sanction s) {
        Jdbc.with(database, "add measure " + s.id(), c -> {
            Jdbc.update(c, "INSERT INTO sanction (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                    s.id(), s.kind().name(), s.subject(), s.measure().name(), s.reason(), s.decidedBy(),
                    Timestamp.from(s.at()), s.until() == null ? null : Timestamp.from(s.until()));
            return null;
        });
    }

    @Override
    public void lift(String id, String by, Instant at) {
        Jdbc.with(database, "lift measure " + id, c -> {
            Jdbc.update(c, "UPDATE sanction SET lifted_by = ?, lifted_at = ? WHERE id = ? AND lifted_at IS NULL", by,
                    Timestamp.from(at), id);
            return null;
        });
    }

    @Override
    public List<Sanction> all(int limit) {
        return Jdbc.with(database, "list measures", c -> Jdbc.query(c, "SELECT " + COLUMNS
                + " FROM sanction ORDER BY decided_at DESC, id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                JdbcSanctionStore::sanction));
    }

    @Override
    public List<Sanction> unlifted() {
        return Jdbc.with(database, "list measures in force", c -> Jdbc.query(c, "SELECT " + COLUMNS
                + " FROM sanction WHERE lifted_at IS NULL", JdbcSanctionStore::sanction));
    }

    private static Sanction sanction(ResultSet row) throws SQLException {
        Timestamp until = row.getTimestamp(8);
        Timestamp lifted = row.getTimestamp(10);
        return new Sanction(row.getString(1), Sanction.Subject.valueOf(row.getString(2)), row.getString(3),
                Sanction.Measure.valueOf(row.getString(4)), row.getString(5), row.getString(6),
                row.getTimestamp(7).toInstant(), until == null ? null : until.toInstant(), row.getString(9),
                lifted == null ? null : lifted.toInstant());
    }
}
