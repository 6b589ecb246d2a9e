package org.sanke.media.packet;

/** Sender report fields (RFC 3550 §6.4.1); callers have checked the packet is at least 28 bytes. */
public final class RtcpSenderReport {
    public static final int FIRST_BLOCK_OFFSET = 28;

    private RtcpSenderReport() {
    }

    public static long ntpTime(byte[] buf, int off) {
        return ((long) Bytes.i32(buf, off + 8) << 32) | Bytes.u32(buf, off + 12);
    }

    public static int rtpTimestamp(byte[] buf, int off) {
        return Bytes.i32(buf, off + 16);
    }

    public static int blockCount(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }
}
