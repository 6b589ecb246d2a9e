package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.classroom.PersonRole;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;
import org.sanke.signaling.Domain;

/**
 * A dedicated lesson (专递课堂) as a county runs it: an administrator puts it on the timetable for two receiving
 * classrooms on the administration page; their terminals, already on, join by themselves when it opens; one room's
 * assistant teacher raises a hand, the teacher brings that room on stage and the other room sees it; a classroom
 * that is not enrolled is refused with a clear message; the server restarts and everyone comes back; the teacher
 * ends the lesson and the terminals go back to waiting; the report page lists both rooms with their times.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TimetabledLessonBrowserTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    private SankeServer server;
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dataDir;
    private final List<BrowserPage> pages = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        pages.forEach(BrowserPage::close);
        if (server != null) {
            server.close();
        }
    }

    private String lastBody;

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Cookie", admin()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(201);
        lastBody = response.body();
        return response.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
    }

    /** The device token of the classroom created last. */
    private String lastToken() {
        return lastBody.replaceAll(".*\"deviceToken\":\"([^\"]+)\".*", "$1");
    }


    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Cookie", admin())
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String adminCookie;

    /** The platform administrator behind the REST calls; the session is kept across the restart. */
    private String admin() {
        if (adminCookie == null) {
            adminCookie = TestLessons.adminCookie(server);
        }
        return adminCookie;
    }

    private BrowserPage open(BrowserPage page) {
        pages.add(page);
        return page;
    }

    @Test
    void terminalsJoinOnTheirOwnTheTeacherStagesARoomAndAttendanceIsKept() throws Exception {
        RequiredTool.requireChromium();
        // Fixed ports and a file database, so that the server can restart in the middle of the lesson.
        SankeOptions options = RestartableOptions.in(dataDir);
        server = SankeServer.start(options);
        String city = post("/api/schools", "{\"name\":\"Chengdu No. 7\"}");
        String village = post("/api/schools", "{\"name\":\"Village school\"}");
        String studio = post("/api/classrooms", "{\"schoolId\":\"" + city + "\",\"name\":\"Studio\"}");
        String roomA = post("/api/classrooms", "{\"schoolId\":\"" + village + "\",\"name\":\"Point A\"}");
        String tokenA = lastToken();
        String roomB = post("/api/classrooms", "{\"schoolId\":\"" + village + "\",\"name\":\"Point B\"}");
        String tokenB = lastToken();
        String roomC = post("/api/classrooms", "{\"schoolId\":\"" + village + "\",\"name\":\"Point C\"}");
        String tokenC = lastToken();
        String teacherId = post("/api/people", "{\"schoolId\":\"" + city + "\",\"name\":\"Wang\","
                + "\"role\":\"lead_teacher\"}");
        // Her login, with a password she replaces at her first login.
        post("/api/people/" + teacherId + "/account", "{\"login\":\"wang\",\"password\":\""
                + BrowserLogin.PASSWORD + "\"}");

        // The administrator logs in (password, then her authenticator app).
        BrowserPage admin = open(BrowserPage.open("admin", server.baseUrl() + "/admin.html?lang=en"));
        BrowserLogin.person(server, "county-admin", null, PersonRole.PLATFORM_ADMIN, "county.admin");
        assertThat(BrowserLogin.logIn(admin, "county.admin")).as("staff set up a second factor").isNotNull();

        // The terminals are on before the lesson is on the timetable: they wait. Point A's is paired once: its
        // screen shows a code, the administrator types it for the room, and the credential stays on the device.
        BrowserPage terminalA = open(BrowserPage.openTerminal("terminal A",
                server.baseUrl() + "/terminal.html?name=Point%20A&lang=en"));
        terminalA.await("a pairing code on the screen", GUARD, p -> p.script("return window.sanke.pairingCode")
                != null);
        String code = (String) terminalA.script("return window.sanke.pairingCode");
        admin.await("the classrooms listed", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.querySelector('#pair-form select').options.length >= 3")));
        admin.script("const f = document.getElementById('pair-form'); f.classroomId.value = '" + roomA + "';"
                + "f.code.value = '" + code + "'; f.requestSubmit();");
        terminalA.await("paired, following Point A's timetable", GUARD, p -> ((Number) p.script(
                "return window.sanke.polls")).longValue() > 0);
        assertThat((String) terminalA.script("return location.href")).doesNotContain("token");
        assertThat((String) terminalA.script("return JSON.parse(localStorage.getItem('sanke.terminal')).classroomId"))
                .isEqualTo(roomA);
        assertThat(get("/api/classrooms/" + roomA + "/upcoming?token=" + tokenA)).as("pairing gave the room a new"
                + " credential").contains("device_not_authorized");
        BrowserPage terminalB = open(BrowserPage.openTerminal("terminal B",
                server.baseUrl() + "/terminal.html?classroom=" + roomB + "&name=Point%20B&token=" + tokenB));

        // The administrator schedules the lesson on the administration page: Studio sends to Point A and Point B.
        LocalDateTime start = LocalDateTime.now(Domain.DEFAULT_ZONE).plusMinutes(5).withSecond(0).withNano(0);
        admin.await("the classrooms listed", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.querySelector('#timetable-form select[name=receivingClassroomIds]').options.length"
                        + " >= 3")));
        admin.script("const f = document.getElementById('timetable-form');"
                + "f.subject.value = 'Chinese'; f.mode.value = 'dedicated'; f.start.value = '" + start + "';"
                + "f.teacherId.value = '" + teacherId + "'; f.sendingClassroomId.value = '" + studio + "';"
                + "[...f.receivingClassroomIds.options].forEach(o => o.selected = ['" + roomA + "', '" + roomB
                + "'].includes(o.value)); f.requestSubmit();");
        admin.await("the lesson on the timetable", GUARD, p -> String.valueOf(p.text("#timetable")).contains("Chinese"));
        admin.close();
        pages.remove(admin);
        String lessonId = get("/api/classrooms/" + roomB + "/upcoming?token=" + tokenB)
                .replaceAll("^\\[\\{\"lessonId\":\"([^\"]+)\".*", "$1");

        // The teacher opens her home: it sends her to log in first, then lists her lessons of the week; one button
        // takes her to this one's console.
        BrowserPage teacher = open(BrowserPage.open("teacher", server.baseUrl() + "/lessons.html"));
        assertThat(BrowserLogin.logIn(teacher, "wang")).as("a teacher needs no second factor").isNull();
        teacher.await("her lesson on her home", GUARD, p -> p.text("tr[data-lesson='" + lessonId + "'] a.open")
                != null);
        assertThat(teacher.text("tr[data-lesson='" + lessonId + "']")).contains("Chinese", "可以进入");
        teacher.click("tr[data-lesson='" + lessonId + "'] a.open");
        teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
        String teacherParticipant = teacher.participantId();
        for (BrowserPage terminal : List.of(terminalA, terminalB)) {
            terminal.await("joining by itself and decoding the teacher", GUARD,
                    p -> "live".equals(p.state()) && p.framesDecodedFrom(teacherParticipant) > 0);
        }

        // Point A's assistant teacher raises a hand; the teacher brings Point A on stage; Point B sees it.
        terminalA.hook("raiseHand()");
        teacher.await("Point A's hand", GUARD, p -> p.events().stream()
                .anyMatch(e -> "handQueue".equals(e.get("type"))));
        String roomAParticipant = (String) terminalA.hook("participantId");
        teacher.hook("stage('" + roomAParticipant + "', true)");
        terminalB.await("Point A's video, on stage", GUARD, p -> p.framesDecodedFrom(roomAParticipant) > 0);

        // A classroom that is not enrolled is refused, and told why.
        BrowserPage intruder = open(BrowserPage.open("Point C", server.baseUrl() + "/classroom.html?lesson="
                + lessonId + "&name=Point%20C&classroomId=" + roomC + "&deviceToken=" + tokenC + "&lang=en"));
        intruder.await("a refusal", GUARD, p -> "error".equals(p.state()));
        assertThat((String) intruder.script("return document.getElementById('status').textContent"))
                .contains("is not enrolled in this lesson").doesNotContain("not_enrolled");

        // The server restarts (same ports, same database): the teacher's page and the terminals join again by
        // themselves, and the lesson goes on.
        server.close();
        server = SankeServer.start(options);
        teacher.await("the teacher back after the restart", GUARD,
                p -> "live".equals(p.state()) && !teacherParticipant.equals(p.participantId()));
        String teacherAgain = teacher.participantId();
        terminalB.await("terminal B back after the restart, decoding the teacher", GUARD,
                p -> "live".equals(p.state()) && p.framesDecodedFrom(teacherAgain) > 0);

        // The teacher ends the lesson: the terminals go back to waiting for their next lesson, and stay there.
        teacher.hook("endLesson()");
        teacher.await("the lesson ended", GUARD, p -> "ended".equals(p.state()));
        for (BrowserPage terminal : List.of(terminalA, terminalB)) {
            terminal.await("back to waiting", GUARD, p -> p.script("return window.sanke.lessonId") == null);
        }
        // Two more polls of the timetable, answered: the terminal does not join the ended lesson again.
        long polls = ((Number) terminalB.script("return window.sanke.polls")).longValue();
        terminalB.await("two more polls", GUARD,
                p -> ((Number) p.script("return window.sanke.polls")).longValue() >= polls + 2);
        assertThat(terminalB.script("return window.sanke.lessonId")).isNull();

        // The attendance report lists both rooms with their join and leave times.
        String attendance = get("/api/lessons/" + lessonId + "/attendance");
        assertThat(attendance).contains("\"name\":\"Point A\"", "\"name\":\"Point B\"", "\"name\":\"Wang\"",
                "\"joinedAt\":\"", "\"leftAt\":\"").doesNotContain("Point C");
        BrowserPage report = teacher;
        teacher.go(server.baseUrl() + "/report.html?lang=en&lesson=" + lessonId);
        report.await("both rooms in the report", GUARD, p -> {
            String rows = String.valueOf(p.text("#rows"));
            return rows.contains("Point A") && rows.contains("Point B");
        });
    }
}
