package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;
import org.sanke.classroom.School;
import org.sanke.loadtest.RequiredTool;
import org.sanke.recording.ffmpeg.Ffprobe;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * From a live lesson to a reviewed replay (issue 15, S19) with Chromium: an open lesson of a school's teacher is
 * recorded, composed when it ends and waits for review; its learner cannot play it while it is pending; a reviewer
 * approves it; the learner's Chromium plays it (time advancing, the whole lesson in it) under a watermark of her name.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ReplayBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void aRecordedLessonIsPlayedByItsLearnerOnlyOnceAReviewerApprovedIt() throws Exception {
        RequiredTool.requireChromium();
        RequiredTool.require(Path.of("/usr/bin/ffmpeg"), "ffmpeg");
        SankeOptions loopback = TestLessons.onLoopback("replay");
        server = SankeServer.start(new SankeOptions(loopback.bindAddress(), 0, 0, List.of("127.0.0.1"), 1, false,
                loopback.databaseUrl(), "sa", "").withRecordings(data.resolve("recordings")));
        var domain = server.domain();
        domain.schools().add(new School("s-replay", "Famous School"));
        Person teacher = new Person("u-replay-teacher", "s-replay", "Master Chen", PersonRole.LEAD_TEACHER);
        Person learner = new Person("u-replay-learner", "s-replay", "Xiao Lan", PersonRole.LEARNER);
        Person reviewer = new Person("u-replay-reviewer", null, "Reviewer Wu", PersonRole.REVIEWER);
        for (Person p : List.of(teacher, learner, reviewer)) {
            domain.schools().add(p);
        }
        domain.access().records().declareRealName(teacher.id());
        String learnerCookie = "sanke_session=" + domain.access().sessions().open(learner, Set.of());
        String reviewerCookie = "sanke_session=" + domain.access().sessions().open(reviewer, Set.of());
        String lesson = TestLessons.create(server, "{\"title\":\"Open lesson\",\"mode\":\"famous_school\","
                + "\"maxClassrooms\":2}");

        BrowserPage teacherPage = keep(BrowserPage.open("teacher", server.baseUrl() + "/teacher.html?lesson="
                + lesson + "&lang=en&grant=" + token(domain.access().grants().forPerson(teacher, lesson,
                Role.TEACHER).token())));
        teacherPage.await("the teacher live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacherPage.participantId();
        long began = System.nanoTime();
        BrowserPage learnerPage = keep(BrowserPage.open("learner", server.baseUrl() + "/observer.html?lesson="
                + lesson + "&role=learner&lang=en&grant=" + token(domain.access().grants().forPerson(learner,
                lesson, Role.LEARNER).token())));
        learnerPage.await("the teacher's picture", GUARD, p -> p.framesDecodedFrom(teacherId) > 10);
        Thread.sleep(8_000);
        teacherPage.hook("endLesson()");
        double lessonSeconds = (System.nanoTime() - began) / 1e9;

        // Composed, and waiting for review.
        String pending = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            pending = get("/api/replays/pending", reviewerCookie).body();
            if (pending.contains("\"lessonId\":\"" + lesson + "\"")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(pending).contains("\"lessonId\":\"" + lesson + "\"", "\"state\":\"pending\"",
                "\"teacherName\":\"Master Chen\"");
        String replay = pending.replaceAll("(?s)^.*?\"id\":\"([^\"]+)\".*$", "$1");
        assertThat(get("/api/replays/pending", learnerCookie).statusCode()).as("a learner reviews nothing")
                .isEqualTo(403);
        assertThat(get("/api/replays/" + replay + "/video", learnerCookie).statusCode())
                .as("pending: not for the learner").isEqualTo(404);
        assertThat(get("/api/replays/" + replay + "/video", reviewerCookie).statusCode()).isEqualTo(200);
        try (Stream<Path> files = Files.walk(data.resolve("replays"))) {
            Path mp4 = files.filter(f -> f.getFileName().toString().equals("replay.mp4")).findFirst().orElseThrow();
            Ffprobe.Probe probe = Ffprobe.probe(mp4, false);
            assertThat(probe.first("video").orElseThrow().codecName()).isEqualTo("h264");
            assertThat(probe.first("audio").orElseThrow().codecName()).isEqualTo("aac");
        }

        // A reviewer approves it on her page.
        BrowserPage reviewerPage = keep(BrowserPage.open("reviewer", server.baseUrl() + "/health"));
        reviewerPage.useCookie(reviewerCookie);
        reviewerPage.go(server.baseUrl() + "/replays.html?lang=en");
        reviewerPage.await("the replay in the queue", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.querySelector('#pending li[data-replay=\"" + replay + "\"] .approve') !== null")));
        reviewerPage.click("#pending li[data-replay=\"" + replay + "\"] .approve");
        reviewerPage.await("approved", GUARD, p -> String.valueOf(p.text("#message")).equals("Saved"));
        assertThat(get("/api/replays", learnerCookie).body()).contains("\"state\":\"approved\"");

        // The learner plays it.
        learnerPage.go(server.baseUrl() + "/health");
        learnerPage.useCookie(learnerCookie);
        learnerPage.go(server.baseUrl() + "/replays.html?lang=en");
        learnerPage.await("the replay in her library", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.querySelector('#library li[data-replay=\"" + replay + "\"] .watch') !== null")));
        learnerPage.click("#library li[data-replay=\"" + replay + "\"] .watch");
        learnerPage.await("playing", GUARD, p -> ((Number) p.script(
                "return document.getElementById('player').currentTime")).doubleValue() > 2);
        double duration = ((Number) learnerPage.script("return document.getElementById('player').duration"))
                .doubleValue();
        String tracks;
        try (Stream<Path> lessons = Files.list(data.resolve("recordings").resolve(lesson))) {
            tracks = org.sanke.recording.replay.ReplayComposer.tracks(lessons.findFirst().orElseThrow()).toString();
        }
        double composed = Double.parseDouble(get("/api/replays", learnerCookie).body()
                .replaceAll("(?s)^.*?\"durationSeconds\":([0-9.]+).*$", "$1"));
        assertThat(duration).as("the player has the whole replay").isCloseTo(composed, within(0.5));
        // The whole lesson is in it. (Not yet "as long as the lesson": the teacher's camera file starts a few
        // seconds late when Chromium's video comes late, so the replay runs on past the end; see the issue.)
        assertThat(duration).as("the lesson is in the replay; its tracks: " + tracks)
                .isGreaterThan(lessonSeconds - 2.0);
        assertThat(learnerPage.text("#watermark")).contains("Xiao Lan");
    }

    private static String token(String grant) {
        return URLEncoder.encode(grant, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
