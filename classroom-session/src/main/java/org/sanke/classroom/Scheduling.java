package org.sanke.classroom;

import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Puts lessons on the timetable: checks that every school, classroom and teacher it names exists, that it is not in
 * the past, and that nobody would be in two lessons at once; then keeps it. Times are local to the deployment's
 * zone (the clock's). Synchronized so that two clashing requests cannot both pass the check.
 */
public final class Scheduling {
    private final SchoolRegistry registry;
    private final TimetableStore store;
    private final Timetable timetable = new Timetable();
    private final java.util.Map<String, LessonMode> modes = new java.util.HashMap<>();
    private final java.util.Map<String, TimetableEntry> byId = new java.util.HashMap<>();
    private final java.util.Map<String, LessonLifecycle> lifecycles = new java.util.HashMap<>();
    private final LessonLifecycle.Rules rules = LessonLifecycle.Rules.defaults();
    private final Clock clock;
    /** Lessons their teacher ended before their time (kept by the store too). */
    private final java.util.Set<String> endedEarly;

    public Scheduling(SchoolRegistry registry, TimetableStore store, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        for (TimetableStore.Scheduled scheduled : store.all()) {
            timetable.add(scheduled.entry());
            modes.put(scheduled.entry().id(), scheduled.mode());
            byId.put(scheduled.entry().id(), scheduled.entry());
        }
        endedEarly = new java.util.HashSet<>(store.endedEarly());
    }

    /** The teacher ended a timetabled lesson before its time: it takes no more joins, also after a restart. */
    public synchronized void endEarly(String lessonId) {
        if (endedEarly.add(lessonId)) {
            store.endEarly(lessonId, clock.instant());
        }
    }

    public synchronized boolean endedEarly(String lessonId) {
        return endedEarly.contains(lessonId);
    }

    /** Where an occurrence is now: its lifecycle's state, or ended when its teacher ended it early. */
    public synchronized LessonState state(ScheduledLesson lesson) {
        return endedEarly.contains(lesson.lesson().id()) ? LessonState.ENDED
                : lesson.lifecycle().stateAt(clock.instant());
    }

    /** The outcome of a scheduling request. */
    public sealed interface Result {
        record Scheduled(TimetableEntry entry) implements Result {
        }

        /** A field names something that does not exist or cannot be. */
        record Invalid(String field, String message) implements Result {
        }

        record Clash(Timetable.Conflict conflict) implements Result {
        }

        /** A revision of an entry whose only lesson has begun or been given: it stays as the record of it. */
        record AlreadyGiven() implements Result {
        }

        record NotFound() implements Result {
        }
    }

    public synchronized Result schedule(TimetableEntry entry, LessonMode mode) {
        Result invalid = check(entry);
        if (invalid != null) {
            return invalid;
        }
        store.add(entry, mode); // first, so that a store failure leaves the timetable as it was
        timetable.add(entry);
        modes.put(entry.id(), mode);
        byId.put(entry.id(), entry);
        return new Result.Scheduled(entry);
    }

    /** Why an entry cannot be on the timetable as it is (an invalid field or a clash), or null when it can. */
    private Result check(TimetableEntry entry) {
        Person teacher = registry.person(entry.teacherId()).orElse(null);
        if (teacher == null) {
            return new Result.Invalid("teacherId", "no person has the id " + entry.teacherId());
        }
        if (teacher.role() != PersonRole.LEAD_TEACHER) {
            return new Result.Invalid("teacherId", teacher.name() + " is not a lead teacher");
        }
        if (registry.classroom(entry.sendingClassroomId()).isEmpty()) {
            return new Result.Invalid("sendingClassroomId", "no classroom has the id " + entry.sendingClassroomId());
        }
        for (String room : entry.receivingClassroomIds()) {
            if (registry.classroom(room).isEmpty()) {
                return new Result.Invalid("receivingClassroomIds", "no classroom has the id " + room);
            }
        }
        if (entry.firstStart().isBefore(LocalDateTime.now(clock))) {
            return new Result.Invalid("start", "the lesson would start in the past");
        }
        if (!entry.repeatsWithinOneSchoolYear()) {
            return new Result.Invalid("weeklyUntil", "a weekly lesson repeats for at most one school year (until "
                    + entry.latestUntil() + ")");
        }
        return timetable.conflictOf(entry).<Result>map(Result.Clash::new).orElse(null);
    }

    /**
     * Changes an entry from now on. When none of its lessons has begun, the entry itself changes. When some have, a
     * weekly series is split: it ends with the last lesson begun (kept as given) and a new entry, with the changes,
     * takes over from the next lesson; {@code revised} then carries the first start of the new entry. A single lesson
     * that has begun cannot change.
     *
     * @param revised the entry as it should be (its id is ignored)
     */
    public synchronized Result revise(String entryId, TimetableEntry revised) {
        TimetableEntry entry = byId.get(entryId);
        if (entry == null) {
            return new Result.NotFound();
        }
        LessonMode mode = modes.getOrDefault(entryId, LessonMode.DEDICATED);
        LocalDateTime now = LocalDateTime.now(clock);
        java.util.List<LocalDateTime> begun = entry.starts().stream().filter(start -> !start.isAfter(now)).toList();
        if (begun.isEmpty()) {
            TimetableEntry changed = withId(revised, entryId);
            Result invalid = check(changed); // the timetable ignores an entry's clash with itself
            if (invalid != null) {
                return invalid;
            }
            store.replace(changed, mode);
            timetable.remove(entryId);
            timetable.add(changed);
            byId.put(entryId, changed);
            return new Result.Scheduled(changed);
        }
        if (entry.until() == null || begun.size() == entry.starts().size()) {
            return new Result.AlreadyGiven();
        }
        LocalDateTime lastBegun = begun.get(begun.size() - 1);
        // The series goes on weekly at the revised day and time, from a day after the last lesson begun.
        LocalDateTime after = lastBegun.toLocalDate().plusDays(1).atStartOfDay();
        after = now.isAfter(after) ? now : after;
        LocalDateTime first = revised.firstStart();
        if (first.isBefore(after)) {
            first = first.plusWeeks(java.time.temporal.ChronoUnit.WEEKS.between(first, after));
            first = first.isBefore(after) ? first.plusWeeks(1) : first;
        }
        TimetableEntry successor = new TimetableEntry(entryId + "r" + begun.size(), revised.subject(),
                revised.teacherId(), revised.sendingClassroomId(), revised.receivingClassroomIds(), first,
                revised.duration(), revised.until());
        TimetableEntry shortened = until(entry, lastBegun.toLocalDate());
        timetable.remove(entryId);
        timetable.add(shortened);
        Result invalid = check(successor);
        if (invalid != null) {
            timetable.remove(entryId);
            timetable.add(entry);
            return invalid;
        }
        store.endSeries(entryId, shortened.until());
        byId.put(entryId, shortened);
        store.add(successor, mode);
        timetable.add(successor);
        modes.put(successor.id(), mode);
        byId.put(successor.id(), successor);
        return new Result.Scheduled(successor);
    }

    private static TimetableEntry withId(TimetableEntry e, String id) {
        return new TimetableEntry(id, e.subject(), e.teacherId(), e.sendingClassroomId(), e.receivingClassroomIds(),
                e.firstStart(), e.duration(), e.until());
    }

    private static TimetableEntry until(TimetableEntry e, java.time.LocalDate lastDay) {
        return new TimetableEntry(e.id(), e.subject(), e.teacherId(), e.sendingClassroomId(),
                e.receivingClassroomIds(), e.firstStart(), e.duration(), lastDay);
    }

    /** The entries naming a person (as teacher) or a classroom that still have a lesson to come or under way. */
    public synchronized java.util.List<TimetableEntry> comingLessonsOf(String personOrClassroomId) {
        LocalDateTime now = LocalDateTime.now(clock);
        return timetable.entries().stream()
                .filter(e -> e.teacherId().equals(personOrClassroomId) || e.classrooms().contains(personOrClassroomId))
                .filter(e -> e.starts().get(e.starts().size() - 1).plus(e.duration()).isAfter(now))
                .toList();
    }

    /** What withdrawing an entry did. */
    public enum Withdrawal {
        /** None of its lessons had begun: it is gone. */
        REMOVED,
        /** Some had: the series ends with the last one begun, which stays in the records (archived, not erased). */
        SERIES_ENDED,
        /** Its only lesson has begun or been given: it stays, as the record of that lesson. */
        ALREADY_GIVEN,
        NOT_FOUND
    }

    /** Takes an entry off the timetable from now on; lessons that have begun are kept. */
    public synchronized Withdrawal withdraw(String entryId) {
        TimetableEntry entry = byId.get(entryId);
        if (entry == null) {
            return Withdrawal.NOT_FOUND;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        java.util.List<LocalDateTime> begun = entry.starts().stream().filter(start -> !start.isAfter(now)).toList();
        if (begun.isEmpty()) {
            store.remove(entryId); // first, so that a store failure leaves the timetable as it was
            timetable.remove(entryId);
            byId.remove(entryId);
            modes.remove(entryId);
            return Withdrawal.REMOVED;
        }
        if (entry.until() == null || begun.size() == entry.starts().size()) {
            return Withdrawal.ALREADY_GIVEN;
        }
        java.time.LocalDate lastDay = begun.get(begun.size() - 1).toLocalDate();
        TimetableEntry shortened = until(entry, lastDay);
        store.endSeries(entryId, lastDay);
        timetable.remove(entryId);
        timetable.add(shortened);
        byId.put(entryId, shortened);
        return Withdrawal.SERIES_ENDED;
    }

    public synchronized java.util.List<TimetableEntry> entries() {
        return timetable.entries();
    }

    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd");

    /** The lesson id of one occurrence. */
    public static String lessonId(TimetableEntry entry, LocalDateTime start) {
        return entry.id() + "-" + start.toLocalDate().format(DAY);
    }

    /** The occurrence a lesson id names, if the timetable has it: found by its date, not by walking the weeks. */
    public synchronized java.util.Optional<ScheduledLesson> lesson(String lessonId) {
        int dash = lessonId == null ? -1 : lessonId.lastIndexOf('-');
        if (dash <= 0) {
            return java.util.Optional.empty();
        }
        TimetableEntry entry = byId.get(lessonId.substring(0, dash));
        if (entry == null) {
            return java.util.Optional.empty();
        }
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(lessonId.substring(dash + 1), DAY);
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
        return entry.startOn(day).filter(start -> lessonId(entry, start).equals(lessonId))
                .map(start -> occurrence(entry, start));
    }

    /**
     * The occurrences a teacher teaches from day {@code from} to day {@code to} (both included), earliest first:
     * her timetable for a day or a week. An entry has at most a school year of weeks, so this is bounded.
     */
    public synchronized java.util.List<ScheduledLesson> taughtBy(String teacherId, java.time.LocalDate from,
                                                                 java.time.LocalDate to) {
        java.util.List<ScheduledLesson> taught = new java.util.ArrayList<>();
        for (TimetableEntry entry : timetable.entries()) {
            if (!entry.teacherId().equals(teacherId)) {
                continue;
            }
            for (LocalDateTime start : entry.starts()) {
                java.time.LocalDate day = start.toLocalDate();
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    taught.add(occurrence(entry, start));
                }
            }
        }
        taught.sort(java.util.Comparator.comparing(ScheduledLesson::start));
        return taught;
    }

    /** The next occurrences a classroom takes part in, from {@code now}, soonest first (what a terminal follows). */
    public synchronized java.util.List<ScheduledLesson> upcoming(String classroomId, int limit) {
        LocalDateTime now = LocalDateTime.now(clock);
        java.util.List<ScheduledLesson> upcoming = new java.util.ArrayList<>();
        for (TimetableEntry entry : timetable.entries()) {
            if (!entry.classrooms().contains(classroomId)) {
                continue;
            }
            for (LocalDateTime start : entry.starts()) {
                if (start.plus(entry.duration()).plus(rules.overrunLimit()).isBefore(now)) {
                    continue; // long over: no lifecycle kept for it
                }
                ScheduledLesson lesson = occurrence(entry, start);
                if (lesson.lifecycle().stateAt(clock.instant()) != LessonState.ENDED) {
                    upcoming.add(lesson);
                }
            }
        }
        upcoming.sort(java.util.Comparator.comparing(ScheduledLesson::start));
        return upcoming.subList(0, Math.min(limit, upcoming.size()));
    }

    private ScheduledLesson occurrence(TimetableEntry entry, LocalDateTime start) {
        String id = lessonId(entry, start);
        LessonLifecycle lifecycle = lifecycles.computeIfAbsent(id, key -> new LessonLifecycle(
                start.atZone(clock.getZone()).toInstant(),
                start.plus(entry.duration()).atZone(clock.getZone()).toInstant(), rules));
        Lesson lesson = new Lesson(id, entry.subject(), modes.getOrDefault(entry.id(), LessonMode.DEDICATED),
                entry.receivingClassroomIds().size());
        return new ScheduledLesson(lesson, entry, start, lifecycle);
    }

    public Clock clock() {
        return clock;
    }
}
