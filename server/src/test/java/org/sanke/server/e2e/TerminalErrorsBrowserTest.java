package org.sanke.server.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;

/** A terminal whose link is wrong says what is wrong, in the page's language, instead of "reconnecting" for ever. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TerminalErrorsBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUnknownClassroomAndAStaleDeviceTokenAreNamed() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(TestLessons.onLoopback("terminal-errors"));
        String school = idOf(post("/api/schools", "{\"name\":\"Village school\"}"));
        String room = idOf(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Point A\"}"));

        BrowserPage unknown = open("/terminal.html?classroom=nosuchroom&token=x&lang=en");
        unknown.await("the unknown classroom to be named", GUARD,
                p -> String.valueOf(p.text("#next")).contains("no such classroom"));
        BrowserPage stale = open("/terminal.html?classroom=" + room + "&token=stale&lang=zh");
        stale.await("the stale token to be named, in Chinese", GUARD,
                p -> String.valueOf(p.text("#next")).contains("设备凭证已失效"));
    }

    @Test
    void aSendingRoomsTerminalShowsTheLessonItTeaches() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(TestLessons.onLoopback("terminal-sending"));
        String school = idOf(post("/api/schools", "{\"name\":\"City school\"}"));
        String created = post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Studio\"}");
        String studio = idOf(created);
        String token = created.replaceAll(".*\"deviceToken\":\"([^\"]+)\".*", "$1");
        String room = idOf(post("/api/classrooms", "{\"schoolId\":\"" + school + "\",\"name\":\"Point A\"}"));
        String teacher = idOf(post("/api/people", "{\"schoolId\":\"" + school + "\",\"name\":\"Wang\","
                + "\"role\":\"lead_teacher\"}"));
        java.time.LocalDateTime start = java.time.LocalDateTime.now(org.sanke.signaling.Domain.DEFAULT_ZONE)
                .plusMinutes(2).withSecond(0).withNano(0);
        post("/api/timetable", "{\"subject\":\"Chinese\",\"teacherId\":\"" + teacher + "\",\"sendingClassroomId\":\""
                + studio + "\",\"receivingClassroomIds\":[\"" + room + "\"],\"start\":\"" + start
                + "\",\"durationMinutes\":40}");
        BrowserPage terminal = open("/terminal.html?classroom=" + studio + "&token=" + token + "&lang=en");
        terminal.await("the lesson taught from this room, two minutes before it starts", GUARD,
                p -> String.valueOf(p.text("#next")).contains("Chinese")
                        && String.valueOf(p.text("#next")).contains("taught from this room"));
        org.assertj.core.api.Assertions.assertThat(terminal.script("return window.sanke.lessonId"))
                .as("the sending room's terminal does not join as a receiving classroom").isNull();
    }

    private BrowserPage open(String path) throws Exception {
        return keep(BrowserPage.openTerminal(path, server.baseUrl() + path));
    }

    private String post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Cookie", TestLessons.adminCookie(server)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String idOf(String created) {
        return created.replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
    }
}
