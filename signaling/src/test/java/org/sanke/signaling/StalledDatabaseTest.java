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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.AttendanceRecord;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.ModePolicies;
import org.sanke.classroom.QueuedAttendanceWriter;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcAttendanceStore;
import org.sanke.classroom.store.JdbcLessonStore;
import org.sanke.classroom.store.TestPostgres;

/**
 * A database that stops answering (its PostgreSQL frozen with SIGSTOP for five seconds) stalls only the requests
 * that need it: lessons already running keep talking, known lessons keep taking joins, the server keeps answering
 * its health check, and what was said meanwhile is written once the database is back.
 */
@NoBlockingOnEventLoops
class StalledDatabaseTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestPostgres postgres;
    private Database database;
    private QueuedAttendanceWriter attendance;
    private SignalingServer server;
    private LessonDirectory lessons;

    @BeforeEach
    void start() throws Exception {
        postgres = TestPostgres.start();
        database = postgres.newDatabase(Database.Settings.defaults());
        lessons = new LessonDirectory(new JdbcLessonStore(database), ModePolicies.defaults());
        attendance = new QueuedAttendanceWriter(new JdbcAttendanceStore(database));
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), () -> {
            throw new IllegalStateException("no media in this test");
        }, Domain.of(database, lessons, attendance, java.time.Clock.system(Domain.DEFAULT_ZONE)),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void stop() throws Exception {
        postgres.resume();
        server.close();
        attendance.close();
        database.close();
        postgres.close();
    }

    private WsClient joined(String lesson, String role, String name) throws Exception {
        WsClient socket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        socket.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"" + role
                + "\",\"name\":\"" + name + "\"" + TestAccess.grantField(server.domain(), lesson, role) + "}");
        assertThat(socket.nextContaining("\"requestId\":1")).contains("\"type\":\"joined\"");
        return socket;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    void lessonsKeepGoingWhileTheDatabaseIsFrozenAndWhatTheySaidIsWrittenAfter() throws Exception {
        String running = lessons.create("Running", LessonMode.DEDICATED, 6).id();
        String joining = lessons.create("Joining", LessonMode.DEDICATED, 6).id();
        WsClient teacher = joined(running, "teacher", "Ms Wang");
        WsClient classroom = joined(running, "classroom", "Village");
        WsClient otherTeacher = joined(joining, "teacher", "Mr Li");

        String admin = TestAccess.adminCookie(server.domain());
        postgres.pause();
        long frozen = System.nanoTime();
        CompletableFuture<HttpResponse<String>> storeRead = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/schools")).header("Cookie", admin).build(),
                HttpResponse.BodyHandlers.ofString());

        long asked = System.nanoTime();
        teacher.send("{\"type\":\"chat\",\"text\":\"still here\"}");
        assertThat(classroom.nextContaining("still here")).contains("Ms Wang");
        assertThat(millisSince(asked)).as("chat in a running lesson").isLessThan(500);

        asked = System.nanoTime();
        classroom.send("{\"type\":\"quality\",\"requestId\":2,\"lossPercent\":1.5,\"freezeMs\":0,\"kbps\":900}");
        assertThat(classroom.nextContaining("\"requestId\":2")).contains("\"type\":\"ok\"");
        assertThat(millisSince(asked)).as("a quality report is queued, not waited for").isLessThan(500);

        asked = System.nanoTime();
        WsClient late = joined(joining, "classroom", "Late village");
        assertThat(millisSince(asked)).as("joining a known lesson needs no database").isLessThan(1_000);
        assertThat(otherTeacher.nextContaining("participantJoined")).contains("Late village");

        asked = System.nanoTime();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/health")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(millisSince(asked)).as("health while the store read waits").isLessThan(500);
        assertThat(storeRead).as("the store read waits for the database").isNotDone();

        Thread.sleep(Math.max(0, 5_000 - millisSince(frozen)));
        assertThat(attendance.pending()).as("written later").isGreaterThan(0);
        postgres.resume();

        assertThat(storeRead.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(attendance.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(attendance.lesson(joining)).extracting(AttendanceRecord::name)
                .containsExactlyInAnyOrder("Mr Li", "Late village");
        assertThat(attendance.lesson(running)).filteredOn(r -> r.name().equals("Village"))
                .singleElement().satisfies(r -> assertThat(r.samples()).isEqualTo(1));
        late.close();
    }
}
