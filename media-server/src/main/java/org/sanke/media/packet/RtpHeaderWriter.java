package org.sanke.media.packet;

/** Writes RTP headers and one-byte header extensions (RFC 8285 §4.2) into a buffer. */
public final class RtpHeaderWriter {
    private RtpHeaderWriter() {
    }

    /** V=2, no padding, no extension, no CSRC; returns the position after the 12 bytes. */
    public static int writeFixedHeader(byte[] out, int off, int payloadType, boolean marker, int sequenceNumber,
                                       int timestamp, int ssrc) {
        out[off] = (byte) 0x80;
        out[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        Bytes.put16(out, off + 2, sequenceNumber);
        Bytes.put32(out, off + 4, timestamp);
        Bytes.put32(out, off + 8, ssrc);
        return off + 12;
    }

    /** Reserves the 4-byte extension header at {@code pos}; returns where the first element goes. */
    public static int beginOneByteExtensions(byte[] out, int pos) {
        return pos + 4;
    }

    public static int putOneByteExtension8(byte[] out, int pos, int id, int value) {
        out[pos] = (byte) (id << 4);
        out[pos + 1] = (byte) value;
        return pos + 2;
    }

    public static int putOneByteExtension16(byte[] out, int pos, int id, int value) {
        out[pos] = (byte) ((id << 4) | 1);
        Bytes.put16(out, pos + 1, value);
        return pos + 3;
    }

    public static int putOneByteExtension24(byte[] out, int pos, int id, int value) {
        out[pos] = (byte) ((id << 4) | 2);
        Bytes.put24(out, pos + 1, value);
        return pos + 4;
    }

    /**
     * Closes the block opened by {@link #beginOneByteExtensions}: pads to 32 bits, writes the profile and length,
     * sets the X bit. With nothing written, gives the reserved bytes back. Returns the position after the block.
     */
    public static int endOneByteExtensions(byte[] out, int headerOff, int blockStart, int pos) {
        if (pos == blockStart) {
            return blockStart - 4;
        }
        while (((pos - blockStart) & 3) != 0) {
            out[pos++] = 0;
        }
        Bytes.put16(out, blockStart - 4, 0xBEDE);
        Bytes.put16(out, blockStart - 2, (pos - blockStart) / 4);
        out[headerOff] |= 0x10;
        return pos;
    }
}
