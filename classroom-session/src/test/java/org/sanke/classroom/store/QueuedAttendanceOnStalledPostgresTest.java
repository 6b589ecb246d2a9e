package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.AttendanceRecord;
import org.sanke.classroom.Participant;
import org.sanke.classroom.QualitySample;
import org.sanke.classroom.QueuedAttendanceWriter;
import org.sanke.classroom.Role;

/**
 * A PostgreSQL server that stalls (every process SIGSTOPped for seconds) holds up no lesson: joins, leaves and
 * samples are queued at once, and all of them land, in order, when it runs again. A server of its own, so the
 * other tests' shared one never stalls.
 */
class QueuedAttendanceOnStalledPostgresTest {
    private static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");

    @Test
    void callersNeverWaitOnAStalledDatabaseAndEverythingQueuedLandsWhenItResumes() throws Exception {
        try (TestPostgres server = TestPostgres.start();
             Database database = server.newDatabase(Database.Settings.defaults());
             QueuedAttendanceWriter writer = new QueuedAttendanceWriter(new JdbcAttendanceStore(database))) {
            writer.joined("lesson", new Participant("teacher", Role.TEACHER, "王老师"), T0.minusSeconds(60));
            assertThat(writer.flush(Duration.ofSeconds(10))).as("written before the stall").isTrue();

            server.pause();
            long stalledNanos;
            try {
                long started = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    writer.joined("lesson", new Participant("room" + i, Role.CLASSROOM, "Room " + i, "room" + i),
                            T0.plusSeconds(i));
                    writer.sample(new QualitySample("lesson", "room" + i, T0.plusSeconds(100 + i), 2.0, 0, 700));
                    writer.left("lesson", "room" + i, T0.plusSeconds(600 + i), "left");
                }
                stalledNanos = System.nanoTime() - started;
                // The stall outlives a first write attempt of the queued batch.
                assertThat(writer.flush(Duration.ofSeconds(3))).as("nothing can land while stopped").isFalse();
            } finally {
                server.resume();
            }
            assertThat(Duration.ofNanos(stalledNanos)).as("150 writes queued while the database was stopped")
                    .isLessThan(Duration.ofMillis(50));

            assertThat(writer.flush(Duration.ofSeconds(30))).as("written after the stall").isTrue();
            List<AttendanceRecord> records = new JdbcAttendanceStore(database).lesson("lesson");
            assertThat(records).hasSize(51);
            assertThat(records.subList(1, 51)).allSatisfy(r -> {
                assertThat(r.leftAt()).as("the leave of %s came after its join", r.participantId()).isNotNull();
                assertThat(r.samples()).isEqualTo(1);
            });
            assertThat(writer.droppedSamples() + writer.droppedJoinsAndLeaves()).isZero();
        }
    }
}
