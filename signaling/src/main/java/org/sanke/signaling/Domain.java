package org.sanke.signaling;

import org.sanke.classroom.report.Reports;
import org.sanke.classroom.privacy.Minors;
import org.sanke.classroom.replay.Replays;
import org.sanke.classroom.store.JdbcReplayStore;
import org.sanke.classroom.sanction.Sanctions;
import org.sanke.classroom.store.JdbcMinorStatusStore;
import org.sanke.classroom.store.JdbcReportStore;
import org.sanke.classroom.store.JdbcSanctionStore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.sanke.classroom.AttendanceStore;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.MemoryAttendanceStore;
import org.sanke.classroom.SchoolRegistry;
import org.sanke.classroom.Scheduling;
import org.sanke.classroom.access.Access;
import org.sanke.classroom.access.JoinGrants;
import org.sanke.classroom.access.Passwords;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcSchoolRegistry;
import org.sanke.classroom.store.JdbcTimetableStore;

/**
 * The domain services signaling serves: lessons, attendance, schools, the timetable, and access to all of them.
 *
 * @param zone the deployment's time zone: timetable times are local to it
 */
public record Domain(LessonDirectory lessons, AttendanceStore attendance, SchoolRegistry schools,
                     Scheduling scheduling, Access access, Sanctions sanctions, Reports reports, Minors minors,
                     Replays replays, ZoneId zone) {
    /** China's time, the default for timetables. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** Everything in one database, with grants signed by {@code grantKeys} (the signing key first). */
    public static Domain of(Database database, LessonDirectory lessons, AttendanceStore attendance, Clock clock,
                            List<byte[]> grantKeys, Passwords passwords) {
        SchoolRegistry schools = new JdbcSchoolRegistry(database);
        return new Domain(lessons, attendance, schools,
                new Scheduling(schools, new JdbcTimetableStore(database), clock),
                Access.of(database, schools, grantKeys, passwords, clock),
                new Sanctions(new JdbcSanctionStore(database), clock),
                new Reports(new JdbcReportStore(database), clock),
                new Minors(new JdbcMinorStatusStore(database), clock),
                new Replays(new JdbcReplayStore(database), clock), clock.getZone());
    }

    /** Everything in one database, on the given clock, with a fresh grant key (tests). */
    public static Domain of(Database database, LessonDirectory lessons, AttendanceStore attendance, Clock clock) {
        return of(database, lessons, attendance, clock, List.of(JoinGrants.newKey()), new Passwords());
    }

    /** For tests and throwaway runs: lessons as given, the rest in a private in-memory database. */
    public static Domain inMemory(LessonDirectory lessons) {
        Database database = Database.open("jdbc:h2:mem:sanke-" + System.nanoTime(), "sa", "");
        return of(database, lessons, new MemoryAttendanceStore(), Clock.system(DEFAULT_ZONE));
    }
}
