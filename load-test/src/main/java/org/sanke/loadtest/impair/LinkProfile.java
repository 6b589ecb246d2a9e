package org.sanke.loadtest.impair;

import java.time.Duration;
import java.util.Objects;

/**
 * What one direction of a link does to the packets that cross it.
 *
 * @param name              shown in reports and logs
 * @param loss              share of packets lost, 0 to 1
 * @param meanBurstLength   1 for independent losses; above 1, losses come in bursts of this mean length (a two-state
 *                          Gilbert model whose long-run loss share is still {@code loss})
 * @param delay             one-way delay added to every packet
 * @param jitter            spread of the delay: the half-width for {@link JitterShape#UNIFORM}, the standard deviation
 *                          for {@link JitterShape#NORMAL}; the delay never goes below zero
 * @param jitterShape       how the delay is spread
 * @param reorderAllowed    false keeps packets in order whatever the jitter (a packet never overtakes an earlier
 *                          one, it waits for it), as most WebRTC paths do
 * @param rateBitsPerSecond the link's capacity in payload bits per second (IP and UDP headers not counted); 0 for none
 * @param queueLimitBytes   with a capacity, the bytes that may wait for it; a packet that does not fit is dropped
 *                          (tail drop, like {@code tbf}); ignored without a capacity
 */
public record LinkProfile(String name, double loss, double meanBurstLength, Duration delay, Duration jitter,
                          JitterShape jitterShape, boolean reorderAllowed, long rateBitsPerSecond,
                          long queueLimitBytes) {
    /** A queue always holds at least one full-size packet, or a capped link would pass nothing. */
    public static final long MIN_QUEUE_BYTES = 1500;
    /** How long a capped link's queue lets a packet wait when a preset does not say otherwise. */
    public static final Duration DEFAULT_QUEUE_TIME = Duration.ofMillis(100);

    public LinkProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(jitterShape, "jitterShape");
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss must be from 0 to 1: " + loss);
        }
        if (!(meanBurstLength >= 1)) {
            throw new IllegalArgumentException("meanBurstLength must be at least 1: " + meanBurstLength);
        }
        // the Gilbert model cannot reach a loss share above L/(L+1): it would have to enter a burst more than always
        if (meanBurstLength > 1 && loss < 1 && loss > meanBurstLength / (meanBurstLength + 1)) {
            throw new IllegalArgumentException("loss " + loss + " is too high for bursts of " + meanBurstLength);
        }
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must not be negative");
        }
        if (rateBitsPerSecond < 0) {
            throw new IllegalArgumentException("rateBitsPerSecond must not be negative");
        }
        if (rateBitsPerSecond > 0 && queueLimitBytes < MIN_QUEUE_BYTES) {
            throw new IllegalArgumentException("a capped link needs a queue of at least " + MIN_QUEUE_BYTES + " bytes");
        }
    }

    /** Nothing lost, delayed or capped. */
    public static LinkProfile clean() {
        return new LinkProfile("clean", 0, 1, Duration.ZERO, Duration.ZERO, JitterShape.UNIFORM, false, 0, 0);
    }

    /** 5% independent loss and 50 ms one way. */
    public static LinkProfile lossy() {
        return lossy(0.05, Duration.ofMillis(50));
    }

    public static LinkProfile lossy(double loss, Duration oneWay) {
        return clean().named("lossy").withLoss(loss).withDelay(oneWay);
    }

    /** 800 kbit/s with a queue of {@link #DEFAULT_QUEUE_TIME}. */
    public static LinkProfile capped() {
        return capped(800_000);
    }

    public static LinkProfile capped(long bitsPerSecond) {
        return clean().named("capped").withRate(bitsPerSecond, DEFAULT_QUEUE_TIME);
    }

    /** A geostationary hop: 300 ms one way (600 ms round trip when both directions use it) and 1% loss. */
    public static LinkProfile satellite() {
        return clean().named("satellite").withDelay(Duration.ofMillis(300)).withLoss(0.01);
    }

    /**
     * A weak rural 4G cell: 2 Mbit/s behind a deep queue (cell networks buffer a lot), 40 ms one way with 15 ms of
     * normal jitter kept in order, and 2% loss in bursts of 3 (fading, handovers).
     */
    public static LinkProfile rural4g() {
        return clean().named("rural4g").withDelay(Duration.ofMillis(40))
                .withJitter(Duration.ofMillis(15), JitterShape.NORMAL).withBurstLoss(0.02, 3)
                .withRate(2_000_000, Duration.ofMillis(300));
    }

    public LinkProfile named(String newName) {
        return new LinkProfile(newName, loss, meanBurstLength, delay, jitter, jitterShape, reorderAllowed,
                rateBitsPerSecond, queueLimitBytes);
    }

    /** Independent losses. */
    public LinkProfile withLoss(double share) {
        return withBurstLoss(share, 1);
    }

    public LinkProfile withBurstLoss(double share, double meanBurst) {
        return new LinkProfile(name, share, meanBurst, delay, jitter, jitterShape, reorderAllowed,
                rateBitsPerSecond, queueLimitBytes);
    }

    public LinkProfile withDelay(Duration oneWay) {
        return new LinkProfile(name, loss, meanBurstLength, oneWay, jitter, jitterShape, reorderAllowed,
                rateBitsPerSecond, queueLimitBytes);
    }

    public LinkProfile withJitter(Duration spread, JitterShape shape) {
        return new LinkProfile(name, loss, meanBurstLength, delay, spread, shape, reorderAllowed,
                rateBitsPerSecond, queueLimitBytes);
    }

    public LinkProfile withReorderAllowed(boolean allowed) {
        return new LinkProfile(name, loss, meanBurstLength, delay, jitter, jitterShape, allowed,
                rateBitsPerSecond, queueLimitBytes);
    }

    /** A capacity whose queue holds what the capacity sends in {@code queueTime}. */
    public LinkProfile withRate(long bitsPerSecond, Duration queueTime) {
        long bytes = (long) (bitsPerSecond / 8.0 * queueTime.toNanos() / 1e9);
        return withRateAndQueueBytes(bitsPerSecond, Math.max(MIN_QUEUE_BYTES, bytes));
    }

    public LinkProfile withRateAndQueueBytes(long bitsPerSecond, long queueBytes) {
        return new LinkProfile(name, loss, meanBurstLength, delay, jitter, jitterShape, reorderAllowed,
                bitsPerSecond, queueBytes);
    }

    /** The same without a capacity (a cap lifted). */
    public LinkProfile uncapped() {
        return withRateAndQueueBytes(0, 0);
    }

    public boolean hasCapacity() {
        return rateBitsPerSecond > 0;
    }
}
