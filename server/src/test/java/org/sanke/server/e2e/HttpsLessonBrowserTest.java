package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;
import org.sanke.server.TransportOptions;
import org.sanke.signaling.TrustingClient;

/**
 * A lesson over HTTPS, as a school runs one: the server serves pages, API and signaling with the certificate it
 * made, headless Chromium browsers trust exactly that certificate (as classroom machines that installed it), and a
 * teacher and a classroom see and hear each other under the server's Content-Security-Policy.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HttpsLessonBrowserTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @TempDir
    Path data;
    private SankeServer server;
    private final List<BrowserPage> pages = new ArrayList<>();

    @AfterEach
    void closeBrowsersThenServer() {
        pages.forEach(BrowserPage::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void teacherAndClassroomDecodeEachOtherOverHttps() throws Exception {
        RequiredTool.requireChromium();
        // Media stays on 127.0.0.1; --tls=on gives the loopback server the certificate a school's server makes.
        server = SankeServer.start(new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, false,
                "jdbc:h2:mem:https-e2e" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")
                .withTransport(new TransportOptions(TransportOptions.Tls.ON, null, null, data.resolve("tls"),
                        List.of())));
        assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
        X509Certificate certificate = server.certificate().orElseThrow();
        String lessonId = createLesson(TrustingClient.trusting(certificate));

        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lessonId + "&name=Ms%20Wang", certificate);
        try {
            teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
            assertThat(teacher.script("return window.isSecureContext")).isEqualTo(true);
            String teacherId = teacher.participantId();
            BrowserPage classroom = open("classroom", "/classroom.html?lesson=" + lessonId + "&name=Village",
                    certificate);
            classroom.await("the teacher's video and audio", GUARD,
                    p -> p.framesDecodedFrom(teacherId) > 0 && p.audioPacketsFrom(teacherId) > 0);
            String classroomId = classroom.participantId();
            teacher.await("the classroom's video", GUARD, p -> p.framesDecodedFrom(classroomId) > 0);
            long frames = classroom.framesDecodedFrom(teacherId);
            classroom.await("more frames from the teacher", GUARD, p -> p.framesDecodedFrom(teacherId) > frames);

            for (BrowserPage page : pages) {
                assertThat(page.consoleLog()).as(page.label + " console").doesNotContain("Content Security Policy");
            }
        } catch (AssertionError | RuntimeException failure) {
            for (BrowserPage page : pages) {
                System.err.println("---- " + page.label + " console:\n" + page.consoleLog());
            }
            throw failure;
        }
    }

    private BrowserPage open(String label, String path, X509Certificate certificate) throws Exception {
        BrowserPage page = BrowserPage.openTrusting(label, server.baseUrl() + TestLessons.withGrant(server, path),
                certificate);
        pages.add(page);
        return page;
    }

    private String createLesson(HttpClient http) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/lessons"))
                .header("Cookie", TestLessons.adminCookie(server))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Over HTTPS\",\"maxClassrooms\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }
}
