package org.sanke.classroom.sanction;

import java.time.Instant;

/**
 * One measure taken against a person or a classroom, by safety staff, with the reason; in force from {@code at}
 * until {@code until} (null: until lifted) unless lifted.
 *
 * @param subject a person's id ({@link Subject#PERSON}) or a classroom's ({@link Subject#CLASSROOM})
 */
public record Sanction(String id, Subject kind, String subject, Measure measure, String reason, String decidedBy,
                       Instant at, Instant until, String liftedBy, Instant liftedAt) {
    public enum Subject { PERSON, CLASSROOM }

    /** From the mildest: a warning on record, limited functions, a suspension, the blacklist. */
    public enum Measure {
        /** On record, nothing enforced: the next step is graver. */
        WARN,
        /** Joins and watches, but publishes nothing, writes nothing and raises no hand. */
        LIMIT,
        /** Kept out of every lesson, for a time or until lifted; logged out everywhere. */
        SUSPEND,
        /** Kept out of every lesson until lifted: a person, or a classroom's terminal. */
        BLACKLIST;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Measure> fromWireName(String name) {
            for (Measure m : values()) {
                if (m.wireName().equals(name)) {
                    return java.util.Optional.of(m);
                }
            }
            return java.util.Optional.empty();
        }

        /** Whether it keeps its subject out of lessons. */
        public boolean keepsOut() {
            return this == SUSPEND || this == BLACKLIST;
        }
    }

    public Sanction {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("a measure needs its reason, 1 to 500 characters");
        }
    }

    /** Whether it is in force at {@code now}: not lifted, and not past its end. */
    public boolean inForce(Instant now) {
        return liftedAt == null && (until == null || now.isBefore(until));
    }

    public Sanction lifted(String by, Instant when) {
        return new Sanction(id, kind, subject, measure, reason, decidedBy, at, until, by, when);
    }
}
