package org.sanke.classroom.privacy;

import java.time.Instant;

/**
 * A request to delete a person's data (S39), from the person or a guardian, and what became of it. A refusal always
 * carries its reason, which the requester reads.
 *
 * @param requestedBy who asked (the person, or a guardian)
 * @param decidedBy   who decided, or null while pending
 * @param reason      why it was refused, or a note on carrying it out; null while pending
 */
public record DataRequest(String id, String personId, String requestedBy, Instant requestedAt, State state,
                          String decidedBy, Instant decidedAt, String reason) {
    public enum State {
        PENDING, CARRIED_OUT, REFUSED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    DataRequest decided(State outcome, String by, Instant at, String why) {
        return new DataRequest(id, personId, requestedBy, requestedAt, outcome, by, at, why);
    }
}
