package org.sanke.classroom.access;

import java.util.Set;
import org.sanke.classroom.LessonMode;

/**
 * What an action is done to, as far as scope goes: the whole platform, one school, one lesson, or one person's data.
 */
public sealed interface Target {
    /** The school the target belongs to; null for the platform, or a lesson of no school. */
    String schoolId();

    record Platform() implements Target {
        @Override
        public String schoolId() {
            return null;
        }
    }

    record School(String schoolId) implements Target {
    }

    /**
     * @param teacherIds the people who teach it: the timetable's teacher, or the person who made it
     */
    record Lesson(String lessonId, String schoolId, Set<String> teacherIds, LessonMode mode) implements Target {
        public Lesson {
            teacherIds = Set.copyOf(teacherIds);
        }
    }

    /**
     * A person's own data.
     *
     * @param guardianIds the people who speak for this person (a minor's guardians)
     */
    record Person(String personId, String schoolId, Set<String> guardianIds) implements Target {
        public Person {
            guardianIds = Set.copyOf(guardianIds);
        }
    }

    static Target platform() {
        return new Platform();
    }

    static Target school(String schoolId) {
        return new School(schoolId);
    }
}
