package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.SettableClock;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.AuditChain;
import org.sanke.classroom.audit.AuditEvent;
import org.sanke.classroom.audit.AuditQuery;
import org.sanke.classroom.audit.AuditTrail;
import org.sanke.classroom.audit.AuditVerifier;
import org.sanke.classroom.audit.LiveRecord;
import org.sanke.classroom.audit.LiveRecords;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.audit.Retention;
import org.sanke.classroom.audit.RetentionPurge;

/**
 * The audit trail's hash chain on H2 and on PostgreSQL, and its tamper tests (S22): a changed field, a removed
 * middle entry, an inserted or replaced entry and a removed front are each reported by the verifier with the entry
 * at fault; a removed tail is not visible in the chain alone, only against a head recorded earlier (an anchor). The
 * retention purge (S23, S35) removes only what is past its time, leaves the chain verifiable, and is audited; the
 * trail is searched by time, who, action and outcome (S23). Times start in 2020, so that PostgreSQL's guard counts
 * every entry as past the six-month floor and only the injected clock decides.
 */
abstract class AuditChainContract {
    static final Instant T0 = Instant.parse("2020-01-06T08:00:00Z");

    abstract Database freshDatabase() throws Exception;

    /** Lifts the database's own guard, as someone with the owner's rights could, before tampering. */
    void unguard(Connection c) throws Exception {
    }

    final SettableClock clock = new SettableClock(T0, ZoneOffset.UTC);
    Database db;
    AuditTrail trail;

    @BeforeEach
    void setUp() throws Exception {
        db = freshDatabase();
        trail = new AuditTrail(new JdbcAuditStore(db), clock);
    }

    @AfterEach
    void tearDown() {
        trail.close();
    }

    void recordLogins(int n) {
        for (int i = 0; i < n; i++) {
            trail.record(new AuditActor("u" + i, "lead_teacher", "10.0.0." + i), "login",
                    i % 3 == 2 ? Outcome.FAILURE : Outcome.SUCCESS, "u" + i, "entry " + i);
            clock.advance(Duration.ofMinutes(1));
        }
    }

    AuditVerifier.Report verify() {
        return trail.verify(null);
    }

    void tamper(String sql) throws Exception {
        assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            unguard(c);
            s.executeUpdate(sql);
        }
    }

    @Test
    void entriesFormOneChainWithTimeWhoWhatOutcomeAndAddressAndItVerifies() { // S22
        recordLogins(5);
        List<AuditEvent> newest = trail.newestFirst(10, null);
        assertThat(newest).extracting(AuditEvent::seq).containsExactly(5L, 4L, 3L, 2L, 1L);
        AuditEvent third = newest.get(2);
        assertThat(third.at()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
        assertThat(third.actorId()).isEqualTo("u2");
        assertThat(third.action()).isEqualTo("login");
        assertThat(third.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(third.sourceAddress()).isEqualTo("10.0.0.2");
        assertThat(third.prevHash()).isEqualTo(newest.get(3).hash());
        assertThat(newest.get(4).prevHash()).isEqualTo(AuditChain.GENESIS);
        AuditVerifier.Report report = verify();
        assertThat(report.intact()).as(report.summary()).isTrue();
        assertThat(report.entries()).isEqualTo(5);
        assertThat(report.headHash()).isEqualTo(newest.get(0).hash());
    }

    @Test
    void aChangedFieldIsReportedWithItsEntry() throws Exception { // S22
        recordLogins(5);
        tamper("UPDATE audit_event SET outcome = 'success' WHERE seq = 3");
        assertThat(verify().problem()).isEqualTo("entry 3 was changed: its fields no longer give its hash");
    }

    @Test
    void aChangedTimeIsReportedWithItsEntry() throws Exception { // S22
        recordLogins(5);
        tamper("UPDATE audit_event SET at = at + INTERVAL '1' HOUR WHERE seq = 2");
        assertThat(verify().problem()).startsWith("entry 2 was changed");
    }

    @Test
    void aRemovedMiddleEntryIsReported() throws Exception { // S22
        recordLogins(5);
        tamper("DELETE FROM audit_event WHERE seq = 3");
        AuditVerifier.Report report = verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.problem()).isEqualTo("entries 3 to 3 were removed: the chain goes from 2 to 4");
    }

    @Test
    void anEntryInsertedOutsideTheChainIsReported() throws Exception { // S22
        recordLogins(3);
        tamper("INSERT INTO audit_event (at, actor_id, action, outcome) VALUES (TIMESTAMP '2020-01-06 08:00:30',"
                + " 'u9', 'login', 'success')");
        assertThat(verify().problem()).endsWith("has no place in the chain: inserted outside it");
    }

    @Test
    void anEntryReplacedWithItsOwnHashRecomputedIsReportedAtTheNext() throws Exception { // S22
        recordLogins(5);
        List<AuditEvent> chain = trail.newestFirst(10, null).reversed();
        AuditEvent second = chain.get(1);
        AuditEvent forged = AuditEvent.of(chain.get(2).at(), new AuditActor("intruder", null, "10.9.9.9"), "login",
                Outcome.SUCCESS, "u2", null);
        java.time.LocalDateTime at = java.time.LocalDateTime.ofInstant(forged.at(), java.time.ZoneId.systemDefault());
        String hash = AuditChain.hash(forged, 3, at, second.hash());
        tamper("UPDATE audit_event SET actor_id = 'intruder', actor_role = NULL, source_address = '10.9.9.9',"
                + " detail = NULL, outcome = 'success', hash = '" + hash + "' WHERE seq = 3");
        assertThat(verify().problem()).isEqualTo("entry 4 does not follow entry 3: one of them was replaced, or an"
                + " entry inserted between them");
    }

    @Test
    void aRemovedFrontIsReportedWhenNoPurgeRecordsIt() throws Exception { // S22
        recordLogins(5);
        tamper("DELETE FROM audit_event WHERE seq <= 2");
        assertThat(verify().problem()).isEqualTo("entries 1 to 2 were removed, and no purge entry records it");
    }

    @Test
    void aRemovedTailShowsOnlyAgainstAnAnchorRecordedEarlier() throws Exception { // S22
        recordLogins(5);
        AuditVerifier.Report before = verify();
        AuditVerifier.Anchor anchor = new AuditVerifier.Anchor(before.headSeq(), before.headHash());
        tamper("DELETE FROM audit_event WHERE seq >= 4");
        assertThat(verify().intact()).as("the chain alone cannot tell a cut end from an end").isTrue();
        assertThat(trail.verify(anchor).problem()).isEqualTo("the chain ends at entry 3 but entry 5 was recorded:"
                + " entries were removed from the end");
        assertThat(trail.verify(new AuditVerifier.Anchor(3, before.headHash())).problem())
                .startsWith("entry 3 is not the one recorded");
    }

    @Test
    void entriesFromBeforeTheChainAreChainedAtTheFirstWrite() throws Exception { // S22
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                s.executeUpdate("INSERT INTO audit_event (at, actor_id, action, subject) VALUES (TIMESTAMP"
                        + " '2019-12-0" + (i + 1) + " 09:00:00.123456', 'sec', 'permission_granted', 'p" + i + "')");
            }
        }
        recordLogins(2);
        List<AuditEvent> chain = trail.newestFirst(10, null).reversed();
        assertThat(chain).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chain).extracting(AuditEvent::subject).startsWith("p0", "p1", "p2", "u0");
        assertThat(verify().intact()).isTrue();
        tamper("UPDATE audit_event SET subject = 'p9' WHERE seq = 2");
        assertThat(verify().problem()).startsWith("entry 2 was changed");
    }

    @Test
    void thePurgeRemovesOnlyWhatIsPastItsTimeLeavesTheChainVerifiableAndIsAudited() throws Exception { // S23, S35
        LiveRecords live = new LiveRecords(new JdbcLiveRecordStore(db), clock);
        RetentionPurge purge = new RetentionPurge(trail, live, Retention.defaults(), clock);
        recordLogins(4); // seq 1-4, at T0
        live.record("l1", LiveRecord.Kind.CHAT, "p1", null, null, "早上好");
        clock.advance(Duration.ofDays(61));
        live.record("l1", LiveRecord.Kind.STREAM_START, "p1", null, null, "camera");
        assertThat(purge.runOnce().liveRemoved()).as("past 60 days").isEqualTo(1);
        assertThat(live.lesson("l1")).extracting(LiveRecord::kind).containsExactly(LiveRecord.Kind.STREAM_START);

        clock.advance(Duration.ofDays(100));
        recordLogins(2); // 161 days on
        assertThat(purge.runOnce().auditRemoved()).as("nothing is six months old yet").isZero();
        clock.advance(Duration.ofDays(20)); // the first four are 181 days old
        RetentionPurge.Result result = purge.runOnce();
        assertThat(result.auditRemoved()).isEqualTo(4);
        assertThat(result.checked().intact()).isTrue();
        List<AuditEvent> left = trail.newestFirst(50, null);
        assertThat(left).extracting(AuditEvent::actorId).doesNotContain("u3").contains("u0", "u1");
        assertThat(left.get(0).action()).isEqualTo(AuditChain.PURGED);
        assertThat(left.get(0).detail()).startsWith("through=4 last=");
        assertThat(left).extracting(AuditEvent::action).contains("live_records_purged");
        AuditVerifier.Report report = verify();
        assertThat(report.intact()).as(report.summary()).isTrue();
        assertThat(report.firstSeq()).isEqualTo(5);

        AuditEvent firstLeft = left.getLast();
        assertThat(firstLeft.seq()).isEqualTo(5);
        tamper("DELETE FROM audit_event WHERE seq = 5");
        assertThat(verify().problem()).isEqualTo("entries 5 to 5 were removed after the last purge, which removed up"
                + " to 4");
        assertThat(purge.runOnce().auditRemoved()).as("a broken chain is not purged").isZero();
        assertThat(trail.newestFirst(1, null).get(0).action()).isEqualTo("audit_purge_refused");
        live.close();
    }

    @Test
    void staffSearchByTimeWhoActionAndOutcome() { // S23
        recordLogins(6); // u0..u5 at T0 + i minutes; u2 and u5 failed
        trail.record(new AuditActor("sec", "security_admin", "10.1.1.1"), "permission_granted", Outcome.SUCCESS,
                "u1", "minors_data");
        assertThat(trail.search(new AuditQuery(null, null, null, null, Outcome.FAILURE), 50, null))
                .extracting(AuditEvent::actorId).containsExactly("u5", "u2");
        assertThat(trail.search(new AuditQuery(T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(3)), null,
                "login", null), 50, null)).extracting(AuditEvent::actorId).containsExactly("u2", "u1");
        assertThat(trail.search(new AuditQuery(null, null, "sec", null, null), 50, null))
                .extracting(AuditEvent::action).containsExactly("permission_granted");
        List<AuditEvent> exported = trail.export(new AuditActor("aud", "auditor", "10.2.2.2"),
                new AuditQuery(null, null, null, "login", null), 100);
        assertThat(exported).hasSize(6);
        AuditEvent export = trail.newestFirst(1, null).get(0);
        assertThat(export.action()).isEqualTo("audit_exported");
        assertThat(export.actorId()).isEqualTo("aud");
        assertThat(export.detail()).isEqualTo("6 entries; action=login");
        assertThat(trail.export(new AuditActor("aud", "auditor", null), AuditQuery.ALL, 3)).as("too many").isNull();
        assertThat(trail.newestFirst(1, null).get(0).outcome()).isEqualTo(Outcome.FAILURE);
    }
}
