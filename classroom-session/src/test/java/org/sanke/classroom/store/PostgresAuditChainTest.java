package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.AuditTrail;
import org.sanke.classroom.audit.Outcome;

/**
 * The audit chain's tamper tests on PostgreSQL (S22, S23, S35), where a trigger also keeps the table append-only:
 * each tamper first meets the trigger's refusal, then lifts it as the table's owner could.
 */
class PostgresAuditChainTest extends AuditChainContract {
    @Override
    Database freshDatabase() throws Exception {
        return TestPostgres.freshDatabase();
    }

    @Override
    void unguard(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET detail = 'x'"))
                    .as("the trigger refuses").hasMessageContaining("audit_event is append-only");
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
        }
    }

    /** S22, S23: on the real clock, nothing chained changes, nothing younger than six months goes, nor the table. */
    @Test
    void theTableRefusesChangesTruncationAndDeletionOfEntriesYoungerThanSixMonths() throws Exception {
        try (AuditTrail now = new AuditTrail(new JdbcAuditStore(db), Clock.systemUTC())) {
            now.record(new AuditActor("u1", "auditor", "10.0.0.1"), "login", Outcome.SUCCESS, "u1", null);
            assertThat(now.flush(Duration.ofSeconds(10))).isTrue();
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : new String[] {"UPDATE audit_event SET actor_id = 'u2'", "DELETE FROM audit_event",
                    "TRUNCATE audit_event"}) {
                assertThatThrownBy(() -> s.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("audit_event is append-only");
            }
        }
        assertThat(trail.verify(null).entries()).isEqualTo(1);
    }
}
