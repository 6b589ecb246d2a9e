package org.sanke.classroom.access;

import java.time.Clock;
import java.util.List;
import org.sanke.classroom.SchoolRegistry;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.audit.AuditTrail;
import org.sanke.classroom.audit.LiveRecords;
import org.sanke.classroom.privacy.PersonRecords;
import org.sanke.classroom.store.JdbcAccountStore;
import org.sanke.classroom.store.JdbcAuditStore;
import org.sanke.classroom.store.JdbcDataRequestStore;
import org.sanke.classroom.store.JdbcGuardianStore;
import org.sanke.classroom.store.JdbcLiveRecordStore;
import org.sanke.classroom.store.JdbcPersonAttendance;
import org.sanke.classroom.store.JdbcPersonErasure;
import org.sanke.classroom.store.JdbcRealNameStore;
import org.sanke.classroom.store.JdbcStaffPermissionStore;
import org.sanke.classroom.store.JdbcRevokedGrantStore;
import org.sanke.classroom.store.JdbcSessionStore;

/**
 * Who may enter and do what: accounts, signed-in sessions, join grants, the first run's setup, terminal pairing, and
 * people's records (real names, permissions, their rights over their data, the audit trail), and the live-content
 * records lessons keep (S35).
 */
public record Access(Accounts accounts, LoginSessions sessions, JoinGrants grants, PlatformSetup setup,
                     TerminalPairing pairing, PersonRecords records, LiveRecords live) {
    /**
     * Everything kept in {@code database}.
     *
     * @param grantKeys the key that signs grants, then older ones that still verify
     */
    public static Access of(Database database, SchoolRegistry people, List<byte[]> grantKeys, Passwords passwords,
                            Clock clock) {
        AuditTrail audit = new AuditTrail(new JdbcAuditStore(database), clock);
        JdbcAccountStore accountStore = new JdbcAccountStore(database);
        Accounts accounts = new Accounts(accountStore, people, passwords, AccessAudit.into(audit), clock);
        JoinGrants grants = new JoinGrants(grantKeys, new JdbcRevokedGrantStore(database), clock);
        LoginSessions sessions = new LoginSessions(clock, new JdbcSessionStore(database));
        sessions.onPersonSignedOut(grants::revokeAllOf); // a signed-out person's grants stop opening lessons
        PersonRecords records = new PersonRecords(people, accountStore, new JdbcRealNameStore(database),
                new JdbcGuardianStore(database), new JdbcStaffPermissionStore(database),
                new JdbcDataRequestStore(database), new JdbcPersonErasure(database),
                new JdbcPersonAttendance(database), audit, clock);
        records.onErase(sessions::endAllOf); // a deleted person is signed out everywhere first
        return new Access(accounts, sessions, grants, new PlatformSetup(accounts, people),
                new TerminalPairing(people, clock), records, new LiveRecords(new JdbcLiveRecordStore(database), clock));
    }
}
