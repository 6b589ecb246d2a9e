package org.sanke.classroom.access;

import java.util.Optional;
import java.util.Set;
import org.sanke.classroom.Classroom;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.Person;
import org.sanke.classroom.ScheduledLesson;
import org.sanke.classroom.Scheduling;
import org.sanke.classroom.SchoolRegistry;

/**
 * Whose a lesson is, for the authorisation table: a timetabled lesson is its teacher's and its sending classroom's
 * school's; a lesson made through the API is its maker's and their school's. Reads the store: call from workers.
 */
public final class LessonScopes {
    private final LessonDirectory lessons;
    private final Scheduling scheduling;
    private final SchoolRegistry schools;

    public LessonScopes(LessonDirectory lessons, Scheduling scheduling, SchoolRegistry schools) {
        this.lessons = lessons;
        this.scheduling = scheduling;
        this.schools = schools;
    }

    /** The lesson as a target, or empty when no lesson has this id. */
    public Optional<Target.Lesson> of(String lessonId) {
        Optional<Lesson> made = lessons.find(lessonId);
        if (made.isPresent()) {
            return Optional.of(of(made.get()));
        }
        Optional<ScheduledLesson> slot = scheduling.lesson(lessonId);
        return slot.map(s -> new Target.Lesson(lessonId, schools.classroom(s.entry().sendingClassroomId())
                .map(Classroom::schoolId).orElse(null), Set.of(s.entry().teacherId()), s.lesson().mode()));
    }

    /** A lesson made through the API (or the demo, which belongs to nobody). */
    public Target.Lesson of(Lesson lesson) {
        if (lesson.ownerId() == null) {
            return new Target.Lesson(lesson.id(), null, Set.of(), lesson.mode());
        }
        String school = schools.person(lesson.ownerId()).map(Person::schoolId).orElse(null);
        return new Target.Lesson(lesson.id(), school, Set.of(lesson.ownerId()), lesson.mode());
    }
}
