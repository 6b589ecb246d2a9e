package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.signaling.WsClient;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * The first live lesson, end to end: the server in this JVM, four headless Chromium browsers with fake cameras
 * (one teacher, three classrooms), media only on 127.0.0.1. Asserts on what WebRTC itself reports.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LiveLessonBrowserTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final int CLASSROOMS = 3;

    private SankeServer server;
    private final List<BrowserPage> pages = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        for (BrowserPage page : pages) {
            page.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void teacherReachesThreeClassroomsAndBackThroughHostileInput() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(options(2));
        String lessonId = createLesson("Chinese, grade 3");

        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lessonId + "&name=Ms%20Wang");
        teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();
        List<BrowserPage> classrooms = new ArrayList<>();
        for (int i = 1; i <= CLASSROOMS; i++) {
            classrooms.add(open("classroom " + i, "/classroom.html?lesson=" + lessonId + "&name=Village%20" + i));
        }
        try {
            // Every classroom decodes the teacher's video and receives her audio.
            for (BrowserPage classroom : classrooms) {
                classroom.await("the teacher's video and audio", GUARD,
                        p -> p.framesDecodedFrom(teacherId) > 0 && p.audioPacketsFrom(teacherId) > 0);
            }
            assertThat(classrooms.get(0).text("#lesson-info")).as("the room sees which lesson and who teaches it")
                    .contains("Chinese, grade 3", "Ms Wang");
            // The teacher decodes each classroom's video.
            List<String> classroomIds = classrooms.stream().map(BrowserPage::participantId).toList();
            teacher.await("video from every classroom", GUARD,
                    p -> classroomIds.stream().allMatch(id -> p.framesDecodedFrom(id) > 0));
            // Each room's tile says in a word how well it comes through; the numbers are behind "Details".
            teacher.await("a quality word on every room's tile", GUARD, p -> ((Number) p.script(
                    "return [...document.querySelectorAll('.tile .badge')].filter(b => ['良好', '一般', '较差']"
                            + ".includes(b.textContent)).length")).intValue() >= classroomIds.size());
            assertThat((Boolean) teacher.script("return getComputedStyle(document.querySelector('.numbers'))"
                    + ".display === 'none'")).as("no numbers unless asked").isTrue();
            teacher.click("#details");
            teacher.await("the numbers on asking", GUARD, p -> String.valueOf(p.text(".numbers")).contains("fps"));

            Map<BrowserPage, Long> before = frameCounts(teacher, teacherId, classrooms, classroomIds);
            double dropsBefore = droppedPackets();

            // Hostile input at the media port and at the WebSocket, in the middle of the lesson.
            HostileClient.garbageDatagrams(server.mediaPort(), 20261124L);
            String serverUfrag = iceUfrag((String) teacher.script("return window.sanke.publishRemoteSdp()"));
            assertThat(HostileClient.stunWithWrongPassword(server.mediaPort(), serverUfrag))
                    .as("a Binding request with a wrong password is answered 401 Unauthorized")
                    .isEqualTo(401);
            malformedWebSocketMessages();
            assertThat(droppedPackets()).as("the garbage was counted as dropped").isGreaterThan(dropsBefore);

            // The lesson goes on: every page's frame counter keeps growing.
            Thread.sleep(3000);
            Map<BrowserPage, Long> after = frameCounts(teacher, teacherId, classrooms, classroomIds);
            for (Map.Entry<BrowserPage, Long> entry : before.entrySet()) {
                assertThat(after.get(entry.getKey())).as(entry.getKey().label + " frames keep growing")
                        .isGreaterThan(entry.getValue());
            }

            // Village 1's assistant teacher raises a hand; the teacher brings the room on stage for everyone.
            BrowserPage village1 = classrooms.get(0);
            String village1Id = classroomIds.get(0);
            village1.script("window.sanke.raiseHand()");
            teacher.await("village 1's hand in the queue", GUARD, p -> p.events().stream().anyMatch(e ->
                    "handQueue".equals(e.get("type"))));
            teacher.script("window.sanke.stage('" + village1Id + "', true)");
            for (BrowserPage other : classrooms.subList(1, CLASSROOMS)) {
                other.await("village 1's video, on stage", GUARD, p -> p.framesDecodedFrom(village1Id) > 0);
            }

            // The teacher asks Village 1 to mute: its page turns its microphone off.
            teacher.script("window.sanke.requestMute('" + village1Id + "')");
            village1.await("its microphone off", GUARD, p -> Boolean.FALSE.equals(p.script(
                    "return window.sanke.microphoneOn()")));

            // The teacher leaves: the classrooms are told, and her tracks end.
            teacher.script("window.sanke.leave()");
            for (BrowserPage classroom : classrooms) {
                classroom.await("the teacher's departure", GUARD, p -> p.events().stream().anyMatch(e ->
                        "participantLeft".equals(e.get("type")) && teacherId.equals(e.get("participantId"))));
                classroom.await("the teacher's tracks to end", GUARD, p -> {
                    List<Map<String, Object>> tracks = p.remoteTracks().stream()
                            .filter(t -> teacherId.equals(t.get("participantId"))).toList();
                    return tracks.size() == 2 && tracks.stream().allMatch(t -> "ended".equals(t.get("readyState")));
                });
            }
        } catch (AssertionError | RuntimeException failure) {
            for (BrowserPage page : pages) {
                System.err.println("---- " + page.label + " console:\n" + page.consoleLog());
            }
            throw failure;
        }
    }

    @Test
    void h264FromTheTeacherIsForwardedAndDecoded() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(options(1));
        String lessonId = createLesson("H.264 lesson");
        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lessonId + "&videoCodec=H264");
        teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
        assertThat((String) teacher.script("return window.sanke.publishRemoteSdp()"))
                .as("the server accepted H.264").contains("H264/90000").doesNotContain("VP8/90000");
        String teacherId = teacher.participantId();
        BrowserPage classroom = open("classroom", "/classroom.html?lesson=" + lessonId + "&name=Village");
        classroom.await("H.264 frames from the teacher", GUARD, p -> p.framesDecodedFrom(teacherId) > 0);
        assertThat(classroom.inbound()).anyMatch(s -> "video/H264".equals(s.get("codec")));
        long frames = classroom.framesDecodedFrom(teacherId);
        classroom.await("more H.264 frames", GUARD, p -> p.framesDecodedFrom(teacherId) > frames);
    }

    /** Loopback only, any free ports, lessons in an in-memory H2. */
    private static SankeOptions options(int mediaLoops) {
        return new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), mediaLoops, false,
                "jdbc:h2:mem:e2e" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    private Map<BrowserPage, Long> frameCounts(BrowserPage teacher, String teacherId, List<BrowserPage> classrooms,
                                               List<String> classroomIds) {
        Map<BrowserPage, Long> counts = new HashMap<>();
        counts.put(teacher, classroomIds.stream().mapToLong(teacher::framesDecodedFrom).min().orElse(0));
        for (BrowserPage classroom : classrooms) {
            counts.put(classroom, classroom.framesDecodedFrom(teacherId));
        }
        return counts;
    }

    private void malformedWebSocketMessages() throws Exception {
        String wsUrl = server.baseUrl().replace("http://", "ws://") + "/ws";
        WsClient socket = WsClient.open(wsUrl);
        socket.send("this is not json");
        assertThat(socket.next()).contains("\"code\":\"bad_json\"");
        socket.send("{\"type\":\"nope\",\"requestId\":5}");
        assertThat(socket.next()).contains("\"code\":\"unknown_type\"").contains("\"requestId\":5");
        socket.send("{\"type\":\"join\"}");
        assertThat(socket.next()).contains("\"code\":\"missing_field\"");
        socket.send("{\"type\":\"publish\",\"sdp\":\"v=0\"}");
        assertThat(socket.next()).contains("\"code\":\"not_joined\"");
        String otherLesson = createLesson("Somewhere else");
        socket.send("{\"type\":\"join\",\"lessonId\":\"" + otherLesson + "\",\"role\":\"teacher\",\"name\":\"X\"}");
        assertThat(socket.next()).as("no grant, no lesson").contains("\"code\":\"grant_required\"");
        socket.send("{\"type\":\"join\",\"lessonId\":\"" + otherLesson + "\",\"role\":\"teacher\",\"name\":\"X\","
                + "\"grant\":\"" + TestLessons.grant(server, otherLesson, "teacher") + "\"}");
        assertThat(socket.next()).contains("\"type\":\"joined\"");
        socket.send("{\"type\":\"publish\",\"requestId\":6,\"sdp\":\"garbage\"}");
        assertThat(socket.next()).contains("\"code\":\"sdp_invalid\"");
        socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(socket.next()).contains("\"code\":\"message_too_large\"");
        assertThat(socket.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    private BrowserPage open(String label, String path) throws Exception {
        BrowserPage page = BrowserPage.open(label, server.baseUrl() + TestLessons.withGrant(server, path));
        pages.add(page);
        return page;
    }

    private String createLesson(String title) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/lessons"))
                .header("Cookie", TestLessons.adminCookie(server)).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"maxClassrooms\":3}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private double droppedPackets() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("sanke_media_packets_dropped_total{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static String iceUfrag(String sdp) {
        Matcher m = Pattern.compile("a=ice-ufrag:(\\S+)").matcher(sdp);
        assertThat(m.find()).as("the publish answer has an ICE ufrag").isTrue();
        return m.group(1);
    }
}
