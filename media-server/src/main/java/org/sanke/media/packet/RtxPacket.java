package org.sanke.media.packet;

/**
 * A retransmission in the RTX payload format (RFC 4588 §4): the RTX stream's own header, then the original
 * sequence number (two bytes), then the original payload.
 */
public final class RtxPacket {
    /** The original sequence number that precedes the original payload. */
    public static final int ORIGINAL_SEQUENCE_LENGTH = 2;

    private RtxPacket() {
    }

    /** True when the packet carries no original payload: padding only, as senders probe bandwidth with. */
    public static boolean isPaddingOnly(RtpPacket rtx) {
        return rtx.payloadLength() <= ORIGINAL_SEQUENCE_LENGTH;
    }

    /** The sequence number of the packet this one repairs; the caller has checked it is not padding only. */
    public static int originalSequenceNumber(RtpPacket rtx) {
        return Bytes.u16(rtx.buffer(), rtx.payloadOffset());
    }

    /**
     * Turns the RTX packet the view shows back into the original, in place: the original payload type, sequence
     * number and SSRC in the header, the original payload moved up over the original sequence number (padding moves
     * with it). Header extensions stay as the RTX packet had them. Returns the new length; the view must be wrapped
     * again.
     */
    public static int unwrap(RtpPacket rtx, int originalPayloadType, int originalSsrc) {
        byte[] buf = rtx.buffer();
        int off = rtx.offset();
        int originalSequence = originalSequenceNumber(rtx);
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (originalPayloadType & 0x7F));
        Bytes.put16(buf, off + 2, originalSequence);
        Bytes.put32(buf, off + 8, originalSsrc);
        int from = rtx.payloadOffset() + ORIGINAL_SEQUENCE_LENGTH;
        int end = off + rtx.length();
        System.arraycopy(buf, from, buf, from - ORIGINAL_SEQUENCE_LENGTH, end - from);
        return rtx.length() - ORIGINAL_SEQUENCE_LENGTH;
    }
}
