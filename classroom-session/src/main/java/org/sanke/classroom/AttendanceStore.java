package org.sanke.classroom;

import java.time.Instant;
import java.util.List;

/** Attendance and quality, kept so that reports outlive the lesson and the server. */
public interface AttendanceStore {
    void joined(String lessonId, Participant participant, Instant at);

    void left(String lessonId, String participantId, Instant at, String reason);

    void sample(QualitySample sample);

    /**
     * Makes these writes in their order (a leave after its join). A store that can writes them together (the
     * database: one transaction); this one makes them one by one.
     */
    default void write(List<AttendanceWrite> writes) {
        for (AttendanceWrite write : writes) {
            write.applyTo(this);
        }
    }

    /** Everyone who was in the lesson, in the order they joined, with their quality averages. */
    List<AttendanceRecord> lesson(String lessonId);

    /** When each of these classrooms first joined each lesson, for joins in [from, to). */
    java.util.Map<RoomInLesson, Instant> firstJoins(java.util.Set<String> classroomIds, Instant from, Instant to);

    record RoomInLesson(String lessonId, String classroomId) {
    }
}
