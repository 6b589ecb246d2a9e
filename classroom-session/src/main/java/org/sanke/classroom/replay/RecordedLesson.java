package org.sanke.classroom.replay;

import java.time.Instant;
import org.sanke.classroom.LessonMode;

/**
 * The lesson a replay comes from, as it was given: copied into the replay so that renaming or archiving a school or a
 * teacher later leaves the replay's caption as it was.
 *
 * @param schoolId        the sending school (输出端)
 * @param teacherPersonId the lead teacher, who may watch and trim it in any state
 * @param subject         may be null (a lesson made outside the timetable)
 */
public record RecordedLesson(String lessonId, String title, LessonMode mode, String schoolId, String teacherPersonId,
                             String teacherName, String subject, Instant startedAt) {
    public RecordedLesson {
        if (lessonId == null || title == null || mode == null || schoolId == null || teacherPersonId == null
                || teacherName == null || startedAt == null) {
            throw new IllegalArgumentException("a recorded lesson needs its id, title, mode, school, teacher and start");
        }
    }
}
