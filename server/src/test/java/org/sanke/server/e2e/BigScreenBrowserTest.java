package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * A receiving classroom's big screen as the room uses it: the lesson and its teacher in large type, the lesson's
 * state (live, then teacher away when the teacher leaves), a device check before the lesson (camera picture,
 * microphone level that moves with the fake microphone's sound, a test tone), and every control reachable with a TV
 * remote's arrow keys.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BigScreenBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    @Test
    void theRoomReadsTheLessonFromTheBackChecksItsDevicesAndUsesARemote() throws Exception {
        RequiredTool.requireChromium();
        SankeOptions loopback = TestLessons.onLoopback("bigscreen");
        server = SankeServer.start(new SankeOptions(loopback.bindAddress(), 0, 0, List.of("127.0.0.1"), 1, true,
                loopback.databaseUrl(), "sa", ""));
        SankeServer.DemoLinks links = server.demoLinks().orElseThrow();
        BrowserPage classroom = keep(BrowserPage.open("big screen", links.classroom() + "&lang=en"));
        classroom.await("waiting for the teacher", GUARD, p -> "waiting".equals(p.script(
                "return document.getElementById('lesson-state').dataset.state")));
        assertThat(classroom.text("#lesson-state")).isEqualTo("Waiting for the teacher…");

        // Before the lesson: the device check shows the camera, a level that moves, and plays a test tone.
        classroom.click("#device-check");
        classroom.await("the check's camera picture", GUARD, p -> ((Number) p.script(
                "return document.querySelector('#device-panel video').videoWidth")).intValue() > 0);
        classroom.await("the microphone level moving", GUARD, p -> ((Number) p.script(
                "return window.sanke.microphoneLevel ?? 0")).doubleValue() > 0.01);
        classroom.click("#test-tone");
        classroom.await("the test tone playing", GUARD, p -> String.valueOf(p.text("#device-panel .device-note"))
                .startsWith("Playing the test tone"));
        classroom.click("#close-check");
        assertThat(classroom.script("return document.getElementById('device-panel').hidden")).isEqualTo(true);

        BrowserPage teacher = keep(BrowserPage.open("teacher", links.teacher()));
        teacher.await("the teacher live", GUARD, p -> "live".equals(p.state()));
        classroom.await("the lesson live on the big screen", GUARD, p -> "live".equals(p.script(
                "return document.getElementById('lesson-state').dataset.state")));
        assertThat(classroom.text("#lesson-info")).contains("Teacher: ");
        double headerPixels = ((Number) classroom.script("return parseFloat(getComputedStyle("
                + "document.getElementById('lesson-info')).fontSize)")).doubleValue();
        assertThat(headerPixels).as("the lesson's name, readable from the back of the room").isGreaterThanOrEqualTo(24);

        // The teacher's chat reaches the room's big screen.
        teacher.hook("chat('Open your books at page 12')");
        classroom.await("the teacher's message on the big screen", GUARD, p -> String.valueOf(p.text("#chat"))
                .contains("Open your books at page 12"));

        // A TV remote: the arrow keys walk the controls, OK presses the one in focus.
        classroom.script("document.getElementById('hand').focus()");
        classroom.press(Keys.ARROW_DOWN);
        assertThat(classroom.script("return document.activeElement.id")).isEqualTo("mic");
        classroom.press(Keys.ARROW_DOWN);
        classroom.press(Keys.ARROW_UP);
        assertThat(classroom.script("return document.activeElement.id")).isEqualTo("mic");
        classroom.press(Keys.ARROW_UP);
        classroom.press(Keys.ENTER);
        teacher.await("the raised hand, pressed with the remote", GUARD, p -> !String.valueOf(p.text("#hands"))
                .isBlank());

        teacher.click("#leave");
        classroom.await("the teacher away", GUARD, p -> "away".equals(p.script(
                "return document.getElementById('lesson-state').dataset.state")));
        assertThat(classroom.text("#lesson-state")).isEqualTo("The teacher has left the lesson");
        // The teacher who left: camera off, no stale tiles, and one button back in.
        teacher.await("the teacher's page after leaving", GUARD, p -> "重新进入课堂".equals(p.text("#leave")));
        assertThat(teacher.script("return document.getElementById('self').srcObject === null"
                + " && document.querySelectorAll('#classrooms .tile').length === 0")).isEqualTo(true);
    }
}
