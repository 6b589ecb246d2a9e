package org.sanke.signaling;

import org.sanke.signaling.testing.NoBlockingOnEventLoops;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.MemoryAttendanceStore;
import org.sanke.classroom.SettableClock;
import org.sanke.classroom.store.Database;

/** A lesson ends for everyone: when its teacher ends it, or when a timetabled lesson runs past its overrun. */
@NoBlockingOnEventLoops
class LessonEndTest {
    private final SettableClock clock = new SettableClock(Domain.DEFAULT_ZONE);
    private final HttpClient http = HttpClient.newHttpClient();
    private SignalingServer server;

    @BeforeEach
    void start() throws Exception {
        Database database = Database.open("jdbc:h2:mem:lesson-end-" + System.nanoTime(), "sa", "");
        Domain domain = Domain.of(database, new LessonDirectory(), new MemoryAttendanceStore(), clock);
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), () -> {
            throw new IllegalStateException("no media in this test");
        }, domain, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String lastBody;
    private String adminCookie;

    private String admin() {
        if (adminCookie == null) {
            adminCookie = TestAccess.adminCookie(server.domain());
        }
        return adminCookie;
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + path)).header("Cookie", admin()).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        lastBody = response.body();
        return response.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
    }

    /** A room, its token, a teacher and a lesson starting in 5 minutes (joinable now); returns {lesson, room, token}. */
    private String[] scheduleLesson(String subject) throws Exception {
        String school = post("/api/schools", "{\"name\":\"School " + subject + "\"}");
        String studio = post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Studio\"}");
        String room = post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Point A\"}");
        String token = lastBody.replaceAll(".*\"deviceToken\":\"([^\"]+)\".*", "$1");
        String teacher = post("/api/people", "{\"schoolId\":\"" + school + "\",\"name\":\"Wang\","
                + "\"role\":\"lead_teacher\"}");
        LocalDateTime start = LocalDateTime.now(clock).plusMinutes(5).withSecond(0).withNano(0);
        post("/api/timetable", "{\"subject\":\"" + subject + "\",\"teacherId\":\"" + teacher
                + "\",\"sendingClassroomId\":\"" + studio + "\",\"receivingClassroomIds\":[\"" + room + "\"],"
                + "\"start\":\"" + start + "\",\"durationMinutes\":40}");
        // The lesson's id: the timetable entry's, and the day (docs/api.md).
        String lesson = lastBody.replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1") + "-"
                + start.toLocalDate().toString().replace("-", "");
        return new String[] {lesson, room, token};
    }

    private WsClient joinAsClassroom(String[] lesson) throws Exception {
        WsClient ws = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        ws.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson[0] + "\",\"role\":\"classroom\","
                + "\"name\":\"Point A\",\"classroomId\":\"" + lesson[1] + "\",\"deviceToken\":\"" + lesson[2] + "\"}");
        return ws;
    }

    private WsClient joinAsTeacher(String[] lesson) throws Exception {
        WsClient ws = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        ws.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson[0] + "\",\"role\":\"teacher\","
                + "\"name\":\"Wang\"" + TestAccess.grantField(server.domain(), lesson[0], "teacher") + "}");
        assertThat(ws.next()).contains("\"type\":\"joined\"");
        return ws;
    }

    @Test
    void theTeacherEndsTheLessonForEveryoneAndItTakesNoMoreJoins() throws Exception {
        String[] lesson = scheduleLesson("Chinese");
        WsClient teacher = joinAsTeacher(lesson);
        WsClient room = joinAsClassroom(lesson);
        assertThat(room.next()).contains("\"type\":\"joined\"");
        room.send("{\"type\":\"endLesson\",\"requestId\":2}");
        assertThat(room.nextContaining("\"requestId\":2")).contains("\"code\":\"not_allowed\"",
                "only the teacher or safety staff end the lesson");

        teacher.send("{\"type\":\"endLesson\",\"requestId\":3}");
        assertThat(teacher.nextContaining("\"requestId\":3")).contains("\"type\":\"ok\"");
        assertThat(room.nextContaining("lessonEnded")).contains("\"reason\":\"ended_by_teacher\"");
        WsClient again = joinAsClassroom(lesson);
        assertThat(again.next()).contains("\"code\":\"lesson_not_open\"", "the teacher has ended the lesson");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/classrooms/" + lesson[1] + "/upcoming?token=" + lesson[2])).build(),
                HttpResponse.BodyHandlers.ofString()).body()).as("its terminal sees it ended")
                .contains("\"lessonId\":\"" + lesson[0] + "\"", "\"state\":\"ended\"");
    }

    @Test
    void aTimetabledLessonEndsWhenItsOverrunIsOver() throws Exception {
        String[] lesson = scheduleLesson("Maths");
        WsClient teacher = joinAsTeacher(lesson);
        WsClient room = joinAsClassroom(lesson);
        assertThat(room.next()).contains("\"type\":\"joined\"");
        // 5 minutes to the start, 40 of lesson, 15 of overrun: one minute more and it is over.
        clock.advance(Duration.ofMinutes(5 + 40 + 15 + 1));
        assertThat(room.nextContaining("lessonEnded")).contains("\"reason\":\"time_over\"");
        assertThat(teacher.nextContaining("lessonEnded")).contains("\"reason\":\"time_over\"");
        WsClient again = joinAsClassroom(lesson);
        assertThat(again.next()).contains("\"code\":\"lesson_not_open\"", "the lesson has ended");
    }

}
