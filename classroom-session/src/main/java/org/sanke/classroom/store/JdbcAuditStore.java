package org.sanke.classroom.store;

import java.sql.Timestamp;
import java.util.List;
import org.sanke.classroom.audit.AuditEvent;
import org.sanke.classroom.audit.AuditStore;

/** The audit trail in the database: rows are only ever inserted. */
public final class JdbcAuditStore implements AuditStore {
    private final Database database;

    public JdbcAuditStore(Database database) {
        this.database = database;
    }

    @Override
    public void append(AuditEvent e) {
        Jdbc.with(database, "append to the audit trail", c -> {
            Jdbc.update(c, "INSERT INTO audit_event (at, actor_id, actor_role, action, subject, detail)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", Timestamp.from(e.at()), e.actorId(), e.actorRole(), e.action(),
                    e.subject(), e.detail() == null ? null : e.detail().substring(0, Math.min(200,
                            e.detail().length())));
            return null;
        });
    }

    @Override
    public List<AuditEvent> newestFirst(int limit, Long beforeId) {
        String where = beforeId == null ? "" : " WHERE id < ?";
        Object[] values = beforeId == null ? new Object[0] : new Object[] {beforeId};
        return Jdbc.with(database, "read the audit trail", c -> Jdbc.query(c,
                "SELECT id, at, actor_id, actor_role, action, subject, detail FROM audit_event" + where
                        + " ORDER BY id DESC LIMIT " + limit,
                row -> new AuditEvent(row.getLong(1), row.getTimestamp(2).toInstant(), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7)), values));
    }
}
