package org.sanke.classroom.store;

import java.util.LinkedHashSet;
import java.util.Set;
import org.sanke.classroom.privacy.GuardianStore;

/** Guardianships in the database. */
public final class JdbcGuardianStore implements GuardianStore {
    private final Database database;

    public JdbcGuardianStore(Database database) {
        this.database = database;
    }

    @Override
    public void link(String guardianId, String wardId) {
        Jdbc.with(database, "link guardian " + guardianId, c -> {
            if (Jdbc.one(c, "SELECT 1 FROM guardianship WHERE guardian_id = ? AND ward_id = ?", row -> 1, guardianId,
                    wardId).isEmpty()) {
                Jdbc.update(c, "INSERT INTO guardianship (guardian_id, ward_id) VALUES (?, ?)", guardianId, wardId);
            }
            return null;
        });
    }

    @Override
    public Set<String> guardiansOf(String personId) {
        return new LinkedHashSet<>(Jdbc.with(database, "read guardians of " + personId, c -> Jdbc.query(c,
                "SELECT guardian_id FROM guardianship WHERE ward_id = ? ORDER BY guardian_id",
                row -> row.getString(1), personId)));
    }

    @Override
    public Set<String> wardsOf(String guardianId) {
        return new LinkedHashSet<>(Jdbc.with(database, "read wards of " + guardianId, c -> Jdbc.query(c,
                "SELECT ward_id FROM guardianship WHERE guardian_id = ? ORDER BY ward_id",
                row -> row.getString(1), guardianId)));
    }
}
