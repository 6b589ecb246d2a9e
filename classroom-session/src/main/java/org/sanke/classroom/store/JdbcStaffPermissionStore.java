package org.sanke.classroom.store;

import java.sql.Timestamp;
import java.time.Instant;
import org.sanke.classroom.privacy.StaffPermission;
import org.sanke.classroom.privacy.StaffPermissionStore;

/** Staff permissions in the database. */
public final class JdbcStaffPermissionStore implements StaffPermissionStore {
    private final Database database;

    public JdbcStaffPermissionStore(Database database) {
        this.database = database;
    }

    @Override
    public void grant(String personId, StaffPermission permission, String grantedBy, Instant at) {
        Jdbc.with(database, "grant " + permission + " to " + personId, c -> {
            Jdbc.update(c, "DELETE FROM staff_permission WHERE person_id = ? AND permission = ?", personId,
                    permission.name());
            Jdbc.update(c, "INSERT INTO staff_permission (person_id, permission, granted_by, granted_at)"
                    + " VALUES (?, ?, ?, ?)", personId, permission.name(), grantedBy, Timestamp.from(at));
            return null;
        });
    }

    @Override
    public boolean withdraw(String personId, StaffPermission permission) {
        return Jdbc.with(database, "withdraw " + permission + " from " + personId, c -> Jdbc.updateCount(c,
                "DELETE FROM staff_permission WHERE person_id = ? AND permission = ?", personId,
                permission.name()) > 0);
    }

    @Override
    public boolean holds(String personId, StaffPermission permission) {
        return Jdbc.with(database, "read permissions of " + personId, c -> Jdbc.one(c,
                "SELECT 1 FROM staff_permission WHERE person_id = ? AND permission = ?", row -> 1, personId,
                permission.name()).isPresent());
    }
}
