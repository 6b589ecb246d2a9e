package org.sanke.classroom.replay;

import java.util.Set;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.PersonRole;

/**
 * Who may watch a replay once it is published (S21, S24): the lesson's own classrooms and learners, the teachers of
 * the schools involved (sending and receiving), and, for a famous-school lesson only, whoever it is opened to.
 *
 * @param classroomIds the classrooms that took part (their terminals, and learners of those classes)
 * @param learnerIds   learners enrolled one by one (they may have missed the lesson: that is what replays are for)
 * @param schoolIds    the schools involved, whose teachers watch for teaching research
 * @param opening      beyond the lesson: only a famous-school lesson is opened, by an administrator
 */
public record ReplayAudience(Set<String> classroomIds, Set<String> learnerIds, Set<String> schoolIds,
                             Opening opening) {
    private static final Set<PersonRole> TEACHERS = Set.of(PersonRole.LEAD_TEACHER, PersonRole.ASSISTANT_TEACHER,
            PersonRole.OBSERVER_TEACHER);

    /** How far a famous-school (open, 名校网络课堂) replay reaches beyond its lesson. */
    public sealed interface Opening {
    }

    /** The lesson's own audience only: every replay starts so. */
    public record LessonOnly() implements Opening {
    }

    /** Every signed-in person and terminal of these schools. */
    public record OpenToSchools(Set<String> schoolIds) implements Opening {
        public OpenToSchools {
            schoolIds = Set.copyOf(schoolIds);
        }
    }

    /** Everyone signed in. Never anyone anonymous: minors appear in classroom video (S24). */
    public record OpenToAllSignedIn() implements Opening {
    }

    public ReplayAudience {
        classroomIds = Set.copyOf(classroomIds);
        learnerIds = Set.copyOf(learnerIds);
        schoolIds = Set.copyOf(schoolIds);
        if (opening == null) {
            throw new IllegalArgumentException("an audience needs its opening (LessonOnly for none)");
        }
    }

    /** The lesson's own audience, opened to no one else. */
    public static ReplayAudience ofLesson(Set<String> classroomIds, Set<String> learnerIds, Set<String> schoolIds) {
        return new ReplayAudience(classroomIds, learnerIds, schoolIds, new LessonOnly());
    }

    public ReplayAudience openedTo(Opening newOpening) {
        return new ReplayAudience(classroomIds, learnerIds, schoolIds, newOpening);
    }

    /**
     * Whether {@code viewer} may watch {@code replay} now. Reviewers and the lesson's own teacher watch it in any state
     * but deleted (to review it, to trim it); everyone else only once approved and while not reported.
     */
    public static boolean mayWatch(Viewer viewer, Replay replay) {
        if (replay.state() == ReplayState.DELETED) {
            return false;
        }
        if (viewer.role() == PersonRole.REVIEWER
                || (viewer.personId() != null && viewer.personId().equals(replay.lesson().teacherPersonId()))) {
            return true;
        }
        return replay.state() == ReplayState.APPROVED && replay.audience().includes(viewer, replay.lesson().mode());
    }

    /** Whether the viewer belongs to this audience, whatever the replay's state. */
    boolean includes(Viewer viewer, LessonMode mode) {
        if (viewer.classroomId() != null && classroomIds.contains(viewer.classroomId())
                && (viewer.isClassroom() || viewer.role() == PersonRole.LEARNER)) {
            return true;
        }
        if (viewer.role() == PersonRole.LEARNER && learnerIds.contains(viewer.personId())) {
            return true;
        }
        // Set.of refuses to be asked about null: a terminal has no role.
        if (viewer.role() != null && TEACHERS.contains(viewer.role()) && viewer.schoolId() != null && schoolIds.contains(viewer.schoolId())) {
            return true;
        }
        // An opening set on another kind of lesson (by a bug or an old row) opens nothing.
        return mode == LessonMode.FAMOUS_SCHOOL && switch (opening) {
            case LessonOnly none -> false;
            case OpenToSchools open -> viewer.schoolId() != null && open.schoolIds().contains(viewer.schoolId());
            case OpenToAllSignedIn all -> true;
        };
    }
}
