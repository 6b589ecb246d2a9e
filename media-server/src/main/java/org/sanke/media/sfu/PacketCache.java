package org.sanke.media.sfu;

/**
 * The last packets of one video producer, by sequence number, so that a subscriber's NACK is answered without
 * asking the publisher again. Slots are allocated once; storing copies the plain packet. Owned by the router loop.
 */
final class PacketCache {
    static final int SLOTS = 512;
    private static final int MASK = SLOTS - 1;

    private final byte[][] packets = new byte[SLOTS][MediaLoop.BUFFER_SIZE];
    private final int[] lengths = new int[SLOTS];
    private final int[] sequenceNumbers = new int[SLOTS];
    private final long[] receivedNanos = new long[SLOTS];

    /** A packet that arrived late (reordered, retransmitted): kept unless its slot already holds a newer one. */
    void storeLate(byte[] buf, int off, int len, int sequenceNumber, long now) {
        int newerBy = (sequenceNumbers[sequenceNumber & MASK] - sequenceNumber) & 0xFFFF;
        if (lengths[sequenceNumber & MASK] == 0 || newerBy == 0 || newerBy >= 0x8000) {
            store(buf, off, len, sequenceNumber, now);
        }
    }

    void store(byte[] buf, int off, int len, int sequenceNumber, long now) {
        int slot = sequenceNumber & MASK;
        System.arraycopy(buf, off, packets[slot], 0, len);
        lengths[slot] = len;
        sequenceNumbers[slot] = sequenceNumber;
        receivedNanos[slot] = now;
    }

    /** The slot holding this sequence number, or -1 when it was never stored or has been overwritten. */
    int find(int sequenceNumber, long now, long maxAgeNanos) {
        int slot = sequenceNumber & MASK;
        if (lengths[slot] == 0 || sequenceNumbers[slot] != sequenceNumber || now - receivedNanos[slot] > maxAgeNanos) {
            return -1;
        }
        return slot;
    }

    byte[] packet(int slot) {
        return packets[slot];
    }

    int length(int slot) {
        return lengths[slot];
    }
}
