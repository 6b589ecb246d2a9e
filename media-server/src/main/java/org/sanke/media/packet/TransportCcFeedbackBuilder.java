package org.sanke.media.packet;

/**
 * Builds one transport-wide congestion control feedback packet (RTPFB FMT 15,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1): which transport sequence numbers arrived and when.
 * Reused: {@link #reset}, then {@link #addReceived} in sequence order, then {@link #write}.
 */
public final class TransportCcFeedbackBuilder {
    /** Most packets one feedback describes; the recorder sends feedback every 100 ms, well below this. */
    public static final int MAX_PACKETS = 1024;
    private static final int NOT_RECEIVED = 0;
    private static final int SMALL_DELTA = 1;
    private static final int LARGE_DELTA = 2;
    private static final long MICROS_PER_TICK = 250;
    private static final long MICROS_PER_REFERENCE = 64_000;

    private final byte[] symbols = new byte[MAX_PACKETS];
    private final short[] deltas = new short[MAX_PACKETS];
    private int baseSequence;
    private int referenceTime;
    private long lastTicks;
    private int count;

    /** Starts a feedback whose first reported sequence is {@code baseSequence}; times are in microseconds. */
    public void reset(int baseSequence, long referenceMicros) {
        this.baseSequence = baseSequence & 0xFFFF;
        long reference = Math.floorDiv(referenceMicros, MICROS_PER_REFERENCE);
        this.referenceTime = (int) (reference & 0xFFFFFF);
        this.lastTicks = reference * (MICROS_PER_REFERENCE / MICROS_PER_TICK);
        this.count = 0;
    }

    /** Adds a received packet; false when it does not fit (out of order, too far, delta out of range). */
    public boolean addReceived(int sequence, long arrivalMicros) {
        int index = (sequence - baseSequence) & 0xFFFF;
        if (index < count || index >= MAX_PACKETS) {
            return false;
        }
        long delta = Math.floorDiv(arrivalMicros, MICROS_PER_TICK) - lastTicks;
        int symbol;
        if (delta >= 0 && delta <= 255) {
            symbol = SMALL_DELTA;
        } else if (delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
            symbol = LARGE_DELTA;
        } else {
            return false;
        }
        for (int i = count; i < index; i++) {
            symbols[i] = NOT_RECEIVED;
        }
        symbols[index] = (byte) symbol;
        deltas[index] = (short) delta;
        lastTicks += delta;
        count = index + 1;
        return true;
    }

    /** Packets described so far (received or not). */
    public int packetStatusCount() {
        return count;
    }

    /** Writes the packet, padded to 32 bits; returns its length, or 0 when nothing was added. */
    public int write(byte[] out, int off, int senderSsrc, int mediaSsrc, int feedbackPacketCount) {
        if (count == 0) {
            return 0;
        }
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, mediaSsrc);
        Bytes.put16(out, off + 12, baseSequence);
        Bytes.put16(out, off + 14, count);
        Bytes.put24(out, off + 16, referenceTime);
        out[off + 19] = (byte) feedbackPacketCount;
        int pos = off + 20;
        int i = 0;
        while (i < count) {
            int run = 1;
            while (i + run < count && symbols[i + run] == symbols[i] && run < 8191) {
                run++;
            }
            if (run >= 7) {
                Bytes.put16(out, pos, (symbols[i] << 13) | run);
                i += run;
            } else {
                int chunk = 0xC000;
                for (int k = 0; k < 7; k++) {
                    int symbol = i + k < count ? symbols[i + k] : NOT_RECEIVED;
                    chunk |= symbol << (12 - 2 * k);
                }
                Bytes.put16(out, pos, chunk);
                i += 7;
            }
            pos += 2;
        }
        for (int k = 0; k < count; k++) {
            if (symbols[k] == SMALL_DELTA) {
                out[pos++] = (byte) deltas[k];
            } else if (symbols[k] == LARGE_DELTA) {
                Bytes.put16(out, pos, deltas[k]);
                pos += 2;
            }
        }
        int padding = (4 - ((pos - off) & 3)) & 3;
        for (int k = 0; k < padding; k++) {
            out[pos++] = 0;
        }
        if (padding > 0) {
            out[pos - 1] = (byte) padding;
        }
        int length = pos - off;
        out[off] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | RtcpIterator.FMT_TRANSPORT_CC);
        out[off + 1] = (byte) RtcpIterator.RTPFB;
        Bytes.put16(out, off + 2, length / 4 - 1);
        return length;
    }
}
