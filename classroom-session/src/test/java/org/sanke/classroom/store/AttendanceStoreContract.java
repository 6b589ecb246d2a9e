package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.AttendanceRecord;
import org.sanke.classroom.AttendanceWrite;
import org.sanke.classroom.Participant;
import org.sanke.classroom.QualitySample;
import org.sanke.classroom.Role;

/** What the attendance store must do, on H2 and on PostgreSQL. */
abstract class AttendanceStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");

    abstract Database freshDatabase() throws Exception;

    @Test
    void recordsJoinsLeavesAndQualityPerParticipant() throws Exception {
        JdbcAttendanceStore store = new JdbcAttendanceStore(freshDatabase());
        Participant teacher = new Participant("p1", Role.TEACHER, "王老师");
        Participant village = new Participant("p2", Role.CLASSROOM, "Village 1");
        store.joined("lesson", teacher, T0);
        store.joined("lesson", village, T0.plusSeconds(90));
        store.joined("other", new Participant("p9", Role.CLASSROOM, "Elsewhere"), T0);
        store.sample(new QualitySample("lesson", "p2", T0.plusSeconds(100), 2.0, 0, 800));
        store.sample(new QualitySample("lesson", "p2", T0.plusSeconds(110), 4.0, 500, 600));
        store.left("lesson", "p2", T0.plusSeconds(2400), "left");
        store.left("lesson", "p2", T0.plusSeconds(2500), "disconnected");

        List<AttendanceRecord> records = store.lesson("lesson");
        assertThat(records).extracting(AttendanceRecord::name).containsExactly("王老师", "Village 1");
        AttendanceRecord room = records.get(1);
        assertThat(room.role()).isEqualTo(Role.CLASSROOM);
        assertThat(room.joinedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(room.leftAt()).as("the first leave counts").isEqualTo(T0.plusSeconds(2400));
        assertThat(room.leaveReason()).isEqualTo("left");
        assertThat(room.presence(T0.plusSeconds(9999))).isEqualTo(Duration.ofSeconds(2310));
        assertThat(room.samples()).isEqualTo(2);
        assertThat(room.averageLossPercent()).isEqualTo(3.0);
        assertThat(room.totalFreezeMs()).isEqualTo(500);
        assertThat(room.averageKbps()).isEqualTo(700.0);
        AttendanceRecord stillThere = records.get(0);
        assertThat(stillThere.leftAt()).isNull();
        assertThat(stillThere.samples()).isZero();
        assertThat(store.lesson("nobody")).isEmpty();
    }

    @Test
    void writesABatchInOrderAndSkipsOnlyTheWriteTheDatabaseRefuses() throws Exception {
        JdbcAttendanceStore store = new JdbcAttendanceStore(freshDatabase());
        Participant a = new Participant("a", Role.CLASSROOM, "Point A", "room-a");
        Participant b = new Participant("b", Role.CLASSROOM, "Point B");
        store.write(List.of(
                new AttendanceWrite.Joined("lesson", a, T0),
                new AttendanceWrite.Sampled(new QualitySample("lesson", "a", T0.plusSeconds(10), 1.0, 0, 900)),
                new AttendanceWrite.Joined("lesson", b, T0.plusSeconds(20)),
                new AttendanceWrite.Joined("lesson", a, T0.plusSeconds(30)), // a second join: refused, skipped
                new AttendanceWrite.Left("lesson", "a", T0.plusSeconds(40), "left"),
                new AttendanceWrite.Sampled(new QualitySample("lesson", "b", T0.plusSeconds(50), 3.0, 0, 500))));
        store.write(List.of(new AttendanceWrite.Joined("lesson", new Participant("c", Role.TEACHER, "王老师"),
                T0.plusSeconds(60)), new AttendanceWrite.Left("lesson", "c", T0.plusSeconds(70), "disconnected")));

        List<AttendanceRecord> records = store.lesson("lesson");
        assertThat(records).extracting(AttendanceRecord::participantId).containsExactly("a", "b", "c");
        assertThat(records.get(0).joinedAt()).as("the first join stands").isEqualTo(T0);
        assertThat(records.get(0).leftAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(records.get(1).averageKbps()).isEqualTo(500.0);
        assertThat(records.get(2).leaveReason()).as("a leave after its join in the same batch")
                .isEqualTo("disconnected");
        assertThat(records).extracting(AttendanceRecord::samples).containsExactly(1, 1, 0);
    }
}
