package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.loadtest.client.FakeNetwork;
import org.sanke.loadtest.client.SimulatedClassroom;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * Safety controls as Chromium sees them (S8, S11): a locked classroom microphone is not heard by the teacher even
 * while the room's page turns its microphone back on and keeps sending; safety staff's cut-off of the teacher stops
 * the frames at every receiving classroom, its time from command to last forwarded packet measured, the teacher told
 * why; lifting it brings the picture back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SafetyControlsBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(45);

    @Test
    void aLockedMicrophoneIsNotHeardAndACutOffStopsEveryClassroomsPicture() throws Exception {
        RequiredTool.requireChromium();
        SankeOptions loopback = TestLessons.onLoopback("safety");
        server = SankeServer.start(new SankeOptions(loopback.bindAddress(), 0, 0, List.of("127.0.0.1"), 1, false,
                loopback.databaseUrl(), "sa", ""));
        String lesson = TestLessons.create(server, "{\"title\":\"Safety\",\"mode\":\"dedicated\",\"maxClassrooms\":2}");
        BrowserPage teacher = keep(BrowserPage.open("teacher", server.baseUrl()
                + TestLessons.withGrant(server, "/teacher.html?lesson=" + lesson + "&lang=en")));
        teacher.await("the teacher live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();
        List<BrowserPage> rooms = List.of(
                keep(BrowserPage.open("room A", server.baseUrl() + TestLessons.withGrant(server,
                        "/classroom.html?lesson=" + lesson + "&name=Room%20A&lang=en"))),
                keep(BrowserPage.open("room B", server.baseUrl() + TestLessons.withGrant(server,
                        "/classroom.html?lesson=" + lesson + "&name=Room%20B&lang=en"))));
        for (BrowserPage room : rooms) {
            room.await("the teacher's picture", GUARD, p -> p.framesDecodedFrom(teacherId) > 10);
        }
        BrowserPage roomA = rooms.get(0);
        String roomAId = roomA.participantId();
        teacher.await("room A heard", GUARD, p -> p.audioPacketsFrom(roomAId) > 50);

        // S8: voice locked. Room A's page turns its microphone on again and keeps sending; the teacher hears nothing.
        teacher.hook("lock('voice', true)");
        roomA.hook("setMicrophone(true)");
        Thread.sleep(500);
        long sentBefore = roomA.outboundAudioPackets();
        assertStill("room A's audio at the teacher", teacher, p -> p.audioPacketsFrom(roomAId));
        assertThat(roomA.outboundAudioPackets()).as("room A's page still sends").isGreaterThan(sentBefore + 20);
        assertThat(roomA.text("#notice")).isEqualTo("The teacher turned this room's microphone off: nobody hears"
                + " this room");
        teacher.hook("lock('voice', false)");
        long unlocked = teacher.audioPacketsFrom(roomAId);
        teacher.await("room A heard again", GUARD, p -> p.audioPacketsFrom(roomAId) > unlocked + 20);

        // S14: room B reports the teacher's picture; the report reaches the staff's queue with the still frame.
        BrowserPage roomB = rooms.get(1);
        roomB.script("window.prompt = () => 'unsuitable picture';");
        roomB.click("#report-stream");
        roomB.await("the report confirmed", GUARD, p -> String.valueOf(p.text("#status")).startsWith("Reported"));
        String admin = TestLessons.adminCookie(server);
        java.net.http.HttpClient http = HttpClient.newHttpClient();
        String queue = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/reports"))
                .header("Cookie", admin).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(queue).contains("unsuitable picture", "\"reporterName\":\"Room B\"", "\"hasFrame\":true");
        String reportId = queue.replaceAll("(?s).*\"id\":\"(r[0-9a-f]+)\".*", "$1");
        byte[] still = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/reports/"
                + reportId + "/frame")).header("Cookie", admin).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        java.awt.image.BufferedImage frame = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(still));
        assertThat(frame).as("a JPEG the staff can look at").isNotNull();
        assertThat(frame.getWidth()).isEqualTo(320);

        // S14: a message and a person reported from the pages: room B reports a message in its chat panel, the
        // teacher reports room A from its tile's menu.
        roomA.hook("chat('a rude message')");
        roomB.await("room A's message", GUARD, p -> String.valueOf(p.text("#chat")).contains("a rude message"));
        roomB.script("window.prompt = () => 'rude words';");
        roomB.click("#chat li:last-child .report-message");
        roomB.await("the message reported", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.querySelector('#chat li:last-child .report-message').disabled")));
        teacher.script("window.prompt = () => 'keeps shouting';"
                + " const menu = document.querySelector('.tile[data-participant=\"" + roomAId + "\"] .moderate');"
                + " menu.value = 'report'; menu.dispatchEvent(new Event('change'));");
        teacher.await("the person reported", GUARD, p -> String.valueOf(p.text("#status")).startsWith("Reported"));
        String both = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/reports"))
                .header("Cookie", admin).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(both).contains("\"kind\":\"message\"", "\"message\":\"a rude message\"", "rude words",
                "\"kind\":\"person\"", "keeps shouting", "\"targetName\":\"Room A\"");

        // S11: safety staff (an inspector, here a protocol client) cut the teacher off.
        String staffGrant = TestLessons.grant(server, lesson, "inspector");
        try (SimulatedClassroom staff = new SimulatedClassroom("Staff", "inspector", false, new RunStats(),
                FakeNetwork.PERFECT, DtlsCertificate.generate(), false)) {
            staff.join(HttpClient.newHttpClient(), URI.create(server.baseUrl()), lesson, staffGrant, 40, 300);
            JsonNode applied = staff.request("cutOff", Map.of("participantId", teacherId, "on", true,
                    "reason", "content under review")).get(10, TimeUnit.SECONDS);
            double lastPacketMs = applied.path("lastPacketAfterMs").asDouble();
            System.out.printf("cut-off: %d streams held, last packet forwarded %.1f ms after the command%n",
                    applied.path("streams").asInt(), lastPacketMs);
            assertThat(lastPacketMs).as("command to last forwarded packet, ms").isLessThanOrEqualTo(200);
            Thread.sleep(500); // frames already in a jitter buffer may still be decoded
            for (BrowserPage room : rooms) {
                assertStill(room.label + "'s frames of the teacher", room, p -> p.framesDecodedFrom(teacherId));
            }
            teacher.await("the teacher told why", GUARD, p -> String.valueOf(p.text("#status"))
                    .contains("content under review"));
            staff.request("cutOff", Map.of("participantId", teacherId, "on", false)).get(10, TimeUnit.SECONDS);
            for (BrowserPage room : rooms) {
                long held = room.framesDecodedFrom(teacherId);
                room.await("the teacher's picture back", GUARD, p -> p.framesDecodedFrom(teacherId) > held + 10);
            }
        }
        // The staff's page shows the report with its picture.
        roomB.go(server.baseUrl() + "/health");
        roomB.useCookie(admin);
        roomB.go(server.baseUrl() + "/safety.html?lang=en");
        roomB.await("the report on the safety page, with its picture", GUARD, p -> Boolean.TRUE.equals(p.script(
                "const img = document.querySelector('.report img.still');"
                        + " return img !== null && img.complete && img.naturalWidth === 320")));
        assertThat(roomB.text("#reports")).contains("unsuitable picture", "Room B");
    }

    /** The count does not move over two seconds. */
    private static void assertStill(String what, BrowserPage page, ToLongFunction<BrowserPage> count)
            throws InterruptedException {
        long before = count.applyAsLong(page);
        Thread.sleep(2000);
        assertThat(count.applyAsLong(page)).as(what + " stopped").isEqualTo(before);
    }
}
