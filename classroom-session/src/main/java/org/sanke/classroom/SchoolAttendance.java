package org.sanke.classroom;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A school's attendance over a date range (for 质量监测): for each of its classrooms, the timetabled lessons it was
 * enrolled in that have started, how many it attended, how many late (joined more than 5 minutes after the start)
 * and how many it missed.
 */
public final class SchoolAttendance {
    /** Joined later than this after the start counts as late. */
    public static final Duration LATE_AFTER = Duration.ofMinutes(5);

    public record Row(Classroom classroom, int expected, int attended, int late, int absent) {
    }

    private final SchoolRegistry schools;
    private final Scheduling scheduling;
    private final AttendanceStore attendance;

    public SchoolAttendance(SchoolRegistry schools, Scheduling scheduling, AttendanceStore attendance) {
        this.schools = schools;
        this.scheduling = scheduling;
        this.attendance = attendance;
    }

    /** One row per classroom of the school, for lessons starting in [from, to) that have started by now. */
    public List<Row> summary(String schoolId, LocalDate from, LocalDate to) {
        List<Classroom> rooms = schools.classrooms(schoolId);
        Set<String> ids = rooms.stream().map(Classroom::id).collect(Collectors.toSet());
        var zone = scheduling.clock().getZone();
        Instant now = scheduling.clock().instant();
        Map<AttendanceStore.RoomInLesson, Instant> joins = attendance.firstJoins(ids,
                from.atStartOfDay(zone).minusHours(1).toInstant(), to.atStartOfDay(zone).plusDays(1).toInstant());
        Map<String, int[]> counts = new LinkedHashMap<>();
        rooms.forEach(room -> counts.put(room.id(), new int[3]));
        for (TimetableEntry entry : scheduling.entries()) {
            for (LocalDateTime start : entry.starts()) {
                if (start.toLocalDate().isBefore(from) || !start.toLocalDate().isBefore(to)) {
                    continue;
                }
                Instant startInstant = start.atZone(zone).toInstant();
                String lessonId = Scheduling.lessonId(entry, start);
                for (String room : entry.receivingClassroomIds()) {
                    int[] c = counts.get(room);
                    if (c == null) {
                        continue;
                    }
                    Instant joined = joins.get(new AttendanceStore.RoomInLesson(lessonId, room));
                    if (joined == null && startInstant.isAfter(now)) {
                        continue; // not started yet, and not attended early: not expected so far
                    }
                    c[0]++;
                    if (joined != null) {
                        c[1]++;
                        if (joined.isAfter(startInstant.plus(LATE_AFTER))) {
                            c[2]++;
                        }
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Classroom room : rooms) {
            int[] c = counts.get(room.id());
            rows.add(new Row(room, c[0], c[1], c[2], c[0] - c[1]));
        }
        return rows;
    }
}
