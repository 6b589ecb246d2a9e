package org.sanke.loadtest.impair;

/**
 * What a link does with one packet.
 *
 * @param fate        forwarded or dropped, and why
 * @param deliverAt   for a forwarded packet, when it leaves the relay ({@link System#nanoTime()} scale)
 */
record Admission(Fate fate, long deliverAt) {
    static final Admission LOST = new Admission(Fate.LOST, 0);
    static final Admission QUEUE_FULL = new Admission(Fate.QUEUE_FULL, 0);

    enum Fate { FORWARD, LOST, QUEUE_FULL }

    static Admission forwardAt(long deliverAt) {
        return new Admission(Fate.FORWARD, deliverAt);
    }
}
