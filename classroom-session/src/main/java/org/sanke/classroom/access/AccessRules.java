package org.sanke.classroom.access;

import static org.sanke.classroom.PersonRole.ASSISTANT_TEACHER;
import static org.sanke.classroom.PersonRole.AUDITOR;
import static org.sanke.classroom.PersonRole.GUARDIAN;
import static org.sanke.classroom.PersonRole.INSPECTOR;
import static org.sanke.classroom.PersonRole.LEAD_TEACHER;
import static org.sanke.classroom.PersonRole.LEARNER;
import static org.sanke.classroom.PersonRole.OBSERVER_TEACHER;
import static org.sanke.classroom.PersonRole.PLATFORM_ADMIN;
import static org.sanke.classroom.PersonRole.REVIEWER;
import static org.sanke.classroom.PersonRole.SCHOOL_ADMIN;
import static org.sanke.classroom.PersonRole.SECURITY_ADMIN;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;

/**
 * The authorisation table: for each action, which roles may do it and how far they reach. Every REST route and every
 * grant is decided here, and the docs print {@link #markdown()}. What is not in the table is refused.
 */
public final class AccessRules {
    /** How far a role's right reaches. */
    public enum Reach {
        /** Any school, any lesson. */
        EVERYWHERE,
        /**
         * Its own school's classrooms, people, timetable and lessons. A platform-wide inspector or reviewer (one
         * with no school) reaches every school.
         */
        OWN_SCHOOL,
        /** Lessons the person teaches: the timetable names them, or they made the lesson. */
        OWN_LESSON,
        /** The person's own data, or a minor's they are the guardian of. */
        SELF
    }

    /** Roles that may work for the whole platform, with no school of their own. */
    static final Set<PersonRole> PLATFORM_WIDE = Set.of(PLATFORM_ADMIN, INSPECTOR, REVIEWER, SECURITY_ADMIN, AUDITOR);
    /** Roles that only work for the whole platform: they never belong to a school. */
    public static final Set<PersonRole> PLATFORM_ONLY = Set.of(PLATFORM_ADMIN, SECURITY_ADMIN, AUDITOR);
    /** Staff: their reads of a minor's data need the minors-data permission and are audited (S34). */
    public static final Set<PersonRole> STAFF = Set.of(PLATFORM_ADMIN, SCHOOL_ADMIN, INSPECTOR, REVIEWER,
            SECURITY_ADMIN, AUDITOR);

    private static final Map<Action, Map<PersonRole, Reach>> TABLE = new EnumMap<>(Action.class);

    static {
        Reach e = Reach.EVERYWHERE;
        Reach school = Reach.OWN_SCHOOL;
        Reach lesson = Reach.OWN_LESSON;
        allow(Action.READ_SCHOOLS, everyone(e));
        allow(Action.ADD_SCHOOL, PLATFORM_ADMIN, e);
        allow(Action.READ_CLASSROOMS, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, LEAD_TEACHER, school,
                ASSISTANT_TEACHER, school, INSPECTOR, school);
        allow(Action.ADD_CLASSROOM, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school);
        allow(Action.ISSUE_DEVICE_TOKEN, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school);
        // Minors' names: their school's staff and teachers; the platform's administrator for support.
        // The security administrator finds the people she vouches for or gives permissions to.
        allow(Action.READ_PEOPLE, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, LEAD_TEACHER, school,
                ASSISTANT_TEACHER, school, SECURITY_ADMIN, e);
        allow(Action.ADD_PERSON, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school);
        allow(Action.READ_TIMETABLE, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, LEAD_TEACHER, school,
                ASSISTANT_TEACHER, school, INSPECTOR, school);
        allow(Action.SCHEDULE, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school);
        allow(Action.CREATE_LESSON, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, LEAD_TEACHER, school,
                ASSISTANT_TEACHER, school);
        allow(Action.READ_LESSONS, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, LEAD_TEACHER, school,
                ASSISTANT_TEACHER, school, OBSERVER_TEACHER, e, LEARNER, e, INSPECTOR, school);
        allow(Action.READ_LESSON_ATTENDANCE, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, LEAD_TEACHER, lesson,
                ASSISTANT_TEACHER, lesson, INSPECTOR, school);
        allow(Action.READ_SCHOOL_ATTENDANCE, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, INSPECTOR, school);
        allow(Action.JOIN_AS_TEACHER, PLATFORM_ADMIN, lesson, SCHOOL_ADMIN, lesson, LEAD_TEACHER, lesson,
                ASSISTANT_TEACHER, lesson);
        allow(Action.INVITE, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, LEAD_TEACHER, lesson,
                ASSISTANT_TEACHER, lesson);
        allow(Action.JOIN_AS_OBSERVER, LEAD_TEACHER, e, ASSISTANT_TEACHER, e, OBSERVER_TEACHER, e);
        allow(Action.JOIN_AS_LEARNER, LEARNER, e);
        allow(Action.JOIN_AS_INSPECTOR, INSPECTOR, school);
        // The patrol wall (S12): the live lessons an inspector may watch, as small pictures.
        allow(Action.PATROL, INSPECTOR, school);
        allow(Action.REVOKE_GRANT, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school, LEAD_TEACHER, lesson,
                ASSISTANT_TEACHER, lesson);
        // Identity and permissions are the security administrator's (and a school's own administrator's for her
        // school); the platform administrator runs the platform but does not vouch for people.
        allow(Action.VERIFY_REAL_NAME, SECURITY_ADMIN, e, SCHOOL_ADMIN, school);
        allow(Action.PERMIT_MINORS_DATA, SECURITY_ADMIN, e);
        // Everyone sees, corrects and may ask to delete their own data; a guardian a minor's.
        Reach self = Reach.SELF;
        allow(Action.READ_PERSON_DATA, everyone(self, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school));
        allow(Action.CORRECT_PERSON_DATA, everyone(self, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school));
        allow(Action.REQUEST_DELETION, everyone(self));
        allow(Action.DECIDE_DATA_REQUEST, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school);
        // Minors (S33): the school says who is a minor or under 14; a guardian consents for a ward (the school may
        // record a consent signed on paper).
        allow(Action.SET_AGE_BAND, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school);
        allow(Action.GUARDIAN_CONSENT, GUARDIAN, self, PLATFORM_ADMIN, e, SCHOOL_ADMIN, school);
        // Graded measures and the blacklist (S16): safety staff, the security administrator for all, an inspector
        // for her jurisdiction; the platform administrator for all.
        allow(Action.SANCTION, SECURITY_ADMIN, e, PLATFORM_ADMIN, e, INSPECTOR, school);
        // Reports from lessons (S14): the same staff, an inspector for her school's lessons.
        allow(Action.REVIEW_REPORTS, SECURITY_ADMIN, e, PLATFORM_ADMIN, e, INSPECTOR, school);
        // Replays (S19-S21): reviewers decide what is published; who watches which is the replay's audience.
        allow(Action.REVIEW_REPLAYS, REVIEWER, e);
        allow(Action.WATCH_REPLAYS, everyone(e));
        // The auditor reads the trail and nothing else; nobody else reads it.
        allow(Action.READ_AUDIT_TRAIL, AUDITOR, e);
    }

    private AccessRules() {
    }

    /** Every role with {@code reach}, then the given roles with theirs instead. */
    private static Object[] everyone(Reach reach, Object... overrides) {
        Map<PersonRole, Reach> reaches = new EnumMap<>(PersonRole.class);
        for (PersonRole role : PersonRole.values()) {
            reaches.put(role, reach);
        }
        for (int i = 0; i < overrides.length; i += 2) {
            reaches.put((PersonRole) overrides[i], (Reach) overrides[i + 1]);
        }
        Object[] roleThenReach = new Object[reaches.size() * 2];
        int i = 0;
        for (Map.Entry<PersonRole, Reach> entry : reaches.entrySet()) {
            roleThenReach[i++] = entry.getKey();
            roleThenReach[i++] = entry.getValue();
        }
        return roleThenReach;
    }

    private static void allow(Action action, Object... roleThenReach) {
        Map<PersonRole, Reach> reaches = new EnumMap<>(PersonRole.class);
        for (int i = 0; i < roleThenReach.length; i += 2) {
            reaches.put((PersonRole) roleThenReach[i], (Reach) roleThenReach[i + 1]);
        }
        TABLE.put(action, reaches);
    }

    /** What the table says of this caller doing this action to this target. */
    public static Decision decide(Caller caller, Action action, Target target) {
        if (!caller.signedIn()) {
            return new Decision.Refused(Decision.Reason.LOGIN_REQUIRED, "log in first");
        }
        Person person = caller.person();
        Reach reach = TABLE.getOrDefault(action, Map.of()).get(person.role());
        if (reach == null) {
            return new Decision.Refused(Decision.Reason.NOT_PERMITTED, "a " + person.role().wireName()
                    + " may not do this (" + action.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (reaches(person, reach, target)) {
            return Decision.ALLOWED;
        }
        return new Decision.Refused(Decision.Reason.OUT_OF_SCOPE, switch (reach) {
            case OWN_SCHOOL -> "this belongs to another school";
            case OWN_LESSON -> "this is not a lesson you teach";
            case SELF -> "this is another person's data";
            case EVERYWHERE -> throw new IllegalStateException("everywhere reaches every target");
        });
    }

    /**
     * Whether the caller may give a new person this role: a platform-wide role (administrator, inspector, reviewer)
     * only a platform administrator gives, so that no school administrator can raise anyone above a school.
     */
    public static Decision mayAppoint(Caller caller, PersonRole role, String schoolId) {
        Decision add = decide(caller, Action.ADD_PERSON, schoolId == null ? Target.platform()
                : Target.school(schoolId));
        if (!add.allowed() || !PLATFORM_WIDE.contains(role) || caller.person().role() == PLATFORM_ADMIN) {
            return add;
        }
        return new Decision.Refused(Decision.Reason.NOT_PERMITTED, "only a platform administrator appoints a "
                + role.wireName());
    }

    /** The reach the table gives this role for this action; null when it gives none. */
    public static Reach reach(PersonRole role, Action action) {
        return TABLE.getOrDefault(action, Map.of()).get(role);
    }

    private static boolean reaches(Person person, Reach reach, Target target) {
        return switch (reach) {
            case EVERYWHERE -> true;
            case OWN_LESSON -> target instanceof Target.Lesson lesson && lesson.teacherIds().contains(person.id());
            case SELF -> target instanceof Target.Person whose && (whose.personId().equals(person.id())
                    || whose.guardianIds().contains(person.id()));
            case OWN_SCHOOL -> {
                if (person.schoolId() == null) {
                    yield PLATFORM_WIDE.contains(person.role()); // a teacher with no school reaches nothing
                }
                boolean teaches = target instanceof Target.Lesson lesson
                        && lesson.teacherIds().contains(person.id());
                yield teaches || person.schoolId().equals(target.schoolId());
            }
        };
    }

    /** The table as the docs print it. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| action | routes |");
        for (PersonRole role : PersonRole.values()) {
            out.append(' ').append(role.wireName()).append(" |");
        }
        out.append("\n|---|---|");
        out.append("---|".repeat(PersonRole.values().length)).append('\n');
        for (Action action : Action.values()) {
            out.append("| ").append(action.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(action.routes).append(" |");
            for (PersonRole role : PersonRole.values()) {
                Reach reach = reach(role, action);
                out.append(' ').append(reach == null ? "-" : switch (reach) {
                    case EVERYWHERE -> "all";
                    case OWN_SCHOOL -> "school";
                    case OWN_LESSON -> "lesson";
                    case SELF -> "self";
                }).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
