package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/**
 * Every lesson role against every WebSocket message a joined connection may send, in an open (famous-school) lesson
 * where all five roles may be: the server answers what the protocol says each role may do, or refuses with
 * {@code not_allowed}, whatever the page would have offered. A second half does the same in a master-teacher lesson,
 * where observers raise hands. S5 S8.
 */
@NoBlockingOnEventLoops
class WebSocketMatrixTest {
    private static MediaServer media;
    private static SignalingServer server;
    private static LessonDirectory lessons;

    /** What each message may be sent by, as docs/protocol.md says; anyone else gets not_allowed. */
    private static final Map<String, List<String>> OPEN_LESSON = new LinkedHashMap<>();

    static {
        OPEN_LESSON.put("publish", List.of("teacher", "classroom"));
        OPEN_LESSON.put("raiseHand", List.of("classroom"));
        OPEN_LESSON.put("lowerHand", List.of("teacher", "classroom", "observer", "learner", "inspector"));
        OPEN_LESSON.put("stage", List.of("teacher"));
        OPEN_LESSON.put("muteRequest", List.of("teacher"));
        OPEN_LESSON.put("chat", List.of("teacher", "classroom", "observer", "learner"));
        OPEN_LESSON.put("ask", List.of("classroom", "observer", "learner"));
        OPEN_LESSON.put("markAnswered", List.of("teacher"));
        OPEN_LESSON.put("problem", List.of("classroom"));
        OPEN_LESSON.put("quality", List.of("teacher", "classroom", "observer", "learner", "inspector"));
        OPEN_LESSON.put("ping", List.of("teacher", "classroom", "observer", "learner", "inspector"));
        // Safety controls (S7, S10, S11, S31): the teacher and safety staff (inspectors); cut-off staff only.
        OPEN_LESSON.put("lock", List.of("teacher", "inspector"));
        OPEN_LESSON.put("moderate", List.of("teacher", "inspector"));
        OPEN_LESSON.put("pause", List.of("teacher", "inspector"));
        OPEN_LESSON.put("interaction", List.of("teacher", "inspector"));
        OPEN_LESSON.put("waitingRoom", List.of("teacher", "inspector"));
        OPEN_LESSON.put("cutOff", List.of("inspector"));
        OPEN_LESSON.put("admit", List.of("teacher", "inspector"));
        OPEN_LESSON.put("deny", List.of("teacher", "inspector"));
        // Anyone in the lesson reports to staff (S14).
        OPEN_LESSON.put("report", List.of("teacher", "classroom", "observer", "learner", "inspector"));
        OPEN_LESSON.put("endLesson", List.of("teacher", "inspector"));
    }

    @BeforeAll
    static void start() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        media = MediaServer.start(new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 1,
                Duration.ofSeconds(30)), registry);
        lessons = new LessonDirectory();
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), media::createRouter,
                lessons, registry);
    }

    @AfterAll
    static void stop() {
        server.close();
        media.close();
    }

    private static WsClient joined(String lesson, String role, String name) throws Exception {
        WsClient socket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        socket.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"" + role
                + "\",\"name\":\"" + name + "\"" + TestAccess.grantField(server.domain(), lesson, role, name) + "}");
        assertThat(socket.next()).contains("\"type\":\"joined\"");
        return socket;
    }

    private static String participantId(WsClient socket, String name) throws InterruptedException {
        String joined = socket.nextContaining("\"name\":\"" + name + "\"");
        Matcher id = Pattern.compile("\"participantId\":\"(p[0-9a-f]+)\",\"role\":\"[a-z]+\",\"name\":\""
                + name + "\"").matcher(joined);
        assertThat(id.find()).as(joined).isTrue();
        return id.group(1);
    }

    /** The message a role sends, aimed at the lesson's classroom where it names someone. */
    private static String message(String type, int requestId, String classroomId) {
        String body = switch (type) {
            case "publish" -> ",\"sdp\":\"v=0\"";
            case "stage" -> ",\"participantId\":\"" + classroomId + "\",\"on\":true";
            case "muteRequest" -> ",\"participantId\":\"" + classroomId + "\"";
            case "chat", "ask" -> ",\"text\":\"Why is the sky blue?\"";
            case "problem" -> ",\"text\":\"No sound\"";
            case "markAnswered" -> ",\"questionId\":\"q1\"";
            case "quality" -> ",\"lossPercent\":1,\"freezeMs\":0,\"kbps\":700";
            case "lock" -> ",\"feature\":\"text\",\"on\":false";
            case "moderate" -> ",\"participantId\":\"" + classroomId + "\",\"action\":\"unmute\"";
            case "pause", "waitingRoom" -> ",\"on\":false";
            case "interaction" -> ",\"on\":true";
            case "admit", "deny" -> ",\"waitingId\":\"w000000000000\"";
            case "report" -> ",\"kind\":\"person\",\"participantId\":\"" + classroomId + "\",\"reason\":\"test\"";
            case "cutOff" -> ",\"participantId\":\"" + classroomId + "\",\"on\":false";
            default -> "";
        };
        return "{\"type\":\"" + type + "\",\"requestId\":" + requestId + body + "}";
    }

    /** Whether the reply to this request was a not_allowed refusal (any other answer: the role may send it). */
    private static boolean refused(WsClient socket, int requestId) throws InterruptedException {
        return reply(socket, requestId).contains("\"code\":\"not_allowed\"");
    }

    /** The reply to a request, skipping the events that come between. */
    private static String reply(WsClient socket, int requestId) throws InterruptedException {
        return socket.reply(requestId);
    }

    @Test
    void everyRoleSendsEveryMessageAndTheServerAnswersWhatTheProtocolSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String role : List.of("teacher", "classroom", "observer", "learner", "inspector")) {
            String lesson = lessons.create("Open lesson for a " + role, LessonMode.FAMOUS_SCHOOL, 20).id();
            WsClient teacher = joined(lesson, "teacher", "Teacher");
            WsClient room = joined(lesson, "classroom", "Village");
            String roomId = participantId(teacher, "Village");
            // A question to mark answered, asked by the room.
            room.send(message("ask", 2, roomId));
            reply(room, 2);
            WsClient caller = switch (role) {
                case "teacher" -> teacher;
                case "classroom" -> joined(lesson, "classroom", "Hill");
                default -> joined(lesson, role, "A " + role);
            };
            int request = 100;
            for (Map.Entry<String, List<String>> rule : OPEN_LESSON.entrySet()) {
                caller.send(message(rule.getKey(), ++request, roomId));
                boolean allowed = !refused(caller, request);
                if (allowed != rule.getValue().contains(role)) {
                    wrong.add(role + " / " + rule.getKey() + ": " + (allowed ? "allowed" : "refused"));
                }
            }
            for (WsClient socket : List.of(teacher, room, caller)) {
                socket.close();
            }
        }
        assertThat(wrong).as("cells that differ from the protocol").isEmpty();
    }

    @Test
    void inAMasterTeachersLessonObserversRaiseHandsAndOnlyVerifiedOnesTakeTheStage() throws Exception { // S4
        String lesson = lessons.create("Teaching research", LessonMode.MASTER_TEACHER, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Master");
        WsClient verified = joined(lesson, "observer", "Mr Li"); // a person's grant, verified (TestAccess)
        String verifiedId = participantId(teacher, "Mr Li");
        WsClient linked = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        linked.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"observer\","
                + "\"name\":\"Link holder\",\"grant\":\"" + server.domain().access().grants().invitation(lesson,
                org.sanke.classroom.Role.OBSERVER, Duration.ofHours(1)).token() + "\"}");
        assertThat(linked.next()).contains("\"type\":\"joined\"");
        String linkedId = participantId(teacher, "Link holder");
        for (WsClient observer : List.of(verified, linked)) {
            observer.send(message("raiseHand", 2, null));
            assertThat(refused(observer, 2)).as("observers raise hands here").isFalse();
        }
        teacher.send("{\"type\":\"stage\",\"requestId\":3,\"participantId\":\"" + linkedId + "\",\"on\":true}");
        assertThat(reply(teacher, 3)).contains("\"code\":\"not_allowed\"", "verified real name");
        teacher.send("{\"type\":\"stage\",\"requestId\":4,\"participantId\":\"" + verifiedId + "\",\"on\":true}");
        assertThat(reply(teacher, 4)).doesNotContain("\"error\"");
        linked.send(message("publish", 5, null));
        assertThat(refused(linked, 5)).as("off stage, a link holder never publishes").isTrue();
        WsClient learner = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        learner.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"learner\","
                + "\"name\":\"Pupil\"" + TestAccess.grantField(server.domain(), lesson, "learner") + "}");
        assertThat(learner.next()).contains("role_not_allowed");
        for (WsClient socket : List.of(teacher, verified, linked, learner)) {
            socket.close();
        }
    }

    @Test
    void onePersonHoldsAtMostFiveLessonConnectionsAtOnce() throws Exception { // S26: limits per account
        String lesson = lessons.create("Crowded", LessonMode.MASTER_TEACHER, 6).id();
        org.sanke.classroom.Person li = TestAccess.verifiedPerson(server.domain(),
                org.sanke.classroom.PersonRole.OBSERVER_TEACHER, "Mr Li");
        List<WsClient> sockets = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            WsClient socket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
            socket.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"observer\","
                    + "\"name\":\"Li\",\"grant\":\"" + server.domain().access().grants().forPerson(li, lesson,
                    org.sanke.classroom.Role.OBSERVER).token() + "\"}");
            sockets.add(socket);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(sockets.get(i).next()).contains("\"type\":\"joined\"");
        }
        assertThat(sockets.get(5).next()).contains("\"code\":\"too_many_connections\"");
        sockets.get(0).close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String answer;
        do { // the server learns of the close a moment after the client
            sockets.get(5).send("{\"type\":\"join\",\"requestId\":2,\"lessonId\":\"" + lesson + "\",\"role\":"
                    + "\"observer\",\"name\":\"Li\",\"grant\":\"" + server.domain().access().grants().forPerson(li,
                    lesson, org.sanke.classroom.Role.OBSERVER).token() + "\"}");
            answer = reply(sockets.get(5), 2);
        } while (answer.contains("too_many_connections") && System.nanoTime() < deadline);
        assertThat(answer).contains("\"type\":\"joined\"");
        sockets.forEach(WsClient::close);
    }

    @Test
    void theSameTeacherOnAnotherDeviceTakesHerSeatOverAndAnotherPersonCannot() throws Exception {
        String lesson = lessons.create("Maths", LessonMode.DEDICATED, 6).id();
        org.sanke.classroom.Person wang = TestAccess.verifiedPerson(server.domain(),
                org.sanke.classroom.PersonRole.LEAD_TEACHER, "Wang");
        org.sanke.classroom.Person zhao = TestAccess.verifiedPerson(server.domain(),
                org.sanke.classroom.PersonRole.LEAD_TEACHER, "Zhao");
        WsClient laptop = teacherOf(lesson, wang);
        assertThat(laptop.next()).contains("\"type\":\"joined\"");
        WsClient stranger = teacherOf(lesson, zhao);
        assertThat(stranger.next()).contains("\"code\":\"role_taken\"");
        WsClient phone = teacherOf(lesson, wang);
        assertThat(phone.next()).contains("\"type\":\"joined\"");
        assertThat(laptop.closeCode.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("the laptop's page closes")
                .isEqualTo((int) org.sanke.signaling.session.ClientSession.CLOSE_REPLACED);
        for (WsClient socket : List.of(laptop, stranger, phone)) {
            socket.close();
        }
    }

    private static WsClient teacherOf(String lesson, org.sanke.classroom.Person person) throws Exception {
        WsClient socket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        socket.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"teacher\","
                + "\"name\":\"T\",\"grant\":\"" + server.domain().access().grants().forPerson(person, lesson,
                org.sanke.classroom.Role.TEACHER).token() + "\"}");
        return socket;
    }
}
