package org.sanke.classroom.moderation;

import com.github.houbb.sensitive.word.api.IWordContext;
import com.github.houbb.sensitive.word.api.IWordResult;
import com.github.houbb.sensitive.word.api.IWordResultCondition;
import com.github.houbb.sensitive.word.constant.enums.WordValidModeEnum;

/**
 * A Latin-letter word (English, pinyin) hits only as a whole word: "ass" not in "class", "hundan" not in "xhundan".
 * Chinese has no spaces between words, so a Chinese word hits wherever it stands, next to Latin letters too. The
 * library's own whole-word condition also refuses a Chinese word after a Latin letter ("abc傻逼"), hence this one.
 */
final class LatinWordBoundary implements IWordResultCondition {
    static final LatinWordBoundary INSTANCE = new LatinWordBoundary();

    private LatinWordBoundary() {
    }

    @Override
    public boolean match(IWordResult result, String text, WordValidModeEnum mode, IWordContext context) {
        int start = result.startIndex();
        int end = result.endIndex();
        if (start > 0 && isLatinLetter(text.charAt(start)) && isLatinLetter(text.charAt(start - 1))) {
            return false;
        }
        return end >= text.length() || !isLatinLetter(text.charAt(end - 1)) || !isLatinLetter(text.charAt(end));
    }

    /** Full-width Latin letters (ｓｈａｂｉ) are Latin too. */
    private static boolean isLatinLetter(char c) {
        return Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }
}
