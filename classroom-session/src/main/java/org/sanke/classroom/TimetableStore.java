package org.sanke.classroom;

import java.util.List;

/** Where timetable entries are kept, so that the timetable survives a restart. */
public interface TimetableStore {
    void add(TimetableEntry entry, LessonMode mode);

    /** Every entry, with the mode it was scheduled with. */
    List<Scheduled> all();

    record Scheduled(TimetableEntry entry, LessonMode mode) {
    }
}
