package org.sanke.classroom;

import java.util.List;

/** Where timetable entries are kept, so that the timetable survives a restart. */
public interface TimetableStore {
    void add(TimetableEntry entry, LessonMode mode);

    /** Every entry, with the mode it was scheduled with. */
    List<Scheduled> all();

    /** Replaces an entry none of whose lessons has begun with its revision (same id), atomically. */
    void replace(TimetableEntry entry, LessonMode mode);

    /** Takes an entry off the timetable for good (none of its lessons has begun). */
    void remove(String entryId);

    /** Ends a weekly entry's series after {@code lastDay}: the lessons given stay in the records. */
    void endSeries(String entryId, java.time.LocalDate lastDay);

    /** Records that a lesson (an occurrence's id) was ended by its teacher before its time; idempotent. */
    void endEarly(String lessonId, java.time.Instant at);

    /** The lessons ended early, by id. */
    java.util.Set<String> endedEarly();

    record Scheduled(TimetableEntry entry, LessonMode mode) {
    }
}
