package org.sanke.classroom.moderation;

import com.github.houbb.sensitive.word.api.ISensitiveWordCharIgnore;
import com.github.houbb.sensitive.word.api.context.InnerSensitiveWordContext;

/**
 * The characters put between the characters of a word to slip it past a filter ("白 痴", "i.d.i.o.t", "傻*逼",
 * zero-width spaces): skipped inside a match. Clause marks (，。、；：？！ and , ; : ? !) are not: they end a clause, and
 * skipping them would join the end of one clause to the start of the next into a false hit.
 */
final class Separators implements ISensitiveWordCharIgnore {
    static final Separators INSTANCE = new Separators();
    private static final String CLAUSE_MARKS = ",;:?!，；：？！。、";

    private Separators() {
    }

    @Override
    public boolean ignore(int index, char[] chars, InnerSensitiveWordContext context) {
        return isSeparator(chars[index]);
    }

    static boolean isSeparator(char c) {
        if (Character.isLetterOrDigit(c)) {
            return false; // most characters, decided first
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return true;
        }
        if (isClauseMark(c)) {
            return false;
        }
        // Circled and bracketed letters and numbers (ⓘ, ①, ㊀) are symbols to Unicode but letters to the matcher.
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        if (block == Character.UnicodeBlock.ENCLOSED_ALPHANUMERICS
                || block == Character.UnicodeBlock.ENCLOSED_CJK_LETTERS_AND_MONTHS) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.OTHER_PUNCTUATION,
                 Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                 Character.OTHER_SYMBOL, Character.FORMAT -> true;
            default -> false;
        };
    }

    /** A mark that ends a clause: never skipped, so no hit spans one, and texts are matched a clause at a time. */
    static boolean isClauseMark(char c) {
        return CLAUSE_MARKS.indexOf(c) >= 0;
    }

    /** A lexicon word as the matcher compares it: separators are skipped in texts, so they go from words too. */
    static String strip(String word) {
        StringBuilder kept = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!isSeparator(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
