package org.sanke.classroom.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sanke.classroom.privacy.DataRequest;
import org.sanke.classroom.privacy.DataRequestStore;

/** Deletion requests in the database. */
public final class JdbcDataRequestStore implements DataRequestStore {
    private static final String COLUMNS = "id, person_id, requested_by, requested_at, state, decided_by, decided_at,"
            + " reason";

    private final Database database;

    public JdbcDataRequestStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(DataRequest r) {
        Jdbc.with(database, "add data request " + r.id(), c -> {
            Jdbc.update(c, "INSERT INTO data_request (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.id(),
                    r.personId(), r.requestedBy(), Timestamp.from(r.requestedAt()), r.state().name(),
                    r.decidedBy(), timestamp(r.decidedAt()), r.reason());
            return null;
        });
    }

    @Override
    public void update(DataRequest r) {
        Jdbc.with(database, "decide data request " + r.id(), c -> {
            Jdbc.update(c, "UPDATE data_request SET state = ?, decided_by = ?, decided_at = ?, reason = ?"
                    + " WHERE id = ?", r.state().name(), r.decidedBy(), timestamp(r.decidedAt()), r.reason(), r.id());
            return null;
        });
    }

    @Override
    public Optional<DataRequest> find(String id) {
        return Jdbc.with(database, "read data request " + id, c -> Jdbc.one(c,
                "SELECT " + COLUMNS + " FROM data_request WHERE id = ?", JdbcDataRequestStore::request, id));
    }

    @Override
    public List<DataRequest> ofPerson(String personId) {
        return Jdbc.with(database, "read data requests of " + personId, c -> Jdbc.query(c,
                "SELECT " + COLUMNS + " FROM data_request WHERE person_id = ? ORDER BY requested_at DESC, id",
                JdbcDataRequestStore::request, personId));
    }

    @Override
    public List<DataRequest> pending() {
        return Jdbc.with(database, "read pending data requests", c -> Jdbc.query(c,
                "SELECT " + COLUMNS + " FROM data_request WHERE state = ? ORDER BY requested_at, id",
                JdbcDataRequestStore::request, DataRequest.State.PENDING.name()));
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static DataRequest request(ResultSet row) throws SQLException {
        Timestamp decided = row.getTimestamp(7);
        return new DataRequest(row.getString(1), row.getString(2), row.getString(3),
                row.getTimestamp(4).toInstant(), DataRequest.State.valueOf(row.getString(5)), row.getString(6),
                decided == null ? null : decided.toInstant(), row.getString(8));
    }
}
