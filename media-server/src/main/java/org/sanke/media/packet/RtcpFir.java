package org.sanke.media.packet;

/** Full Intra Request (RFC 5104 §4.3.1): FCI entries of SSRC and command sequence number. */
public final class RtcpFir {
    private RtcpFir() {
    }

    public static int entryCount(byte[] buf, int off, int len) {
        return len < 12 ? 0 : (len - 12) / 8;
    }

    public static int entrySsrc(byte[] buf, int off, int i) {
        return Bytes.i32(buf, off + 12 + 8 * i);
    }
}
