package org.sanke.classroom.moderation;

import java.util.List;

/** What the filter made of one text: the caller shows {@link #text()} (unless blocked) and counts the outcome. */
public sealed interface Screening {
    enum Outcome { PASSED, MASKED, BLOCKED }

    Outcome outcome();

    /** What may be shown: the text as written, or masked; null when blocked. */
    String text();

    /** The passages that hit a lexicon word, as written (separators included); empty when passed. */
    List<String> hits();

    record Passed(String text) implements Screening {
        @Override
        public Outcome outcome() {
            return Outcome.PASSED;
        }

        @Override
        public List<String> hits() {
            return List.of();
        }
    }

    record Masked(String text, List<String> hits) implements Screening {
        public Masked {
            hits = List.copyOf(hits);
        }

        @Override
        public Outcome outcome() {
            return Outcome.MASKED;
        }
    }

    record Blocked(List<String> hits) implements Screening {
        public Blocked {
            hits = List.copyOf(hits);
        }

        @Override
        public Outcome outcome() {
            return Outcome.BLOCKED;
        }

        @Override
        public String text() {
            return null;
        }
    }
}
