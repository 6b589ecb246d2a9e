package org.sanke.signaling;

import org.sanke.signaling.testing.NoBlockingOnEventLoops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sanke.signaling.SignalingServerTest.answerFor;
import static org.sanke.signaling.SignalingServerTest.publishOffer;
import static org.sanke.signaling.SignalingServerTest.quote;
import static org.sanke.signaling.SignalingServerTest.sdpOf;
import static org.sanke.signaling.SignalingServerTest.versionOf;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;

/**
 * A whole day of classrooms coming and going while the teacher stays: her subscribe offers stay a handful of
 * sections (ended ones are recycled), every new classroom still reaches her, and a refused answer never leaves her
 * without offers.
 */
@NoBlockingOnEventLoops
class SubscribeChurnTest {
    private static final int CYCLES = 200;
    private static MediaServer media;
    private static SignalingServer server;
    private static LessonDirectory lessons;

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
                + "\",\"name\":\"" + name + "\"" + TestAccess.grantField(server.domain(), lesson, role) + "}");
        assertThat(socket.nextContaining("\"requestId\":1")).contains("\"type\":\"joined\"");
        return socket;
    }

    /** Answers the next subscribe offer as a browser would; returns the offer. */
    private static String answerNextOffer(WsClient receiver) throws Exception {
        String offer = receiver.nextContaining("subscribeOffer");
        receiver.send("{\"type\":\"subscribeAnswer\",\"requestId\":\"a\",\"version\":" + versionOf(offer)
                + ",\"sdp\":" + quote(answerFor(sdpOf(offer))) + "}");
        Thread.sleep(25); // under the connection's rate limit of 50 messages a second
        return offer;
    }

    private static int sections(String offer) {
        Matcher m = Pattern.compile("m=(audio|video) ").matcher(sdpOf(offer));
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    @Test
    void classroomsJoinAndLeaveAllDayAndTheTeachersOfferStaysSmall() throws Exception {
        String publish = publishOffer();
        String lesson = lessons.create("All day", LessonMode.DEDICATED, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        String last = null;
        for (int i = 0; i < CYCLES; i++) {
            WsClient classroom = joined(lesson, "classroom", "Village " + i);
            classroom.send("{\"type\":\"publish\",\"requestId\":2,\"sdp\":" + quote(publish) + "}");
            classroom.nextContaining("publishAnswer");
            String offer = answerNextOffer(teacher);
            assertThat(offer).as("cycle %d: the new classroom reaches the teacher", i).contains("Village " + i);
            classroom.send("{\"type\":\"leave\",\"requestId\":3}");
            classroom.nextContaining("\"requestId\":3");
            classroom.close();
            last = answerNextOffer(teacher);
            assertThat(last).doesNotContain("Village " + i);
        }
        assertThat(sections(last)).as("the anchor and two recycled slots, not %d", 2 * CYCLES + 1)
                .isLessThanOrEqualTo(3);
        WsClient latest = joined(lesson, "classroom", "Latest");
        latest.send("{\"type\":\"publish\",\"requestId\":2,\"sdp\":" + quote(publish) + "}");
        latest.nextContaining("publishAnswer");
        String offer = answerNextOffer(teacher);
        assertThat(offer).contains("Latest", "\"kind\":\"video\"", "\"kind\":\"audio\"");
        assertThat(sections(offer)).isEqualTo(3);
        String mid = offer.replaceAll(".*\"mid\":\"(\\d+)\",\"participantId\".*", "$1");
        assertThat(Integer.parseInt(mid)).as("a recycled slot carries a new mid").isGreaterThan(2 * CYCLES - 1);
    }

    @Test
    void aRefusedAnswerIsFollowedByAFreshOffer() throws Exception {
        String lesson = lessons.create("Refused", LessonMode.DEDICATED, 6).id();
        WsClient teacher = joined(lesson, "teacher", "Ms Wang");
        WsClient classroom = joined(lesson, "classroom", "Village");
        classroom.send("{\"type\":\"publish\",\"requestId\":2,\"sdp\":" + quote(publishOffer()) + "}");
        classroom.nextContaining("publishAnswer");
        String offer = teacher.nextContaining("subscribeOffer");
        teacher.send("{\"type\":\"subscribeAnswer\",\"requestId\":5,\"version\":" + versionOf(offer)
                + ",\"sdp\":\"v=0\\r\\nnonsense\\r\\n\"}");
        assertThat(teacher.nextContaining("\"requestId\":5")).contains("\"code\":\"sdp_invalid\"");
        String again = teacher.nextContaining("subscribeOffer");
        assertThat(versionOf(again)).isEqualTo(versionOf(offer) + 1);
        assertThat(again).contains("Village");
        teacher.send("{\"type\":\"subscribeAnswer\",\"requestId\":6,\"version\":" + versionOf(again)
                + ",\"sdp\":" + quote(answerFor(sdpOf(again))) + "}");
        assertThat(teacher.nextContaining("\"requestId\":6")).contains("\"type\":\"ok\"");
    }
}
