package org.sanke.media.packet;

/** What a datagram on the shared media port is, by its first byte (RFC 7983 §7, RFC 5761 §4). */
public enum PacketKind {
    STUN, DTLS, RTP, RTCP, UNKNOWN;

    public static PacketKind classify(byte[] buf, int off, int len) {
        if (len < 1) {
            return UNKNOWN;
        }
        int first = buf[off] & 0xFF;
        if (first <= 3) {
            return len >= 20 ? STUN : UNKNOWN;
        }
        if (first >= 20 && first <= 63) {
            return len >= 13 ? DTLS : UNKNOWN;
        }
        if (first >= 128 && first <= 191 && len >= 12) {
            int second = buf[off + 1] & 0xFF;
            return second >= 192 && second <= 223 ? RTCP : RTP;
        }
        return UNKNOWN;
    }
}
