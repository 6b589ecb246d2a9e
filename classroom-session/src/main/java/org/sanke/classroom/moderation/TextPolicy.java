package org.sanke.classroom.moderation;

import java.util.Locale;
import java.util.Optional;

/** What happens to a text with a lexicon word in it. */
public enum TextPolicy {
    /** Nobody sees it; the writer is told. */
    BLOCK,
    /** Everyone sees it with the words hit replaced by ＊. */
    MASK;

    /** The option's spelling: "block" or "mask". */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TextPolicy> fromOptionName(String name) {
        for (TextPolicy policy : values()) {
            if (policy.optionName().equalsIgnoreCase(name.trim())) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
