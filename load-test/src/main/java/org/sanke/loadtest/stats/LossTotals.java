package org.sanke.loadtest.stats;

/** Packets a receiver expected from sequence numbers, and how many of them never came, since it started. */
public record LossTotals(long lost, long expected) {
    public static final LossTotals NONE = new LossTotals(0, 0);

    /** What happened between {@code earlier} and this reading of the same receiver. */
    public LossTotals since(LossTotals earlier) {
        return new LossTotals(lost - earlier.lost, expected - earlier.expected);
    }

    public LossTotals plus(LossTotals other) {
        return new LossTotals(lost + other.lost, expected + other.expected);
    }

    /** Percent of expected packets lost; 0 when none were expected. */
    public double percent() {
        return expected <= 0 ? 0 : Math.max(0, 100.0 * lost / expected);
    }
}
