package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.TestPostgres;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * The lesson goes on while the database stalls: with PostgreSQL frozen (SIGSTOP) for eight seconds, the teacher and
 * a classroom in Chromium keep decoding each other, another classroom joins and is seen, chat answers; the
 * attendance of that join is in the report once the database is back.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StalledDatabaseBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final long FROZEN_MS = 8_000;

    private TestPostgres postgres;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected void beforeServerCloses() throws Exception {
        if (postgres != null) {
            postgres.resume();
        }
    }

    @Override
    protected void afterServer() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theLessonGoesOnWhileThePostgresServerIsFrozen() throws Exception {
        RequiredTool.requireChromium();
        postgres = TestPostgres.start();
        String url;
        try (Database database = postgres.newDatabase(Database.Settings.defaults())) {
            url = database.url();
        }
        server = SankeServer.start(new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, false, url,
                "postgres", ""));
        String lessonId = TestLessons.create(server, "{\"title\":\"Maths, grade 4\",\"maxClassrooms\":3}");
        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lessonId + "&name=Ms%20Wang");
        teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();
        BrowserPage first = open("classroom 1", "/classroom.html?lesson=" + lessonId + "&name=Village%201");
        first.await("the teacher's video", GUARD, p -> p.framesDecodedFrom(teacherId) > 0);
        String firstId = first.participantId();
        teacher.await("the classroom's video", GUARD, p -> p.framesDecodedFrom(firstId) > 0);

        // The second classroom's browser is started before the freeze (starting Chromium is not the server's time);
        // it opens the lesson while the database is frozen.
        BrowserPage second = open("classroom 2", "/login.html");
        postgres.pause();
        long frozen = System.nanoTime();
        long teacherFrames = teacher.framesDecodedFrom(firstId);
        long classroomFrames = first.framesDecodedFrom(teacherId);

        long asked = System.nanoTime();
        teacher.script("return window.sanke.chat('still teaching')");
        assertThat(millisSince(asked)).as("chat answers while the database is frozen").isLessThan(1_000);

        second.go(server.baseUrl() + TestLessons.withGrant(server, "/classroom.html?lesson=" + lessonId
                + "&name=Village%202"));
        second.await("the second classroom to join and decode the teacher", Duration.ofMillis(FROZEN_MS),
                p -> p.framesDecodedFrom(teacherId) > 0);
        String secondId = second.participantId();
        teacher.await("the teacher to decode the second classroom", Duration.ofMillis(FROZEN_MS),
                p -> p.framesDecodedFrom(secondId) > 0);
        assertThat(millisSince(frozen)).as("all of that while the database was still frozen").isLessThan(FROZEN_MS);
        Thread.sleep(Math.max(0, FROZEN_MS - millisSince(frozen)));
        assertThat(teacher.framesDecodedFrom(firstId) - teacherFrames).as("frames from classroom 1 while frozen")
                .isGreaterThan(30);
        assertThat(first.framesDecodedFrom(teacherId) - classroomFrames).as("frames from the teacher while frozen")
                .isGreaterThan(30);
        postgres.resume();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String admin = TestLessons.adminCookie(server);
        String report = "";
        while (!report.contains("Village 2") && System.nanoTime() < deadline) {
            report = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/lessons/" + lessonId
                    + "/attendance")).header("Cookie", admin).build(), HttpResponse.BodyHandlers.ofString()).body();
            Thread.sleep(200);
        }
        assertThat(report).as("the join made while frozen is written afterwards").contains("Village 2");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

}
