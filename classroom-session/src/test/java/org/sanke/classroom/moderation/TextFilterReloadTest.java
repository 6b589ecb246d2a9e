package org.sanke.classroom.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S13: an operator's lexicon file is followed while the server runs; a broken version never replaces a good one. */
class TextFilterReloadTest {
    @TempDir
    Path dir;

    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aChangedFileTakesEffectAndABrokenOneKeepsThePreviousLexicon() throws Exception {
        Path file = write("白痴\n");
        try (TextFilter filter = TextFilter.fromFile(file, TextPolicy.BLOCK)) {
            assertThat(outcome(filter, "白痴")).isEqualTo(Screening.Outcome.BLOCKED);
            assertThat(outcome(filter, "笨蛋")).isEqualTo(Screening.Outcome.PASSED);
            assertThat(filter.reloadIfChanged()).as("nothing changed").isFalse();

            write("# now another word\n笨蛋\n");
            assertThat(filter.reloadIfChanged()).isTrue();
            assertThat(outcome(filter, "笨蛋")).isEqualTo(Screening.Outcome.BLOCKED);
            assertThat(outcome(filter, "白痴")).isEqualTo(Screening.Outcome.PASSED);

            Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}); // not UTF-8
            touch(file);
            assertThat(filter.reloadIfChanged()).isFalse();
            assertThat(outcome(filter, "笨蛋")).as("the last good lexicon stays").isEqualTo(Screening.Outcome.BLOCKED);
            assertThat(filter.reloadIfChanged()).as("a broken version is looked at once").isFalse();

            Files.delete(file);
            assertThat(filter.reloadIfChanged()).isFalse();
            assertThat(outcome(filter, "笨蛋")).as("a missing file keeps it too").isEqualTo(Screening.Outcome.BLOCKED);

            write("混蛋\n");
            assertThat(filter.reloadIfChanged()).as("a file put back is read").isTrue();
            assertThat(outcome(filter, "混蛋")).isEqualTo(Screening.Outcome.BLOCKED);
            assertThat(filter.words()).isEqualTo(1);
        }
    }

    @Test
    void theTimerFollowsTheFileUntilClosed() throws Exception {
        Path file = write("白痴\n");
        TextFilter filter = TextFilter.fromFile(file, TextPolicy.MASK).watchEvery(Duration.ofMillis(20));
        try {
            write("笨蛋\nidiot\n");
            awaitOutcome(filter, "笨蛋", Screening.Outcome.MASKED);
            assertThat(filter.screen("你是笨蛋").text()).isEqualTo("你是＊＊");
        } finally {
            filter.close();
        }
        write("混蛋\n");
        Thread.sleep(200);
        assertThat(outcome(filter, "混蛋")).as("closed: no longer followed").isEqualTo(Screening.Outcome.PASSED);
    }

    @Test
    void aBrokenFileFailsTheStart() throws Exception {
        Path file = write("ok\n" + "长".repeat(Lexicon.MAX_WORD_LENGTH + 1) + "\n");
        assertThatThrownBy(() -> TextFilter.fromFile(file, TextPolicy.BLOCK)).isInstanceOf(Lexicon.Invalid.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> TextFilter.fromFile(dir.resolve("missing.txt"), TextPolicy.BLOCK))
                .isInstanceOf(Lexicon.Invalid.class);
    }

    private static Screening.Outcome outcome(TextFilter filter, String text) {
        return filter.screen(text).outcome();
    }

    private static void awaitOutcome(TextFilter filter, String text, Screening.Outcome expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (outcome(filter, text) != expected) {
            assertThat(System.nanoTime()).as("the timer reloaded the file").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Writes the lexicon with a later modification time than before (file systems may keep coarse times). */
    private Path write(String text) throws Exception {
        Path file = dir.resolve("lexicon.txt");
        Files.writeString(file, text);
        touch(file);
        return file;
    }

    private void touch(Path file) throws Exception {
        clock = clock.plusSeconds(10);
        Files.setLastModifiedTime(file, FileTime.from(clock));
    }
}
