package org.sanke.server.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;

/**
 * The README's promise: the links `./sanke run` prints for the demo lesson work in a browser at once, with no
 * account, because they carry invitations; the teacher and the classroom decode each other.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DemoLinksBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    @Test
    void theDemoLinksPrintedAtStartMakeALiveLesson() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(TestLessons.onLoopbackWithDemo("demo"));
        SankeServer.DemoLinks links = server.demoLinks().orElseThrow();
        BrowserPage teacher = keep(BrowserPage.open("demo teacher", links.teacher()));
        teacher.await("the teacher live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();
        BrowserPage classroom = keep(BrowserPage.open("demo classroom", links.classroom()));
        classroom.await("the teacher's video in the classroom", GUARD, p -> p.framesDecodedFrom(teacherId) > 0);
        String classroomId = classroom.participantId();
        teacher.await("the classroom's video at the teacher", GUARD, p -> p.framesDecodedFrom(classroomId) > 0);
    }
}
