package org.sanke.signaling.pictures;

import java.util.Locale;
import java.util.Optional;

/**
 * A checker's answer about one picture.
 *
 * @param action what the server does
 * @param reason why, for staff and (on a cut-off) the publisher; at most 200 characters
 */
public record Verdict(Action action, String reason) {
    public enum Action {
        /** Nothing seen. */
        PASS,
        /** A report for safety staff, with the picture. */
        FLAG,
        /** The stream is cut off at once (until staff lift it) and staff get the report. */
        CUT_OFF;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Action> fromWireName(String name) {
            for (Action a : values()) {
                if (a.wireName().equals(name)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    public Verdict {
        if (action == null) {
            throw new IllegalArgumentException("a verdict needs an action");
        }
        reason = reason == null || reason.isBlank() ? null
                : reason.length() > 200 ? reason.substring(0, 200) : reason;
    }

    public static final Verdict PASS = new Verdict(Action.PASS, null);
}
