package org.sanke.classroom.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.sanke.classroom.access.RevokedGrantStore;

/** Revoked grants in the database, so a withdrawn invitation stays withdrawn across a restart. */
public final class JdbcRevokedGrantStore implements RevokedGrantStore {
    private final Database database;

    public JdbcRevokedGrantStore(Database database) {
        this.database = database;
    }

    @Override
    public void revoke(String grantId, Instant expiresAt) {
        Jdbc.with(database, "revoke grant " + grantId, c -> {
            if (Jdbc.one(c, "SELECT 1 FROM revoked_grant WHERE grant_id = ?", row -> 1, grantId).isEmpty()) {
                Jdbc.update(c, "INSERT INTO revoked_grant (grant_id, expires_at) VALUES (?, ?)", grantId,
                        Timestamp.from(expiresAt));
            }
            return null;
        });
    }

    @Override
    public Map<String, Instant> unexpired(Instant now) {
        return Jdbc.with(database, "read revoked grants", c -> {
            Map<String, Instant> revoked = new HashMap<>();
            for (Map.Entry<String, Instant> e : Jdbc.query(c, "SELECT grant_id, expires_at FROM revoked_grant"
                    + " WHERE expires_at > ?", row -> Map.entry(row.getString(1), row.getTimestamp(2).toInstant()),
                    Timestamp.from(now))) {
                revoked.put(e.getKey(), e.getValue());
            }
            return revoked;
        });
    }

    @Override
    public void forgetExpired(Instant now) {
        Jdbc.with(database, "forget expired revocations", c -> {
            Jdbc.update(c, "DELETE FROM revoked_grant WHERE expires_at <= ?", Timestamp.from(now));
            return null;
        });
    }
}
