package org.sanke.media.sfu;

/**
 * How many sequence numbers one incoming stream may NACK: a token bucket of {@link #BURST} that refills at
 * {@link #PER_SECOND}, so that however much a publisher loses, what we ask of it stays a trickle (the publisher
 * answers each number with a whole packet, on the uplink that is already losing). Allocation-free; owned by the
 * producer's loop.
 */
final class NackRateLimit {
    static final int PER_SECOND = 200;
    static final int BURST = 100;
    private static final long NANOS_PER_TOKEN = 1_000_000_000L / PER_SECOND;
    private static final long FULL = BURST * NANOS_PER_TOKEN;

    /** Tokens, as the time it takes to earn them. */
    private long credit = FULL;
    private long refilledAt = Long.MIN_VALUE;

    /** Takes one token and returns true, or returns false when none is left. */
    boolean tryTake(long now) {
        if (refilledAt != Long.MIN_VALUE && now > refilledAt) {
            credit = Math.min(FULL, credit + (now - refilledAt));
        }
        refilledAt = Math.max(now, refilledAt);
        if (credit < NANOS_PER_TOKEN) {
            return false;
        }
        credit -= NANOS_PER_TOKEN;
        return true;
    }
}
