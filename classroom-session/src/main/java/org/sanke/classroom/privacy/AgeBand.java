package org.sanke.classroom.privacy;

import java.util.Locale;
import java.util.Optional;

/** What the law asks of a learner's age (S33): an adult, a minor, or a minor under 14 (whose data and image need a
 * guardian's consent). */
public enum AgeBand {
    ADULT, MINOR, UNDER_14;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgeBand> fromWireName(String name) {
        for (AgeBand band : values()) {
            if (band.wireName().equals(name)) {
                return Optional.of(band);
            }
        }
        return Optional.empty();
    }

    public boolean minor() {
        return this != ADULT;
    }
}
