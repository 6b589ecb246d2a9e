package org.sanke.server.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting room (S6) with Chromium, in an open lesson: the teacher turns it on; a learner who comes by an
 * invitation link (not enrolled) waits at the door and receives nothing; the teacher admits her from the waiting list
 * and she sees the teacher; a stranger's page is denied and told so.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WaitingRoomBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(45);

    @Test
    void aWaitingLearnerIsAdmittedAndAStrangerDenied() throws Exception {
        RequiredTool.requireChromium();
        SankeOptions loopback = TestLessons.onLoopback("waiting");
        server = SankeServer.start(new SankeOptions(loopback.bindAddress(), 0, 0, List.of("127.0.0.1"), 1, false,
                loopback.databaseUrl(), "sa", ""));
        String lesson = TestLessons.create(server, "{\"title\":\"Door\",\"mode\":\"famous_school\","
                + "\"maxClassrooms\":2}");
        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lesson + "&lang=en");
        teacher.await("the teacher live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();
        teacher.click("#waiting-room");
        teacher.await("the waiting room on", GUARD, p -> "true".equals(p.script(
                "return document.getElementById('waiting-room').getAttribute('aria-pressed')")));

        BrowserPage hill = open("learner", "/observer.html?lesson=" + lesson + "&role=learner&name=Hill%20Point"
                + "&lang=en");
        hill.await("waiting at the door", GUARD, p -> "waiting-room".equals(p.state()));
        teacher.await("Hill Point on the waiting list", GUARD, p -> String.valueOf(p.text("#waiting"))
                .contains("Hill Point"));
        Thread.sleep(1000);
        assertThat(hill.framesDecodedFrom(teacherId)).as("a waiting page receives nothing").isZero();

        BrowserPage stranger = open("stranger", "/observer.html?lesson=" + lesson + "&role=learner&name=Stranger"
                + "&lang=en");
        teacher.await("the stranger waiting too", GUARD, p -> String.valueOf(p.text("#waiting"))
                .contains("Stranger"));
        teacher.script("[...document.querySelectorAll('#waiting li')].find(li => li.textContent.includes('Stranger'))"
                + ".querySelector('.deny').click()");
        stranger.await("told it was denied", GUARD, p -> String.valueOf(p.text("#status"))
                .contains("did not let you into this lesson") || String.valueOf(p.text("body"))
                .contains("did not let you into this lesson"));

        teacher.script("[...document.querySelectorAll('#waiting li')].find(li => li.textContent.includes('Hill'))"
                + ".querySelector('.admit').click()");
        hill.await("admitted, the teacher's picture", GUARD, p -> p.framesDecodedFrom(teacherId) > 10);
        teacher.await("the waiting list empty", GUARD, p -> String.valueOf(p.text("#waiting")).isBlank());
    }
}
