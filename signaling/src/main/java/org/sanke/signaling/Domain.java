package org.sanke.signaling;

import java.time.Clock;
import java.time.ZoneId;
import org.sanke.classroom.AttendanceStore;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.MemoryAttendanceStore;
import org.sanke.classroom.SchoolRegistry;
import org.sanke.classroom.Scheduling;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcSchoolRegistry;
import org.sanke.classroom.store.JdbcTimetableStore;

/**
 * The domain services signaling serves: lessons, attendance, schools and the timetable.
 *
 * @param zone the deployment's time zone: timetable times are local to it
 */
public record Domain(LessonDirectory lessons, AttendanceStore attendance, SchoolRegistry schools,
                     Scheduling scheduling, ZoneId zone) {
    /** China's time, the default for timetables. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** Everything in one database. */
    public static Domain of(Database database, LessonDirectory lessons, AttendanceStore attendance, ZoneId zone) {
        return of(database, lessons, attendance, Clock.system(zone));
    }

    /** Everything in one database, on the given clock (its zone is the deployment's). */
    public static Domain of(Database database, LessonDirectory lessons, AttendanceStore attendance, Clock clock) {
        SchoolRegistry schools = new JdbcSchoolRegistry(database);
        return new Domain(lessons, attendance, schools,
                new Scheduling(schools, new JdbcTimetableStore(database), clock), clock.getZone());
    }

    /** For tests and throwaway runs: lessons as given, the rest in a private in-memory database. */
    public static Domain inMemory(LessonDirectory lessons) {
        Database database = Database.open("jdbc:h2:mem:sanke-" + System.nanoTime(), "sa", "");
        return of(database, lessons, new MemoryAttendanceStore(), DEFAULT_ZONE);
    }
}
