package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.slf4j.LoggerFactory;

/**
 * S36: what the server logs and exports names people by opaque id and role only. A school, a teacher with an
 * e-mail as her login, a pupil and a village classroom go through a day's steps (logins right and wrong, a lesson,
 * a join, chat, a logout); no log line at DEBUG and no metric holds a name, a login, a password or a grant.
 */
class LogsNameNobodyTest {
    private static final String TEACHER = "王小红";
    private static final String LOGIN = "xiaohong@school.example";
    private static final String PUPIL = "李明明";
    private static final String ROOM = "青山村小学";
    private static final String PASSWORD = "Spring-Rain-2026";

    @Test
    void aDayOfAccessAndALessonLeaveNoNameInTheLogsOrMetrics() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Logger sanke = (Logger) LoggerFactory.getLogger("org.sanke");
        Level before = root.getLevel();
        Level sankeBefore = sanke.getLevel();
        root.setLevel(Level.DEBUG);
        sanke.setLevel(Level.DEBUG);
        root.addAppender(captured);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MediaServer media = MediaServer.start(new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 1,
                Duration.ofSeconds(30)), registry);
             SignalingServer server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"),
                     media::createRouter, new LessonDirectory(), registry)) {
            String admin = TestAccess.adminCookie(server.domain());
            String school = field(created(server, "/api/schools", "{\"name\":\"青山中学\"}", admin), "id");
            String teacher = field(created(server, "/api/people", "{\"schoolId\":\"" + school + "\",\"name\":\""
                    + TEACHER + "\",\"role\":\"lead_teacher\"}", admin), "id");
            created(server, "/api/people", "{\"schoolId\":\"" + school + "\",\"name\":\"" + PUPIL
                    + "\",\"role\":\"learner\"}", admin);
            created(server, "/api/people/" + teacher + "/account", "{\"login\":\"" + LOGIN + "\",\"password\":\""
                    + PASSWORD + "\"}", admin);
            TestAccess.call(server, "POST", "/api/session", "{\"login\":\"" + LOGIN + "\",\"password\":\"wrong\"}",
                    null);
            HttpResponse<String> in = TestAccess.call(server, "POST", "/api/session", "{\"login\":\"" + LOGIN
                    + "\",\"password\":\"" + PASSWORD + "\"}", null);
            String cookie = AccessApiTest.cookieOf(in);
            TestAccess.call(server, "POST", "/api/session/password", "{\"current\":\"" + PASSWORD
                    + "\",\"next\":\"Autumn-Wind-2027\"}", cookie);
            String lesson = field(created(server, "/api/lessons", "{\"title\":\"语文\"}", cookie), "id");
            String grant = field(created(server, "/api/lessons/" + lesson + "/grants", "{\"role\":\"teacher\"}",
                    cookie), "grant");
            WsClient ws = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
            ws.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"teacher\","
                    + "\"name\":\"x\",\"grant\":\"" + grant + "\"}");
            assertThat(ws.next()).contains("\"type\":\"joined\"");
            WsClient room = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
            room.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"classroom\","
                    + "\"name\":\"" + ROOM + "\"" + TestAccess.grantField(server.domain(), lesson, "classroom") + "}");
            assertThat(room.next()).contains("\"type\":\"joined\"");
            ws.send("{\"type\":\"chat\",\"text\":\"" + PUPIL + " 请回答\"}");
            assertThat(room.nextContaining("chat")).contains(PUPIL);
            TestAccess.call(server, "DELETE", "/api/session", null, cookie);
            assertThat(ws.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4005);
            room.close();
            String metrics = registry.scrape();
            for (String secret : List.of(TEACHER, LOGIN, PUPIL, ROOM, PASSWORD, "Autumn-Wind-2027", grant)) {
                assertThat(metrics).as("metrics").doesNotContain(secret);
            }
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
            sanke.setLevel(sankeBefore);
        }
        assertThat(captured.list).as("the day's steps were logged").anyMatch(e -> e.getFormattedMessage()
                .contains("login_failed by u"));
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : " " + event.getThrowableProxy().getMessage());
            for (String secret : List.of(TEACHER, LOGIN, PUPIL, ROOM, PASSWORD, "Autumn-Wind-2027")) {
                assertThat(line).as("a log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    private static String created(SignalingServer server, String path, String body, String cookie)
            throws Exception {
        HttpResponse<String> response = TestAccess.call(server, "POST", path, body, cookie);
        assertThat(response.statusCode()).as(path + " " + response.body()).isIn(200, 201);
        return response.body();
    }

    private static String field(String json, String name) {
        return AccessApiTest.field(json, name);
    }
}
