package org.sanke.loadtest.impair;

import java.util.SplittableRandom;

/**
 * The state of one direction of a link: its loss model, its rate queue and the last delivery time (for order). It
 * decides a packet's fate when the packet arrives, so nothing runs per packet afterwards except its send.
 *
 * <p>The capacity is a serialisation clock: a packet starts serialising when the previous one has finished (or
 * now, if the link is idle) and takes size*8/rate; the bytes still to serialise are the queue, and a packet that
 * would overfill it is dropped. Delay and jitter are added after serialisation, as {@code tbf} under {@code netem}.
 *
 * <p>Times are {@link System#nanoTime()} values, passed in so that tests can drive the clock. Synchronised: a TCP
 * relay's connections share their direction's shaper.
 */
final class LinkShaper {
    private static final double NANOS_PER_SECOND = 1e9;

    private final SplittableRandom random;
    private boolean inLossBurst;
    private long serialisedUntil;
    private long lastDeliveryAt;

    LinkShaper(long seed, long now) {
        this.random = new SplittableRandom(seed);
        this.serialisedUntil = now;
        this.lastDeliveryAt = now;
    }

    /** A datagram: it may be lost, dropped by a full queue, or forwarded at some time. */
    synchronized Admission admitDatagram(LinkProfile profile, int bytes, long now) {
        if (lost(profile)) {
            return Admission.LOST;
        }
        if (profile.hasCapacity() && queuedBytes(profile, now) + bytes > profile.queueLimitBytes()) {
            return Admission.QUEUE_FULL;
        }
        return Admission.forwardAt(schedule(profile, bytes, now, !profile.reorderAllowed()));
    }

    /**
     * How long a stream's chunk must wait before it fits into the queue; 0 if it fits now. A stream is never
     * dropped: its writer waits, which TCP's flow control passes back to the sender.
     */
    synchronized long streamQueueWait(LinkProfile profile, int bytes, long now) {
        if (!profile.hasCapacity()) {
            return 0;
        }
        double excessBytes = queuedBytes(profile, now) + bytes - profile.queueLimitBytes();
        return excessBytes <= 0 ? 0 : serialisationNanos(excessBytes, profile.rateBitsPerSecond());
    }

    /** When a stream's chunk is delivered; always in order. */
    synchronized long scheduleStream(LinkProfile profile, int bytes, long now) {
        return schedule(profile, bytes, now, true);
    }

    private long schedule(LinkProfile profile, int bytes, long now, boolean keepOrder) {
        long departure = now;
        if (profile.hasCapacity()) {
            departure = Math.max(now, serialisedUntil) + serialisationNanos(bytes, profile.rateBitsPerSecond());
            serialisedUntil = departure;
        }
        long deliverAt = departure + Math.max(0, profile.delay().toNanos() + jitterNanos(profile));
        if (keepOrder) {
            deliverAt = Math.max(deliverAt, lastDeliveryAt);
        }
        lastDeliveryAt = Math.max(lastDeliveryAt, deliverAt);
        return deliverAt;
    }

    private double queuedBytes(LinkProfile profile, long now) {
        long backlogNanos = Math.max(0, serialisedUntil - now);
        return backlogNanos / NANOS_PER_SECOND * profile.rateBitsPerSecond() / 8;
    }

    private static long serialisationNanos(double bytes, long bitsPerSecond) {
        return (long) Math.ceil(bytes * 8 * NANOS_PER_SECOND / bitsPerSecond);
    }

    private boolean lost(LinkProfile profile) {
        double loss = profile.loss();
        if (loss <= 0 || loss >= 1) {
            inLossBurst = false;
            return loss >= 1;
        }
        if (profile.meanBurstLength() <= 1) {
            return random.nextDouble() < loss;
        }
        // Gilbert: a burst drops every packet and ends with probability 1/L, so it lasts L packets on average;
        // entering one with probability (1/L)·loss/(1-loss) makes the long-run share of lost packets exactly `loss`
        double leave = 1 / profile.meanBurstLength();
        double enter = leave * loss / (1 - loss);
        inLossBurst = inLossBurst ? random.nextDouble() >= leave : random.nextDouble() < enter;
        return inLossBurst;
    }

    private long jitterNanos(LinkProfile profile) {
        long spread = profile.jitter().toNanos();
        if (spread == 0) {
            return 0;
        }
        double unit = switch (profile.jitterShape()) {
            case UNIFORM -> random.nextDouble(-1, 1);
            case NORMAL -> random.nextGaussian();
        };
        return (long) (unit * spread);
    }
}
