package org.sanke.media.sfu;

/** What became of one sequence number a subscriber NACKed; each is a label of the retransmissions metric. */
enum RetransmissionOutcome {
    /** Resent from the producer's cache. */
    SENT("sent"),
    /** Resent less than one round trip ago: the copy is still on its way. */
    DUPLICATE("duplicate"),
    /** The consumer's retransmission budget for the window is spent. */
    OVER_BUDGET("over_budget"),
    /** Not in the cache (never received, overwritten, too old, or audio, which keeps none). */
    NOT_CACHED("not_cached");

    final String label;

    RetransmissionOutcome(String label) {
        this.label = label;
    }

    static final RetransmissionOutcome[] ALL = values();
}
