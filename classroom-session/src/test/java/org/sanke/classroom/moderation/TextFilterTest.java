package org.sanke.classroom.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S13: the evasion corpus. Each text hides a word of the corpus lexicon the way people do (full-width letters,
 * traditional characters, separators between characters, mixed case, pinyin, repeats, letter styles) and must hit;
 * ordinary lesson sentences, some of them sharing characters or letters with a word, must pass untouched.
 */
class TextFilterTest {
    private static final Lexicon CORPUS = corpusLexicon();
    private static final TextFilter BLOCKING = TextFilter.fixed(CORPUS, TextPolicy.BLOCK);
    private static final TextFilter MASKING = TextFilter.fixed(CORPUS, TextPolicy.MASK);

    @ParameterizedTest
    @ValueSource(strings = {
            // as listed
            "你真是个傻逼", "白痴", "go away, idiot",
            // full-width forms
            "ＩＤＩＯＴ", "ｓｈａｂｉ", "你是ｉｄｉｏｔ吗", "Ｓ Ｈ Ａ Ｂ Ｉ",
            // traditional characters for a simplified word
            "滾蛋", "白癡", "你這個混蛋",
            // separators between the characters
            "白 痴", "白.痴", "白-痴", "白_痴", "白*痴", "白·痴", "白　痴", "白\u200B痴", "白 . 痴", "傻/逼", "傻~逼",
            "傻 ＊ 逼", "滾.蛋", "i.d.i.o.t", "i d i o t", "s-h-a-b-i", "a.s.s", "a s s",
            // mixed case
            "IdIoT", "SHABI", "HunDan", "You ASS!",
            // pinyin entries, written every way
            "shabi", "sha bi", "hundan", "hun-dan", "你个shabi",
            // repeats and letter styles
            "傻傻逼", "白白痴痴", "iiidiot", "ⓘⓓⓘⓞⓣ",
            // a Chinese word right after Latin letters still hits
            "abc傻逼",
    })
    void anEvasionStillHits(String text) {
        Screening verdict = BLOCKING.screen(text);
        assertThat(verdict).as(text).isInstanceOf(Screening.Blocked.class);
        assertThat(verdict.hits()).as(text).isNotEmpty();
        assertThat(verdict.text()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "同学们好，今天我们学习分数的加法。",
            "请大家打开课本第三十二页，看第二题。",
            "老师，我没听清楚，能再说一遍吗？",
            "白天和黑夜是怎么形成的？",
            "我们滚动一下屏幕，看看下面的图。",
            "鸡蛋和鸭蛋哪个大？",
            "混合运算要先算乘除，再算加减。",
            "李白的诗《静夜思》很有名。",
            // a clause mark is not a separator: the end of one clause and the start of the next make no word
            "他最喜欢李白，痴迷于唐诗。",
            "今天学习 idiom 这个词。",
            "Please open your books to page 30.",
            "The class will read the passage about glass and grass.",
            "Hello everyone, let's start the assignment.",
            "An idiom is a phrase whose meaning is not literal.",
            "Is this a bass or a bassoon?",
            "Yes, as said before, it was so nice.",
            "This costs 5 yuan, as stated at the gas station.",
            "Shabina and Hundane are characters in the story.",
    })
    void anOrdinarySentencePassesUntouched(String text) {
        Screening verdict = MASKING.screen(text);
        assertThat(verdict).as(text).isEqualTo(new Screening.Passed(text));
    }

    @Test
    void maskingReplacesTheHitWithItsSeparatorsAndKeepsTheRest() {
        assertThat(MASKING.screen("你这个滾蛋！")).isEqualTo(new Screening.Masked("你这个＊＊！", List.of("滾蛋")));
        assertThat(MASKING.screen("说 白 . 痴 的人").text()).isEqualTo("说 ＊＊＊＊＊ 的人");
        assertThat(MASKING.screen("You ASS!").text()).isEqualTo("You ＊＊＊!");
        Screening two = MASKING.screen("傻逼和白痴");
        assertThat(two.text()).isEqualTo("＊＊和＊＊");
        assertThat(two.hits()).containsExactlyInAnyOrder("傻逼", "白痴");
        // texts are matched a clause at a time: hits in later clauses land where they stand
        assertThat(MASKING.screen("好的，你好；idiot! 白-痴？no").text()).isEqualTo("好的，你好；＊＊＊＊＊! ＊＊＊？no");
        assertThat(two.outcome()).isEqualTo(Screening.Outcome.MASKED);
    }

    @Test
    void theBundledLexiconBlocksItsPlaceholders() {
        TextFilter bundled = TextFilter.fixed(Lexicon.bundled(), TextPolicy.BLOCK);
        assertThat(bundled.words()).isGreaterThan(5);
        assertThat(bundled.screen("你是笨.蛋").outcome()).isEqualTo(Screening.Outcome.BLOCKED);
        assertThat(bundled.screen("Good morning, class!").outcome()).isEqualTo(Screening.Outcome.PASSED);
    }

    @Test
    void anEmptyLexiconPassesEverything() {
        TextFilter empty = TextFilter.fixed(new Lexicon(List.of()), TextPolicy.BLOCK);
        assertThat(empty.screen("白痴").outcome()).isEqualTo(Screening.Outcome.PASSED);
    }

    /** Lesson loops screen at the same time: the same verdicts as one thread gets. */
    @Test
    void manyThreadsGetTheSameVerdicts() throws Exception {
        List<String> texts = List.of("白 . 痴", "Hello, class", "滾蛋", "a.s.s", "今天学习分数", "ｓｈａｂｉ");
        List<Screening> expected = texts.stream().map(MASKING::screen).toList();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int k = i % texts.size();
                        if (!MASKING.screen(texts.get(k)).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    static Lexicon corpusLexicon() {
        try (InputStream in = TextFilterTest.class.getResourceAsStream("corpus-lexicon.txt")) {
            return Lexicon.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "corpus-lexicon.txt");
        } catch (IOException | Lexicon.Invalid e) {
            throw new IllegalStateException(e);
        }
    }
}
