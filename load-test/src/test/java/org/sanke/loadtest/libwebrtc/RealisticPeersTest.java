package org.sanke.loadtest.libwebrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sanke.loadtest.InProcessSanke;
import org.sanke.loadtest.ServerHttp;
import picocli.CommandLine;

/**
 * Realistic peers, Google's libwebrtc each in its own JVM, against a real server (signaling and media) in this
 * JVM. If libwebrtc cannot load on this machine the peers say so in their error lines, and the assertions below
 * fail with that message.
 */
class RealisticPeersTest {
    @RegisterExtension
    static final InProcessSanke.PerClass SANKE = new InProcessSanke.PerClass();
    private static final Duration JOIN = Duration.ofSeconds(60);
    private static URI server;
    private static ServerHttp api;

    @BeforeAll
    static void logIn() {
        server = SANKE.uri();
        api = new ServerHttp(HttpClient.newHttpClient(), server, InProcessSanke.credentials());
    }

    @Test
    void classroomsDecodeTheTeachersCameraWithTheirOwnLibwebrtc() throws Exception {
        ServerHttp.Lesson lesson = api.createLesson("libwebrtc peers", "dedicated", 2);
        // Small frames: three libwebrtc peers and the server share two cores here. The teacher's grant is her own,
        // fetched for this join; the classrooms join with the invitation of the lesson's link.
        PeerOptions teacher = PeerOptions.of(server, lesson.id(), "teacher", "Teacher").withVideo("VP8", 320, 180, 15)
                .withGrant(api.teacherGrant(lesson.id()));
        PeerOptions first = PeerOptions.of(server, lesson.id(), "classroom", "Classroom 1").receivingOnly()
                .withGrant(lesson.classroomInvitation());
        PeerOptions second = PeerOptions.of(server, lesson.id(), "classroom", "Classroom 2").receivingOnly()
                .withGrant(lesson.classroomInvitation());
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
    void aPeerThatCannotReachTheServerOrIsRefusedExitsWithAClearMessage() throws Exception {
        ServerHttp.Lesson lesson = api.createLesson("refusals", "dedicated", 1);
        PeerOptions wrongPort = PeerOptions.of(URI.create("http://127.0.0.1:1"), "any", "classroom", "Lost")
                .receivingOnly().withGrant(lesson.classroomInvitation());
        PeerOptions otherLesson = PeerOptions.of(server, "no-such-lesson", "classroom", "Late").receivingOnly()
                .withGrant(lesson.classroomInvitation());
        PeerOptions noGrant = PeerOptions.of(server, lesson.id(), "classroom", "Uninvited").receivingOnly();
        try (RealisticPeers peers = RealisticPeers.start(List.of(wrongPort, otherLesson, noGrant))) {
            assertThat(peers.awaitJoined(JOIN)).isFalse();
            PeerProcess unreachable = peers.peers().get(0);
            assertThat(unreachable.awaitExit(Duration.ofSeconds(30))).as(unreachable.error()).isEqualTo(2);
            assertThat(unreachable.error())
                    .isEqualTo("cannot reach the server at http://127.0.0.1:1 (connection refused: is it running?)");
            assertThat(unreachable.errorCode()).isEqualTo("unreachable");
            assertThat(unreachable.stderrTail()).containsExactly(
                    "realistic-peer Lost: cannot reach the server at http://127.0.0.1:1 (connection refused: is it"
                            + " running?)");

            // The invitation of one lesson opens no other.
            PeerProcess refused = peers.peers().get(1);
            assertThat(refused.awaitExit(Duration.ofSeconds(30))).as(refused.error()).isEqualTo(2);
            assertThat(refused.errorCode()).isEqualTo("grant_not_for_this");
            assertThat(refused.error()).startsWith("the server refused to join lesson 'no-such-lesson' as classroom:"
                    + " grant_not_for_this");
            assertThat(refused.stderrTail()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat"));
            assertThat(refused.result().state()).isEqualTo("failed");

            PeerProcess uninvited = peers.peers().get(2);
            assertThat(uninvited.awaitExit(Duration.ofSeconds(30))).as(uninvited.error()).isEqualTo(2);
            assertThat(uninvited.errorCode()).isEqualTo("grant_required");
            assertThat(uninvited.error()).startsWith("the server refused to join lesson '" + lesson.id()
                    + "' as classroom: grant_required");
        }
    }

    @Test
    void theGrantReachesThePeersJvmOnItsCommandLine() {
        PeerOptions peer = PeerOptions.of(server, "L1", "observer", "Observer").withGrant("token-1").receivingOnly()
                .withVideo("H264", 320, 180, 15).withAudio(false);
        assertThat(peer.grant()).isEqualTo("token-1");
        assertThat(peer.arguments()).containsSubsequence("--grant", "token-1");
        RealisticPeerMain child = new RealisticPeerMain();
        new CommandLine(child).parseArgs(peer.arguments().toArray(String[]::new));
        assertThat(child.grant).isEqualTo("token-1");
        assertThat(child.role).isEqualTo("observer");
        assertThat(PeerOptions.of(server, "L1", "classroom", "Terminal").arguments()).doesNotContain("--grant");
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
}
