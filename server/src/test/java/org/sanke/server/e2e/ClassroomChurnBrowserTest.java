package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;

/**
 * A school day in one lesson: the teacher stays while classrooms join, publish and leave a few hundred times, as
 * flaky rural links do. Afterwards the teacher still decodes the next classroom, and what the server and her
 * browser hold for the lesson is back to a handful: live SRTP contexts and subscribe m-sections do not grow with
 * the day.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClassroomChurnBrowserTest extends BrowserLessonTest {
    private static final int CYCLES = 240;
    private static final Duration GUARD = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Runs in a page of the server (so the web client's modules load): joins as a classroom, publishes the fake
     * camera until the connection is up, and leaves; {@code CYCLES} times, one after another.
     */
    private static final String CHURN = """
            const [lessonId, cycles, grant] = arguments;
            window.churn = { done: 0, error: null, finished: false };
            (async () => {
              const { LessonClient } = await import('/js/lesson-client.js');
              const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
              for (let i = 0; i < cycles; i++) {
                const client = new LessonClient({ lessonId, role: 'classroom', name: 'Churn ' + i, grant });
                await client.start(stream);
                const until = Date.now() + 10000;
                while (client.publishPc.connectionState !== 'connected' && Date.now() < until) {
                  await new Promise((r) => setTimeout(r, 20));
                }
                if (client.publishPc.connectionState !== 'connected') throw new Error('cycle ' + i + ' never connected');
                await new Promise((r) => setTimeout(r, 150));
                await client.leave();
                window.churn.done = i + 1;
              }
            })().then(() => { window.churn.finished = true; },
                      (e) => { window.churn.error = String(e); window.churn.finished = true; });
            """;

    @Test
    void afterAFewHundredClassroomsComeAndGoTheTeacherDecodesTheNextAndLittleIsHeld() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(TestLessons.onLoopback("churn"));
        String lessonId = TestLessons.create(server, "{\"title\":\"A long day\",\"maxClassrooms\":3}");
        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lessonId + "&name=Ms%20Wang");
        teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
        double contextsAtStart = metric("sanke_media_srtp_contexts");

        // A page that needs no session, so it stays put: the classrooms come in with the teacher's invitation.
        BrowserPage churn = open("churning classrooms", "/login.html");
        churn.script(CHURN, lessonId, CYCLES, TestLessons.grant(server, lessonId, "classroom"));
        churn.await(CYCLES + " classrooms to come and go", Duration.ofMinutes(5),
                p -> Boolean.TRUE.equals(p.script("return window.churn.finished")));
        assertThat(churn.script("return window.churn.error")).as("every cycle connected").isNull();
        assertThat(((Number) churn.script("return window.churn.done")).intValue()).isEqualTo(CYCLES);

        BrowserPage last = open("the last classroom", "/classroom.html?lesson=" + lessonId + "&name=Last");
        last.await("the last classroom to be live", GUARD, p -> "live".equals(p.state()));
        String lastId = last.participantId();
        teacher.await("the teacher to decode the last classroom", GUARD, p -> p.framesDecodedFrom(lastId) > 0);

        long sections = ((Number) teacher.hook("subscribeSections()")).longValue();
        long transceivers = ((Number) teacher.hook("subscribeTransceivers()")).longValue();
        // A handful, not one pair per classroom: the last room's two, the pair a room that just left frees (reused
        // only once the browser has answered its rejection, so a join that comes sooner takes two more), and the
        // anchor; a refused answer (rare: the server then offers afresh) leaves two more unrecycled.
        long refusals = ((Number) teacher.hook("subscribeRefusals()")).longValue();
        assertThat(refusals).as("subscribe answers refused in %d cycles", CYCLES).isLessThanOrEqualTo(3);
        assertThat(sections).as("the teacher's subscribe m-sections after %d classrooms (%d refused answers)",
                CYCLES, refusals).isLessThanOrEqualTo(9 + 2 * refusals);
        assertThat(transceivers).as("her browser's transceivers").isLessThanOrEqualTo(9 + 2 * refusals);
        double contexts = metric("sanke_media_srtp_contexts");
        assertThat(contexts).as("live SRTP contexts after the day (%s at the start)", contextsAtStart)
                .isLessThanOrEqualTo(contextsAtStart + 24);
    }

    private double metric(String name) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
