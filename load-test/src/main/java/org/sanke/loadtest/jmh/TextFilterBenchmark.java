package org.sanke.loadtest.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sanke.classroom.moderation.Lexicon;
import org.sanke.classroom.moderation.Screening;
import org.sanke.classroom.moderation.TextFilter;
import org.sanke.classroom.moderation.TextPolicy;

/**
 * What the text filter (S13) costs per chat message, on the lesson's loop: {@link TextFilter#screen} of typical
 * messages against the bundled list and against a 10,000-word list like an operator's; and what building a
 * 10,000-word matcher costs (a reload, on the filter's own thread). Run as docs/benchmarks.md says.
 */
@Fork(2)
public class TextFilterBenchmark {
    private static final String SHORT_ZH = "老师，我没听清楚，能再说一遍吗？";
    private static final String SHORT_EN = "Please open your books to page 30, and read the first passage.";
    private static final String HIT = "你这个白 . 痴，快滾蛋";
    /** The longest a message may be (500 characters): a lesson's paragraph, repeated. */
    private static final String LONG = ("同学们好，今天我们学习分数的加法。请大家打开课本第三十二页，看第二题。"
            + "The class will read the passage together, then answer three questions. ").repeat(6).substring(0, 500);
    private static final int LARGE = 10_000;

    /** One message against one lexicon. */
    @State(Scope.Thread)
    public static class Message {
        @Param({"bundled", "10k"})
        String lexicon;

        @Param({"short_zh", "short_en", "hit", "long_500"})
        String message;

        TextFilter filter;
        String text;

        @Setup
        public void setUp() {
            filter = TextFilter.fixed(lexicon.equals("bundled") ? Lexicon.bundled() : synthetic(LARGE),
                    TextPolicy.MASK);
            text = switch (message) {
                case "short_zh" -> SHORT_ZH;
                case "short_en" -> SHORT_EN;
                case "hit" -> HIT;
                case "long_500" -> LONG;
                default -> throw new IllegalArgumentException(message);
            };
            // Each message must take the path it stands for, else the numbers measure something else.
            boolean clean = filter.screen(text) instanceof Screening.Passed;
            if (clean == message.equals("hit")) {
                throw new IllegalStateException(message + " against " + lexicon + ": " + filter.screen(text));
            }
        }
    }

    /** An operator's list of 10,000 words. */
    @State(Scope.Benchmark)
    public static class LargeLexicon {
        Lexicon lexicon = synthetic(LARGE);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Screening screen(Message m) {
        return m.filter.screen(m.text);
    }

    /** A reload of an operator's 10,000-word list: the matcher built anew, on the filter's own thread. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public TextFilter build10k(LargeLexicon large) {
        return TextFilter.fixed(large.lexicon, TextPolicy.MASK);
    }

    /**
     * The bundled words, then words of 2 to 4 characters whose first character is one ordinary lesson text is full
     * of (so that the matcher often starts a word and has to give up, as with a real list), and a fifth Latin words
     * of 4 to 8 letters; seeded.
     */
    static Lexicon synthetic(int size) {
        Random random = new Random(13);
        String common = "老师我们的你是不了一这有他个说在学课同题看请大家好今天";
        List<String> words = new ArrayList<>(Lexicon.bundled().words());
        while (words.size() < size) {
            StringBuilder word = new StringBuilder();
            if (random.nextInt(5) == 0) {
                int length = 4 + random.nextInt(5);
                for (int i = 0; i < length; i++) {
                    word.append((char) ('a' + random.nextInt(26)));
                }
            } else {
                word.append(common.charAt(random.nextInt(common.length())));
                int length = 1 + random.nextInt(3);
                for (int i = 0; i < length; i++) {
                    // rare characters (CJK extension A) after the first: a start, then a give-up, never a hit
                    word.append((char) (0x3400 + random.nextInt(0x4DB5 - 0x3400)));
                }
            }
            words.add(word.toString());
        }
        return new Lexicon(words);
    }
}
