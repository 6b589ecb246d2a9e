package org.sanke.media.packet;

/**
 * Walks the packets of a compound RTCP datagram (RFC 3550 §6.1) without copying. A packet whose header lies
 * (wrong version, length past the end) ends the walk and sets {@link #malformed()}.
 */
public final class RtcpIterator {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    public static final int RTPFB = 205;
    public static final int PSFB = 206;
    public static final int XR = 207;
    public static final int FMT_NACK = 1;
    public static final int FMT_TRANSPORT_CC = 15;
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;
    public static final int FMT_AFB = 15;

    private byte[] buf;
    private int end;
    private int packetOffset;
    private int packetLength;
    private boolean malformed;

    /** Positions on the first packet; false when there is none that is well-formed. */
    public boolean wrap(byte[] buffer, int off, int len) {
        this.buf = buffer;
        this.malformed = false;
        if (buffer == null || off < 0 || len < 0 || off + len > buffer.length) {
            malformed = true;
            return false;
        }
        this.end = off + len;
        return at(off);
    }

    /** Moves to the next packet; false at the end or when the next one is malformed. */
    public boolean next() {
        int nextOffset = packetOffset + packetLength;
        if (malformed || nextOffset >= end) {
            return false;
        }
        return at(nextOffset);
    }

    private boolean at(int off) {
        if (end - off < 8 || ((buf[off] & 0xFF) >>> 6) != 2) {
            malformed = true;
            return false;
        }
        int length = (Bytes.u16(buf, off + 2) + 1) * 4;
        if (off + length > end) {
            malformed = true;
            return false;
        }
        packetOffset = off;
        packetLength = length;
        return true;
    }

    public boolean malformed() {
        return malformed;
    }

    public int packetType() {
        return buf[packetOffset + 1] & 0xFF;
    }

    /** The five low bits of the first byte: report count, or feedback message type. */
    public int countOrFormat() {
        return buf[packetOffset] & 0x1F;
    }

    public int packetOffset() {
        return packetOffset;
    }

    public int packetLength() {
        return packetLength;
    }

    public int senderSsrc() {
        return Bytes.i32(buf, packetOffset + 4);
    }

    /** The media source SSRC of a feedback packet (RFC 4585 §6.1), 0 when the packet is too short. */
    public int mediaSsrc() {
        return packetLength >= 12 ? Bytes.i32(buf, packetOffset + 8) : 0;
    }
}
