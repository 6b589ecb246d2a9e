package org.sanke.classroom;

import java.util.List;

/** Where timetable entries are kept, so that the timetable survives a restart. */
public interface TimetableStore {
    void add(TimetableEntry entry, LessonMode mode);

    /** Every entry, with the mode it was scheduled with. */
    List<Scheduled> all();

    /** Records that a lesson (an occurrence's id) was ended by its teacher before its time; idempotent. */
    void endEarly(String lessonId, java.time.Instant at);

    /** The lessons ended early, by id. */
    java.util.Set<String> endedEarly();

    record Scheduled(TimetableEntry entry, LessonMode mode) {
    }
}
