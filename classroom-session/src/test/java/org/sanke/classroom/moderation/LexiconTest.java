package org.sanke.classroom.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S13: what a lexicon file may hold, and which files are refused (so that a reload keeps the lexicon in force). */
class LexiconTest {
    @TempDir
    Path dir;

    @Test
    void commentsBlankLinesAndRepeatsAreSkippedAndSeparatorsDropped() throws Exception {
        Lexicon lexicon = Lexicon.parse("""
                # a comment
                白痴

                  sha bi\t
                白痴
                \uFEFFhun-dan
                """, "test");
        assertThat(lexicon.words()).containsExactly("白痴", "shabi", "hundan");
    }

    @Test
    void aBadLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> Lexicon.parse("白痴\n" + "x".repeat(Lexicon.MAX_WORD_LENGTH + 1), "f.txt"))
                .isInstanceOf(Lexicon.Invalid.class).hasMessageContaining("f.txt line 2");
        assertThatThrownBy(() -> Lexicon.parse("ok\n\n. . .", "f.txt"))
                .isInstanceOf(Lexicon.Invalid.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> Lexicon.parse("bad\u0007word", "f.txt"))
                .isInstanceOf(Lexicon.Invalid.class).hasMessageContaining("control");
        assertThatThrownBy(() -> Lexicon.parse("白痴\n笨，蛋", "f.txt"))
                .isInstanceOf(Lexicon.Invalid.class).hasMessageContaining("line 2: a clause mark");
    }

    @Test
    void aFileNotInUtf8OrMissingIsRefused() throws Exception {
        Path gbk = dir.resolve("gbk.txt");
        Files.write(gbk, "白痴\n".getBytes("GBK"));
        assertThatThrownBy(() -> Lexicon.read(gbk)).isInstanceOf(Lexicon.Invalid.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> Lexicon.read(dir.resolve("none.txt"))).isInstanceOf(Lexicon.Invalid.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aFileIsReadAsUtf8() throws Exception {
        Path file = dir.resolve("words.txt");
        Files.writeString(file, "# words\n白痴\r\nidiot\r\n");
        assertThat(Lexicon.read(file)).isEqualTo(new Lexicon(List.of("白痴", "idiot")));
    }
}
