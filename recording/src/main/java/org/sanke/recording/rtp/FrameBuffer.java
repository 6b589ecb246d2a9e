package org.sanke.recording.rtp;

import java.util.Arrays;

/** A growable byte buffer reused frame after frame, with a ceiling so that a broken stream cannot exhaust memory. */
final class FrameBuffer {
    private final int maxLength;
    private byte[] bytes = new byte[16 * 1024];
    private int length;

    FrameBuffer(int maxLength) {
        this.maxLength = maxLength;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** False, and nothing appended, when the frame would outgrow the ceiling. */
    boolean append(byte[] source, int offset, int count) {
        if (!reserve(count)) {
            return false;
        }
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return true;
    }

    boolean appendByte(int value) {
        if (!reserve(1)) {
            return false;
        }
        bytes[length++] = (byte) value;
        return true;
    }

    boolean appendInt(int value) {
        if (!reserve(4)) {
            return false;
        }
        putInt(length, value);
        length += 4;
        return true;
    }

    void putInt(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private boolean reserve(int count) {
        int needed = length + count;
        if (needed > maxLength) {
            return false;
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(maxLength, Math.max(needed, bytes.length * 2)));
        }
        return true;
    }
}
