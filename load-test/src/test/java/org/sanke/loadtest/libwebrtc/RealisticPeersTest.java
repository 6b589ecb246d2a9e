package org.sanke.loadtest.libwebrtc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.loadtest.InProcessSanke;

/**
 * Realistic peers, Google's libwebrtc each in its own JVM, against a real server (signaling and media) in this
 * JVM. If libwebrtc cannot load on this machine the peers say so in their error lines, and the assertions below
 * fail with that message.
 */
class RealisticPeersTest {
    private static final Duration JOIN = Duration.ofSeconds(60);
    private static InProcessSanke sanke;
    private static URI server;

    @BeforeAll
    static void start() throws Exception {
        sanke = InProcessSanke.start();
        server = sanke.uri();
    }

    @AfterAll
    static void stop() {
        sanke.close();
    }

    @Test
    void classroomsDecodeTheTeachersCameraWithTheirOwnLibwebrtc() throws Exception {
        String lesson = createDedicatedLesson();
        // Small frames: three libwebrtc peers and the server share two cores here.
        PeerOptions teacher = PeerOptions.of(server, lesson, "teacher", "Teacher").withVideo("VP8", 320, 180, 15);
        PeerOptions first = PeerOptions.of(server, lesson, "classroom", "Classroom 1").receivingOnly();
        PeerOptions second = PeerOptions.of(server, lesson, "classroom", "Classroom 2").receivingOnly();
        try (RealisticPeers peers = RealisticPeers.start(List.of(teacher, first, second))) {
            for (PeerProcess peer : peers.peers()) {
                assertThat(peer.awaitJoined(JOIN)).as("%s joins; its error: %s; stderr: %s", peer.name(),
                        peer.error(), peer.stderrTail()).isTrue();
            }
            List<PeerProcess> classrooms = peers.peers().subList(1, 3);
            for (PeerProcess classroom : classrooms) {
                long decoded = awaitFramesDecoded(classroom, n -> n > 0, Duration.ofSeconds(30));
                assertThat(decoded).as("%s's libwebrtc decodes the teacher's video; its error: %s",
                        classroom.name(), classroom.error()).isPositive();
                // Still decoding a moment later: at 15 fps two seconds bring some 30 more frames.
                assertThat(awaitFramesDecoded(classroom, n -> n >= decoded + 10, Duration.ofSeconds(10)))
                        .as("%s keeps decoding", classroom.name()).isGreaterThanOrEqualTo(decoded + 10);
            }

            List<PeerResult> results = peers.stop(Duration.ofSeconds(20));
            PeerResult sent = results.getFirst();
            assertThat(sent.state()).as("teacher: %s", sent.error()).isEqualTo("stopped");
            assertThat(sent.framesEncoded()).isPositive();
            assertThat(sent.packetsSent()).isPositive();
            assertThat(sent.availableOutgoingBitrate()).as("libwebrtc's bandwidth estimate").isPositive();
            for (PeerResult received : results.subList(1, 3)) {
                assertThat(received.state()).as("%s: %s", received.name(), received.error()).isEqualTo("stopped");
                assertThat(received.framesDecoded()).isPositive();
                assertThat(received.firstFrameMillis()).isPositive();
                assertThat(received.videoJitterBufferDelayMs()).isPositive();
                assertThat(received.audioJitterBufferDelayMs()).as("received audio is played out").isPositive();
                assertThat(received.lossPercent()).isLessThan(5);
            }
            assertThat(peers.aggregate().failed()).isZero();
            assertThat(peers.aggregate().framesDecoded())
                    .isEqualTo(results.get(1).framesDecoded() + results.get(2).framesDecoded());
        }
    }

    @Test
    void aPeerThatCannotReachTheServerOrFindTheLessonExitsWithAClearMessage() throws Exception {
        PeerOptions wrongPort = PeerOptions.of(URI.create("http://127.0.0.1:1"), "any", "classroom", "Lost")
                .receivingOnly();
        PeerOptions unknownLesson = PeerOptions.of(server, "no-such-lesson", "classroom", "Late").receivingOnly();
        try (RealisticPeers peers = RealisticPeers.start(List.of(wrongPort, unknownLesson))) {
            assertThat(peers.awaitJoined(JOIN)).isFalse();
            PeerProcess unreachable = peers.peers().get(0);
            assertThat(unreachable.awaitExit(Duration.ofSeconds(30))).as(unreachable.error()).isEqualTo(2);
            assertThat(unreachable.error())
                    .isEqualTo("cannot reach the server at http://127.0.0.1:1 (connection refused: is it running?)");
            assertThat(unreachable.errorCode()).isEqualTo("unreachable");
            assertThat(unreachable.stderrTail()).containsExactly(
                    "realistic-peer Lost: cannot reach the server at http://127.0.0.1:1 (connection refused: is it"
                            + " running?)");

            PeerProcess refused = peers.peers().get(1);
            assertThat(refused.awaitExit(Duration.ofSeconds(30))).as(refused.error()).isEqualTo(2);
            assertThat(refused.errorCode()).isEqualTo("lesson_not_found");
            assertThat(refused.error()).startsWith("the server refused to join lesson 'no-such-lesson' as classroom:"
                    + " lesson_not_found");
            assertThat(refused.stderrTail()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat"));
            assertThat(refused.result().state()).isEqualTo("failed");
        }
    }

    /** Polls the peer's stats lines until {@code condition} holds or time runs out; returns the last count. */
    private static long awaitFramesDecoded(PeerProcess peer, LongPredicate condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(peer.framesDecoded()) && System.nanoTime() < deadline && peer.running()) {
            Thread.sleep(200);
        }
        return peer.framesDecoded();
    }

    private static String createDedicatedLesson() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.resolve("/api/lessons"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"libwebrtc peers\",\"mode\":\"dedicated\",\"maxClassrooms\":2}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new ObjectMapper().readTree(response.body()).path("id").asText();
    }
}
