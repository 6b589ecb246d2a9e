package org.sanke.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.AuditTrail;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcAuditStore;
import org.sanke.classroom.store.TestPostgres;

/**
 * S22: {@code ./sanke verify-audit} against a real PostgreSQL: exit 0 and the head on an intact chain, 3 and the
 * entry at fault once an entry is changed or the end cut (against an anchor), 2 on a bad anchor, 1 when the
 * database cannot be read.
 */
class VerifyAuditCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return VerifyAuditCommand.run(args, Map.of("SANKE_DATABASE_USER", "postgres"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void exitsZeroOnAnIntactChainAndThreeNamingTheEntryOnATamperedOne() throws Exception {
        Database db = TestPostgres.freshDatabase();
        try (AuditTrail trail = new AuditTrail(new JdbcAuditStore(db), Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                trail.record(new AuditActor("u" + i, "auditor", "10.0.0." + i), "login", Outcome.SUCCESS, "u" + i,
                        null);
            }
            assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
        }
        String database = "--database=" + db.url();
        assertThat(run(database)).as(err.toString()).isEqualTo(VerifyAuditCommand.INTACT);
        String said = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(said).startsWith("sanke verify-audit: audit trail intact: 3 entries, 1 to 3; head 3:");
        String head = said.substring(said.lastIndexOf(' ') + 1);
        assertThat(run(database, "--anchor=" + head)).isEqualTo(VerifyAuditCommand.INTACT);

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
            s.executeUpdate("DELETE FROM audit_event WHERE seq = 3");
        }
        assertThat(run(database)).as("a cut end alone looks like an end").isEqualTo(VerifyAuditCommand.INTACT);
        assertThat(run(database, "--anchor=" + head)).isEqualTo(VerifyAuditCommand.TAMPERED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("audit trail TAMPERED: the chain ends at entry 2"
                + " but entry 3 was recorded");

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_event SET source_address = '10.6.6.6' WHERE seq = 2");
        }
        assertThat(run(database)).isEqualTo(VerifyAuditCommand.TAMPERED);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("sanke verify-audit: audit trail TAMPERED:"
                + " entry 2 was changed: its fields no longer give its hash");

        assertThat(run(database, "--anchor=3")).isEqualTo(VerifyAuditCommand.BAD_OPTIONS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("an anchor is SEQ:HASH");
        db.close();
    }

    @Test
    void exitsOneWhenTheDatabaseCannotBeRead() {
        assertThat(run("--database=jdbc:postgresql://127.0.0.1:1/sanke")).isEqualTo(VerifyAuditCommand.UNREADABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("could not read the audit trail in"
                + " jdbc:postgresql://127.0.0.1:1/sanke");
    }
}
