package org.sanke.classroom.replay;

import java.util.Locale;
import java.util.Optional;

/**
 * A point to jump to in a replay: where a screen share began or a classroom came on stage.
 *
 * @param offsetMillis from the replay's start
 * @param label        what the viewer reads, e.g. the classroom's name
 */
public record ReplayChapter(long offsetMillis, Kind kind, String label) {
    public static final int MAX_LABEL_LENGTH = 100;

    public enum Kind {
        SCREEN_SHARE, ON_STAGE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> fromWireName(String name) {
            for (Kind k : values()) {
                if (k.wireName().equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public ReplayChapter {
        if (offsetMillis < 0) {
            throw new IllegalArgumentException("a chapter cannot start before the replay");
        }
        if (kind == null) {
            throw new IllegalArgumentException("a chapter needs its kind");
        }
        if (label == null || label.isBlank() || label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("a chapter's label must be 1 to " + MAX_LABEL_LENGTH + " characters");
        }
    }
}
