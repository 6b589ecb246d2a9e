package org.sanke.media.sfu;

/**
 * When each cached packet was last resent to one consumer, by the producer-side sequence number (the cache's
 * slot), so that NACKs repeated within one round trip, before the first copy could have arrived, cost nothing.
 * Allocation-free after construction; owned by the consumer's loop.
 */
final class RecentRetransmissions {
    private static final int MASK = PacketCache.SLOTS - 1;

    private final int[] sequenceNumbers = new int[PacketCache.SLOTS];
    private final long[] resentNanos = new long[PacketCache.SLOTS];
    private final boolean[] used = new boolean[PacketCache.SLOTS];

    /** Was this packet resent less than {@code windowNanos} before {@code now}? */
    boolean resentWithin(int sequenceNumber, long now, long windowNanos) {
        int slot = sequenceNumber & MASK;
        return used[slot] && sequenceNumbers[slot] == sequenceNumber && now - resentNanos[slot] < windowNanos;
    }

    void onResent(int sequenceNumber, long now) {
        int slot = sequenceNumber & MASK;
        used[slot] = true;
        sequenceNumbers[slot] = sequenceNumber;
        resentNanos[slot] = now;
    }
}
