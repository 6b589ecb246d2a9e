package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Classroom;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;
import org.sanke.classroom.School;
import org.sanke.classroom.access.AccessRules;
import org.sanke.classroom.access.Action;
import org.sanke.classroom.access.Caller;
import org.sanke.classroom.access.Decision;
import org.sanke.classroom.access.Target;
import org.sanke.classroom.privacy.PersonRecords;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/**
 * Every role (and nobody) against every REST route, on its own school or lesson and on another's: the server
 * answers what the authorisation table says, with the precise refusal. The table's own content is checked by
 * AccessRulesTest and by the spelled-out cases at the end. S5 S24 S34.
 */
@NoBlockingOnEventLoops
class AuthorisationMatrixTest {
    private static SignalingServer server;
    private static Domain domain;
    private static final Map<PersonRole, Person> HILL = new EnumMap<>(PersonRole.class);
    private static final Map<PersonRole, String> COOKIES = new EnumMap<>(PersonRole.class);
    private static Person riverTeacher;
    private static Lesson riverLesson;
    private static final Map<PersonRole, Lesson> OWN_LESSONS = new EnumMap<>(PersonRole.class);
    private static int counter;

    enum Scope { OWN, OTHER }

    /** A route, what it asks of the table, and the target it asks about. */
    record Route(String name, String method, Function<Fixture, String> path, Function<Fixture, String> body,
                 Action action, Function<Fixture, Target> target) {
    }

    /** What "own" and "other" mean for one caller in one scope. */
    record Fixture(Person caller, Scope scope) {
        String school() {
            return scope == Scope.OWN ? "hill" : "river";
        }

        String room() {
            return scope == Scope.OWN ? "hill-room" : "river-room";
        }

        Lesson lesson() {
            return scope == Scope.OWN ? OWN_LESSONS.get(caller.role()) : riverLesson;
        }

        Target.Lesson lessonTarget() {
            Lesson lesson = lesson();
            String owner = lesson.ownerId();
            return new Target.Lesson(lesson.id(), domain.schools().person(owner).orElseThrow().schoolId(),
                    Set.of(owner), lesson.mode());
        }

        /** Whose data: one's own (a guardian's ward) in the own scope; another school's teacher otherwise. */
        String person() {
            if (scope == Scope.OTHER) {
                return riverTeacher.id();
            }
            return caller.role() == PersonRole.GUARDIAN ? "hill-pupil" : caller.id();
        }

        /** Lists of staff's own jurisdiction: the caller's school, or the platform for platform-wide staff. */
        Target ownSchoolOrPlatform() {
            return caller.schoolId() == null ? Target.platform() : Target.school(caller.schoolId());
        }

        Target personTarget() {
            return domain.access().records().target(person()).orElseThrow();
        }

        /** A fresh timetable entry sent from the school's studio, a week or more ahead. */
        String freshEntry() {
            String id = "entry" + (++counter);
            String teacher = scope == Scope.OWN ? "lead_teacher-hill" : riverTeacher.id();
            var result = domain.scheduling().schedule(new org.sanke.classroom.TimetableEntry(id, "Art", teacher,
                    room(), Set.of(room() + "-2"), java.time.LocalDateTime.now(Domain.DEFAULT_ZONE).plusDays(7)
                    .plusHours(counter).withMinute(0).withSecond(0).withNano(0), java.time.Duration.ofMinutes(40), null),
                    LessonMode.DEDICATED);
            if (!(result instanceof org.sanke.classroom.Scheduling.Result.Scheduled)) {
                throw new IllegalStateException(String.valueOf(result));
            }
            return id;
        }

        /** A fresh deletion request of a person of the school, waiting for a decision. */
        String freshRequest() {
            Person p = new Person("asker" + (++counter), school(), "Asker " + counter, PersonRole.LEARNER);
            domain.schools().add(p);
            try {
                return domain.access().records().requestDeletion(p, p.id()).id();
            } catch (PersonRecords.Refused e) {
                throw new IllegalStateException(e);
            }
        }

        /** A person of the school with no login yet (for making one). */
        String freshPerson() {
            Person p = new Person("fresh" + (++counter), school(), "Fresh " + counter, PersonRole.LEARNER);
            domain.schools().add(p);
            return p.id();
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("list schools", "GET", f -> "/api/schools", f -> null, Action.READ_SCHOOLS,
                    f -> Target.platform()),
            new Route("add a school", "POST", f -> "/api/schools", f -> "{\"name\":\"New " + (++counter) + "\"}",
                    Action.ADD_SCHOOL, f -> Target.platform()),
            new Route("list classrooms", "GET", f -> "/api/classrooms?schoolId=" + f.school(), f -> null,
                    Action.READ_CLASSROOMS, f -> Target.school(f.school())),
            new Route("add a classroom", "POST", f -> "/api/classrooms", f -> "{\"schoolId\":\"" + f.school()
                    + "\",\"name\":\"Room " + (++counter) + "\"}", Action.ADD_CLASSROOM,
                    f -> Target.school(f.school())),
            new Route("issue a device token", "POST", f -> "/api/classrooms/" + f.room() + "/device-token",
                    f -> "{}", Action.ISSUE_DEVICE_TOKEN, f -> Target.school(f.school())),
            new Route("pair a terminal", "POST", f -> "/api/classrooms/" + f.room() + "/pair",
                    f -> "{\"code\":\"000000\"}", Action.ISSUE_DEVICE_TOKEN, f -> Target.school(f.school())),
            new Route("list people (minors' names)", "GET", f -> "/api/people?schoolId=" + f.school(), f -> null,
                    Action.READ_PEOPLE, f -> Target.school(f.school())),
            new Route("add a person", "POST", f -> "/api/people", f -> "{\"schoolId\":\"" + f.school()
                    + "\",\"name\":\"P\",\"role\":\"learner\"}", Action.ADD_PERSON, f -> Target.school(f.school())),
            new Route("give a person a login", "POST", f -> "/api/people/" + f.freshPerson() + "/account",
                    f -> "{\"login\":\"login" + (++counter) + "\",\"password\":\"Spring-Rain-2026\"}",
                    Action.ADD_PERSON, f -> Target.school(f.school())),
            new Route("read the timetable", "GET", f -> "/api/timetable?schoolId=" + f.school(), f -> null,
                    Action.READ_TIMETABLE, f -> Target.school(f.school())),
            new Route("schedule", "POST", f -> "/api/timetable", f -> "{\"subject\":\"Art\",\"teacherId\":\""
                    + riverTeacher.id() + "\",\"sendingClassroomId\":\"" + f.room()
                    + "\",\"receivingClassroomIds\":[\"nowhere\"],\"start\":\"2030-01-01T10:00\","
                    + "\"durationMinutes\":40}", Action.SCHEDULE, f -> Target.school(f.school())),
            new Route("read a lesson", "GET", f -> "/api/lessons/" + f.lesson().id(), f -> null,
                    Action.READ_LESSONS, Fixture::lessonTarget),
            new Route("read a lesson's attendance", "GET", f -> "/api/lessons/" + f.lesson().id() + "/attendance",
                    f -> null, Action.READ_LESSON_ATTENDANCE, Fixture::lessonTarget),
            new Route("read a school's attendance", "GET", f -> "/api/schools/" + f.school()
                    + "/attendance?from=2026-09-01&to=2027-01-31", f -> null, Action.READ_SCHOOL_ATTENDANCE,
                    f -> Target.school(f.school())),
            new Route("join as teacher", "POST", f -> "/api/lessons/" + f.lesson().id() + "/grants",
                    f -> "{\"role\":\"teacher\"}", Action.JOIN_AS_TEACHER, Fixture::lessonTarget),
            new Route("invite classrooms", "POST", f -> "/api/lessons/" + f.lesson().id() + "/grants",
                    f -> "{\"role\":\"classroom\"}", Action.INVITE, Fixture::lessonTarget),
            new Route("invite observers", "POST", f -> "/api/lessons/" + f.lesson().id() + "/grants",
                    f -> "{\"role\":\"observer\",\"invitation\":true}", Action.INVITE, Fixture::lessonTarget),
            new Route("join as observer", "POST", f -> "/api/lessons/" + f.lesson().id() + "/grants",
                    f -> "{\"role\":\"observer\"}", Action.JOIN_AS_OBSERVER, Fixture::lessonTarget),
            new Route("join as learner", "POST", f -> "/api/lessons/" + f.lesson().id() + "/grants",
                    f -> "{\"role\":\"learner\"}", Action.JOIN_AS_LEARNER, Fixture::lessonTarget),
            new Route("join as inspector", "POST", f -> "/api/lessons/" + f.lesson().id() + "/grants",
                    f -> "{\"role\":\"inspector\"}", Action.JOIN_AS_INSPECTOR, Fixture::lessonTarget),
            new Route("withdraw an invitation", "POST", f -> "/api/lessons/" + f.lesson().id() + "/grants/revoke",
                    f -> "{\"grant\":\"" + TestAccess.grant(domain, f.lesson().id(), "classroom") + "\"}",
                    Action.REVOKE_GRANT, Fixture::lessonTarget),
            new Route("verify a real name", "PUT", f -> "/api/people/" + f.person() + "/real-name",
                    f -> "{\"method\":\"documents_checked\"}", Action.VERIFY_REAL_NAME, Fixture::personTarget),
            new Route("permit reading minors' data", "PUT", f -> "/api/people/" + f.person()
                    + "/permissions/minors-data", f -> "{}", Action.PERMIT_MINORS_DATA, Fixture::personTarget),
            new Route("export a person's data", "GET", f -> "/api/people/" + f.person() + "/data", f -> null,
                    Action.READ_PERSON_DATA, Fixture::personTarget),
            new Route("correct a person's data", "PATCH", f -> "/api/people/" + f.person(),
                    f -> "{\"name\":\"Corrected " + (++counter) + "\"}", Action.CORRECT_PERSON_DATA,
                    Fixture::personTarget),
            new Route("ask for deletion", "POST", f -> "/api/people/" + f.person() + "/deletion-requests",
                    f -> "{}", Action.REQUEST_DELETION, Fixture::personTarget),
            new Route("list deletion requests", "GET", f -> "/api/data-requests?schoolId=" + f.school(), f -> null,
                    Action.DECIDE_DATA_REQUEST, f -> Target.school(f.school())),
            new Route("decide a deletion request", "POST", f -> "/api/data-requests/" + f.freshRequest()
                    + "/decision", f -> "{\"carryOut\":false,\"reason\":\"Kept until the term ends\"}",
                    Action.DECIDE_DATA_REQUEST, f -> Target.school(f.school())),
            new Route("withdraw a timetable entry", "DELETE", f -> "/api/timetable/" + f.freshEntry(), f -> null,
                    Action.SCHEDULE, f -> Target.school(f.school())),
            new Route("read the audit trail", "GET", f -> "/api/audit", f -> null, Action.READ_AUDIT_TRAIL,
                    f -> Target.platform()),
            new Route("list the measures", "GET", f -> "/api/sanctions", f -> null, Action.SANCTION,
                    Fixture::ownSchoolOrPlatform),
            new Route("read the reports", "GET", f -> "/api/reports", f -> null, Action.REVIEW_REPORTS,
                    Fixture::ownSchoolOrPlatform),
            new Route("the patrol wall", "GET", f -> "/api/patrol", f -> null, Action.PATROL,
                    Fixture::ownSchoolOrPlatform),
            new Route("a lesson's patrol picture", "GET", f -> "/api/patrol/" + f.lesson().id() + "/picture",
                    f -> null, Action.PATROL, Fixture::lessonTarget),
            new Route("set a learner's age", "PUT", f -> "/api/people/" + f.person() + "/age-band",
                    f -> "{\"ageBand\":\"adult\"}", Action.SET_AGE_BAND, Fixture::personTarget),
            new Route("a guardian's consent", "PUT", f -> "/api/people/" + f.person() + "/guardian-consent",
                    f -> "{\"consent\":true}", Action.GUARDIAN_CONSENT, Fixture::personTarget),
            new Route("the replays to review", "GET", f -> "/api/replays/pending", f -> null,
                    Action.REVIEW_REPLAYS, f -> Target.platform()),
            new Route("decide on a replay", "POST", f -> "/api/replays/none/decision",
                    f -> "{\"version\":1,\"outcome\":\"approve\"}", Action.REVIEW_REPLAYS, f -> Target.platform()),
            new Route("the replays one may watch", "GET", f -> "/api/replays", f -> null, Action.WATCH_REPLAYS,
                    f -> Target.platform()),
            new Route("a replay's video", "GET", f -> "/api/replays/none/video", f -> null, Action.WATCH_REPLAYS,
                    f -> Target.platform()));

    @BeforeAll
    static void start() throws Exception {
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), () -> {
            throw new IllegalStateException("no media in this test");
        }, new LessonDirectory(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        domain = server.domain();
        domain.schools().add(new School("hill", "Hill School"));
        domain.schools().add(new School("river", "River School"));
        domain.schools().add(new Classroom("hill-room", "hill", "Hill studio"));
        domain.schools().add(new Classroom("river-room", "river", "River studio"));
        domain.schools().add(new Classroom("hill-room-2", "hill", "Hill point"));
        domain.schools().add(new Classroom("river-room-2", "river", "River point"));
        riverTeacher = new Person("river-teacher", "river", "River teacher", PersonRole.LEAD_TEACHER);
        domain.schools().add(riverTeacher);
        riverLesson = domain.lessons().create("River maths", LessonMode.MASTER_TEACHER, 3, riverTeacher.id());
        Person hillTeacher = null;
        for (PersonRole role : PersonRole.values()) {
            // A county inspector works for the hill school; the platform's administrator for no school.
            Person p = new Person(role.wireName() + "-hill", AccessRules.PLATFORM_ONLY.contains(role) ? null : "hill",
                    "Hill " + role.wireName(), role);
            domain.schools().add(p);
            HILL.put(role, p);
            COOKIES.put(role, TestAccess.cookie(domain, p));
            if (role == PersonRole.LEAD_TEACHER) {
                hillTeacher = p;
            }
        }
        domain.schools().add(new Person("hill-pupil", "hill", "Hill pupil", PersonRole.LEARNER));
        domain.access().records().linkGuardian(HILL.get(PersonRole.SCHOOL_ADMIN), HILL.get(PersonRole.GUARDIAN),
                "hill-pupil");
        for (PersonRole role : PersonRole.values()) {
            boolean teaches = AccessRules.reach(role, Action.CREATE_LESSON) != null;
            Person owner = teaches ? HILL.get(role) : hillTeacher;
            OWN_LESSONS.put(role, domain.lessons().create("Hill lesson of " + role.wireName(),
                    LessonMode.MASTER_TEACHER, 3, owner.id()));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(Route route, Fixture fixture, String cookie) throws Exception {
        return TestAccess.call(server, route.method(), route.path().apply(fixture),
                route.method().equals("GET") ? null : route.body().apply(fixture), cookie);
    }

    @Test
    void everyRoleOnEveryRouteInEveryScopeGetsWhatTheTableSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (PersonRole role : PersonRole.values()) {
            Person caller = HILL.get(role);
            for (Scope scope : Scope.values()) {
                for (Route route : ROUTES) {
                    Fixture fixture = new Fixture(caller, scope);
                    Decision expected = AccessRules.decide(Caller.of(caller), route.action(),
                            route.target().apply(fixture));
                    HttpResponse<String> answer = call(route, fixture, COOKIES.get(role));
                    cells++;
                    String cell = role.wireName() + " / " + scope + " / " + route.name() + ": " + answer.statusCode()
                            + " " + answer.body();
                    if (expected instanceof Decision.Refused refused) {
                        String code = switch (refused.reason()) {
                            case LOGIN_REQUIRED -> "login_required";
                            case NOT_PERMITTED -> "forbidden";
                            case OUT_OF_SCOPE -> "out_of_scope";
                        };
                        if (answer.statusCode() != 403 || !answer.body().contains("\"error\":\"" + code + "\"")) {
                            wrong.add("expected " + code + " for " + cell);
                        }
                    } else if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                        wrong.add("expected it allowed for " + cell);
                    }
                }
            }
        }
        assertThat(wrong).as("cells that differ from the table").isEmpty();
        assertThat(cells).isEqualTo(PersonRole.values().length * 2 * ROUTES.size());
    }

    @Test
    void nobodyLoggedInGetsLoginRequiredEverywhere() throws Exception {
        for (Route route : ROUTES) {
            HttpResponse<String> answer = call(route, new Fixture(HILL.get(PersonRole.LEAD_TEACHER), Scope.OWN),
                    null);
            assertThat(answer.statusCode()).as(route.name()).isEqualTo(401);
            assertThat(answer.body()).as(route.name()).contains("\"error\":\"login_required\"");
        }
    }

    @Test
    void theCasesASchoolCaresAboutMostAreSpelledOut() throws Exception {
        Fixture learnerOwn = new Fixture(HILL.get(PersonRole.LEARNER), Scope.OWN);
        assertThat(call(route("list people (minors' names)"), learnerOwn, COOKIES.get(PersonRole.LEARNER)).body())
                .as("a learner never lists pupils").contains("\"error\":\"forbidden\"");
        Fixture teacherOther = new Fixture(HILL.get(PersonRole.LEAD_TEACHER), Scope.OTHER);
        assertThat(call(route("list people (minors' names)"), teacherOther, COOKIES.get(PersonRole.LEAD_TEACHER))
                .body()).as("nor does a teacher of another school").contains("\"error\":\"out_of_scope\"");
        assertThat(call(route("join as teacher"), teacherOther, COOKIES.get(PersonRole.LEAD_TEACHER)).body())
                .as("a teacher never takes another's seat").contains("\"error\":\"out_of_scope\"");
        Fixture inspectorOther = new Fixture(HILL.get(PersonRole.INSPECTOR), Scope.OTHER);
        assertThat(call(route("join as inspector"), inspectorOther, COOKIES.get(PersonRole.INSPECTOR)).body())
                .as("an inspector watches only her jurisdiction").contains("\"error\":\"out_of_scope\"");
        Fixture observer = new Fixture(HILL.get(PersonRole.OBSERVER_TEACHER), Scope.OWN);
        assertThat(call(route("join as inspector"), observer, COOKIES.get(PersonRole.OBSERVER_TEACHER)).body())
                .as("nobody but an inspector watches unseen").contains("\"error\":\"forbidden\"");
        // A school's administrator cannot raise anyone above her school.
        HttpResponse<String> appoint = TestAccess.call(server, "POST", "/api/people", "{\"schoolId\":\"hill\","
                + "\"name\":\"Boss\",\"role\":\"platform_admin\"}", COOKIES.get(PersonRole.SCHOOL_ADMIN));
        assertThat(appoint.statusCode()).isEqualTo(403);
        assertThat(appoint.body()).contains("only a platform administrator appoints a platform_admin");
        // Lists show only what the caller reaches.
        String rooms = TestAccess.call(server, "GET", "/api/classrooms", null, COOKIES.get(PersonRole.SCHOOL_ADMIN))
                .body();
        assertThat(rooms).contains("hill-room").doesNotContain("river-room");
        String all = TestAccess.call(server, "GET", "/api/classrooms", null, COOKIES.get(PersonRole.PLATFORM_ADMIN))
                .body();
        assertThat(all).contains("hill-room", "river-room");
        String lessons = TestAccess.call(server, "GET", "/api/lessons", null, COOKIES.get(PersonRole.LEAD_TEACHER))
                .body();
        assertThat(lessons).contains(OWN_LESSONS.get(PersonRole.LEAD_TEACHER).id()).doesNotContain(riverLesson.id());
        assertThat(Role.values()).hasSize(5);
    }

    private static Route route(String name) {
        return ROUTES.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
