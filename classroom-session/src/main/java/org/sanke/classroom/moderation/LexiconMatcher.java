package org.sanke.classroom.moderation;

import com.github.houbb.sensitive.word.api.IWordResult;
import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.allow.WordAllows;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import com.github.houbb.sensitive.word.support.tag.WordTags;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One lexicon, ready to match: immutable once built, so lesson threads share it while a reload builds the next.
 *
 * <p>The library's repeat folding ("白白痴" hits "白痴") compares each character with the one before, so a word that
 * itself has a doubled character ("ass", "kill") would never hit with it on: such words get a second matcher
 * without repeat folding. Both have every other normalisation.
 */
final class LexiconMatcher {
    /** A hit: the characters [start, end) of the text. */
    record Span(int start, int end) {
    }

    private final SensitiveWordBs folding;
    private final SensitiveWordBs exact;
    private final int words;

    private LexiconMatcher(SensitiveWordBs folding, SensitiveWordBs exact, int words) {
        this.folding = folding;
        this.exact = exact;
        this.words = words;
    }

    static LexiconMatcher of(Lexicon lexicon) {
        List<String> folded = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        for (String word : lexicon.words()) {
            (hasDoubledCharacter(word) ? doubled : folded).add(word);
        }
        return new LexiconMatcher(folded.isEmpty() ? null : engine(folded, true),
                doubled.isEmpty() ? null : engine(doubled, false), lexicon.size());
    }

    private static SensitiveWordBs engine(List<String> words, boolean foldRepeats) {
        List<String> copy = List.copyOf(words);
        return SensitiveWordBs.newInstance()
                .wordDeny(() -> new ArrayList<>(copy))
                .wordAllow(WordAllows.empty())
                .wordTag(WordTags.none())
                .ignoreCase(true)
                .ignoreWidth(true)
                .ignoreNumStyle(true)
                .ignoreChineseStyle(true)
                .ignoreEnglishStyle(true)
                .ignoreRepeat(foldRepeats)
                // words only: numbers, e-mail and web addresses are not what this filter is for
                .enableWordCheck(true)
                .enableNumCheck(false)
                .enableEmailCheck(false)
                .enableUrlCheck(false)
                .enableIpv4Check(false)
                .charIgnore(Separators.INSTANCE)
                .wordResultCondition(LatinWordBoundary.INSTANCE)
                .init();
    }

    /** Roughly as the library will compare it (width and case folded): does a character follow itself? */
    private static boolean hasDoubledCharacter(String word) {
        String folded = Normalizer.normalize(word, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        for (int i = 1; i < folded.length(); i++) {
            if (folded.charAt(i) == folded.charAt(i - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every hit in the text, by both matchers, a clause at a time: no hit spans a clause mark, and the library's
     * work (and garbage) grows with the square of the length it is given. Thread-safe.
     */
    List<Span> find(String text) {
        List<Span> spans = new ArrayList<>(0);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || Separators.isClauseMark(text.charAt(i))) {
                if (i > start) {
                    String clause = start == 0 && i == text.length() ? text : text.substring(start, i);
                    collect(folding, clause, start, spans);
                    collect(exact, clause, start, spans);
                }
                start = i + 1;
            }
        }
        return spans;
    }

    private static void collect(SensitiveWordBs engine, String clause, int offset, List<Span> into) {
        if (engine == null) {
            return;
        }
        for (IWordResult result : engine.findAll(clause, WordResultHandlers.raw())) {
            into.add(new Span(offset + result.startIndex(), offset + result.endIndex()));
        }
    }

    int words() {
        return words;
    }
}
