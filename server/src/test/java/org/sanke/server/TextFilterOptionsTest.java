package org.sanke.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.classroom.moderation.TextPolicy;
import org.sanke.signaling.SignalingConfig;

/** S13's options: the operator's lexicon file and the policy; a broken file stops the start naming the option. */
class TextFilterOptionsTest {
    @TempDir
    Path dir;

    @Test
    void theBundledListBlocksByDefaultAndFlagsWinOverTheEnvironment() {
        assertThat(SankeOptions.parse(new String[0], Map.of()).textFilter())
                .isEqualTo(SignalingConfig.TextFilterSettings.DEFAULT);
        SankeOptions o = SankeOptions.parse(new String[] {"--lexicon-file", "/etc/sanke/words.txt",
                "--text-filter=MASK"}, Map.of("SANKE_LEXICON_FILE", "/elsewhere", "SANKE_TEXT_FILTER", "block"));
        assertThat(o.textFilter()).isEqualTo(new SignalingConfig.TextFilterSettings(Path.of("/etc/sanke/words.txt"),
                TextPolicy.MASK));
        assertThat(o.withTransport(o.transport()).textFilter()).isEqualTo(o.textFilter());
        assertThat(SankeOptions.parse(new String[0], Map.of("SANKE_TEXT_FILTER", "mask")).textFilter().policy())
                .isEqualTo(TextPolicy.MASK);
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--text-filter=hide"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--text-filter");
    }

    @Test
    void aBrokenLexiconFileStopsTheStartNamingTheOption() throws Exception {
        Path file = dir.resolve("words.txt");
        Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE, 'x'});
        SankeOptions options = new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, false,
                "jdbc:h2:mem:lexicon" + System.nanoTime(), "sa", "")
                .withTextFilter(new SignalingConfig.TextFilterSettings(file, TextPolicy.BLOCK));
        assertThatThrownBy(() -> SankeServer.start(options)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--lexicon-file").hasMessageContaining("UTF-8");
    }
}
