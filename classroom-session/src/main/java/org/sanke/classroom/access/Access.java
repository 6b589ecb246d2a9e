package org.sanke.classroom.access;

import java.time.Clock;
import java.util.List;
import org.sanke.classroom.SchoolRegistry;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcAccountStore;
import org.sanke.classroom.store.JdbcRevokedGrantStore;
import org.sanke.classroom.store.JdbcSessionStore;

/** Who may enter and do what: accounts, signed-in sessions, join grants and the first run's setup. */
public record Access(Accounts accounts, LoginSessions sessions, JoinGrants grants, PlatformSetup setup,
                     TerminalPairing pairing) {
    /**
     * Everything kept in {@code database}.
     *
     * @param grantKeys the key that signs grants, then older ones that still verify
     */
    public static Access of(Database database, SchoolRegistry people, List<byte[]> grantKeys, Passwords passwords,
                            Clock clock) {
        Accounts accounts = new Accounts(new JdbcAccountStore(database), people, passwords, AccessAudit.logging(),
                clock);
        JoinGrants grants = new JoinGrants(grantKeys, new JdbcRevokedGrantStore(database), clock);
        LoginSessions sessions = new LoginSessions(clock, new JdbcSessionStore(database));
        sessions.onPersonSignedOut(grants::revokeAllOf); // a signed-out person's grants stop opening lessons
        return new Access(accounts, sessions, grants, new PlatformSetup(accounts, people),
                new TerminalPairing(people, clock));
    }
}
