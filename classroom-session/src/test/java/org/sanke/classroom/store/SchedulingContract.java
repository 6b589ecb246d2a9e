package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Classroom;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.Scheduling;
import org.sanke.classroom.TimetableEntry;

/** Schools, classrooms, people and the timetable, kept in the database (H2 and PostgreSQL). */
abstract class SchedulingContract {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Clock NOW = Clock.fixed(ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, CHINA).toInstant(), CHINA);

    abstract Database freshDatabase() throws Exception;

    abstract Database reopen(Database database);

    private static TimetableEntry entry(String id, String teacher, String sending, Set<String> receiving, String start,
                                        LocalDate until) {
        return new TimetableEntry(id, "Chinese", teacher, sending, receiving, LocalDateTime.parse(start),
                Duration.ofMinutes(40), until);
    }

    @Test
    void aWithdrawnEntryFreesItsSlotsAndKeepsTheLessonsGivenAcrossARestart() throws Exception {
        Database database = freshDatabase();
        JdbcSchoolRegistry registry = new JdbcSchoolRegistry(database);
        registry.add(new School("city", "City school"));
        registry.add(new Classroom("studio", "city", "Studio"));
        registry.add(new Classroom("a", "city", "Point A"));
        registry.add(new Person("t", "city", "Wang", PersonRole.LEAD_TEACHER));
        org.sanke.classroom.SettableClock clock = new org.sanke.classroom.SettableClock(NOW.instant(), CHINA);
        Scheduling scheduling = new Scheduling(registry, new JdbcTimetableStore(database), clock);
        scheduling.schedule(entry("weekly", "t", "studio", Set.of("a"), "2026-11-30T10:00",
                LocalDate.parse("2026-12-21")), LessonMode.DEDICATED);
        scheduling.schedule(entry("once", "t", "studio", Set.of("a"), "2026-12-01T10:00", null), LessonMode.DEDICATED);
        scheduling.schedule(entry("given", "t", "studio", Set.of("a"), "2026-11-25T10:00", null),
                LessonMode.DEDICATED);

        assertThat(scheduling.withdraw("once")).isEqualTo(Scheduling.Withdrawal.REMOVED);
        assertThat(scheduling.withdraw("nothing")).isEqualTo(Scheduling.Withdrawal.NOT_FOUND);
        clock.advance(Duration.ofDays(8)); // 2 December: the weekly lesson of 30 November has been given
        assertThat(scheduling.withdraw("given")).isEqualTo(Scheduling.Withdrawal.ALREADY_GIVEN);
        assertThat(scheduling.withdraw("weekly")).isEqualTo(Scheduling.Withdrawal.SERIES_ENDED);
        assertThat(scheduling.lesson("weekly-20261130")).as("the lesson given stays").isPresent();
        assertThat(scheduling.lesson("weekly-20261207")).as("the next is gone").isEmpty();
        assertThat(scheduling.schedule(entry("new", "t", "studio", Set.of("a"), "2026-12-07T10:00", null),
                LessonMode.DEDICATED)).as("its slots are free").isInstanceOf(Scheduling.Result.Scheduled.class);

        Scheduling restarted = new Scheduling(registry, new JdbcTimetableStore(reopen(database)), clock);
        assertThat(restarted.entries()).extracting(TimetableEntry::id).containsExactlyInAnyOrder("weekly", "given",
                "new");
        assertThat(restarted.lesson("weekly-20261214")).isEmpty();
    }

    @Test
    void aRevisedEntryChangesFromNowOnAndTheLessonsGivenStayAsTheyWere() throws Exception {
        Database database = freshDatabase();
        JdbcSchoolRegistry registry = new JdbcSchoolRegistry(database);
        registry.add(new School("city", "City school"));
        registry.add(new Classroom("studio", "city", "Studio"));
        registry.add(new Classroom("a", "city", "Point A"));
        registry.add(new Classroom("b", "city", "Point B"));
        registry.add(new Person("t", "city", "Wang", PersonRole.LEAD_TEACHER));
        registry.add(new Person("t2", "city", "Li", PersonRole.LEAD_TEACHER));
        org.sanke.classroom.SettableClock clock = new org.sanke.classroom.SettableClock(NOW.instant(), CHINA);
        Scheduling scheduling = new Scheduling(registry, new JdbcTimetableStore(database), clock);
        scheduling.schedule(entry("weekly", "t", "studio", Set.of("a"), "2026-11-30T10:00",
                LocalDate.parse("2026-12-21")), LessonMode.MASTER_TEACHER);
        scheduling.schedule(entry("once", "t", "studio", Set.of("a"), "2026-12-01T10:00", null), LessonMode.DEDICATED);
        scheduling.schedule(entry("other", "t", "studio", Set.of("b"), "2026-12-01T14:00", null),
                LessonMode.DEDICATED);

        // Not begun: the entry itself changes, and does not clash with itself.
        TimetableEntry moved = entry("ignored", "t2", "studio", Set.of("a", "b"), "2026-12-01T10:20", null);
        assertThat(scheduling.revise("once", moved)).isInstanceOf(Scheduling.Result.Scheduled.class);
        assertThat(scheduling.lesson("once-20261201").orElseThrow().entry().teacherId()).isEqualTo("t2");
        assertThat(scheduling.revise("once", entry("x", "t", "studio", Set.of("b"), "2026-12-01T13:50", null)))
                .as("a clash with another entry still counts").isInstanceOf(Scheduling.Result.Clash.class);
        assertThat(scheduling.lesson("once-20261201").orElseThrow().start()).as("a refused revision changes nothing")
                .isEqualTo(LocalDateTime.parse("2026-12-01T10:20"));
        assertThat(scheduling.revise("missing", moved)).isInstanceOf(Scheduling.Result.NotFound.class);

        clock.advance(Duration.ofDays(8)); // 2 December: the weekly lesson of 30 November has been given
        assertThat(scheduling.revise("once", moved)).isInstanceOf(Scheduling.Result.AlreadyGiven.class);
        var split = scheduling.revise("weekly", entry("x", "t2", "studio", Set.of("a"), "2026-11-30T11:00",
                LocalDate.parse("2026-12-21")));
        assertThat(split).isInstanceOf(Scheduling.Result.Scheduled.class);
        TimetableEntry successor = ((Scheduling.Result.Scheduled) split).entry();
        assertThat(successor.firstStart()).as("the series goes on from its next week, at the new time")
                .isEqualTo(LocalDateTime.parse("2026-12-07T11:00"));
        assertThat(scheduling.lesson("weekly-20261130").orElseThrow().entry().teacherId())
                .as("the lesson given keeps its teacher").isEqualTo("t");
        assertThat(scheduling.lesson("weekly-20261207")).as("the old series has ended").isEmpty();
        assertThat(scheduling.lesson(successor.id() + "-20261214").orElseThrow().lesson().mode())
                .as("the mode stays").isEqualTo(LessonMode.MASTER_TEACHER);

        Scheduling restarted = new Scheduling(registry, new JdbcTimetableStore(reopen(database)), clock);
        assertThat(restarted.entries()).extracting(TimetableEntry::id).containsExactlyInAnyOrder("weekly", "once",
                "other", successor.id());
        assertThat(restarted.lesson("once-20261201").orElseThrow().entry().receivingClassroomIds())
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void archivedSchoolsClassroomsAndPeopleLeaveEveryListButKeepTheirNamesForTheRecords() throws Exception {
        Database database = freshDatabase();
        JdbcSchoolRegistry registry = new JdbcSchoolRegistry(database);
        registry.add(new School("city", "City school"));
        registry.add(new School("empty", "Typo school"));
        registry.add(new Classroom("studio", "city", "Studio"));
        registry.add(new Classroom("a", "city", "Point A"));
        registry.add(new Person("t", "city", "Wang", PersonRole.LEAD_TEACHER));
        registry.add(new Person("x", "city", "Zhao", PersonRole.ASSISTANT_TEACHER));
        String token = org.sanke.classroom.DeviceTokens.newToken();
        registry.setDeviceTokenHash("a", org.sanke.classroom.DeviceTokens.hash(token));
        org.sanke.classroom.SettableClock clock = new org.sanke.classroom.SettableClock(NOW.instant(), CHINA);
        Scheduling scheduling = new Scheduling(registry, new JdbcTimetableStore(database), clock);
        scheduling.schedule(entry("once", "t", "studio", Set.of("a"), "2026-12-01T10:00", null), LessonMode.DEDICATED);
        org.sanke.classroom.SchoolEdits edits = new org.sanke.classroom.SchoolEdits(registry, scheduling);

        assertThatThrownBy(() -> edits.archiveClassroom("a")).extracting("code").isEqualTo("has_coming_lessons");
        assertThatThrownBy(() -> edits.archivePerson("t")).extracting("code").isEqualTo("has_coming_lessons");
        assertThatThrownBy(() -> edits.changePerson(registry.person("t").orElseThrow(),
                new Person("t", "city", "Wang", PersonRole.LEARNER))).extracting("code")
                .isEqualTo("has_coming_lessons");
        assertThatThrownBy(() -> edits.archiveSchool("city")).extracting("code").isEqualTo("school_not_empty");
        assertThatThrownBy(() -> edits.renameSchool("empty", "city SCHOOL")).extracting("code")
                .isEqualTo("duplicate_name");
        edits.renameClassroom("studio", "Studio 1");
        edits.changePerson(registry.person("x").orElseThrow(), new Person("x", "city", "Zhao Lin",
                PersonRole.LEAD_TEACHER));
        assertThat(registry.person("x").orElseThrow().role()).isEqualTo(PersonRole.LEAD_TEACHER);

        clock.advance(Duration.ofDays(8)); // the lesson has been given
        edits.archiveClassroom("a");
        edits.archivePerson("t");
        edits.archiveSchool("empty");
        assertThat(registry.classrooms("city")).extracting(Classroom::id).containsExactly("studio");
        assertThat(registry.people("city")).extracting(Person::id).containsExactly("x");
        assertThat(registry.schools()).extracting(School::id).containsExactly("city");
        assertThat(registry.person("t")).as("an archived person cannot log in or be scheduled").isEmpty();
        assertThat(registry.checkDeviceToken("a", token)).as("its terminal stops working").isFalse();
        assertThat(registry.names(Set.of("a", "t", "studio"))).as("the records keep the names")
                .containsEntry("a", "Point A").containsEntry("t", "Wang").containsEntry("studio", "Studio 1");
        assertThat(scheduling.lesson("once-20261201")).as("the lesson given stays").isPresent();
        edits.renameSchool("city", "Typo school"); // an archived school's name is free again
    }

    @Test
    void aSchoolsAttendanceCountsExpectedAttendedLateAndAbsentLessons() throws Exception {
        Database database = freshDatabase();
        JdbcSchoolRegistry registry = new JdbcSchoolRegistry(database);
        registry.add(new School("city", "City school"));
        registry.add(new School("v", "Village school"));
        registry.add(new Classroom("studio", "city", "Studio"));
        registry.add(new Classroom("a", "v", "Point A"));
        registry.add(new Classroom("b", "v", "Point B"));
        registry.add(new Person("t", "city", "Wang", PersonRole.LEAD_TEACHER));
        new Scheduling(registry, new JdbcTimetableStore(database), NOW).schedule(entry("w", "t", "studio",
                Set.of("a", "b"), "2026-11-30T10:00", LocalDate.parse("2026-12-21")), LessonMode.DEDICATED);

        // Point A joins all four Mondays, once 10 minutes late; Point B only the first.
        JdbcAttendanceStore attendance = new JdbcAttendanceStore(database);
        for (int week = 0; week < 4; week++) {
            LocalDateTime start = LocalDateTime.parse("2026-11-30T10:00").plusWeeks(week);
            String lessonId = "w-" + start.toLocalDate().toString().replace("-", "");
            attendance.joined(lessonId, new org.sanke.classroom.Participant("pa" + week,
                    org.sanke.classroom.Role.CLASSROOM, "Point A", "a"),
                    start.plusMinutes(week == 2 ? 10 : -2).atZone(CHINA).toInstant());
            if (week == 0) {
                attendance.joined(lessonId, new org.sanke.classroom.Participant("pb", org.sanke.classroom.Role.CLASSROOM,
                        "Point B", "b"), start.atZone(CHINA).toInstant());
            }
        }
        Clock afterTerm = Clock.fixed(ZonedDateTime.of(2026, 12, 22, 9, 0, 0, 0, CHINA).toInstant(), CHINA);
        org.sanke.classroom.SchoolAttendance report = new org.sanke.classroom.SchoolAttendance(registry,
                new Scheduling(registry, new JdbcTimetableStore(database), afterTerm), attendance);
        var rows = report.summary("v", LocalDate.parse("2026-11-01"), LocalDate.parse("2027-01-01"));
        assertThat(rows).extracting(r -> r.classroom().id() + ":" + r.expected() + "/" + r.attended() + "/"
                + r.late() + "/" + r.absent()).containsExactly("a:4/4/1/0", "b:4/1/0/3");
        var december = report.summary("v", LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-15"));
        assertThat(december).extracting(r -> r.classroom().id() + ":" + r.expected())
                .containsExactly("a:2", "b:2");
    }

    @Test
    void schedulesChecksAndKeepsTheTimetableAcrossARestart() throws Exception {
        Database database = freshDatabase();
        JdbcSchoolRegistry registry = new JdbcSchoolRegistry(database);
        registry.add(new School("s1", "成都七中"));
        registry.add(new School("s2", "Village school"));
        registry.add(new Classroom("c1", "s1", "Grade 3 room"));
        registry.add(new Classroom("c2", "s2", "Teaching point A"));
        registry.add(new Classroom("c3", "s2", "Teaching point B"));
        registry.add(new Person("t1", "s1", "王老师", PersonRole.LEAD_TEACHER));
        registry.add(new Person("a1", "s2", "李老师", PersonRole.ASSISTANT_TEACHER));
        assertThat(registry.schools()).extracting(School::name).containsExactly("Village school", "成都七中");
        assertThat(registry.classrooms("s2")).extracting(Classroom::id).containsExactly("c2", "c3");
        assertThat(registry.people(null)).hasSize(2);
        String token = org.sanke.classroom.DeviceTokens.newToken();
        registry.setDeviceTokenHash("c2", org.sanke.classroom.DeviceTokens.hash(token));
        assertThat(registry.checkDeviceToken("c2", token)).isTrue();
        assertThat(registry.checkDeviceToken("c2", token + "x")).isFalse();
        assertThat(registry.checkDeviceToken("c3", token)).as("another room's token").isFalse();
        assertThat(registry.checkDeviceToken("c2", null)).isFalse();

        Scheduling scheduling = new Scheduling(registry, new JdbcTimetableStore(database), NOW);
        TimetableEntry weekly = entry("e1", "t1", "c1", Set.of("c2", "c3"), "2026-11-30T10:00",
                LocalDate.parse("2027-01-15"));
        assertThat(scheduling.schedule(weekly, LessonMode.DEDICATED)).isInstanceOf(Scheduling.Result.Scheduled.class);

        assertThat(scheduling.schedule(entry("e2", "a1", "c1", Set.of("c2"), "2026-12-01T10:00", null),
                LessonMode.DEDICATED)).isEqualTo(new Scheduling.Result.Invalid("teacherId", "李老师 is not a lead teacher"));
        assertThat(scheduling.schedule(entry("e3", "t1", "c1", Set.of("c9"), "2026-12-01T10:00", null),
                LessonMode.DEDICATED)).isEqualTo(new Scheduling.Result.Invalid("receivingClassroomIds",
                "no classroom has the id c9"));
        assertThat(scheduling.schedule(entry("e4", "t1", "c1", Set.of("c2"), "2026-11-23T10:00", null),
                LessonMode.DEDICATED)).isEqualTo(new Scheduling.Result.Invalid("start",
                "the lesson would start in the past"));

        String firstWeek = Scheduling.lessonId(weekly, weekly.firstStart());
        scheduling.endEarly(firstWeek);
        scheduling.endEarly(firstWeek);
        assertThat(scheduling.endedEarly(firstWeek)).isTrue();

        // After a restart the timetable still refuses a clash with the weekly lesson, and the lesson its teacher
        // ended early stays ended (the next week's does not).
        Scheduling afterRestart = new Scheduling(new JdbcSchoolRegistry(reopen(database)),
                new JdbcTimetableStore(reopen(database)), NOW);
        assertThat(afterRestart.entries()).containsExactly(weekly);
        assertThat(afterRestart.endedEarly(firstWeek)).isTrue();
        assertThat(afterRestart.endedEarly(Scheduling.lessonId(weekly, weekly.firstStart().plusWeeks(1)))).isFalse();
        Scheduling.Result clash = afterRestart.schedule(entry("e5", "t1", "c1", Set.of("c3"), "2026-12-07T10:20",
                null), LessonMode.DEDICATED);
        assertThat(clash).isInstanceOf(Scheduling.Result.Clash.class);
        assertThat(((Scheduling.Result.Clash) clash).conflict().message())
                .isEqualTo("teacher t1 is already in lesson e1 at 2026-12-07T10:20");
    }

    @Test
    void aWeeklyLessonBeyondOneSchoolYearIsRefusedAtOnceAndTwoHundredOfAYearScheduleQuickly() throws Exception {
        Database database = freshDatabase();
        JdbcSchoolRegistry registry = new JdbcSchoolRegistry(database);
        registry.add(new School("city", "City school"));
        registry.add(new Classroom("studio", "city", "Studio"));
        registry.add(new Classroom("village", "city", "Village room"));
        registry.add(new Classroom("studio-2", "city", "Studio 2"));
        registry.add(new Classroom("village-2", "city", "Village room 2"));
        for (int i = 0; i < 200; i++) {
            registry.add(new Person("t" + i, "city", "Teacher " + i, PersonRole.LEAD_TEACHER));
        }
        Scheduling scheduling = new Scheduling(registry, new JdbcTimetableStore(database), NOW);

        // Generous bound: before the cap this froze the server (a walk to 9999, then a pairwise rebuild).
        Scheduling.Result forever = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> scheduling.schedule(
                entry("forever", "t0", "studio", Set.of("village"), "2026-11-30T07:00",
                        LocalDate.parse("9999-12-31")), LessonMode.DEDICATED));
        assertThat(forever).isEqualTo(new Scheduling.Result.Invalid("weeklyUntil",
                "a weekly lesson repeats for at most one school year (until 2027-12-01)"));

        // 200 teachers take turns in two pairs of rooms, each weekly for a year, in 50-minute slots of the week;
        // the first for exactly the longest school year allowed.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            LocalDateTime monday = LocalDateTime.parse("2026-11-30T07:00");
            for (int i = 0; i < 200; i++) {
                int slot = i / 2;
                LocalDateTime start = monday.plusDays(slot / 15).plusMinutes(50L * (slot % 15));
                String pair = i % 2 == 0 ? "" : "-2";
                assertThat(scheduling.schedule(entry("e" + i, "t" + i, "studio" + pair, Set.of("village" + pair),
                        start.toString(),
                        start.toLocalDate().plusDays(i == 0 ? 366 : 364)), LessonMode.DEDICATED))
                        .as("entry %d", i).isInstanceOf(Scheduling.Result.Scheduled.class);
            }
        });
        assertThat(scheduling.entries()).hasSize(200);
        assertThat(scheduling.lesson("e3-20270104")).hasValueSatisfying(lesson -> assertThat(lesson.start())
                .isEqualTo(LocalDateTime.parse("2027-01-04T07:50")));
        assertThat(scheduling.lesson("e3-20270105")).as("not its weekday").isEmpty();
        assertThat(scheduling.lesson("e3-2027x104")).isEmpty();
        Scheduling.Result clash = scheduling.schedule(entry("clash", "t7", "studio", Set.of("village"),
                "2027-06-07T09:40", null), LessonMode.DEDICATED);
        assertThat(clash).isEqualTo(new Scheduling.Result.Clash(new org.sanke.classroom.Timetable.Conflict("e7",
                "teacher t7", LocalDateTime.parse("2027-06-07T09:40"))));
    }
}
