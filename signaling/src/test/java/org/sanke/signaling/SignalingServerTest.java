package org.sanke.signaling;

import org.sanke.signaling.testing.NoBlockingOnEventLoops;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;

/** The HTTP API and the WebSocket protocol against a real server with a real media server behind it. */
@NoBlockingOnEventLoops
class SignalingServerTest {
    private static MediaServer media;
    private static SignalingServer server;
    private static LessonDirectory lessons;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        media = MediaServer.start(new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 1,
                Duration.ofSeconds(30)), registry);
        lessons = new LessonDirectory();
        lessons.createWithId("demo", "Demo lesson", LessonMode.DEDICATED, 6);
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), media::createRouter,
                lessons, registry);
    }

    @AfterAll
    static void stop() {
        server.close();
        media.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Cookie", admin()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Cookie", admin()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String adminCookie;

    private static synchronized String admin() {
        if (adminCookie == null) {
            adminCookie = TestAccess.adminCookie(server.domain());
        }
        return adminCookie;
    }

    private static WsClient socket() throws Exception {
        return WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
    }

    /** A socket that has joined the lesson (its joined reply read). */
    private static WsClient joined(String lesson, String role, String name) throws Exception {
        WsClient socket = socket();
        socket.send(join(lesson, role, name));
        assertThat(socket.next()).contains("\"type\":\"joined\"");
        return socket;
    }

    private static String join(String lesson, String role, String name) {
        return "{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"" + role
                + "\",\"name\":\"" + name + "\"" + TestAccess.grantField(server.domain(), lesson, role, name) + "}";
    }

    @Test
    void healthAndMetrics() throws Exception {
        assertThat(get("/health").body()).isEqualTo("{\"status\":\"UP\"}");
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("sanke_media_transports", "sanke_signaling_sessions",
                "sanke_media_forwarding_delay_seconds", "sanke_media_packets_dropped_total{reason=\"unknown_address\"}",
                "sanke_media_socket_receive_queue_bytes", "sanke_media_socket_drops_total");
    }

    @Test
    void theOpenApiDescriptionIsServed() throws Exception {
        HttpResponse<String> spec = get("/api/openapi.yaml");
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).startsWith("openapi: 3.1.0").contains("/api/timetable:", "/api/lessons/{id}/attendance:",
                "/api/session:", "/api/lessons/{id}/grants:");
    }

    @Test
    void lessonsRestApi() throws Exception {
        HttpResponse<String> created = post("/api/lessons", "{\"title\":\"Maths\",\"maxClassrooms\":4}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"title\":\"Maths\"", "\"maxClassrooms\":4", "/teacher.html?lesson=");
        String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(get("/api/lessons/" + id).statusCode()).isEqualTo(200);
        assertThat(get("/api/lessons").body()).contains(id, "demo");
        assertThat(get("/api/lessons/nope").statusCode()).isEqualTo(404);
        assertThat(get("/api/lessons/nope").body()).contains("\"error\":\"lesson_not_found\"");

        int before = lessons.all().size();
        assertThat(post("/api/lessons", "{\"maxClassrooms\":4}").body())
                .contains("\"error\":\"missing_field\"", "\"field\":\"title\"");
        assertThat(post("/api/lessons", "{\"title\":\"\"}").body()).contains("\"field\":\"title\"");
        assertThat(post("/api/lessons", "{\"title\":\"x\",\"maxClassrooms\":7}").body())
                .contains("\"field\":\"maxClassrooms\"", "a dedicated lesson allows 0 to 6 classrooms");
        assertThat(post("/api/lessons", "{\"title\":\"x\",\"mode\":\"lecture\"}").body())
                .contains("\"field\":\"mode\"");

        assertThat(post("/api/lessons", "{\"title\":\"x\",\"teacher\":\"y\"}").body())
                .contains("\"error\":\"invalid_field\"", "\"field\":\"teacher\"");
        HttpResponse<String> garbage = post("/api/lessons", "[1,2");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("bad_json");
        assertThat(lessons.all()).as("refused requests create nothing").hasSize(before);
        assertThat(post("/api/lessons", "{\"title\":\"Open lesson\",\"mode\":\"famous_school\"}").body())
                .contains("\"mode\":\"famous_school\"", "\"maxClassrooms\":20");
        assertThat(get("/api/unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedMessagesGetPreciseErrors() throws Exception {
        WsClient ws = socket();
        ws.send("{\"type\":\"ping\",\"requestId\":\"a\"}");
        assertThat(ws.next()).isEqualTo("{\"type\":\"pong\",\"requestId\":\"a\"}");
        ws.send("{oops");
        assertThat(ws.next()).contains("\"code\":\"bad_json\"");
        ws.send("[1]");
        assertThat(ws.next()).contains("\"code\":\"bad_json\"");
        ws.sendBinary(new byte[] {1, 2, 3});
        assertThat(ws.next()).contains("\"code\":\"bad_json\"", "binary");
        ws.send("{\"requestId\":3}");
        assertThat(ws.next()).contains("\"code\":\"unknown_type\"", "\"requestId\":3");
        ws.send("{\"type\":\"dance\",\"requestId\":4}");
        assertThat(ws.next()).contains("\"code\":\"unknown_type\"", "dance");
        ws.send("{\"type\":\"join\",\"requestId\":5,\"lessonId\":\"demo\",\"role\":\"teacher\"}");
        assertThat(ws.next()).contains("\"code\":\"missing_field\"", "'name'", "\"requestId\":5");
        ws.send("{\"type\":\"join\",\"lessonId\":\"demo\",\"role\":\"janitor\",\"name\":\"x\"}");
        assertThat(ws.next()).contains("\"code\":\"invalid_field\"", "'role'");
        ws.send("{\"type\":\"join\",\"lessonId\":7,\"role\":\"teacher\",\"name\":\"x\"}");
        assertThat(ws.next()).contains("\"code\":\"invalid_field\"", "'lessonId'");
        ws.send("{\"type\":\"ping\",\"requestId\":{\"a\":1}}");
        assertThat(ws.next()).contains("\"code\":\"invalid_field\"", "requestId");
        ws.send("{\"type\":\"publish\",\"sdp\":\"v=0\"}");
        assertThat(ws.next()).contains("\"code\":\"not_joined\"");
        ws.send(join("missing", "teacher", "x"));
        assertThat(ws.next()).contains("\"code\":\"lesson_not_found\"");
        ws.send("{\"type\":\"ping\",\"requestId\":9}");
        assertThat(ws.next()).as("still serving after all that").contains("pong");
        ws.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(ws.next()).contains("\"code\":\"message_too_large\"");
        assertThat(ws.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @Test
    void joinsLeavesAndPolicyRefusals() throws Exception {
        String lesson = lessons.create("Policy", LessonMode.DEDICATED, 1).id();
        WsClient teacher = socket();
        teacher.send(join(lesson, "teacher", "Ms Wang"));
        String joined = teacher.next();
        assertThat(joined).contains("\"type\":\"joined\"", "\"role\":\"teacher\"", "\"participants\":[]");
        teacher.send(join(lesson, "teacher", "again"));
        assertThat(teacher.next()).contains("\"code\":\"already_joined\"");

        WsClient second = socket();
        second.send(join(lesson, "teacher", "Mr Li"));
        assertThat(second.next()).contains("\"code\":\"role_taken\"");
        second.send(join(lesson, "classroom", "Village 1"));
        String classroomJoined = second.next();
        assertThat(classroomJoined).contains("\"type\":\"joined\"", "Ms Wang");
        assertThat(teacher.next()).contains("\"type\":\"participantJoined\"", "Village 1");

        WsClient third = socket();
        third.send(join(lesson, "classroom", "Village 2"));
        assertThat(third.next()).contains("\"code\":\"lesson_full\"");

        second.send("{\"type\":\"subscribeAnswer\",\"requestId\":2,\"version\":99,\"sdp\":\"v=0\"}");
        assertThat(second.next()).contains("\"code\":\"stale_version\"");

        String classroomId = classroomJoined.replaceAll(".*\"participantId\":\"(p[0-9a-f]+)\",\"role\":\"classroom\".*",
                "$1");
        second.close();
        assertThat(teacher.nextContaining("participantLeft")).contains(classroomId, "\"reason\":\"disconnected\"");
        third.send(join(lesson, "classroom", "Village 2"));
        assertThat(third.next()).as("the seat is free again").contains("\"type\":\"joined\"");
        third.send("{\"type\":\"leave\",\"requestId\":8}");
        assertThat(third.next()).contains("\"type\":\"ok\"", "\"requestId\":8");
        assertThat(teacher.nextContaining("participantLeft")).contains("\"reason\":\"left\"");
    }

    @Test
    void modesDecideWhoMayJoinAndWhoMayPublish() throws Exception {
        String dedicated = lessons.create("Dedicated", LessonMode.DEDICATED, 6).id();
        WsClient learner = socket();
        learner.send(join(dedicated, "learner", "Xiao Ming"));
        assertThat(learner.next()).contains("\"code\":\"role_not_allowed\"", "a dedicated lesson has no learners");

        String open = lessons.create("Open lesson", LessonMode.FAMOUS_SCHOOL, 20).id();
        WsClient teacher = joined(open, "teacher", "Ms Wang");
        WsClient inspector = socket();
        inspector.send(join(open, "inspector", "County bureau"));
        assertThat(inspector.next()).contains("\"type\":\"joined\"", "Ms Wang");
        learner.send(join(open, "learner", "Xiao Ming"));
        assertThat(learner.next()).contains("\"type\":\"joined\"").doesNotContain("County bureau");
        assertThat(teacher.next()).as("the inspector is not announced, the learner is")
                .contains("participantJoined", "Xiao Ming");
        learner.send("{\"type\":\"publish\",\"requestId\":5,\"sdp\":\"v=0\"}");
        assertThat(learner.next()).contains("\"code\":\"not_allowed\"",
                "does not publish unless the teacher brings them on stage");
        assertThat(get("/api/lessons/" + open).body()).contains("Xiao Ming").doesNotContain("County bureau");
    }

    @Test
    void publishingChromiumsOfferGetsAnAnswerAndGarbageGetsSdpErrors() throws Exception {
        String offer = publishOffer();
        String lesson = lessons.create("Publishing", LessonMode.DEDICATED, 2).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        teacher.send("{\"type\":\"publish\",\"requestId\":2,\"sdp\":\"v=0\\r\\nm=audio\\r\\n\"}");
        assertThat(teacher.next()).contains("\"code\":\"sdp_invalid\"", "line 2");
        teacher.send("{\"type\":\"publish\",\"requestId\":3,\"sdp\":"
                + quote(offer.replaceAll("a=fingerprint[^\r\n]*\r?\n", "")) + "}");
        assertThat(teacher.next()).contains("\"code\":\"sdp_unsupported\"", "fingerprint");
        teacher.send("{\"type\":\"publish\",\"requestId\":4,\"sdp\":" + quote(offer) + "}");
        String answer = teacher.next();
        assertThat(answer).contains("\"type\":\"publishAnswer\"", "\"requestId\":4", "a=ice-lite", "a=recvonly",
                "a=setup:passive");

        WsClient classroom = joined(lesson, "classroom", "Village");
        String subscribeOffer = classroom.nextContaining("subscribeOffer");
        assertThat(subscribeOffer).contains("\"version\":1", "m=audio 9", "m=video 9", "\"kind\":\"video\"",
                "Ms Wang");
        assertThat(get("/api/lessons/" + lesson).body()).contains("Ms Wang", "Village");
    }

    static String publishOffer() throws Exception {
        try (InputStream in = SignalingServerTest.class.getResourceAsStream("/sdp/chromium-publish-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String idOf(String joinedReply, String role) {
        return joinedReply.replaceAll(".*\"participantId\":\"(p[0-9a-f]+)\",\"role\":\"" + role + "\".*", "$1");
    }

    @Test
    void anObserverTeacherOnStagePublishesForEveryoneAndStopsWhenTakenOff() throws Exception {
        String offer = publishOffer();
        String lesson = lessons.create("Research", LessonMode.MASTER_TEACHER, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Master Zhang");
        WsClient speaker = socket();
        speaker.send(join(lesson, "observer", "Mr Li"));
        String speakerId = idOf(speaker.next(), "observer");
        WsClient listener = joined(lesson, "observer", "Ms Zhao");

        speaker.send("{\"type\":\"publish\",\"requestId\":2,\"sdp\":" + quote(offer) + "}");
        assertThat(speaker.nextContaining("\"requestId\":2")).as("not before the stage")
                .contains("\"code\":\"not_allowed\"", "unless the teacher brings them on stage");
        speaker.send("{\"type\":\"raiseHand\",\"requestId\":3}");
        assertThat(teacher.nextContaining("handQueue")).contains(speakerId);
        teacher.send("{\"type\":\"stage\",\"requestId\":4,\"participantId\":\"" + speakerId + "\",\"on\":true}");
        assertThat(speaker.nextContaining("stageChanged")).contains("\"on\":true");
        speaker.send("{\"type\":\"publish\",\"requestId\":5,\"sdp\":" + quote(offer) + "}");
        assertThat(speaker.nextContaining("\"requestId\":5")).contains("publishAnswer");
        String staged = listener.nextContaining("subscribeOffer");
        assertThat(staged).contains("\"participantId\":\"" + speakerId + "\"", "\"source\":\"camera\"",
                "\"source\":\"microphone\"");
        assertThat(teacher.nextContaining("subscribeOffer")).as("the master teacher sees the speaker too")
                .contains("\"participantId\":\"" + speakerId + "\"");
        listener.send("{\"type\":\"subscribeAnswer\",\"requestId\":6,\"version\":" + versionOf(staged)
                + ",\"sdp\":" + quote(answerFor(sdpOf(staged))) + "}");
        listener.nextContaining("\"requestId\":6");
        teacher.send("{\"type\":\"muteRequest\",\"requestId\":61,\"participantId\":\"" + speakerId + "\"}");
        assertThat(speaker.nextContaining("muteRequested")).as("on stage, the teacher may ask them to mute")
                .contains("Master Zhang");

        teacher.send("{\"type\":\"stage\",\"requestId\":7,\"participantId\":\"" + speakerId + "\",\"on\":false}");
        assertThat(listener.nextContaining("subscribeOffer")).as("the speaker's tracks end")
                .doesNotContain("\"participantId\":\"" + speakerId + "\"").contains("m=video 0", "m=audio 0");
        speaker.send("{\"type\":\"publish\",\"requestId\":8,\"sdp\":" + quote(offer) + "}");
        assertThat(speaker.nextContaining("\"requestId\":8")).as("receive only again")
                .contains("\"code\":\"not_allowed\"");
    }

    @Test
    void theAudienceAsksQuestionsAndTheTeacherMarksThemAnswered() throws Exception {
        String lesson = lessons.create("Open lesson", LessonMode.FAMOUS_SCHOOL, 20).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient learner = joined(lesson, "learner", "Xiao Ming");
        learner.send("{\"type\":\"ask\",\"requestId\":2,\"text\":\"  \"}");
        assertThat(learner.nextContaining("\"requestId\":2")).contains("\"code\":\"invalid_field\"", "'text'");
        learner.send("{\"type\":\"ask\",\"requestId\":3,\"text\":\"Why is the sky blue?\"}");
        assertThat(learner.nextContaining("\"requestId\":3")).contains("\"type\":\"ok\"");
        String question = teacher.nextContaining("\"type\":\"question\"");
        assertThat(question).contains("Why is the sky blue?", "Xiao Ming", "\"answered\":false");
        String questionId = question.replaceAll(".*\"questionId\":\"(q\\d+)\".*", "$1");

        learner.send("{\"type\":\"markAnswered\",\"requestId\":4,\"questionId\":\"" + questionId + "\"}");
        assertThat(learner.nextContaining("\"requestId\":4")).contains("\"code\":\"not_allowed\"",
                "only the teacher marks a question answered");
        teacher.send("{\"type\":\"markAnswered\",\"requestId\":5,\"questionId\":\"q404\"}");
        assertThat(teacher.nextContaining("\"requestId\":5")).contains("no question q404 in this lesson");
        teacher.send("{\"type\":\"markAnswered\",\"requestId\":6,\"questionId\":\"" + questionId + "\"}");
        assertThat(learner.nextContaining("questionAnswered")).contains(questionId);

        WsClient late = socket();
        late.send(join(lesson, "learner", "Xiao Hong"));
        assertThat(late.next()).as("a late joiner sees the questions so far")
                .contains("\"questions\":[", "Why is the sky blue?", "\"answered\":true");
    }

    @Test
    void theTeacherSharesAScreenAndStopsIt() throws Exception {
        String offer = publishOffer();
        String lesson = lessons.create("Screen", LessonMode.DEDICATED, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient village = joined(lesson, "classroom", "Village");
        village.send("{\"type\":\"publish\",\"requestId\":2,\"screenMid\":\"1\",\"sdp\":" + quote(offer) + "}");
        assertThat(village.nextContaining("\"requestId\":2")).contains("\"code\":\"not_allowed\"",
                "only the teacher shares a screen");
        teacher.send("{\"type\":\"publish\",\"requestId\":3,\"screenMid\":\"0\",\"sdp\":" + quote(offer) + "}");
        assertThat(teacher.nextContaining("\"requestId\":3")).contains("\"code\":\"invalid_field\"",
                "'screenMid' 0 is not a video section this offer publishes");
        teacher.send("{\"type\":\"publish\",\"requestId\":4,\"screenMid\":\"1\",\"sdp\":" + quote(offer) + "}");
        assertThat(teacher.nextContaining("\"requestId\":4")).contains("publishAnswer");
        String shared = village.nextContaining("subscribeOffer");
        assertThat(shared).contains("\"source\":\"screen\"", "\"source\":\"microphone\"");
        village.send("{\"type\":\"subscribeAnswer\",\"requestId\":5,\"version\":" + versionOf(shared)
                + ",\"sdp\":" + quote(answerFor(sdpOf(shared))) + "}");
        village.nextContaining("\"requestId\":5");

        // The teacher stops sharing: the renegotiated offer rejects the screen's section.
        String stopped = offer.replace("m=video 9 ", "m=video 0 ");
        teacher.send("{\"type\":\"publish\",\"requestId\":6,\"sdp\":" + quote(stopped) + "}");
        assertThat(teacher.nextContaining("\"requestId\":6")).contains("publishAnswer");
        String after = village.nextContaining("subscribeOffer");
        assertThat(after).contains("m=video 0", "\"source\":\"microphone\"").doesNotContain("\"source\":\"screen\"");
    }

    /** A subscriber's answer as a browser would give it: every offered section echoed, recvonly, DTLS client. */
    static String answerFor(String offer) {
        StringBuilder answer = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=ice-ufrag:test\r\na=ice-pwd:testtesttesttesttesttest\r\n"
                + "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\na=setup:active\r\n");
        for (String line : offer.split("\r\n")) {
            if (line.startsWith("m=")) {
                answer.append(line).append("\r\n");
            } else if (line.startsWith("a=mid:")) {
                answer.append(line).append("\r\na=recvonly\r\n");
            }
        }
        return answer.toString();
    }

    static String sdpOf(String message) {
        return message.replaceAll(".*\"sdp\":\"(.*?)\",\"tracks\".*", "$1").replace("\\r\\n", "\r\n");
    }

    static int versionOf(String message) {
        return Integer.parseInt(message.replaceAll(".*\"version\":(\\d+).*", "$1"));
    }

    @Test
    void anOpenLessonsLearnersHearOfTheTeacherButNotOfEachOther() throws Exception {
        String open = lessons.create("Open", LessonMode.FAMOUS_SCHOOL, 20).id();
        WsClient teacher = joined(open, "teacher", "Ms Wang");
        WsClient first = socket();
        first.send(join(open, "learner", "Xiao Ming"));
        assertThat(first.next()).contains("\"type\":\"joined\"", "Ms Wang");
        WsClient second = socket();
        second.send(join(open, "learner", "Xiao Hong"));
        assertThat(second.next()).as("the joined reply lists the teacher, not the other learner")
                .contains("Ms Wang").doesNotContain("Xiao Ming");
        assertThat(teacher.nextContaining("Xiao Hong")).contains("participantJoined");
        first.send("{\"type\":\"ping\",\"requestId\":\"p\"}");
        assertThat(first.nextContaining("\"requestId\":\"p\"")).contains("pong");
        assertThat(first.messages).as("no word of the other learner").noneMatch(m -> m.contains("Xiao Hong"));
        second.close();
        assertThat(teacher.nextContaining("participantLeft")).contains("disconnected");
        first.send("{\"type\":\"ping\",\"requestId\":\"q\"}");
        assertThat(first.nextContaining("\"requestId\":\"q\"")).contains("pong");
        assertThat(first.messages).noneMatch(m -> m.contains("participantLeft"));
    }

    @Test
    void theTeacherBringsAClassroomOnStageForEveryoneAndTakesItOff() throws Exception {
        String offer = publishOffer();
        String lesson = lessons.create("Stage", LessonMode.DEDICATED, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        teacher.send("{\"type\":\"publish\",\"requestId\":2,\"sdp\":" + quote(offer) + "}");
        teacher.nextContaining("publishAnswer");
        WsClient village1 = socket();
        village1.send(join(lesson, "classroom", "Village 1"));
        String joined1 = village1.next();
        String village1Id = joined1.replaceAll(".*\"participantId\":\"(p[0-9a-f]+)\",\"role\":\"classroom\".*", "$1");
        village1.send("{\"type\":\"publish\",\"requestId\":2,\"sdp\":" + quote(offer) + "}");
        village1.nextContaining("publishAnswer");
        WsClient village2 = joined(lesson, "classroom", "Village 2");
        String first = village2.nextContaining("subscribeOffer");
        assertThat(first).as("the teacher only, at first").doesNotContain(village1Id);
        village2.send("{\"type\":\"subscribeAnswer\",\"requestId\":3,\"version\":" + versionOf(first)
                + ",\"sdp\":" + quote(answerFor(sdpOf(first))) + "}");
        village2.nextContaining("\"type\":\"ok\"");

        village1.send("{\"type\":\"raiseHand\",\"requestId\":4}");
        assertThat(teacher.nextContaining("handQueue")).contains(village1Id);
        teacher.send("{\"type\":\"stage\",\"requestId\":5,\"participantId\":\"" + village1Id + "\",\"on\":true}");
        assertThat(teacher.nextContaining("\"requestId\":5")).contains("\"type\":\"ok\"");
        assertThat(village2.nextContaining("stageChanged")).contains(village1Id, "\"on\":true", "Village 1");
        String staged = village2.nextContaining("subscribeOffer");
        assertThat(staged).contains("\"participantId\":\"" + village1Id + "\"", "\"kind\":\"video\"");
        village2.send("{\"type\":\"subscribeAnswer\",\"requestId\":6,\"version\":" + versionOf(staged)
                + ",\"sdp\":" + quote(answerFor(sdpOf(staged))) + "}");

        teacher.send("{\"type\":\"stage\",\"requestId\":7,\"participantId\":\"" + village1Id + "\",\"on\":false}");
        String unstaged = village2.nextContaining("subscribeOffer");
        assertThat(unstaged).as("its sections end").doesNotContain("\"participantId\":\"" + village1Id + "\"")
                .contains("m=video 0");

        village2.send("{\"type\":\"stage\",\"requestId\":8,\"participantId\":\"" + village1Id + "\",\"on\":true}");
        assertThat(village2.nextContaining("\"requestId\":8")).contains("\"code\":\"not_allowed\"",
                "only the teacher");
    }

    @Test
    void chatReachesEveryoneAndHandsAreForClassrooms() throws Exception {
        String lesson = lessons.create("Chat", LessonMode.FAMOUS_SCHOOL, 20).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient learner = joined(lesson, "learner", "Xiao Ming");
        learner.send("{\"type\":\"chat\",\"requestId\":2,\"text\":\"  老师好！\"}");
        assertThat(teacher.nextContaining("\"type\":\"chat\"")).contains("老师好！", "Xiao Ming", "learner");
        learner.send("{\"type\":\"chat\",\"requestId\":3,\"text\":\"   \"}");
        assertThat(learner.nextContaining("\"requestId\":3")).contains("\"code\":\"invalid_field\"");
        learner.send("{\"type\":\"chat\",\"requestId\":4,\"text\":\"" + "x".repeat(501) + "\"}");
        assertThat(learner.nextContaining("\"requestId\":4")).contains("\"code\":\"invalid_field\"", "500");
        learner.send("{\"type\":\"raiseHand\",\"requestId\":5}");
        assertThat(learner.nextContaining("\"requestId\":5")).contains("\"code\":\"not_allowed\"");
        learner.send("{\"type\":\"stage\",\"requestId\":6,\"participantId\":\"x\",\"on\":\"yes\"}");
        assertThat(learner.nextContaining("\"requestId\":6")).contains("\"code\":\"invalid_field\"", "'on'");

        // A classroom: the teacher asks it to mute; it reports a problem and its reception quality to the teacher.
        WsClient room = socket();
        room.send(join(lesson, "classroom", "Village"));
        String roomId = room.next().replaceAll(".*\"participantId\":\"(p[0-9a-f]+)\",\"role\":\"classroom\".*", "$1");
        teacher.send("{\"type\":\"muteRequest\",\"requestId\":7,\"participantId\":\"" + roomId + "\"}");
        assertThat(room.nextContaining("muteRequested")).contains("Ms Wang");
        room.send("{\"type\":\"problem\",\"requestId\":8,\"text\":\"没有声音\"}");
        assertThat(teacher.nextContaining("problemReported")).contains(roomId, "没有声音", "Village");
        room.send("{\"type\":\"quality\",\"requestId\":9,\"lossPercent\":3,\"freezeMs\":0,\"kbps\":500}");
        assertThat(teacher.nextContaining("qualityReport")).contains(roomId, "\"lossPercent\":3.0");
        learner.send("{\"type\":\"muteRequest\",\"requestId\":10,\"participantId\":\"" + roomId + "\"}");
        assertThat(learner.nextContaining("\"requestId\":10")).contains("\"code\":\"not_allowed\"");
        learner.send("{\"type\":\"problem\",\"requestId\":11,\"text\":\"x\"}");
        assertThat(learner.nextContaining("\"requestId\":11")).contains("\"code\":\"not_allowed\"");
    }

    @Test
    void attendanceAndQualityAreReportedAsJsonAndCsv() throws Exception {
        String lesson = lessons.create("Attendance", LessonMode.DEDICATED, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient village = joined(lesson, "classroom", "=Village, \\\"One\\\"");
        village.send("{\"type\":\"quality\",\"requestId\":2,\"lossPercent\":1.5,\"freezeMs\":300,\"kbps\":750}");
        assertThat(village.nextContaining("\"requestId\":2")).contains("\"type\":\"ok\"");
        village.send("{\"type\":\"quality\",\"requestId\":3,\"lossPercent\":150,\"freezeMs\":0,\"kbps\":1}");
        assertThat(village.nextContaining("\"requestId\":3")).contains("\"code\":\"invalid_field\"", "lossPercent");
        village.send("{\"type\":\"leave\",\"requestId\":4}");
        village.nextContaining("\"requestId\":4");

        String report = get("/api/lessons/" + lesson + "/attendance").body();
        assertThat(report).contains("\"name\":\"Ms Wang\"", "\"leftAt\":null", "\"leaveReason\":\"left\"",
                "\"samples\":1", "\"averageLossPercent\":1.5", "\"totalFreezeMs\":300", "\"averageKbps\":750.0");
        HttpResponse<String> csv = get("/api/lessons/" + lesson + "/attendance?format=csv");
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("participant_id,role,name,joined_at");
        assertThat(rows).hasSize(3);
        assertThat(rows[2]).contains(",classroom,\"'=Village, \"\"One\"\"\",", ",left,", ",1,1.50,300,750");
        assertThat(get("/api/lessons/nope/attendance").statusCode()).isEqualTo(404);
        assertThat(get("/api/lessons/" + lesson + "/attendance?format=xml").statusCode()).isEqualTo(400);
    }

    @Test
    void floodsAreRefusedThenDisconnected() throws Exception {
        WsClient ws = socket();
        for (int i = 0; i < 400 && !ws.closeCode.isDone(); i++) {
            ws.send("{\"type\":\"ping\"}");
        }
        assertThat(ws.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(ws.messages).anyMatch(m -> m.contains("\"code\":\"rate_limited\""));
        WsClient other = socket();
        other.send("{\"type\":\"ping\",\"requestId\":1}");
        assertThat(other.next()).as("other connections are unaffected").contains("pong");
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
