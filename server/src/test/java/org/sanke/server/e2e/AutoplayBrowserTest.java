package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;

/**
 * An observer teacher's browser keeps Chromium's autoplay rules (no sound before a click on a page with no camera
 * open): the teacher's video plays at once, muted, with one "click for sound" control; a click gives sound.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AutoplayBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @Test
    void theObserversVideoPlaysWithoutAnAutoplayFlagAndAClickGivesSound() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(TestLessons.onLoopback("autoplay"));
        String lessonId = TestLessons.create(server, "{\"title\":\"Master class\",\"mode\":\"master_teacher\"}");
        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lessonId + "&name=Master%20Zhang");
        teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();

        BrowserPage observer = keep(BrowserPage.openWithAutoplayRules("observer", server.baseUrl()
                + TestLessons.withGrant(server, "/observer.html?role=observer&lesson=" + lessonId
                        + "&name=Ms%20Li&lang=en")));
        observer.await("the teacher's video decoded", GUARD, p -> p.framesDecodedFrom(teacherId) > 0);
        observer.await("the teacher's video playing", GUARD, p -> Boolean.TRUE.equals(p.script(
                "const v = document.getElementById('teacher'); return !v.paused && v.currentTime > 0.5")));
        assertThat(observer.script("return document.getElementById('teacher').muted"))
                .as("muted, since the browser wants a click first").isEqualTo(true);
        assertThat(observer.script("const b = document.getElementById('sound'); return b && !b.hidden"))
                .as("the click-for-sound control is shown").isEqualTo(true);
        assertThat(observer.text("#sound")).contains("Click for sound");

        observer.click("#sound");
        observer.await("sound on after the click", GUARD, p -> Boolean.TRUE.equals(p.script(
                "const v = document.getElementById('teacher'); return !v.muted && !v.paused")));
        assertThat(observer.script("return document.getElementById('sound').hidden")).isEqualTo(true);
    }
}
