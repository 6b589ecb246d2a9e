package org.sanke.classroom.store;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.access.LoginResult;
import org.sanke.classroom.access.LoginSessions;
import org.sanke.classroom.access.SessionStore;

/** Signed-in sessions in the database (their keys are hashes of the browsers' ids). */
public final class JdbcSessionStore implements SessionStore {
    private final Database database;

    public JdbcSessionStore(Database database) {
        this.database = database;
    }

    @Override
    public void save(LoginSessions.Session s) {
        Jdbc.with(database, "keep a session of " + s.person().id(), c -> {
            int updated = Jdbc.updateCount(c, "UPDATE login_session SET pending = ?, last_used_at = ?"
                    + " WHERE key_hash = ?", pending(s.pending()), Timestamp.from(s.lastUsed()), s.key());
            if (updated == 0) {
                Jdbc.update(c, "INSERT INTO login_session (key_hash, person_id, pending, opened_at, last_used_at)"
                        + " VALUES (?, ?, ?, ?, ?)", s.key(), s.person().id(), pending(s.pending()),
                        Timestamp.from(s.opened()), Timestamp.from(s.lastUsed()));
            }
            return null;
        });
    }

    @Override
    public Optional<LoginSessions.Session> find(String key) {
        return Jdbc.with(database, "read a session", c -> Jdbc.one(c, "SELECT s.key_hash, p.id, p.school_id, p.name,"
                + " p.role, s.pending, s.opened_at, s.last_used_at FROM login_session s JOIN person p"
                + " ON p.id = s.person_id WHERE s.key_hash = ?", row -> new LoginSessions.Session(row.getString(1),
                new Person(row.getString(2), row.getString(3), row.getString(4), PersonRole.valueOf(row.getString(5))),
                pending(row.getString(6)), row.getTimestamp(7).toInstant(), row.getTimestamp(8).toInstant()), key));
    }

    @Override
    public void delete(String key) {
        Jdbc.with(database, "end a session", c -> {
            Jdbc.update(c, "DELETE FROM login_session WHERE key_hash = ?", key);
            return null;
        });
    }

    @Override
    public void deleteAllOf(String personId) {
        Jdbc.with(database, "end the sessions of " + personId, c -> {
            Jdbc.update(c, "DELETE FROM login_session WHERE person_id = ?", personId);
            return null;
        });
    }

    @Override
    public void deleteExpired(java.time.Instant usedBefore, java.time.Instant openedBefore) {
        Jdbc.with(database, "forget ended sessions", c -> {
            Jdbc.update(c, "DELETE FROM login_session WHERE last_used_at < ? OR opened_at < ?",
                    Timestamp.from(usedBefore), Timestamp.from(openedBefore));
            return null;
        });
    }

    private static String pending(Set<LoginResult.Pending> pending) {
        return pending.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<LoginResult.Pending> pending(String text) {
        Set<LoginResult.Pending> pending = EnumSet.noneOf(LoginResult.Pending.class);
        Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).map(LoginResult.Pending::valueOf)
                .forEach(pending::add);
        return pending;
    }
}
