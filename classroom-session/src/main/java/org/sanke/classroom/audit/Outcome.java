package org.sanke.classroom.audit;

import java.util.Locale;
import java.util.Optional;

/** Whether what an audit entry records succeeded or was refused (S22). */
public enum Outcome {
    SUCCESS, FAILURE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Outcome> fromWireName(String name) {
        for (Outcome o : values()) {
            if (o.wireName().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
