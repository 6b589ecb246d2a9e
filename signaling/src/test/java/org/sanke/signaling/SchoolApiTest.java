package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/** Schools, classrooms, people and the timetable through REST; refusals name the field and change nothing. */
@NoBlockingOnEventLoops
class SchoolApiTest {
    private static SignalingServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), () -> {
            throw new IllegalStateException("no media in this test");
        }, new LessonDirectory(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Cookie", admin()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Cookie", admin()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** What a terminal reads: no session, its device token or nothing. */
    private static String getAsTerminal(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String adminCookie;

    private static synchronized String admin() {
        if (adminCookie == null) {
            adminCookie = TestAccess.adminCookie(server.domain());
        }
        return adminCookie;
    }

    private static String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
    }

    private static String token(HttpResponse<String> created) {
        return created.body().replaceAll(".*\"deviceToken\":\"([^\"]+)\".*", "$1");
    }

    private static String timetable(String teacher, String sending, String receiving, String start) {
        return "{\"subject\":\"语文\",\"teacherId\":\"" + teacher + "\",\"sendingClassroomId\":\"" + sending
                + "\",\"receivingClassroomIds\":[" + receiving + "],\"start\":\"" + start
                + "\",\"durationMinutes\":40,\"weeklyUntil\":\"2027-06-30\"}";
    }

    @Test
    void aWeeklyLessonToTheEndOfTimeIsRefusedAtOnceAndTheServerKeepsAnswering() throws Exception {
        String school = id(post("/api/schools", "{\"name\":\"Far future school\"}"));
        String sending = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Studio\"}"));
        String room = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Point\"}"));
        String teacher = id(post("/api/people", "{\"schoolId\":\"" + school + "\",\"name\":\"Ms Forever\","
                + "\"role\":\"lead_teacher\"}"));
        for (String start : new String[] {"2027-03-02T08:00", "2027-03-02T09:00"}) {
            long asked = System.nanoTime();
            HttpResponse<String> refused = post("/api/timetable", timetable(teacher, sending, "\"" + room + "\"",
                    start).replace("2027-06-30", "9999-12-31"));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"weeklyUntil\"", "one school year");
            assertThat((System.nanoTime() - asked) / 1_000_000).as("refused in milliseconds").isLessThan(1_000);
        }
        assertThat(get("/health")).contains("UP");
    }

    @Test
    void noRouteTakesFilesSoAnUploadLeavesNothingOnDisk() throws Exception {
        java.nio.file.Path uploads = java.nio.file.Path.of("file-uploads");
        boolean existedBefore = java.nio.file.Files.exists(uploads);
        String boundary = "sanke-boundary";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/api/lessons"))
                .header("Cookie", admin()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data;"
                        + " name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        + "x".repeat(4000) + "\r\n--" + boundary + "--\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(java.nio.file.Files.exists(uploads)).as("no upload folder appears").isEqualTo(existedBefore);
    }

    @Test
    void aBusyHttpPortStopsTheStartNamingThePort() {
        assertThatThrownBy(() -> SignalingServer.start(new SignalingConfig("127.0.0.1", server.port(), 64 * 1024,
                "web"), () -> {
                    throw new IllegalStateException("no media in this test");
                }, new LessonDirectory(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
                .isInstanceOf(HttpPortInUseException.class)
                .hasMessageContaining("HTTP port " + server.port());
    }

    @Test
    void aSecondSchoolOrClassroomOfTheSameNameIsRefused() throws Exception {
        String school = id(post("/api/schools", "{\"name\":\"Green Hill School\"}"));
        HttpResponse<String> again = post("/api/schools", "{\"name\":\" green  hill school \"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"error\":\"duplicate_name\"", "already called");
        id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Room 1\"}"));
        assertThat(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"room 1\"}").body())
                .contains("duplicate_name", "already has a classroom called");
        String other = id(post("/api/schools", "{\"name\":\"River School\"}"));
        id(post("/api/classrooms", "{\"schoolId\":\"" + other + "\",\"name\":\"Room 1\"}")); // another school's
    }

    @Test
    void schoolsClassroomsPeopleAndEntriesAreEditedAndTakenOffTheListsByThoseAllowedOnly() throws Exception {
        String school = id(post("/api/schools", "{\"name\":\"Edit School\"}"));
        String other = id(post("/api/schools", "{\"name\":\"Neighbour School\"}"));
        String studio = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Studio\"}"));
        String room = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Room 1\"}"));
        String teacher = id(post("/api/people", "{\"schoolId\":\"" + school
                + "\",\"name\":\"Wang\",\"role\":\"lead_teacher\"}"));
        String second = id(post("/api/people", "{\"schoolId\":\"" + school
                + "\",\"name\":\"Li\",\"role\":\"assistant_teacher\"}"));
        Person neighbourAdmin = new Person("u-neighbour-admin", other, "Zhou", PersonRole.SCHOOL_ADMIN);
        server.domain().schools().add(neighbourAdmin);
        String neighbour = TestAccess.cookie(server.domain(), neighbourAdmin);

        assertThat(call("PUT", "/api/schools/" + school, "{\"name\":\"Edited School\"}", admin()).body())
                .contains("Edited School");
        assertThat(call("PUT", "/api/schools/" + school, "{\"name\":\"neighbour school\"}", admin()).body())
                .contains("duplicate_name");
        assertThat(call("PUT", "/api/classrooms/" + room, "{\"name\":\"Room A\"}", neighbour).statusCode())
                .as("another school's administrator").isEqualTo(403);
        assertThat(call("PUT", "/api/classrooms/" + room, "{\"name\":\"Room A\"}", admin()).body())
                .contains("Room A");
        String secondsSession = TestAccess.cookie(server.domain(), server.domain().schools().person(second)
                .orElseThrow());
        assertThat(call("PUT", "/api/people/" + second, "{\"schoolId\":\"" + school
                + "\",\"name\":\"Li Na\",\"role\":\"lead_teacher\"}", admin()).body()).contains("Li Na",
                "lead_teacher");
        assertThat(call("GET", "/api/my-lessons", null, secondsSession).statusCode())
                .as("a changed role needs a new login").isEqualTo(401);
        assertThat(call("PUT", "/api/people/" + second, "{\"name\":\"Li Na\",\"role\":\"platform_admin\"}",
                neighbour).statusCode()).as("nobody appoints beyond their reach").isEqualTo(403);

        String entry = id(post("/api/timetable", timetable(teacher, studio, "\"" + room + "\"",
                "2027-03-01T09:00")));
        assertThat(call("DELETE", "/api/classrooms/" + room, null, admin()).body())
                .contains("has_coming_lessons");
        assertThat(call("DELETE", "/api/people/" + teacher, null, admin()).body()).contains("has_coming_lessons");
        assertThat(call("DELETE", "/api/schools/" + school, null, admin()).body()).contains("school_not_empty");
        HttpResponse<String> revised = call("PUT", "/api/timetable/" + entry, timetable(second, studio,
                "\"" + room + "\"", "2027-03-01T10:00"), admin());
        assertThat(revised.body()).contains("\"teacherName\":\"Li Na\"", "\"receivingClassroomNames\":[\"Room A\"]",
                "2027-03-01T10:00");
        assertThat(call("PUT", "/api/timetable/" + entry, timetable(second, studio, "\"" + room + "\"",
                "2027-03-01T10:00"), neighbour).statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/people/" + teacher, null, admin()).body())
                .as("no lessons left to teach").contains("archived");
        assertThat(get("/api/people?schoolId=" + school)).doesNotContain(teacher);
        assertThat(call("DELETE", "/api/people/" + teacher, null, admin()).statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/api/timetable/" + entry, "{\"subject\":\"x\",\"mode\":\"famous_school\"}",
                admin()).body()).contains("invalid_field", "mode");

        // S22: every change of the set-up is in the audit trail, by id; a refused one is not a change.
        server.domain().access().records().audit().flush(java.time.Duration.ofSeconds(5));
        org.sanke.classroom.Person auditor = new org.sanke.classroom.Person("u-school-auditor", null, "Auditor",
                org.sanke.classroom.PersonRole.AUDITOR);
        server.domain().schools().add(auditor);
        String trail = call("GET", "/api/audit?limit=100", null, TestAccess.cookie(server.domain(), auditor)).body();
        assertThat(trail).contains("\"action\":\"school_renamed\"", "\"action\":\"classroom_renamed\"",
                "\"action\":\"person_changed\"", "\"action\":\"timetable_revised\"",
                "\"action\":\"person_archived\"", "\"detail\":\"" + teacher + "\"");
        assertThat(trail).doesNotContain("\"action\":\"school_archived\"").doesNotContain("Edited School");
    }

    private static HttpResponse<String> call(String method, String path, String body, String cookie)
            throws Exception {
        return TestAccess.call(server, method, path, body, cookie);
    }

    @Test
    void aTeacherSeesHerOwnLessonsOfTheWeekAndNobodyElses() throws Exception {
        String school = id(post("/api/schools", "{\"name\":\"Home school\"}"));
        String studio = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Studio\"}"));
        String point = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Point\"}"));
        String zhou = id(post("/api/people", "{\"schoolId\":\"" + school + "\",\"name\":\"Zhou\","
                + "\"role\":\"lead_teacher\"}"));
        java.time.LocalDateTime soon = java.time.LocalDateTime.now(Domain.DEFAULT_ZONE).plusDays(1).withHour(9)
                .withMinute(0).withSecond(0).withNano(0);
        assertThat(post("/api/timetable", "{\"subject\":\"Art\",\"teacherId\":\"" + zhou
                + "\",\"sendingClassroomId\":\"" + studio + "\",\"receivingClassroomIds\":[\"" + point
                + "\"],\"start\":\"" + soon + "\",\"durationMinutes\":40}").statusCode()).isEqualTo(201);
        String herCookie = TestAccess.cookie(server.domain(), server.domain().schools().person(zhou).orElseThrow());
        String hers = TestAccess.call(server, "GET", "/api/my-lessons", null, herCookie).body();
        assertThat(hers).contains("\"title\":\"Art\"", "\"start\":\"" + soon, "\"state\":\"scheduled\"");
        assertThat(TestAccess.call(server, "GET", "/api/my-lessons", null, admin()).body())
                .as("another person's week").doesNotContain("Art");
        assertThat(TestAccess.call(server, "GET", "/api/my-lessons?days=0", null, herCookie).body())
                .contains("invalid_field", "1 to 31");
        assertThat(TestAccess.call(server, "GET", "/api/my-lessons", null, null).statusCode()).isEqualTo(401);

        String entry = get("/api/timetable").replaceAll("(?s).*\"id\":\"([^\"]+)\",\"subject\":\"Art\".*", "$1");
        assertThat(TestAccess.call(server, "DELETE", "/api/timetable/" + entry, null, herCookie).body())
                .as("a teacher does not take lessons off the timetable").contains("forbidden");
        assertThat(TestAccess.call(server, "DELETE", "/api/timetable/" + entry, null, admin()).body())
                .contains("\"result\":\"removed\"");
        assertThat(TestAccess.call(server, "GET", "/api/my-lessons", null, herCookie).body()).doesNotContain("Art");
        assertThat(TestAccess.call(server, "DELETE", "/api/timetable/" + entry, null, admin()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aCountyBuildsItsTimetableAndClashesAreRefused() throws Exception {
        String chengdu = id(post("/api/schools", "{\"name\":\"成都七中\"}"));
        String village = id(post("/api/schools", "{\"name\":\"Village school\"}"));
        String sending = id(post("/api/classrooms", "{\"schoolId\":\"" + chengdu + "\",\"name\":\"Grade 3\"}"));
        String roomA = id(post("/api/classrooms", "{\"schoolId\":\"" + village + "\",\"name\":\"Point A\"}"));
        String roomB = id(post("/api/classrooms", "{\"schoolId\":\"" + village + "\",\"name\":\"Point B\"}"));
        String wang = id(post("/api/people", "{\"schoolId\":\"" + chengdu + "\",\"name\":\"王老师\","
                + "\"role\":\"lead_teacher\"}"));
        assertThat(get("/api/classrooms?schoolId=" + village)).contains(roomA, roomB).doesNotContain(sending);

        HttpResponse<String> scheduled = post("/api/timetable", timetable(wang, sending,
                "\"" + roomA + "\",\"" + roomB + "\"", "2027-03-01T10:00"));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        assertThat(scheduled.body()).contains("\"occurrences\":[\"2027-03-01T10:00\",\"2027-03-08T10:00\"");

        HttpResponse<String> clash = post("/api/timetable", timetable(wang, roomB, "\"" + roomA + "\"",
                "2027-03-15T10:30"));
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(clash.body()).contains("\"error\":\"timetable_conflict\"", "is already in lesson");
        assertThat(get("/api/timetable?schoolId=" + chengdu).split("\"subject\"", -1))
                .as("the clash changed nothing").hasSize(2);
    }

    @Test
    void terminalsFollowTheirTimetableAndOnlyEnrolledRoomsJoinWhenTheLessonIsOpen() throws Exception {
        String school = id(post("/api/schools", "{\"name\":\"Town school\"}"));
        String sending = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Studio\"}"));
        HttpResponse<String> pointC = post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Point C\"}");
        HttpResponse<String> pointD = post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Point D\"}");
        String enrolled = id(pointC);
        String outsider = id(pointD);
        String enrolledToken = token(pointC);
        String outsiderToken = token(pointD);
        String teacher = id(post("/api/people", "{\"name\":\"Zhang\",\"role\":\"lead_teacher\"}"));
        java.time.LocalDateTime soon = java.time.LocalDateTime.now(Domain.DEFAULT_ZONE).plusMinutes(5)
                .withSecond(0).withNano(0);
        assertThat(post("/api/timetable", "{\"subject\":\"Maths\",\"teacherId\":\"" + teacher
                + "\",\"sendingClassroomId\":\"" + sending + "\",\"receivingClassroomIds\":[\"" + enrolled
                + "\"],\"start\":\"" + soon + "\",\"durationMinutes\":40}").statusCode()).isEqualTo(201);
        assertThat(post("/api/timetable", "{\"subject\":\"Art\",\"teacherId\":\"" + teacher
                + "\",\"sendingClassroomId\":\"" + sending + "\",\"receivingClassroomIds\":[\"" + enrolled
                + "\"],\"start\":\"" + soon.plusHours(3) + "\",\"durationMinutes\":40}").statusCode()).isEqualTo(201);

        assertThat(getAsTerminal("/api/classrooms/" + enrolled + "/upcoming"))
                .contains("\"error\":\"device_not_authorized\"");
        assertThat(getAsTerminal("/api/classrooms/" + enrolled + "/upcoming?token=" + outsiderToken))
                .contains("\"error\":\"device_not_authorized\"", "not this classroom's");
        String upcoming = getAsTerminal("/api/classrooms/" + enrolled + "/upcoming?token=" + enrolledToken);
        assertThat(upcoming).contains("\"subject\":\"Maths\"", "\"from\":\"Studio\"", "\"state\":\"open\"",
                "\"subject\":\"Art\"", "\"state\":\"scheduled\"");
        assertThat(upcoming.indexOf("Maths")).as("soonest first").isLessThan(upcoming.indexOf("Art"));
        String maths = upcoming.replaceAll("^\\[\\{\"lessonId\":\"([^\"]+)\".*", "$1");
        String art = upcoming.replaceAll(".*\"lessonId\":\"([^\"]+)\",\"subject\":\"Art\".*", "$1");

        WsClient ws = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        ws.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + maths
                + "\",\"role\":\"classroom\",\"name\":\"Point D\",\"classroomId\":\"" + outsider
                + "\",\"deviceToken\":\"" + outsiderToken + "\"}");
        assertThat(ws.next()).contains("\"code\":\"not_enrolled\"", "is not enrolled in this lesson (Maths");
        ws.send("{\"type\":\"join\",\"requestId\":2,\"lessonId\":\"" + maths
                + "\",\"role\":\"classroom\",\"name\":\"Point C\""
                + TestAccess.grantField(server.domain(), maths, "classroom") + "}");
        assertThat(ws.next()).contains("\"code\":\"missing_field\"", "classroomId");
        ws.send("{\"type\":\"join\",\"requestId\":5,\"lessonId\":\"" + maths
                + "\",\"role\":\"classroom\",\"name\":\"Point C\",\"classroomId\":\"" + enrolled
                + "\",\"deviceToken\":\"" + outsiderToken + "\"}");
        assertThat(ws.next()).as("a forged terminal").contains("\"code\":\"device_not_authorized\"");
        ws.send("{\"type\":\"join\",\"requestId\":3,\"lessonId\":\"" + art
                + "\",\"role\":\"classroom\",\"name\":\"Point C\",\"classroomId\":\"" + enrolled
                + "\",\"deviceToken\":\"" + enrolledToken + "\"}");
        assertThat(ws.next()).contains("\"code\":\"lesson_not_open\"", "opens 10 minutes before");
        ws.send("{\"type\":\"join\",\"requestId\":4,\"lessonId\":\"" + maths
                + "\",\"role\":\"classroom\",\"name\":\"Point C\",\"classroomId\":\"" + enrolled
                + "\",\"deviceToken\":\"" + enrolledToken + "\"}");
        assertThat(ws.next()).contains("\"type\":\"joined\"", "\"title\":\"Maths\"");
        assertThat(getAsTerminal("/api/classrooms/nope/upcoming")).contains("classroom_not_found");

        // The school's attendance: Point C joined early (counted, not late); Point D takes no part.
        java.time.LocalDate today = soon.toLocalDate();
        String summary = get("/api/schools/" + school + "/attendance?from=" + today + "&to=" + today.plusDays(1));
        assertThat(summary).contains("\"classroomId\":\"" + enrolled + "\",\"name\":\"Point C\",\"expected\":1,"
                + "\"attended\":1,\"late\":0,\"absent\":0", "\"classroomId\":\"" + outsider
                + "\",\"name\":\"Point D\",\"expected\":0");
        assertThat(get("/api/schools/" + school + "/attendance?from=" + today + "&to=" + today.plusDays(1)
                + "&format=csv")).startsWith("classroom_id,classroom,expected,attended,late,absent");
        assertThat(get("/api/schools/" + school + "/attendance?from=" + today)).contains("\"field\":\"to\"");
        assertThat(get("/api/schools/" + school + "/attendance?from=" + today + "&to=" + today))
                .contains("must be after from");
        assertThat(get("/api/schools/nope/attendance?from=" + today + "&to=" + today.plusDays(1)))
                .contains("school_not_found");
    }

    @Test
    void badRequestsNameTheirField() throws Exception {
        String school = id(post("/api/schools", "{\"name\":\"School\"}"));
        String room = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Room\"}"));
        String other = id(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Other\"}"));
        String teacher = id(post("/api/people", "{\"name\":\"Li\",\"role\":\"lead_teacher\"}"));
        assertThat(post("/api/classrooms", "{\"schoolId\":\"nope\",\"name\":\"x\"}").body())
                .contains("\"field\":\"schoolId\"", "no school has the id nope");
        assertThat(post("/api/people", "{\"name\":\"x\",\"role\":\"janitor\"}").body()).contains("\"field\":\"role\"");
        assertThat(post("/api/schools", "{\"name\":\"x\",\"motto\":\"y\"}").body()).contains("\"field\":\"motto\"");
        assertThat(post("/api/timetable", timetable("nobody", room, "\"" + other + "\"", "2027-03-01T10:00"))
                .body()).contains("\"field\":\"teacherId\"");
        assertThat(post("/api/timetable", timetable(teacher, room, "\"" + other + "\"", "2020-03-01T10:00"))
                .body()).contains("\"field\":\"start\"", "in the past");
        assertThat(post("/api/timetable", timetable(teacher, room, "\"" + other + "\"", "next monday")).body())
                .contains("\"field\":\"start\"", "ISO date-time");
        assertThat(post("/api/timetable", timetable(teacher, room, "\"" + room + "\"", "2027-03-01T10:00")).body())
                .contains("\"field\":\"receivingClassroomIds\"", "cannot also receive");
        assertThat(post("/api/timetable", "{\"teacherId\":\"x\"}").body())
                .contains("\"error\":\"missing_field\"", "\"field\":\"subject\"");
        HttpResponse<String> empty = post("/api/timetable", timetable(teacher, room, "", "2027-03-01T10:00"));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("\"field\":\"receivingClassroomIds\"");
        assertThat(get("/api/timetable")).doesNotContain(teacher);
    }
}
