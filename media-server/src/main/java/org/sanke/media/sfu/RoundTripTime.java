package org.sanke.media.sfu;

/**
 * What the server assumes about a peer's round trip until it has measured one, and the bounds on what a
 * measurement may say, so that a lying or odd report cannot make retransmission timing absurd.
 */
final class RoundTripTime {
    static final long DEFAULT_NANOS = 100_000_000L;
    static final long MIN_NANOS = 20_000_000L;
    static final long MAX_NANOS = 500_000_000L;

    private RoundTripTime() {
    }

    static long bounded(long nanos) {
        return Math.clamp(nanos, MIN_NANOS, MAX_NANOS);
    }
}
