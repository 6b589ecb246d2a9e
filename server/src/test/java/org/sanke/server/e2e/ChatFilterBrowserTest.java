package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.classroom.moderation.TextPolicy;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;
import org.sanke.signaling.SignalingConfig;

/**
 * S13 in Chromium: a chat message with a lexicon word, from the classroom's page or typed
 * into the teacher's, never reaches the other page; its writer's page says why; a clean message sent after it
 * arrives. The blocked one went first on the same connection, so had it been sent on, it would have arrived first.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ChatFilterBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aFilteredChatMessageNeverReachesAnyoneElse() throws Exception {
        RequiredTool.requireChromium();
        Path lexicon = dir.resolve("lexicon.txt");
        Files.writeString(lexicon, "白痴\nidiot\n");
        server = SankeServer.start(TestLessons.onLoopback("chat-filter")
                .withTextFilter(new SignalingConfig.TextFilterSettings(lexicon, TextPolicy.BLOCK)));
        String lessonId = TestLessons.create(server, "{\"title\":\"Filtered chat\",\"maxClassrooms\":1}");
        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lessonId + "&name=Ms%20Wang");
        BrowserPage classroom = open("classroom", "/classroom.html?lesson=" + lessonId + "&name=Village");
        teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
        classroom.await("the classroom to be live", GUARD, p -> "live".equals(p.state()));

        // The classroom's page sends a blocked message, then a clean one.
        assertThat(classroom.script("return window.sanke.chat('老师是白 . 痴').then(() => 'sent', e => e.code)"))
                .isEqualTo("message_blocked");
        assertThat(classroom.script("return window.sanke.chat('Village is ready').then(() => 'sent', e => e.code)"))
                .isEqualTo("sent");
        teacher.await("the clean message", GUARD, p -> String.valueOf(p.text("#chat")).contains("Village is ready"));
        assertThat(teacher.text("#chat")).doesNotContain("白").doesNotContain("痴");
        assertThat(chatEvents(teacher)).as("one chat reached the teacher").isEqualTo(1);

        // The teacher types one into her chat: her page explains, in Chinese, that nobody else saw it.
        teacher.type("#chat-form input[name=text]", "You IDIOT\n");
        teacher.await("the notice on the teacher's page", GUARD,
                p -> String.valueOf(p.text("#chat")).contains("没有发出"));
        assertThat(teacher.text("#chat")).doesNotContain("IDIOT");
        teacher.type("#chat-form input[name=text]", "Good morning, Village\n");
        classroom.await("the teacher's clean message", GUARD, p -> chatEvents(p) == 2);
        Thread.sleep(500);
        assertThat(chatEvents(classroom)).as("its own message and the teacher's clean one, nothing else")
                .isEqualTo(2);
    }

    private static long chatEvents(BrowserPage page) {
        return page.events().stream().filter(e -> "chat".equals(e.get("type"))).count();
    }
}
