package org.sanke.signaling;

import org.sanke.signaling.testing.NoBlockingOnEventLoops;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;

/**
 * Connections that stop answering or stop reading: the server pings and closes the silent ones, never holds memory
 * for a client that does not read (chat to it is dropped, past a limit it is closed), and lets a dropped teacher
 * take her seat back from a new connection before the old one is noticed.
 */
@NoBlockingOnEventLoops
class ConnectionLivenessTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LessonDirectory lessons = new LessonDirectory();
    private SignalingServer server;

    private void start(SignalingConfig.Liveness liveness) throws Exception {
        // chat floods make the back-pressure here: the per-person limits (S38) are lifted for them
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web").withLiveness(liveness)
                        .withPersonLimits(new SignalingConfig.PersonLimits(1_000, 1_000, 1_000, 1_000)),
                () -> {
                    throw new IllegalStateException("no media in this test");
                }, lessons, registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WsClient socket() throws Exception {
        return WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
    }

    private String join(String lesson, String role, String name) {
        return "{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"" + role
                + "\",\"name\":\"" + name + "\"" + TestAccess.grantField(server.domain(), lesson, role) + "}";
    }

    private WsClient joined(String lesson, String role, String name) throws Exception {
        WsClient socket = socket();
        socket.send(join(lesson, role, name));
        assertThat(socket.nextContaining("\"requestId\":1")).contains("\"type\":\"joined\"");
        return socket;
    }

    private double metric(String name, String tagValue) {
        var search = registry.find(name);
        if (tagValue != null) {
            search = search.tag("reason", tagValue);
        }
        var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aConnectionThatAnswersNoPingIsClosedAndOneThatAnswersStays() throws Exception {
        start(new SignalingConfig.Liveness(200, 1_000, 256 * 1024, 4 * 1024 * 1024));
        WsClient answering = socket();
        long started = System.nanoTime();
        try (RawWebSocket silent = new RawWebSocket(server.port())) {
            assertThat(silent.readUntilClosed()).as("closed as idle").isEqualTo(4002);
        }
        assertThat((System.nanoTime() - started) / 1_000_000).as("within the idle timeout and a ping or two")
                .isBetween(900L, 5_000L);
        assertThat(metric("sanke.signaling.connections.closed", "idle")).isEqualTo(1);
        answering.send("{\"type\":\"ping\",\"requestId\":7}");
        assertThat(answering.nextContaining("\"requestId\":7")).contains("pong");
        assertThat(answering.closeCode).isNotDone();
    }

    @Test
    void aClassroomThatStopsReadingMissesChatWhileTheOthersGetItAtOnce() throws Exception {
        start(new SignalingConfig.Liveness(60_000, 120_000, 16 * 1024, Long.MAX_VALUE));
        String lesson = lessons.create("Chatty", LessonMode.DEDICATED, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        try (RawWebSocket slow = new RawWebSocket(server.port())) {
            slow.sendText(join(lesson, "classroom", "Slow"));
            assertThat(slow.nextText()).contains("\"type\":\"joined\"");
            WsClient reader = joined(lesson, "classroom", "Reader");
            WsClient[] senders = {teacher, joined(lesson, "classroom", "A"), joined(lesson, "classroom", "B")};
            String text = "x".repeat(480);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (metric("sanke.signaling.events.dropped", null) < 50 && System.nanoTime() < deadline) {
                for (WsClient sender : senders) {
                    sender.send("{\"type\":\"chat\",\"text\":\"" + text + "\"}");
                }
                Thread.sleep(25); // 40 a second each, under the rate limit
            }
            assertThat(metric("sanke.signaling.events.dropped", null)).as("chat to the slow reader dropped")
                    .isGreaterThanOrEqualTo(50);
            reader.messages.clear();
            long sent = System.nanoTime();
            teacher.send("{\"type\":\"chat\",\"text\":\"marker\"}");
            assertThat(reader.nextContaining("marker")).contains("Ms Wang");
            assertThat((System.nanoTime() - sent) / 1_000_000).as("the reader is not held up").isLessThan(1_000);
            assertThat(metric("sanke.signaling.connections.closed", "slow_reader")).as("only chat was lost")
                    .isZero();
        }
    }

    @Test
    void aClassroomThatNeverReadsIsClosedRatherThanHeldInMemory() throws Exception {
        start(new SignalingConfig.Liveness(60_000, 120_000, Long.MAX_VALUE, 64 * 1024));
        String lesson = lessons.create("Never read", LessonMode.DEDICATED, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        try (RawWebSocket slow = new RawWebSocket(server.port())) {
            slow.sendText(join(lesson, "classroom", "Slow"));
            assertThat(slow.nextText()).contains("\"type\":\"joined\"");
            WsClient other = joined(lesson, "classroom", "Other");
            String text = "x".repeat(480);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (metric("sanke.signaling.connections.closed", "slow_reader") < 1 && System.nanoTime() < deadline) {
                teacher.send("{\"type\":\"chat\",\"text\":\"" + text + "\"}");
                other.send("{\"type\":\"chat\",\"text\":\"" + text + "\"}");
                Thread.sleep(25);
            }
            assertThat(metric("sanke.signaling.connections.closed", "slow_reader")).isEqualTo(1);
            assertThat(teacher.nextContaining("participantLeft")).as("out of the lesson at once")
                    .contains("\"reason\":\"not_reading\"");
            other.messages.clear();
            teacher.send("{\"type\":\"chat\",\"text\":\"after\"}");
            assertThat(other.nextContaining("after")).contains("Ms Wang");
            assertThat(slow.readUntilClosed()).as("told why, after what it had not read").isEqualTo(4003);
        }
    }

    @Test
    void aTeacherWhoseConnectionDroppedTakesHerSeatBackWithHerRejoinToken() throws Exception {
        start(SignalingConfig.Liveness.DEFAULT);
        String lesson = lessons.create("Rejoin", LessonMode.DEDICATED, 6).id();
        WsClient first = socket();
        first.send(join(lesson, "teacher", "Ms Wang"));
        String joined = first.nextContaining("\"type\":\"joined\"");
        String token = joined.replaceAll(".*\"rejoinToken\":\"([0-9a-f]+)\".*", "$1");
        assertThat(token).hasSize(32);
        WsClient classroom = joined(lesson, "classroom", "Village");

        WsClient stranger = socket();
        stranger.send(join(lesson, "teacher", "Someone"));
        assertThat(stranger.next()).contains("\"code\":\"role_taken\"");
        stranger.send("{\"type\":\"join\",\"requestId\":2,\"lessonId\":\"" + lesson
                + "\",\"role\":\"teacher\",\"name\":\"Someone\",\"rejoinToken\":\"" + "0".repeat(32) + "\""
                + TestAccess.grantField(server.domain(), lesson, "teacher") + "}");
        assertThat(stranger.next()).as("a guessed token takes nothing").contains("\"code\":\"role_taken\"");
        stranger.send("{\"type\":\"join\",\"requestId\":3,\"lessonId\":\"" + lesson
                + "\",\"role\":\"classroom\",\"name\":\"Sneaky\",\"rejoinToken\":\"" + token + "\""
                + TestAccess.grantField(server.domain(), lesson, "classroom") + "}");
        assertThat(stranger.next()).as("the token takes only its own role's seat").contains("\"type\":\"joined\"");
        assertThat(first.closeCode).isNotDone();

        WsClient second = socket();
        second.send("{\"type\":\"join\",\"requestId\":4,\"lessonId\":\"" + lesson
                + "\",\"role\":\"teacher\",\"name\":\"Ms Wang\",\"rejoinToken\":\"" + token + "\""
                + TestAccess.grantField(server.domain(), lesson, "teacher") + "}");
        assertThat(second.nextContaining("\"requestId\":4")).contains("\"type\":\"joined\"", "\"role\":\"teacher\"");
        assertThat(first.closeCode.get(10, TimeUnit.SECONDS)).as("the old connection is let go").isEqualTo(4001);
        assertThat(classroom.nextContaining("participantLeft")).contains("\"reason\":\"replaced\"");
        assertThat(classroom.nextContaining("participantJoined")).contains("Ms Wang");
    }
}
