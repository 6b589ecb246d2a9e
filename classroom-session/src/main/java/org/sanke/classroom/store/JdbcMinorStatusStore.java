package org.sanke.classroom.store;

import java.sql.Timestamp;
import java.util.List;
import org.sanke.classroom.privacy.AgeBand;
import org.sanke.classroom.privacy.MinorStatus;
import org.sanke.classroom.privacy.MinorStatusStore;

/** Minor states in the database. */
public final class JdbcMinorStatusStore implements MinorStatusStore {
    private final Database database;

    public JdbcMinorStatusStore(Database database) {
        this.database = database;
    }

    @Override
    public List<MinorStatus> all() {
        return Jdbc.with(database, "read minor states", c -> Jdbc.query(c, "SELECT person_id, age_band, consent_by,"
                + " consent_at, changed_by, changed_at FROM minor_status", row -> {
                    Timestamp consentAt = row.getTimestamp(4);
                    return new MinorStatus(row.getString(1), AgeBand.valueOf(row.getString(2)), row.getString(3),
                            consentAt == null ? null : consentAt.toInstant(), row.getString(5),
                            row.getTimestamp(6).toInstant());
                }));
    }

    @Override
    public void save(MinorStatus s) {
        Jdbc.with(database, "save minor state of " + s.personId(), c -> {
            Object[] values = {s.band().name(), s.consentBy(), s.consentAt() == null ? null
                    : Timestamp.from(s.consentAt()), s.changedBy(), Timestamp.from(s.changedAt()), s.personId()};
            if (Jdbc.updateCount(c, "UPDATE minor_status SET age_band = ?, consent_by = ?, consent_at = ?, changed_by = ?,"
                    + " changed_at = ? WHERE person_id = ?", values) == 0) {
                Jdbc.update(c, "INSERT INTO minor_status (age_band, consent_by, consent_at, changed_by, changed_at,"
                        + " person_id) VALUES (?, ?, ?, ?, ?, ?)", values);
            }
            return null;
        });
    }
}
