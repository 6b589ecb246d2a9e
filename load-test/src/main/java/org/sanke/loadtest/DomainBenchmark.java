package org.sanke.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.sanke.classroom.Classroom;
import org.sanke.classroom.JoinPolicy;
import org.sanke.classroom.JoinResult;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.LiveLesson;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;
import org.sanke.classroom.School;
import org.sanke.classroom.Scheduling;
import org.sanke.classroom.SchoolAttendance;
import org.sanke.classroom.TimetableEntry;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcAttendanceStore;
import org.sanke.classroom.store.JdbcSchoolRegistry;
import org.sanke.classroom.store.JdbcTimetableStore;

/**
 * The domain's database work at the scale of a county, on the database given: a semester of a school with 100
 * receiving classrooms (400 weekly lessons over 25 weeks: 10,000 lessons, 100,000 attendance rows), then
 * (1) the school's attendance summary over the semester, (2) a classroom's join to a timetabled lesson: lookup,
 * lifecycle, enrolment, the join policy and the attendance insert. Usage: {@code DomainBenchmark JDBC_URL [USER]}.
 */
public final class DomainBenchmark {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TERM_START = LocalDate.parse("2027-03-01");
    private static final int WEEKS = 25;
    private static final int ROOMS = 100;
    private static final int ROOMS_PER_LESSON = 10;
    private static final int SLOTS = 40; // 5 days x 8 periods

    private DomainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DomainBenchmark JDBC_URL [USER]");
            System.exit(2);
        }
        String url = args[0];
        String user = args.length > 1 ? args[1] : "postgres";
        Database database = Database.open(url, user, "");
        JdbcSchoolRegistry registry = new JdbcSchoolRegistry(database);
        Clock beforeTerm = Clock.fixed(ZonedDateTime.of(2027, 2, 1, 9, 0, 0, 0, CHINA).toInstant(), CHINA);
        long t0 = System.nanoTime();
        registry.add(new School("city", "City school"));
        registry.add(new School("county", "County school"));
        for (int r = 0; r < ROOMS; r++) {
            registry.add(new Classroom("room" + r, "county", "Room " + r));
        }
        Scheduling scheduling = new Scheduling(registry, new JdbcTimetableStore(database), beforeTerm);
        int lessonsPerSlot = ROOMS / ROOMS_PER_LESSON;
        int scheduled = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            LocalDateTime start = TERM_START.plusDays(slot / 8).atTime(8 + slot % 8, 0);
            for (int k = 0; k < lessonsPerSlot; k++) {
                // Each lesson has its own teacher and sending studio, and ten of the county's rooms.
                String id = "e" + slot + "-" + k;
                registry.add(new Person("t-" + id, "city", "Teacher " + id, PersonRole.LEAD_TEACHER));
                registry.add(new Classroom("studio-" + id, "city", "Studio " + id));
                Set<String> rooms = new HashSet<>();
                for (int r = 0; r < ROOMS_PER_LESSON; r++) {
                    rooms.add("room" + (k * ROOMS_PER_LESSON + r));
                }
                TimetableEntry entry = new TimetableEntry(id, "Subject", "t-" + id, "studio-" + id, rooms, start,
                        Duration.ofMinutes(40), start.toLocalDate().plusWeeks(WEEKS - 1));
                if (scheduling.schedule(entry, LessonMode.DEDICATED) instanceof Scheduling.Result.Scheduled) {
                    scheduled++;
                }
            }
        }
        long attendanceRows = insertAttendance(url, user, scheduling);
        System.out.printf(Locale.ROOT, "data: %d weekly lessons x %d weeks = %d lessons, %,d attendance rows"
                        + " (set up in %.1f s)%n", scheduled, WEEKS, scheduled * WEEKS, attendanceRows,
                (System.nanoTime() - t0) / 1e9);

        Clock afterTerm = Clock.fixed(ZonedDateTime.of(2027, 9, 1, 9, 0, 0, 0, CHINA).toInstant(), CHINA);
        SchoolAttendance summary = new SchoolAttendance(registry,
                new Scheduling(registry, new JdbcTimetableStore(database), afterTerm), new JdbcAttendanceStore(database));
        double[] summaryMillis = new double[11];
        int expected = 0;
        for (int i = 0; i < summaryMillis.length; i++) {
            long start = System.nanoTime();
            var rows = summary.summary("county", TERM_START, TERM_START.plusWeeks(WEEKS));
            summaryMillis[i] = (System.nanoTime() - start) / 1e6;
            expected = rows.stream().mapToInt(SchoolAttendance.Row::expected).sum();
        }
        Arrays.sort(summaryMillis);
        System.out.printf(Locale.ROOT, "school attendance summary over the semester (%,d expected room-lessons):"
                + " median %.0f ms, max %.0f ms over %d runs%n", expected, summaryMillis[summaryMillis.length / 2],
                summaryMillis[summaryMillis.length - 1], summaryMillis.length);

        // A join during the term: find the timetabled lesson, check it is open and the room enrolled, run the
        // join policy, record the attendance row.
        Clock duringLesson = Clock.fixed(ZonedDateTime.of(2027, 3, 8, 7, 55, 0, 0, CHINA).toInstant(), CHINA);
        Scheduling live = new Scheduling(registry, new JdbcTimetableStore(database), duringLesson);
        JdbcAttendanceStore attendance = new JdbcAttendanceStore(database);
        int joins = 2000;
        double[] joinMillis = new double[joins];
        for (int i = 0; i < joins; i++) {
            String room = "room" + (i % ROOMS_PER_LESSON);
            long start = System.nanoTime();
            var lesson = live.lesson("e0-0-20270308").orElseThrow();
            if (!lesson.lifecycle().stateAt(duringLesson.instant()).joinable()
                    || !lesson.enrolledClassrooms().contains(room)) {
                throw new IllegalStateException("the benchmark's lesson should be open to " + room);
            }
            LiveLesson liveLesson = new LiveLesson(lesson.lesson(), JoinPolicy.DEFAULT);
            JoinResult result = liveLesson.join(Role.CLASSROOM, "Room", room);
            attendance.joined("bench-" + i, ((JoinResult.Admitted) result).participant(), duringLesson.instant());
            joinMillis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(joinMillis);
        System.out.printf(Locale.ROOT, "join (lookup, lifecycle, enrolment, policy, attendance insert) over %d joins:"
                        + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", joins, joinMillis[joins / 2],
                joinMillis[(int) (joins * 0.99)], joinMillis[joins - 1]);
    }

    /** Every enrolled room joins every lesson of the term, two minutes early; one batch insert. */
    private static long insertAttendance(String url, String user, Scheduling scheduling) throws Exception {
        long rows = 0;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO attendance (lesson_id, participant_id,"
                    + " role, name, joined_at, classroom_id) VALUES (?, ?, 'CLASSROOM', 'Room', ?, ?)")) {
                for (TimetableEntry entry : scheduling.entries()) {
                    for (LocalDateTime start : entry.starts()) {
                        String lessonId = Scheduling.lessonId(entry, start);
                        for (String room : entry.receivingClassroomIds()) {
                            insert.setString(1, lessonId);
                            insert.setString(2, "p-" + room + "-" + lessonId);
                            insert.setTimestamp(3, Timestamp.from(start.minusMinutes(2).atZone(CHINA).toInstant()));
                            insert.setString(4, room);
                            insert.addBatch();
                            if (++rows % 5000 == 0) {
                                insert.executeBatch();
                            }
                        }
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        }
        return rows;
    }
}
