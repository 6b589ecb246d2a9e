package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.AuditChain;
import org.sanke.classroom.audit.AuditEvent;
import org.sanke.classroom.audit.AuditQuery;
import org.sanke.classroom.audit.AuditStore;
import org.sanke.classroom.audit.Outcome;

/**
 * The audit trail in the database, as a hash chain (S22): rows are only ever inserted, and removed only from the
 * front by the retention purge. Times are kept as wall-clock time of this machine's zone, as in every other table,
 * and hashed as kept.
 *
 * <p>Entries written before the chain existed (migration V11) are chained in id order at the first write, while the
 * chain is still empty: they are what the auditor already relied on, and leaving them outside the chain would leave
 * them silently changeable. On PostgreSQL a trigger then refuses changes to chained rows, truncation, and deletion
 * of rows younger than the six-month floor (less a day's margin for the two machines' clocks). H2 gets no trigger:
 * its file is the server's own and whoever can write the file can open it without the server, and an H2 trigger is
 * a Java class that every other tool opening the file would need; the chain is what shows tampering there.
 *
 * <p>Appends and purges are serialised in this object (one server per database); the unique index on the
 * sequence refuses a second writer's clash, which then retries.
 */
public final class JdbcAuditStore implements AuditStore {
    private static final String COLUMNS = "id, seq, at, actor_id, actor_role, action, outcome, source_address,"
            + " subject, detail, prev_hash, hash";

    private final Database database;
    private final ZoneId zone = ZoneId.systemDefault();
    private boolean prepared;

    public JdbcAuditStore(Database database) {
        this.database = database;
    }

    @Override
    public synchronized void append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        prepare();
        Jdbc.inTransaction(database, "append to the audit trail", c -> {
            appendIn(c, events);
            return null;
        });
    }

    /** Chains {@code events} after the head, on a connection in a transaction. */
    private void appendIn(Connection c, List<AuditEvent> events) throws SQLException {
        Optional<Head> head = head(c);
        long seq = head.map(Head::seq).orElse(0L);
        String prev = head.map(Head::hash).orElse(AuditChain.GENESIS);
        for (AuditEvent e : events) {
            seq++;
            LocalDateTime at = LocalDateTime.ofInstant(e.at(), zone);
            String hash = AuditChain.hash(e, seq, at, prev);
            Jdbc.update(c, "INSERT INTO audit_event (at, actor_id, actor_role, action, outcome, source_address,"
                    + " subject, detail, seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", at,
                    e.actorId(), e.actorRole(), e.action(), e.outcome().wireName(), e.sourceAddress(), e.subject(),
                    e.detail(), seq, prev, hash);
            prev = hash;
        }
    }

    private record Head(long seq, String hash) {
    }

    private static Optional<Head> head(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT seq, hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
                row -> new Head(row.getLong(1), row.getString(2)));
    }

    /** Once per run, before the first write: chains the entries from before the chain, then guards the table. */
    private void prepare() {
        if (prepared) {
            return;
        }
        Jdbc.inTransaction(database, "chain the audit trail's earlier entries", c -> {
            if (head(c).isEmpty()) {
                chainEarlier(c);
            }
            return null;
        });
        if (database.url().startsWith("jdbc:postgresql:")) {
            Jdbc.inTransaction(database, "guard the audit trail", c -> {
                guardOnPostgres(c);
                return null;
            });
        }
        prepared = true;
    }

    private void chainEarlier(Connection c) throws SQLException {
        record Earlier(AuditEvent event, LocalDateTime at) {
        }
        List<Earlier> earlier = Jdbc.query(c, "SELECT " + COLUMNS + " FROM audit_event WHERE seq IS NULL"
                + " ORDER BY id", row -> new Earlier(event(row), row.getObject(3, LocalDateTime.class)));
        long seq = 0;
        String prev = AuditChain.GENESIS;
        for (Earlier e : earlier) {
            seq++;
            String hash = AuditChain.hash(e.event(), seq, e.at(), prev);
            Jdbc.update(c, "UPDATE audit_event SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?", seq, prev, hash,
                    e.event().id());
            prev = hash;
        }
    }

    private static void guardOnPostgres(Connection c) throws SQLException {
        if (Jdbc.one(c, "SELECT 1 FROM pg_trigger WHERE tgname = 'audit_event_append_only'"
                + " AND tgrelid = 'audit_event'::regclass", row -> 1).isPresent()) {
            return;
        }
        Jdbc.update(c, """
                CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'TRUNCATE' THEN
                    RAISE EXCEPTION 'audit_event is append-only: TRUNCATE refused';
                  END IF;
                  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL THEN
                    RETURN NEW; -- an entry from before the chain takes its place once
                  END IF;
                  IF TG_OP = 'DELETE' AND OLD.at < LOCALTIMESTAMP - INTERVAL '179 days' THEN
                    RETURN OLD; -- the retention purge, past the six-month floor
                  END IF;
                  RAISE EXCEPTION 'audit_event is append-only: % of entry % refused', TG_OP, OLD.seq;
                END $$""");
        Jdbc.update(c, "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event"
                + " FOR EACH ROW EXECUTE PROCEDURE audit_event_append_only()");
        Jdbc.update(c, "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event"
                + " FOR EACH STATEMENT EXECUTE PROCEDURE audit_event_append_only()");
    }

    @Override
    public List<AuditEvent> newestFirst(int limit, Long beforeId) {
        return search(AuditQuery.ALL, limit, beforeId);
    }

    @Override
    public List<AuditEvent> search(AuditQuery q, int limit, Long beforeId) {
        StringBuilder where = new StringBuilder();
        List<Object> values = new ArrayList<>();
        condition(where, values, "id < ?", beforeId);
        condition(where, values, "at >= ?", q.from() == null ? null : LocalDateTime.ofInstant(q.from(), zone));
        condition(where, values, "at < ?", q.to() == null ? null : LocalDateTime.ofInstant(q.to(), zone));
        condition(where, values, "actor_id = ?", q.actorId());
        condition(where, values, "action = ?", q.action());
        condition(where, values, "outcome = ?", q.outcome() == null ? null : q.outcome().wireName());
        return Jdbc.with(database, "read the audit trail", c -> Jdbc.query(c, "SELECT " + COLUMNS
                + " FROM audit_event" + where + " ORDER BY id DESC LIMIT " + limit, this::event, values.toArray()));
    }

    private static void condition(StringBuilder where, List<Object> values, String sql, Object value) {
        if (value != null) {
            where.append(where.isEmpty() ? " WHERE " : " AND ").append(sql);
            values.add(value);
        }
    }

    @Override
    public void walk(ChainVisitor visitor) {
        Jdbc.with(database, "walk the audit trail", c -> {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event"
                    + " WHERE seq IS NOT NULL ORDER BY seq")) {
                statement.setFetchSize(1000);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        AuditEvent e = event(row);
                        String recomputed = AuditChain.hash(e, e.seq(), row.getObject(3, LocalDateTime.class),
                                e.prevHash());
                        if (!visitor.visit(e, recomputed)) {
                            break;
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    @Override
    public List<Long> unchained(int limit) {
        return Jdbc.with(database, "read the audit trail", c -> Jdbc.query(c, "SELECT id FROM audit_event"
                + " WHERE seq IS NULL ORDER BY id LIMIT " + limit, row -> row.getLong(1)));
    }

    @Override
    public synchronized long purgeBefore(Instant cutoff, Instant now) {
        prepare();
        LocalDateTime before = LocalDateTime.ofInstant(cutoff, zone);
        return Jdbc.inTransaction(database, "purge the audit trail", c -> {
            Optional<Head> head = head(c);
            if (head.isEmpty()) {
                return 0L;
            }
            // The first entry to keep: the first one young enough; every entry before it is old.
            long keep = Jdbc.one(c, "SELECT MIN(seq) FROM audit_event WHERE seq IS NOT NULL AND at >= ?",
                    row -> row.getObject(1) == null ? null : row.getLong(1), before).orElse(head.get().seq() + 1);
            long first = Jdbc.one(c, "SELECT MIN(seq) FROM audit_event WHERE seq IS NOT NULL",
                    row -> row.getLong(1)).orElseThrow();
            if (keep <= first) {
                return 0L;
            }
            String lastHash = Jdbc.one(c, "SELECT hash FROM audit_event WHERE seq = ?", row -> row.getString(1),
                    keep - 1).orElseThrow(() -> new StoreException("entry " + (keep - 1) + " is missing: the audit"
                    + " trail needs checking before it is purged", null));
            long removed = Jdbc.updateCount(c, "DELETE FROM audit_event WHERE seq < ?", keep);
            appendIn(c, List.of(AuditEvent.of(now, AuditActor.SERVER, AuditChain.PURGED, Outcome.SUCCESS, null,
                    AuditChain.purgeDetail(keep - 1, lastHash, removed, before))));
            return removed;
        });
    }

    private AuditEvent event(ResultSet row) throws SQLException {
        return new AuditEvent(row.getLong(1), row.getLong(2),
                row.getObject(3, LocalDateTime.class).atZone(zone).toInstant(), row.getString(4), row.getString(5),
                row.getString(6), Outcome.fromWireName(row.getString(7)).orElse(null), row.getString(8),
                row.getString(9), row.getString(10), row.getString(11), row.getString(12));
    }
}
