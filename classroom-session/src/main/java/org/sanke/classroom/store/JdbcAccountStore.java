package org.sanke.classroom.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sanke.classroom.access.Account;
import org.sanke.classroom.access.AccountStore;

/** Accounts in the database. Thread-safe: every call uses its own pooled connection. */
public final class JdbcAccountStore implements AccountStore {
    private static final String COLUMNS = "person_id, login_name, password_hash, must_change_password, failed_logins,"
            + " locked_until, totp_secret, totp_last_step, created_at";

    private final Database database;

    public JdbcAccountStore(Database database) {
        this.database = database;
    }

    private <T> T with(String what, Jdbc.Work<T> work) {
        return Jdbc.with(database, what, work);
    }

    @Override
    public void add(Account a) {
        with("add the account of " + a.personId(), c -> {
            if (Jdbc.one(c, "SELECT 1 FROM account WHERE person_id = ? OR login_name = ?", row -> 1, a.personId(),
                    a.loginName()).isPresent()) {
                throw new IllegalArgumentException("the person already has an account, or the login name is taken");
            }
            Jdbc.update(c, "INSERT INTO account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", a.personId(),
                    a.loginName(), a.passwordHash(), a.mustChangePassword(), a.failedLogins(),
                    timestamp(a.lockedUntil()), a.totpSecret(), a.totpLastStep(), timestamp(a.createdAt()));
            return null;
        });
    }

    @Override
    public void update(Account a) {
        with("update the account of " + a.personId(), c -> {
            Jdbc.update(c, "UPDATE account SET login_name = ?, password_hash = ?, must_change_password = ?,"
                            + " failed_logins = ?, locked_until = ?, totp_secret = ?, totp_last_step = ?"
                            + " WHERE person_id = ?", a.loginName(), a.passwordHash(), a.mustChangePassword(),
                    a.failedLogins(), timestamp(a.lockedUntil()), a.totpSecret(), a.totpLastStep(), a.personId());
            return null;
        });
    }

    @Override
    public Optional<Account> byLoginName(String loginName) {
        return with("read an account", c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM account WHERE login_name = ?",
                JdbcAccountStore::account, loginName));
    }

    @Override
    public Optional<Account> byPerson(String personId) {
        return with("read the account of " + personId, c -> Jdbc.one(c,
                "SELECT " + COLUMNS + " FROM account WHERE person_id = ?", JdbcAccountStore::account, personId));
    }

    @Override
    public int countWithRole(String personRole) {
        return with("count accounts", c -> Jdbc.one(c, "SELECT COUNT(*) FROM account a JOIN person p"
                + " ON p.id = a.person_id WHERE p.role = ?", row -> row.getInt(1), personRole).orElse(0));
    }

    @Override
    public void setRecoveryCodes(String personId, List<String> codeHashes) {
        with("set the recovery codes of " + personId, c -> {
            c.setAutoCommit(false);
            try {
                Jdbc.update(c, "DELETE FROM recovery_code WHERE person_id = ?", personId);
                for (String hash : codeHashes) {
                    Jdbc.update(c, "INSERT INTO recovery_code (person_id, code_hash) VALUES (?, ?)", personId, hash);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    @Override
    public List<String> recoveryCodes(String personId) {
        return with("read the recovery codes of " + personId, c -> Jdbc.query(c,
                "SELECT code_hash FROM recovery_code WHERE person_id = ?", row -> row.getString(1), personId));
    }

    @Override
    public boolean useRecoveryCode(String personId, String codeHash) {
        return with("use a recovery code of " + personId, c -> Jdbc.updateCount(c,
                "DELETE FROM recovery_code WHERE person_id = ? AND code_hash = ?", personId, codeHash) == 1);
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4), row.getInt(5),
                instant(row.getTimestamp(6)), row.getString(7), row.getLong(8), instant(row.getTimestamp(9)));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
