package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.moderation.TextPolicy;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/**
 * S13 and S38 over the wire: chat, questions and chosen names go through the operator's lexicon (blocked ones reach
 * nobody else, their writer is told; masked ones arrive masked), and one person's flood of chat or hands is refused
 * at once while another's message still arrives promptly. No media: nobody here publishes.
 */
@NoBlockingOnEventLoops
class TextFilterInLessonsTest {
    @TempDir
    Path dir;

    private SignalingServer server;
    private PrometheusMeterRegistry registry;
    private final List<WsClient> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(WsClient::close);
        if (server != null) {
            server.close();
        }
    }

    /** S13: a blocked message or question reaches nobody else; its writer gets message_blocked; it is counted. */
    @Test
    void aBlockedChatMessageReachesNobodyElseAndItsWriterIsTold() throws Exception {
        String lesson = start(TextPolicy.BLOCK);
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient learner = joined(lesson, "learner", "Xiao Ming");
        WsClient observer = joined(lesson, "observer", "Mr Li");

        learner.send(chat(2, "老师，你是白 . 痴"));
        assertThat(reply(learner, 2)).contains("\"type\":\"error\"", "\"code\":\"message_blocked\"");
        learner.send("{\"type\":\"ask\",\"requestId\":3,\"text\":\"ＩＤＩＯＴ?\"}");
        assertThat(reply(learner, 3)).contains("\"code\":\"message_blocked\"");
        learner.send(chat(4, "老师好"));
        assertThat(reply(learner, 4)).contains("\"type\":\"ok\"");

        // Sent after the blocked ones on the same connection: had those gone out, they would have come first.
        for (WsClient other : List.of(teacher, observer)) {
            String first = other.nextContaining("\"type\":\"chat\"");
            assertThat(first).contains("老师好").doesNotContain("白");
        }
        WsClient late = joined(lesson, "learner", "Xiao Hong");
        assertThat(late.messages).noneMatch(m -> m.contains("IDIOT") || m.contains("ＩＤＩＯＴ"));
        assertThat(teacher.messages).noneMatch(m -> m.contains("\"type\":\"question\""));
        assertThat(texts("chat", "blocked")).isEqualTo(1);
        assertThat(texts("question", "blocked")).isEqualTo(1);
        assertThat(texts("chat", "passed")).isEqualTo(1);
    }

    /** S13: under the mask policy everyone, the writer too, sees the message with the words hit masked. */
    @Test
    void aMaskedChatMessageArrivesMasked() throws Exception {
        String lesson = start(TextPolicy.MASK);
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient learner = joined(lesson, "learner", "Xiao Ming");
        learner.send(chat(2, "你这个滾蛋！"));
        assertThat(teacher.nextContaining("\"type\":\"chat\"")).contains("\"text\":\"你这个＊＊！\"")
                .doesNotContain("滾");
        assertThat(learner.nextContaining("\"type\":\"chat\"")).contains("你这个＊＊！");
        assertThat(reply(learner, 2)).contains("\"type\":\"ok\"");
        assertThat(texts("chat", "masked")).isEqualTo(1);

        joined(lesson, "learner", "Hun Dan");
        assertThat(teacher.nextContaining("participantJoined")).contains("\"name\":\"＊＊＊＊＊＊＊\"");
    }

    /**
     * S13: a name chosen at join (an invitation's) that hits the lexicon is refused with name_refused, and the
     * lesson never hears of it; a person's own name, from the school's records, is not a choice and is shown.
     */
    @Test
    void aBlockedChosenNameIsRefusedAtTheDoor() throws Exception {
        String lesson = start(TextPolicy.BLOCK);
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient refused = socket();
        refused.send(join(lesson, "learner", "s-h-a-b-i"));
        assertThat(refused.next()).contains("\"code\":\"name_refused\"", "\"requestId\":1");
        refused.send(join(lesson, "learner", "Xiao Ming"));
        assertThat(refused.next()).as("the same connection may join with another name").contains("\"joined\"");
        assertThat(teacher.nextContaining("participantJoined")).contains("Xiao Ming");
        assertThat(teacher.messages).noneMatch(m -> m.contains("s-h-a-b-i"));
        assertThat(texts("name", "blocked")).isEqualTo(1);
    }

    /**
     * S38: a flood of chat from one person is refused past its burst (too_many_messages) without queueing, and
     * another person's message sent right after, in the same lesson or in another, still reaches its teacher
     * promptly, and before any of the excess.
     */
    @Test
    void aFlooderIsLimitedWhileOthersAreNotDelayed() throws Exception {
        String lesson = start(TextPolicy.BLOCK);
        String elsewhere = server.domain().lessons().create("Another lesson", LessonMode.FAMOUS_SCHOOL, 20).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient flooder = joined(lesson, "learner", "Flooder");
        WsClient other = joined(lesson, "learner", "Xiao Ming");
        WsClient otherTeacher = joined(elsewhere, "teacher", "Mr Zhao");
        WsClient otherRoom = joined(elsewhere, "learner", "Xiao Hong");
        int sent = 60;
        for (int i = 0; i < sent; i++) {
            flooder.send(chat(100 + i, "flood " + i));
        }
        long before = System.nanoTime();
        otherRoom.send(chat(2, "另一节课的问题"));
        other.send(chat(2, "老师，我有一个问题"));
        assertThat(otherTeacher.nextContaining("\"type\":\"chat\"")).contains("另一节课的问题");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).as("another lesson's message promptly")
                .isLessThan(2_000);
        String arrived;
        int fromFlooder = 0;
        while (!(arrived = teacher.nextContaining("\"type\":\"chat\"")).contains("我有一个问题")) {
            fromFlooder++;
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertThat(tookMs).as("the other's message arrived promptly").isLessThan(2_000);
        assertThat(fromFlooder).as("at most the flooder's burst went out first").isLessThanOrEqualTo(5);

        long refused = replies(flooder, 100, sent).stream().filter(r -> r.contains("too_many_messages")).count();
        assertThat(refused).as("all but the burst (and a second's refill) refused").isGreaterThanOrEqualTo(sent - 7);
        Thread.sleep(300);
        assertThat(teacher.messages.stream().filter(m -> m.contains("\"type\":\"chat\"")).count() + fromFlooder + 1)
                .as("the teacher got only what was allowed").isEqualTo(sent - refused + 1);
        assertThat(registry.get("sanke.signaling.flood.refused").tag("kind", "text").counter().count())
                .isEqualTo(refused);

        // Hands up and down, over and over, from one classroom: the excess is refused.
        WsClient room = joined(lesson, "classroom", "Village");
        for (int i = 0; i < 12; i++) {
            room.send("{\"type\":\"" + (i % 2 == 0 ? "raiseHand" : "lowerHand") + "\",\"requestId\":" + (200 + i)
                    + "}");
        }
        long handRefusals = replies(room, 200, 12).stream().filter(r -> r.contains("too_many_messages")).count();
        assertThat(handRefusals).isGreaterThanOrEqualTo(12 - 5);
        assertThat(registry.get("sanke.signaling.flood.refused").tag("kind", "hand").counter().count())
                .isEqualTo(handRefusals);
        other.send(chat(3, "还在吗"));
        assertThat(teacher.nextContaining("还在吗")).contains("Xiao Ming");
    }

    private String start(TextPolicy policy) throws Exception {
        Path lexicon = dir.resolve("lexicon.txt");
        Files.writeString(lexicon, "# test words\n白痴\n滚蛋\nidiot\nshabi\nhundan\n");
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LessonDirectory lessons = new LessonDirectory();
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web")
                .withTextFilter(new SignalingConfig.TextFilterSettings(lexicon, policy)), () -> {
                    throw new IllegalStateException("no media in this test");
                }, lessons, registry);
        return lessons.create("Open lesson", LessonMode.FAMOUS_SCHOOL, 20).id();
    }

    private double texts(String kind, String outcome) {
        return registry.get("sanke.moderation.texts").tag("kind", kind).tag("outcome", outcome).counter().count();
    }

    private WsClient socket() throws Exception {
        WsClient socket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        sockets.add(socket);
        return socket;
    }

    private WsClient joined(String lesson, String role, String name) throws Exception {
        WsClient socket = socket();
        socket.send(join(lesson, role, name));
        assertThat(socket.next()).contains("\"type\":\"joined\"");
        return socket;
    }

    private String join(String lesson, String role, String name) {
        return "{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"" + role
                + "\",\"name\":\"" + name + "\"" + TestAccess.grantField(server.domain(), lesson, role, name) + "}";
    }

    private static String chat(int requestId, String text) {
        return "{\"type\":\"chat\",\"requestId\":" + requestId + ",\"text\":\"" + text + "\"}";
    }

    /**
     * The replies to requests {@code first} to {@code first + count - 1}, by request: refusals over a limit come
     * at once from the connection, the others after their lesson's loop ran them, so not in the order sent.
     */
    private static List<String> replies(WsClient socket, int first, int count) throws InterruptedException {
        Pattern id = Pattern.compile("\"requestId\":(\\d+)[,}]");
        java.util.Map<Integer, String> byRequest = new java.util.TreeMap<>();
        while (byRequest.size() < count) {
            String message = socket.next();
            java.util.regex.Matcher m = id.matcher(message);
            if (m.find()) {
                int request = Integer.parseInt(m.group(1));
                if (request >= first && request < first + count) {
                    byRequest.put(request, message);
                }
            }
        }
        return List.copyOf(byRequest.values());
    }

    private static String reply(WsClient socket, int requestId) throws InterruptedException {
        return socket.reply(requestId);
    }
}
