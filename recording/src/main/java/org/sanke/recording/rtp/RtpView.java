package org.sanke.recording.rtp;

/**
 * A reusable, allocation-free reading of one RTP packet (RFC 3550 §5.1) held in a byte array: the fixed header, and
 * where the payload lies once CSRCs, the header extension and padding are skipped. Not thread-safe.
 */
public final class RtpView {
    private byte[] data;
    private int start;
    private int payloadStart;
    private int payloadLength;

    /** Reads the packet at {@code data[offset, offset + length)}; false when it is not RTP version 2 or is cut. */
    public boolean read(byte[] data, int offset, int length) {
        this.data = null;
        if (length < 12 || offset < 0 || offset + length > data.length || (data[offset] & 0xC0) != 0x80) {
            return false;
        }
        int flags = data[offset] & 0xFF;
        int headerEnd = 12 + 4 * (flags & 0x0F);
        if ((flags & 0x10) != 0) {
            if (headerEnd + 4 > length) {
                return false;
            }
            int extensionWords = ((data[offset + headerEnd + 2] & 0xFF) << 8) | (data[offset + headerEnd + 3] & 0xFF);
            headerEnd += 4 + 4 * extensionWords;
        }
        int end = length;
        if ((flags & 0x20) != 0) {
            end -= data[offset + length - 1] & 0xFF;
        }
        if (headerEnd > end) {
            return false;
        }
        this.data = data;
        this.start = offset;
        this.payloadStart = offset + headerEnd;
        this.payloadLength = end - headerEnd;
        return true;
    }

    public byte[] data() {
        return data;
    }

    public boolean marker() {
        return (data[start + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return data[start + 1] & 0x7F;
    }

    public int sequence() {
        return ((data[start + 2] & 0xFF) << 8) | (data[start + 3] & 0xFF);
    }

    public int timestamp() {
        return readInt(start + 4);
    }

    public int ssrc() {
        return readInt(start + 8);
    }

    /** Absolute index of the first payload byte in {@link #data()}. */
    public int payloadOffset() {
        return payloadStart;
    }

    /** Payload length, padding excluded. */
    public int payloadLength() {
        return payloadLength;
    }

    private int readInt(int at) {
        return ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
    }
}
