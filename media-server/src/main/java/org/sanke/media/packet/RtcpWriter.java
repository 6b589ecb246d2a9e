package org.sanke.media.packet;

/** Writes the RTCP packets the server sends; each method returns the bytes written. */
public final class RtcpWriter {
    private RtcpWriter() {
    }

    private static void header(byte[] out, int off, int countOrFormat, int type, int length) {
        out[off] = (byte) (0x80 | countOrFormat);
        out[off + 1] = (byte) type;
        Bytes.put16(out, off + 2, length / 4 - 1);
    }

    /** Picture Loss Indication (RFC 4585 §6.3.1). */
    public static int pli(byte[] out, int off, int senderSsrc, int mediaSsrc) {
        header(out, off, RtcpIterator.FMT_PLI, RtcpIterator.PSFB, 12);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, mediaSsrc);
        return 12;
    }

    /** Full Intra Request (RFC 5104 §4.3.1) with one entry; the media SSRC field is 0 as the RFC asks. */
    public static int fir(byte[] out, int off, int senderSsrc, int mediaSsrc, int sequenceNumber) {
        header(out, off, RtcpIterator.FMT_FIR, RtcpIterator.PSFB, 20);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, 0);
        Bytes.put32(out, off + 12, mediaSsrc);
        out[off + 16] = (byte) sequenceNumber;
        out[off + 17] = 0;
        out[off + 18] = 0;
        out[off + 19] = 0;
        return 20;
    }

    /** Generic NACK (RFC 4585 §6.2.1); {@code lost} sorted ascending (mod 2^16), packed into PID+BLP entries. */
    public static int nack(byte[] out, int off, int senderSsrc, int mediaSsrc, int[] lost, int count) {
        int pos = off + 12;
        int i = 0;
        while (i < count) {
            int pid = lost[i] & 0xFFFF;
            int blp = 0;
            i++;
            while (i < count) {
                int distance = (lost[i] - pid) & 0xFFFF;
                if (distance < 1 || distance > 16) {
                    break;
                }
                blp |= 1 << (distance - 1);
                i++;
            }
            Bytes.put16(out, pos, pid);
            Bytes.put16(out, pos + 2, blp);
            pos += 4;
        }
        header(out, off, RtcpIterator.FMT_NACK, RtcpIterator.RTPFB, pos - off);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, mediaSsrc);
        return pos - off;
    }

    /** Sender report without report blocks (RFC 3550 §6.4.1). */
    public static int senderReport(byte[] out, int off, int ssrc, long ntpTime, int rtpTimestamp, int packetCount,
                                   int octetCount) {
        header(out, off, 0, RtcpIterator.SR, 28);
        Bytes.put32(out, off + 4, ssrc);
        Bytes.put32(out, off + 8, (int) (ntpTime >>> 32));
        Bytes.put32(out, off + 12, (int) ntpTime);
        Bytes.put32(out, off + 16, rtpTimestamp);
        Bytes.put32(out, off + 20, packetCount);
        Bytes.put32(out, off + 24, octetCount);
        return 28;
    }

    /** Receiver report with one block (RFC 3550 §6.4.2). */
    public static int receiverReport(byte[] out, int off, int senderSsrc, int mediaSsrc, int fractionLost,
                                     int cumulativeLost, int extendedHighestSequence, int jitter,
                                     int lastSenderReport, int delaySinceLastSenderReport) {
        header(out, off, 1, RtcpIterator.RR, 32);
        Bytes.put32(out, off + 4, senderSsrc);
        int block = off + 8;
        Bytes.put32(out, block, mediaSsrc);
        Bytes.put32(out, block + 4, (fractionLost << 24) | (cumulativeLost & 0xFFFFFF));
        Bytes.put32(out, block + 8, extendedHighestSequence);
        Bytes.put32(out, block + 12, jitter);
        Bytes.put32(out, block + 16, lastSenderReport);
        Bytes.put32(out, block + 20, delaySinceLastSenderReport);
        return 32;
    }

    /** Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03). */
    public static int remb(byte[] out, int off, int senderSsrc, long bitrateBps, int[] ssrcs, int count) {
        int exponent = 0;
        long mantissa = bitrateBps;
        while (mantissa > 0x3FFFF) {
            mantissa >>= 1;
            exponent++;
        }
        int length = 20 + 4 * count;
        header(out, off, RtcpIterator.FMT_AFB, RtcpIterator.PSFB, length);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, 0);
        out[off + 12] = 'R';
        out[off + 13] = 'E';
        out[off + 14] = 'M';
        out[off + 15] = 'B';
        out[off + 16] = (byte) count;
        Bytes.put24(out, off + 17, (exponent << 18) | (int) mantissa);
        for (int i = 0; i < count; i++) {
            Bytes.put32(out, off + 20 + 4 * i, ssrcs[i]);
        }
        return length;
    }
}
