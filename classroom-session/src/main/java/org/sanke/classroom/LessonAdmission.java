package org.sanke.classroom;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.sanke.classroom.access.GrantCheck;
import org.sanke.classroom.access.JoinGrant;
import org.sanke.classroom.access.JoinGrants;

/**
 * The door of every lesson: whether a lesson with this id exists and is open, and whether a terminal may speak for
 * the classroom it names. The seat itself (one teacher, the classroom cap, the audience cap) is the running lesson's
 * {@link JoinPolicy}, decided where the lesson's participants are known; both answer with a {@link JoinResult.Refusal}.
 *
 * <p>Reads the store (device tokens, lessons): call it from a worker thread, never from a lesson's or a socket's.
 */
public final class LessonAdmission {
    private final LessonDirectory lessons;
    private final Scheduling scheduling;
    private final SchoolRegistry schools;
    private final JoinGrants grants;
    private final Predicate<String> realNameVerified;
    private final java.util.function.BiPredicate<String, String> keptOut;

    /** @param realNameVerified whether a person (by id) has a verified real name */
    public LessonAdmission(LessonDirectory lessons, Scheduling scheduling, SchoolRegistry schools,
                           JoinGrants grants, Predicate<String> realNameVerified) {
        this(lessons, scheduling, schools, grants, realNameVerified, (person, classroom) -> false);
    }

    /**
     * @param keptOut whether a person or a classroom (by id; either may be null) is suspended or blacklisted (S16):
     *                kept out of every lesson
     */
    public LessonAdmission(LessonDirectory lessons, Scheduling scheduling, SchoolRegistry schools,
                           JoinGrants grants, Predicate<String> realNameVerified,
                           java.util.function.BiPredicate<String, String> keptOut) {
        this.keptOut = keptOut;
        this.lessons = lessons;
        this.scheduling = scheduling;
        this.schools = schools;
        this.grants = grants;
        this.realNameVerified = realNameVerified;
    }

    /** What the door says: the lesson to enter, or why not. */
    public sealed interface Result permits Open, JoinResult.Refusal {
    }

    /**
     * The lesson is open to this person.
     *
     * @param timetabled the timetable slot the lesson is, or null for a lesson made through the API
     * @param grant      the grant that let this join in, or null for a classroom terminal (its device token did)
     * @param realNameVerified whether the grant's person has a verified real name (S4)
     */
    public record Open(Lesson lesson, ScheduledLesson timetabled, JoinGrant grant, boolean realNameVerified)
            implements Result {
        /** The name the lesson shows: a person's own, from the grant; else what the room called itself. */
        public String displayName(String asked) {
            return grant != null && !grant.invitation() ? grant.name() : asked;
        }
    }

    /**
     * Every join shows a credential: a terminal its classroom's device token, anyone else a join grant.
     *
     * @param classroomId the classroom a terminal joins as, or null
     * @param deviceToken the terminal's credential, required with a classroom id
     * @param grantToken  a join grant (a person's or an invitation), required without a device token
     */
    public Result admit(String lessonId, Role role, String classroomId, String deviceToken, String grantToken) {
        JoinGrant grant = null;
        if (classroomId != null && role == Role.CLASSROOM) {
            if (deviceToken == null) {
                return refuse(JoinResult.Reason.MISSING_FIELD, "'deviceToken' is required to join as classroom "
                        + classroomId);
            }
            if (!schools.checkDeviceToken(classroomId, deviceToken)) {
                return refuse(JoinResult.Reason.DEVICE_NOT_AUTHORIZED, "the device token is not classroom "
                        + classroomId + "'s");
            }
        } else {
            if (grantToken == null) {
                return refuse(JoinResult.Reason.GRANT_REQUIRED, "joining a lesson takes a grant: log in, or open"
                        + " the link you were given");
            }
            switch (grants.check(grantToken, lessonId, role)) {
                case GrantCheck.Valid valid -> grant = valid.grant();
                case GrantCheck.Invalid invalid -> {
                    return refuse(switch (invalid.reason()) {
                        case FORGED -> JoinResult.Reason.GRANT_FORGED;
                        case EXPIRED -> JoinResult.Reason.GRANT_EXPIRED;
                        case REVOKED -> JoinResult.Reason.GRANT_REVOKED;
                        case NOT_FOR_THIS -> JoinResult.Reason.GRANT_NOT_FOR_THIS;
                    }, invalid.message());
                }
            }
        }
        String personId = grant == null || grant.invitation() ? null : grant.personId();
        if (keptOut.test(personId, role == Role.CLASSROOM ? classroomId : null)) {
            return refuse(JoinResult.Reason.KEPT_OUT, "safety staff keep you out of lessons for now");
        }
        boolean verified = grant != null && !grant.invitation() && realNameVerified.test(grant.personId());
        Optional<Lesson> made = lessons.find(lessonId);
        if (made.isPresent()) {
            JoinResult.Refusal unverified = realNameRefusal(made.get(), role, verified);
            return unverified != null ? unverified : new Open(made.get(), null, grant, verified);
        }
        Optional<ScheduledLesson> scheduled = scheduling.lesson(lessonId);
        if (scheduled.isEmpty()) {
            return refuse(JoinResult.Reason.LESSON_NOT_FOUND, "no lesson has the id '" + lessonId + "'");
        }
        JoinResult.Refusal closed = timetableRefusal(scheduled.get(), role, classroomId);
        if (closed == null) {
            closed = realNameRefusal(scheduled.get().lesson(), role, verified);
        }
        return closed != null ? closed : new Open(scheduled.get().lesson(), scheduled.get(), grant, verified);
    }

    /** The teacher of a lesson that reaches many schools must have a verified real name (S4). */
    private static JoinResult.Refusal realNameRefusal(Lesson lesson, Role role, boolean verified) {
        if (role == Role.TEACHER && lesson.mode().publishersNeedRealNames() && !verified) {
            return refuse(JoinResult.Reason.REAL_NAME_REQUIRED, "only a teacher whose real name is verified teaches"
                    + " a " + lesson.mode().wireName() + " lesson; ask your school's administrator to verify it");
        }
        return null;
    }

    /** A timetabled lesson admits only while open or live, and classrooms only when enrolled. */
    private JoinResult.Refusal timetableRefusal(ScheduledLesson slot, Role role, String classroomId) {
        if (scheduling.endedEarly(slot.lesson().id())) {
            return refuse(JoinResult.Reason.LESSON_NOT_OPEN, "the teacher has ended the lesson");
        }
        Instant now = scheduling.clock().instant();
        LessonState state = slot.lifecycle().stateAt(now);
        if (state == LessonState.SCHEDULED) {
            return refuse(JoinResult.Reason.LESSON_NOT_OPEN, "the lesson opens 10 minutes before "
                    + slot.start().toLocalTime() + " on " + slot.start().toLocalDate());
        }
        if (state == LessonState.ENDED) {
            return refuse(JoinResult.Reason.LESSON_NOT_OPEN, "the lesson has ended");
        }
        if (role == Role.CLASSROOM) {
            if (classroomId == null) {
                return refuse(JoinResult.Reason.MISSING_FIELD, "'classroomId' is required to join a timetabled"
                        + " lesson as a classroom");
            }
            if (!slot.enrolledClassrooms().contains(classroomId)) {
                return refuse(JoinResult.Reason.NOT_ENROLLED, "classroom " + classroomId + " is not enrolled in"
                        + " this lesson (" + slot.lesson().title() + ", " + slot.start() + ")");
            }
        }
        return null;
    }

    private static JoinResult.Refusal refuse(JoinResult.Reason reason, String message) {
        return new JoinResult.Refusal(reason, message);
    }
}
