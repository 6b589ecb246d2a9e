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
    private final Clock clock;

    public Scheduling(SchoolRegistry registry, TimetableStore store, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        for (TimetableStore.Scheduled scheduled : store.all()) {
            timetable.add(scheduled.entry());
        }
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
    }

    public synchronized Result schedule(TimetableEntry entry, LessonMode mode) {
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
        var conflict = timetable.conflictOf(entry);
        if (conflict.isPresent()) {
            return new Result.Clash(conflict.get());
        }
        store.add(entry, mode); // first, so that a store failure leaves the timetable as it was
        timetable.add(entry);
        return new Result.Scheduled(entry);
    }

    public synchronized java.util.List<TimetableEntry> entries() {
        return timetable.entries();
    }
}
