package org.sanke.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ScheduleTest {
    private static final Instant START = Instant.parse("2026-11-25T02:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(40));

    @Test
    void aLessonOpensEarlyGoesLiveAndEndsAfterItsOverrunAtTheLatest() {
        LessonLifecycle lesson = new LessonLifecycle(START, END, LessonLifecycle.Rules.defaults());
        assertThat(lesson.stateAt(START.minus(Duration.ofMinutes(11)))).isEqualTo(LessonState.SCHEDULED);
        assertThat(lesson.stateAt(START.minus(Duration.ofMinutes(10)))).isEqualTo(LessonState.OPEN);
        assertThat(lesson.stateAt(START)).isEqualTo(LessonState.LIVE);
        assertThat(lesson.overrunning(END.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(lesson.stateAt(END.plus(Duration.ofMinutes(14)))).isEqualTo(LessonState.LIVE);
        assertThat(lesson.stateAt(END.plus(Duration.ofMinutes(15)))).isEqualTo(LessonState.ENDED);
        assertThat(LessonState.OPEN.joinable()).isTrue();
        assertThat(LessonState.ENDED.joinable()).isFalse();
    }

    @Test
    void theTeacherEndsALiveLessonButCannotEndOneNotStarted() {
        LessonLifecycle lesson = new LessonLifecycle(START, END, LessonLifecycle.Rules.defaults());
        assertThatThrownBy(() -> lesson.end(START.minus(Duration.ofMinutes(5))))
                .hasMessageContaining("has not started");
        lesson.end(START.plus(Duration.ofMinutes(30)));
        lesson.end(START.plus(Duration.ofMinutes(31)));
        assertThat(lesson.stateAt(START.plus(Duration.ofMinutes(30)))).isEqualTo(LessonState.ENDED);
        assertThat(lesson.stateAt(START.plus(Duration.ofMinutes(29)))).isEqualTo(LessonState.LIVE);
        assertThatThrownBy(() -> new LessonLifecycle(END, START, LessonLifecycle.Rules.defaults()))
                .hasMessageContaining("end after it starts");
    }

    private static TimetableEntry entry(String id, String teacher, String sending, Set<String> receiving,
                                        String start, LocalDate until) {
        return new TimetableEntry(id, "Chinese", teacher, sending, receiving, LocalDateTime.parse(start),
                Duration.ofMinutes(40), until);
    }

    @Test
    void weeklyLessonsClashWithAnythingSharingATeacherOrARoomAtTheSameTime() {
        Timetable timetable = new Timetable();
        TimetableEntry chinese = entry("chinese", "wang", "chengdu-7", Set.of("village-1", "village-2"),
                "2026-11-30T10:00", LocalDate.parse("2027-01-15"));
        assertThat(timetable.add(chinese)).isEmpty();

        TimetableEntry sameRoomLater = entry("maths", "li", "chengdu-8", Set.of("village-1"), "2026-12-14T10:30",
                null);
        Timetable.Conflict clash = timetable.add(sameRoomLater).orElseThrow();
        assertThat(clash.message()).isEqualTo("classroom village-1 is already in lesson chinese at 2026-12-14T10:30");

        TimetableEntry sameTeacher = entry("poetry", "wang", "chengdu-9", Set.of("village-3"), "2026-12-07T09:30",
                null);
        assertThat(timetable.add(sameTeacher).orElseThrow().who()).isEqualTo("teacher wang");

        TimetableEntry afterward = entry("art", "li", "chengdu-8", Set.of("village-1"), "2026-12-14T10:40", null);
        assertThat(timetable.add(afterward)).as("back to back is fine").isEmpty();
        TimetableEntry afterTheTerm = entry("music", "wang", "chengdu-7", Set.of("village-2"), "2027-01-18T10:00",
                null);
        assertThat(timetable.add(afterTheTerm)).as("the weekly lesson ended on the 15th").isEmpty();
        assertThat(timetable.entries()).hasSize(3);
    }

    @Test
    void entriesRefuseWhatCannotBe() {
        assertThatThrownBy(() -> entry("x", "t", "a", Set.of("a"), "2026-11-30T10:00", null))
                .hasMessageContaining("sending classroom cannot also receive");
        assertThatThrownBy(() -> entry("x", "t", "a", Set.of("b"), "2026-11-30T10:00", LocalDate.parse("2026-11-01")))
                .hasMessageContaining("until is before");
    }

    @Test
    @Timeout(2) // generous: the point is no walk to the year 9999 and no pairwise rebuild of occurrences
    void anEntryToTheEndOfTimeCostsOneSchoolYearAtMostAndAnotherOneChecksAgainstItAtOnce() {
        LocalDate endOfTime = LocalDate.parse("9999-12-31");
        TimetableEntry forever = entry("forever", "wang", "chengdu-7", Set.of("village-1"), "2026-11-30T10:00",
                endOfTime);
        assertThat(forever.repeatsWithinOneSchoolYear()).isFalse();
        assertThat(forever.latestUntil()).isEqualTo(LocalDate.parse("2027-12-01"));
        assertThat(forever.starts()).hasSize(TimetableEntry.MOST_OCCURRENCES).last()
                .isEqualTo(LocalDateTime.parse("2026-11-30T10:00").plusWeeks(TimetableEntry.MOST_OCCURRENCES - 1));
        assertThat(forever.startOn(LocalDate.parse("9999-12-27"))).as("past the cap").isEmpty();

        Timetable timetable = new Timetable();
        assertThat(timetable.add(forever)).isEmpty();
        TimetableEntry alsoForever = entry("also", "wang", "chengdu-8", Set.of("village-2"), "2026-11-30T11:00",
                endOfTime);
        assertThat(timetable.add(alsoForever)).isEmpty();
        TimetableEntry lastWeek = entry("late", "wang", "chengdu-9", Set.of("village-3"), "2027-11-29T10:20", null);
        assertThat(timetable.add(lastWeek)).as("the 53rd Monday").hasValueSatisfying(c -> assertThat(c.message())
                .isEqualTo("teacher wang is already in lesson forever at 2027-11-29T10:20"));
        TimetableEntry weekAfter = entry("after", "wang", "chengdu-9", Set.of("village-3"), "2027-12-06T10:20", null);
        assertThat(timetable.add(weekAfter)).as("past the cap, nothing is booked").isEmpty();
    }

    @Test
    void aWeeklyEntryFindsItsOccurrenceByDate() {
        TimetableEntry weekly = entry("w", "wang", "chengdu-7", Set.of("village-1"), "2026-11-30T10:00",
                LocalDate.parse("2026-12-21"));
        assertThat(weekly.occurrences()).isEqualTo(4);
        assertThat(weekly.startOn(LocalDate.parse("2026-12-14"))).contains(LocalDateTime.parse("2026-12-14T10:00"));
        assertThat(weekly.startOn(LocalDate.parse("2026-12-15"))).as("not a Monday").isEmpty();
        assertThat(weekly.startOn(LocalDate.parse("2026-12-28"))).as("after until").isEmpty();
        assertThat(weekly.startOn(LocalDate.parse("2026-11-23"))).as("before the first").isEmpty();
        assertThatThrownBy(() -> new TimetableEntry("x", "Art", "t", "a", Set.of("b"),
                LocalDateTime.parse("2026-11-30T10:00"), Duration.ofDays(7), LocalDate.parse("2026-12-30")))
                .hasMessageContaining("shorter than a week");
    }

    @Test
    @Timeout(2)
    void twoHundredWeeklyLessonsOfAYearSharingClassroomsCheckQuickly() {
        Timetable timetable = new Timetable();
        LocalDateTime monday = LocalDateTime.parse("2026-11-30T08:00");
        for (int i = 0; i < 200; i++) {
            int slot = i / 4; // four village rooms, each with a lesson in every 50-minute slot of the week
            LocalDateTime start = monday.plusDays(slot / 10).plusMinutes(50L * (slot % 10));
            TimetableEntry entry = new TimetableEntry("e" + i, "Chinese", "teacher-" + i, "studio-" + i,
                    Set.of("village-" + i % 4), start, Duration.ofMinutes(40), start.toLocalDate().plusDays(364));
            assertThat(timetable.add(entry)).as("entry %d", i).isEmpty();
        }
        TimetableEntry oneMore = new TimetableEntry("more", "Maths", "teacher-x", "studio-x", Set.of("village-3"),
                monday.plusWeeks(30).plusDays(4).plusMinutes(50 * 9 + 20), Duration.ofMinutes(40), null);
        assertThat(timetable.add(oneMore)).hasValueSatisfying(c -> assertThat(c.message())
                .isEqualTo("classroom village-3 is already in lesson e199 at " + oneMore.firstStart()));
        assertThat(timetable.entries()).hasSize(200);
    }
}
