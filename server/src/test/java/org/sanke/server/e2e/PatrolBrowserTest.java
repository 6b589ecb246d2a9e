package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.classroom.PersonRole;
import org.sanke.loadtest.RequiredTool;
import org.sanke.recording.ffmpeg.Ffmpeg;
import org.sanke.server.ReferencePictureChecker;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;
import org.sanke.signaling.SignalingConfig;

/**
 * Patrol and the moderation hook (S12, S15) with Chromium: an inspector logs in to the patrol wall, sees the live
 * lesson as a small picture that renews, opens it and watches the teacher unseen (never listed, never heard). The
 * server pictures every live video stream and sends each picture to the reference checker: the teacher's passes; a
 * classroom whose camera films a red screen is cut off at once (the teacher stops receiving its frames, the room is
 * told why) and staff find the report with the picture.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PatrolBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();
    private ReferencePictureChecker checker;

    @TempDir
    Path files;

    @Override
    protected void afterServer() {
        if (checker != null) {
            checker.close();
        }
    }

    @Test
    void anInspectorPatrolsUnseenAndTheCheckerCutsOffARedCamera() throws Exception {
        RequiredTool.requireChromium();
        RequiredTool.require(java.nio.file.Path.of("/usr/bin/ffmpeg"), "ffmpeg");
        Path red = files.resolve("red.y4m");
        Ffmpeg.Run made = Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-f", "lavfi",
                "-i", "color=c=red:s=320x180:r=15", "-t", "2", "-pix_fmt", "yuv420p", "-y", red.toString()),
                Duration.ofMinutes(1));
        assertThat(made.ok()).as(made.stderr()).isTrue();
        checker = new ReferencePictureChecker("127.0.0.1", 0,
                List.of(ReferencePictureChecker.Rule.parse("cut_off", "ff0000:0.6")), 60);
        SankeOptions loopback = TestLessons.onLoopback("patrol");
        server = SankeServer.start(new SankeOptions(loopback.bindAddress(), 0, 0, List.of("127.0.0.1"), 1, false,
                loopback.databaseUrl(), "sa", "").withPictures(new SignalingConfig.PictureSettings(
                Duration.ofSeconds(2), URI.create("http://127.0.0.1:" + checker.port() + "/check"),
                Duration.ofSeconds(5))));
        String lesson = TestLessons.create(server, "{\"title\":\"Patrolled\",\"mode\":\"dedicated\","
                + "\"maxClassrooms\":2}");
        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lesson + "&lang=en");
        teacher.await("the teacher live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();

        // The inspector's patrol wall: the lesson as a picture, the teacher named, renewed.
        BrowserLogin.person(server, "inspector1", null, PersonRole.INSPECTOR, "inspector1");
        BrowserPage inspector = keep(BrowserPage.open("inspector", server.baseUrl() + "/patrol.html?lang=en"));
        inspector.await("the login page", GUARD, p -> p.location().contains("/login.html"));
        BrowserLogin.logIn(inspector, "inspector1");
        inspector.await("the patrol wall", GUARD, p -> p.location().contains("/patrol.html"));
        String picture = ".patrol-tile[data-lesson-id='" + lesson + "'] img.patrol-picture";
        inspector.await("the lesson's picture", GUARD, p -> Boolean.TRUE.equals(p.script(
                "const img = document.querySelector(\"" + picture + "\");"
                        + " return img !== null && !img.hidden && img.complete && img.naturalWidth === 320")));
        String firstSource = (String) inspector.script("return document.querySelector(\"" + picture + "\").src");
        inspector.await("a newer picture", GUARD, p -> !firstSource.equals(p.script(
                "return document.querySelector(\"" + picture + "\").src")));
        assertThat(inspector.text(".patrol-tile[data-lesson-id='" + lesson + "'] .patrol-caption"))
                .contains("1 in the lesson");

        // A classroom whose camera films a red screen: the checker's rule cuts it off.
        BrowserPage redRoom = keep(BrowserPage.openWithCamera("red room", server.baseUrl() + TestLessons.withGrant(
                server, "/classroom.html?lesson=" + lesson + "&name=Red%20Room&lang=en"), red));
        redRoom.await("the teacher's picture", GUARD, p -> p.framesDecodedFrom(teacherId) > 10);
        String redId = redRoom.participantId();
        redRoom.await("told it is cut off", GUARD, p -> String.valueOf(p.text("#notice")).contains("of the picture"
                + " is colour #ff0000") || String.valueOf(p.text("#status")).contains("#ff0000"));
        long received = teacher.framesDecodedFrom(redId);
        Thread.sleep(2000);
        assertThat(teacher.framesDecodedFrom(redId)).as("the red room's frames at the teacher stopped")
                .isEqualTo(received);
        String admin = TestLessons.adminCookie(server);
        String reports = get("/api/reports", admin);
        assertThat(reports).contains("\"reporterName\":\"picture checker\"", "\"targetName\":\"Red Room\"",
                "cut_off: ", "\"hasFrame\":true");
        String checks = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + checker.port()
                + "/checks")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(checks).contains("\"id\":\"" + lesson + "\"", "\"participantId\":\"" + teacherId + "\"",
                "\"role\":\"teacher\"", "\"source\":\"camera\"", "\"verdict\":\"pass\"", "\"width\":320");

        // Watching the lesson in full from the wall: the teacher's picture, while the lesson never lists the
        // inspector and the inspector sends nothing.
        inspector.click(".patrol-tile[data-lesson-id='" + lesson + "'] a.button");
        inspector.await("the lesson open", GUARD, p -> p.location().contains("/classroom.html")
                && p.framesDecodedFrom(teacherId) > 10);
        assertThat(inspector.outboundAudioPackets()).as("an inspector sends no sound").isZero();
        Thread.sleep(1000);
        assertThat(teacher.text("body")).doesNotContain("inspector");
        assertThat(get("/api/lessons/" + lesson, admin)).doesNotContain("inspector");
        assertThat(Files.exists(red)).isTrue();
    }

    private String get(String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
