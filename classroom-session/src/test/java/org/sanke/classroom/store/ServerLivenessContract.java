package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.AttendanceRecord;
import org.sanke.classroom.Participant;
import org.sanke.classroom.Role;

/** A crash leaves attendance open; the next start closes it at the last heartbeat (H2 and PostgreSQL). */
abstract class ServerLivenessContract {
    private static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");

    abstract Database freshDatabase() throws Exception;

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static Map<String, AttendanceRecord> byParticipant(JdbcAttendanceStore store, String lessonId) {
        return store.lesson(lessonId).stream().collect(Collectors.toMap(AttendanceRecord::participantId, r -> r));
    }

    @Test
    void attendanceACrashLeftOpenClosesAtTheLastHeartbeatOrAtAJoinAfterIt() throws Exception {
        Database database = freshDatabase();
        JdbcAttendanceStore attendance = new JdbcAttendanceStore(database);
        ServerLiveness running = new ServerLiveness(database, at(T0.plusSeconds(60)));
        assertThat(running.lastBeat()).isEmpty();
        attendance.joined("lesson", new Participant("teacher", Role.TEACHER, "王老师"), T0);
        attendance.joined("lesson", new Participant("gone", Role.CLASSROOM, "Point A"), T0.plusSeconds(10));
        attendance.left("lesson", "gone", T0.plusSeconds(20), "left");
        running.beat();
        new ServerLiveness(database, at(T0.plusSeconds(90))).beat();
        attendance.joined("lesson", new Participant("late", Role.CLASSROOM, "Point B"), T0.plusSeconds(95));
        // ...and the server dies at T0 + 100 s, with the teacher and Point B still "in" the lesson.

        ServerLiveness restarted = new ServerLiveness(database, at(T0.plusSeconds(3600)));
        assertThat(restarted.lastBeat()).contains(T0.plusSeconds(90));
        assertThat(restarted.closeOpenAttendance()).isEqualTo(2);
        Map<String, AttendanceRecord> records = byParticipant(attendance, "lesson");
        assertThat(records.get("teacher").leftAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(records.get("teacher").leaveReason()).isEqualTo(AttendanceRecord.SERVER_STOPPED);
        assertThat(records.get("teacher").presence(T0.plusSeconds(99999))).isEqualTo(Duration.ofSeconds(90));
        assertThat(records.get("late").leftAt()).as("joined after the last beat").isEqualTo(T0.plusSeconds(95));
        assertThat(records.get("gone").leaveReason()).as("who had left keeps its leave").isEqualTo("left");
        assertThat(records.get("gone").leftAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(restarted.closeOpenAttendance()).as("nothing open any more").isZero();
    }

    @Test
    void withoutAnyHeartbeatOpenAttendanceClosesAtItsJoin() throws Exception {
        Database database = freshDatabase();
        JdbcAttendanceStore attendance = new JdbcAttendanceStore(database);
        attendance.joined("lesson", new Participant("p", Role.CLASSROOM, "Point A"), T0);
        assertThat(new ServerLiveness(database, at(T0.plusSeconds(600))).closeOpenAttendance()).isEqualTo(1);
        List<AttendanceRecord> records = attendance.lesson("lesson");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.leftAt()).isEqualTo(T0);
            assertThat(r.leaveReason()).isEqualTo(AttendanceRecord.SERVER_STOPPED);
        });
    }

    @Test
    void aBeatingServerWritesItsClockOnItsOwnThreadUntilClosed() throws Exception {
        Database database = freshDatabase();
        try (ServerLiveness liveness = new ServerLiveness(database, at(T0))) {
            liveness.startBeating(Duration.ofMillis(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (liveness.lastBeat().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(liveness.lastBeat()).contains(T0);
        }
        ServerLiveness later = new ServerLiveness(database, at(T0.plusSeconds(5)));
        later.beat();
        assertThat(later.lastBeat()).as("one row, moved forward").contains(T0.plusSeconds(5));
    }
}
