package org.sanke.media.packet;

/** Receiver report (RFC 3550 §6.4.2): header, sender SSRC, then report blocks. */
public final class RtcpReceiverReport {
    public static final int FIRST_BLOCK_OFFSET = 8;

    private RtcpReceiverReport() {
    }

    public static int blockCount(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }
}
