package org.sanke.classroom.store;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sanke.classroom.privacy.RealNameMethod;
import org.sanke.classroom.privacy.RealNameStore;
import org.sanke.classroom.privacy.RealNameVerification;

/** Real-name verifications in the database. */
public final class JdbcRealNameStore implements RealNameStore {
    /** People asked about per query. */
    private static final int CHUNK = 500;

    private final Database database;

    public JdbcRealNameStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<RealNameVerification> find(String personId) {
        return Jdbc.with(database, "read the real name of " + personId, c -> Jdbc.one(c,
                "SELECT method, verified_by, verified_at FROM real_name WHERE person_id = ?",
                row -> new RealNameVerification(personId, RealNameMethod.valueOf(row.getString(1)),
                        row.getString(2), row.getTimestamp(3).toInstant()), personId));
    }

    @Override
    public void record(RealNameVerification v) {
        Jdbc.with(database, "record the real name of " + v.personId(), c -> {
            Jdbc.update(c, "DELETE FROM real_name WHERE person_id = ?", v.personId());
            Jdbc.update(c, "INSERT INTO real_name (person_id, method, verified_by, verified_at) VALUES (?, ?, ?, ?)",
                    v.personId(), v.method().name(), v.verifiedBy(), Timestamp.from(v.verifiedAt()));
            return null;
        });
    }

    @Override
    public Set<String> verifiedAmong(Collection<String> personIds) {
        Set<String> verified = new HashSet<>();
        List<String> ids = List.copyOf(personIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            verified.addAll(Jdbc.with(database, "read real names", c -> Jdbc.query(c,
                    "SELECT person_id FROM real_name WHERE person_id IN (" + marks + ")", row -> row.getString(1),
                    chunk.toArray())));
        }
        return verified;
    }

    @Override
    public boolean withdraw(String personId) {
        return Jdbc.with(database, "withdraw the real name of " + personId,
                c -> Jdbc.updateCount(c, "DELETE FROM real_name WHERE person_id = ?", personId) > 0);
    }
}
