package org.sanke.classroom;

import java.time.LocalDateTime;
import java.util.Set;

/**
 * One occurrence of a timetable entry, as a lesson that can be joined: its lesson (id {@code entryId-yyyyMMdd}),
 * when it is joinable, and which classrooms are enrolled (the sending one and the receiving ones).
 */
public record ScheduledLesson(Lesson lesson, TimetableEntry entry, LocalDateTime start, LessonLifecycle lifecycle) {
    public Set<String> enrolledClassrooms() {
        return entry.classrooms();
    }
}
