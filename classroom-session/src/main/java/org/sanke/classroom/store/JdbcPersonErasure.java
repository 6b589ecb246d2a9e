package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.sanke.classroom.privacy.PersonErasure;

/**
 * Deletes a person and everything kept under their id, in one transaction. Deletion requests (opaque ids) and the
 * audit trail stay: they are the record that the deletion happened.
 */
public final class JdbcPersonErasure implements PersonErasure {
    /** What an erased person's attendance rows say instead of a name. */
    public static final String ERASED_NAME = "—";

    private final Database database;

    public JdbcPersonErasure(Database database) {
        this.database = database;
    }

    @Override
    public void erase(String personId) {
        Jdbc.with(database, "delete person " + personId, c -> {
            if (Jdbc.one(c, "SELECT 1 FROM timetable_entry WHERE teacher_id = ?", row -> 1, personId).isPresent()) {
                throw new IllegalStateException("this person teaches lessons on the timetable; the school must give"
                        + " those lessons to another teacher first");
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                delete(c, personId);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    private static void delete(Connection c, String personId) throws SQLException {
        Jdbc.update(c, "DELETE FROM recovery_code WHERE person_id = ?", personId);
        Jdbc.update(c, "DELETE FROM account WHERE person_id = ?", personId);
        Jdbc.update(c, "DELETE FROM login_session WHERE person_id = ?", personId);
        Jdbc.update(c, "DELETE FROM real_name WHERE person_id = ?", personId);
        Jdbc.update(c, "DELETE FROM staff_permission WHERE person_id = ?", personId);
        Jdbc.update(c, "DELETE FROM guardianship WHERE guardian_id = ? OR ward_id = ?", personId, personId);
        Jdbc.update(c, "DELETE FROM minor_status WHERE person_id = ?", personId);
        Jdbc.update(c, "UPDATE lesson SET owner_id = NULL WHERE owner_id = ?", personId);
        // Lessons the person joined stay counted for their school, without who it was.
        Jdbc.update(c, "UPDATE attendance SET name = ?, person_id = NULL WHERE person_id = ?", ERASED_NAME, personId);
        Jdbc.update(c, "DELETE FROM person WHERE id = ?", personId);
    }
}
