package org.sanke.media.packet;

/**
 * A reusable view of one RTP packet (RFC 3550 §5.1) in a byte array. {@link #wrap} checks every length; the
 * accessors then read the buffer directly. Not thread-safe: one view per thread.
 */
public final class RtpPacket {
    private static final int FIXED_HEADER = 12;
    private static final int ONE_BYTE_PROFILE = 0xBEDE;
    private static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
    private static final int TWO_BYTE_PROFILE = 0x1000;

    private byte[] buf;
    private int off;
    private int len;
    private int headerLength;
    private int payloadLength;
    private int extensionsStart = -1;
    private int extensionsEnd;
    private boolean twoByteExtensions;
    private int lastExtensionLength;

    /** Points the view at a packet; false (and the view unusable) when it is not well-formed RTP. */
    public boolean wrap(byte[] buffer, int offset, int length) {
        extensionsStart = -1;
        if (buffer == null || offset < 0 || length < FIXED_HEADER || offset + length > buffer.length) {
            return false;
        }
        int first = buffer[offset] & 0xFF;
        if ((first >>> 6) != 2) {
            return false;
        }
        int header = FIXED_HEADER + (first & 0x0F) * 4;
        if (header > length) {
            return false;
        }
        if ((first & 0x10) != 0) {
            if (header + 4 > length) {
                return false;
            }
            int profile = Bytes.u16(buffer, offset + header);
            int words = Bytes.u16(buffer, offset + header + 2);
            int start = header + 4;
            int end = start + words * 4;
            if (end > length) {
                return false;
            }
            if (profile == ONE_BYTE_PROFILE || (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE) {
                extensionsStart = offset + start;
                extensionsEnd = offset + end;
                twoByteExtensions = profile != ONE_BYTE_PROFILE;
            }
            header = end;
        }
        int padding = 0;
        if ((first & 0x20) != 0) {
            padding = buffer[offset + length - 1] & 0xFF;
            if (padding == 0 || header + padding > length) {
                return false;
            }
        }
        this.buf = buffer;
        this.off = offset;
        this.len = length;
        this.headerLength = header;
        this.payloadLength = length - header - padding;
        return true;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public boolean marker() {
        return (buf[off + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return buf[off + 1] & 0x7F;
    }

    public int sequenceNumber() {
        return Bytes.u16(buf, off + 2);
    }

    public int timestamp() {
        return Bytes.i32(buf, off + 4);
    }

    public int ssrc() {
        return Bytes.i32(buf, off + 8);
    }

    public int headerLength() {
        return headerLength;
    }

    /** Absolute index of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /** Payload bytes, padding excluded. */
    public int payloadLength() {
        return payloadLength;
    }

    /**
     * Absolute index of the data of header extension {@code id} (RFC 8285, one- or two-byte form), or -1. After a
     * hit, {@link #extensionLength()} is its data length.
     */
    public int findExtension(int id) {
        if (extensionsStart < 0 || id <= 0) {
            return -1;
        }
        int i = extensionsStart;
        while (i < extensionsEnd) {
            int b = buf[i] & 0xFF;
            if (b == 0) {
                i++; // padding between elements
                continue;
            }
            int elementId;
            int dataLength;
            int dataStart;
            if (twoByteExtensions) {
                if (i + 1 >= extensionsEnd) {
                    return -1;
                }
                elementId = b;
                dataLength = buf[i + 1] & 0xFF;
                dataStart = i + 2;
            } else {
                elementId = b >>> 4;
                if (elementId == 15) {
                    return -1; // reserved: stop parsing (RFC 8285 §4.2)
                }
                dataLength = (b & 0x0F) + 1;
                dataStart = i + 1;
            }
            if (dataStart + dataLength > extensionsEnd) {
                return -1;
            }
            if (elementId == id) {
                lastExtensionLength = dataLength;
                return dataStart;
            }
            i = dataStart + dataLength;
        }
        return -1;
    }

    public int extensionLength() {
        return lastExtensionLength;
    }
}
