package org.sanke.media.packet;

/** One 24-byte report block of an SR or RR (RFC 3550 §6.4.1). */
public final class RtcpReportBlock {
    public static final int SIZE = 24;

    private RtcpReportBlock() {
    }

    public static int ssrc(byte[] buf, int block) {
        return Bytes.i32(buf, block);
    }

    public static int fractionLost(byte[] buf, int block) {
        return buf[block + 4] & 0xFF;
    }

    /** Signed 24 bits. */
    public static int cumulativeLost(byte[] buf, int block) {
        return (Bytes.i32(buf, block + 4) << 8) >> 8;
    }

    public static int extendedHighestSequence(byte[] buf, int block) {
        return Bytes.i32(buf, block + 8);
    }

    public static int jitter(byte[] buf, int block) {
        return Bytes.i32(buf, block + 12);
    }

    public static int lastSenderReport(byte[] buf, int block) {
        return Bytes.i32(buf, block + 16);
    }

    public static int delaySinceLastSenderReport(byte[] buf, int block) {
        return Bytes.i32(buf, block + 20);
    }
}
