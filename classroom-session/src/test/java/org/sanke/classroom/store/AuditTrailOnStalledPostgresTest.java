package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.AuditTrail;
import org.sanke.classroom.audit.AuditVerifier;
import org.sanke.classroom.audit.Outcome;

/**
 * S22: recording an audit entry never waits on the database, so event loops and lessons' loops may record; while
 * PostgreSQL is stalled (every process SIGSTOPped) entries queue, and when it runs again all of them land, in order,
 * in one unbroken chain. A server of its own, so the other tests' shared one never stalls.
 */
class AuditTrailOnStalledPostgresTest {
    @Test
    void recordingNeverWaitsAndEverythingQueuedIsChainedInOrderWhenTheDatabaseResumes() throws Exception {
        try (TestPostgres server = TestPostgres.start();
             Database database = server.newDatabase(Database.Settings.defaults());
             AuditTrail trail = new AuditTrail(new JdbcAuditStore(database), Clock.systemUTC())) {
            trail.record(new AuditActor("t", "lead_teacher", "10.0.0.1"), "login", Outcome.SUCCESS, "t", null);
            assertThat(trail.flush(Duration.ofSeconds(10))).as("written before the stall").isTrue();

            server.pause();
            long stalledNanos;
            try {
                long started = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    trail.record(new AuditActor("p" + i, "learner", "10.0.1." + i), "lesson_joined",
                            Outcome.SUCCESS, "lesson", "n=" + i);
                }
                stalledNanos = System.nanoTime() - started;
                assertThat(trail.flush(Duration.ofSeconds(3))).as("nothing can land while stopped").isFalse();
            } finally {
                server.resume();
            }
            assertThat(Duration.ofNanos(stalledNanos)).as("100 entries recorded while the database was stopped")
                    .isLessThan(Duration.ofMillis(100));
            assertThat(trail.flush(Duration.ofSeconds(30))).as("written after the stall").isTrue();
            AuditVerifier.Report report = trail.verify(null);
            assertThat(report.intact()).as(report.summary()).isTrue();
            assertThat(report.entries()).isEqualTo(101);
            assertThat(trail.newestFirst(1, null).get(0).detail()).isEqualTo("n=99");
            assertThat(trail.dropped()).isZero();
        }
    }
}
