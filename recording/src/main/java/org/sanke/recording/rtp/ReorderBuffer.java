package org.sanke.recording.rtp;

/**
 * Puts the packets of one stream back in sequence order before they are depacketised. The SFU forwards packets as
 * they come, retransmissions included, so a packet may arrive after its successors; a hole is waited for until the
 * first packet held behind it is {@code maxWaitNanos} old or the buffer is full, then skipped (the depacketiser sees
 * the jump and treats it as loss). The first {@code maxWaitNanos} nothing is handed out, since the stream is joined
 * mid-way and the packets sent just before the first to arrive may still come. Slots are allocated once. Not
 * thread-safe: the recorder thread uses it.
 */
public final class ReorderBuffer {
    /** Receives packets in sequence order; the bytes are only valid during the call. */
    @FunctionalInterface
    public interface Output {
        void packet(byte[] data, int offset, int length);
    }

    /** After this many packets in a row that look older than the sequence, the stream has restarted its numbering. */
    private static final int RESTART_AFTER = 64;

    private final int mask;
    private final byte[][] slots;
    private final int[] lengths;
    private final int[] sequences;
    private final boolean[] present;
    private final long maxWaitNanos;
    private boolean started;
    private int next; // the sequence number to hand out next
    private int held;
    private boolean settling; // the first maxWait: packets older than the first one may still come
    private long settleUntil;
    private int furthest; // while settling: how far past next the furthest held packet is
    private long holeSince;
    private int olderInARow;
    private long late;
    private long skipped;

    /**
     * @param capacity power of two, the most packets held behind a hole
     * @param maxPacket the largest packet kept; longer ones are dropped
     */
    public ReorderBuffer(int capacity, int maxPacket, long maxWaitNanos) {
        if (Integer.bitCount(capacity) != 1 || capacity > 0x4000) {
            throw new IllegalArgumentException("capacity must be a power of two up to 16384: " + capacity);
        }
        this.mask = capacity - 1;
        this.slots = new byte[capacity][maxPacket];
        this.lengths = new int[capacity];
        this.sequences = new int[capacity];
        this.present = new boolean[capacity];
        this.maxWaitNanos = maxWaitNanos;
    }

    /** Takes a packet (RTP sequence number {@code sequence}, arrived at {@code now}); hands out what is in order. */
    public void add(byte[] data, int offset, int length, int sequence, long now, Output out) {
        if (length > slots[0].length) {
            late++;
            return;
        }
        if (!started) {
            started = true;
            settling = true;
            settleUntil = now + maxWaitNanos;
            next = sequence;
            furthest = 0;
        }
        int ahead = (sequence - next) & 0xFFFF;
        if (settling && ahead >= 0x8000 && 0x10000 - ahead + furthest <= mask) {
            // the stream was joined mid-way: a packet sent before the first one to arrive is still welcome
            furthest += 0x10000 - ahead;
            next = sequence;
            ahead = 0;
        }
        if (ahead >= 0x8000) { // before the sequence already handed out: late or duplicate
            if (++olderInARow < RESTART_AFTER) {
                late++;
                return;
            }
            flush(out); // the sender started numbering anew
            next = sequence;
            ahead = 0;
        }
        olderInARow = 0;
        if (ahead > mask) {
            flush(out); // too far ahead to hold what lies between: give that up
            next = sequence;
            ahead = 0;
        }
        int slot = sequence & mask;
        if (present[slot]) {
            late++; // duplicate
            return;
        }
        System.arraycopy(data, offset, slots[slot], 0, length);
        lengths[slot] = length;
        sequences[slot] = sequence;
        present[slot] = true;
        boolean wasEmpty = held++ == 0;
        if (settling) {
            furthest = Math.max(furthest, ahead);
            if (held <= (mask + 1) / 2) {
                return; // nothing is handed out before the start of the stream is known
            }
            settling = false;
        }
        int before = next;
        drain(out);
        if (held > 0 && (wasEmpty || next != before)) {
            holeSince = now; // a new hole at the head: wait for it from now
        }
    }

    /** Gives up a hole that has been waited for long enough; call regularly, also when no packet comes. */
    public void poll(long now, Output out) {
        if (settling) {
            if (now - settleUntil < 0) {
                return;
            }
            settling = false;
            drain(out); // from the earliest packet that came
            holeSince = now;
            return;
        }
        if (held > 0 && now - holeSince >= maxWaitNanos) {
            skipHole(out);
            holeSince = now;
        }
    }

    /** Hands out everything held, in order, skipping holes (the stream ends or changes). */
    public void flush(Output out) {
        settling = false;
        while (held > 0) {
            skipHole(out);
        }
    }

    /** Forgets the stream: the next packet starts a new sequence. Call after {@link #flush}. */
    public void reset() {
        flush((d, o, l) -> { });
        started = false;
        olderInARow = 0;
    }

    /** Packets dropped as late, duplicate or oversized. */
    public long late() {
        return late;
    }

    /** Sequence numbers given up as lost. */
    public long skipped() {
        return skipped;
    }

    private void skipHole(Output out) {
        while (!present[next & mask]) {
            next = (next + 1) & 0xFFFF;
            skipped++;
        }
        drain(out);
    }

    private void drain(Output out) {
        while (present[next & mask] && sequences[next & mask] == next) {
            int slot = next & mask;
            present[slot] = false;
            held--;
            next = (next + 1) & 0xFFFF;
            out.packet(slots[slot], 0, lengths[slot]);
        }
    }
}
