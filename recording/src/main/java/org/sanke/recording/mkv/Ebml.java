package org.sanke.recording.mkv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** EBML (RFC 8794) element IDs used by the Matroska writer (RFC 9559), a byte buffer to write them, a reader. */
final class Ebml {
    static final int EBML = 0x1A45DFA3;
    static final int EBML_VERSION = 0x4286;
    static final int EBML_READ_VERSION = 0x42F7;
    static final int EBML_MAX_ID_LENGTH = 0x42F2;
    static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
    static final int DOC_TYPE = 0x4282;
    static final int DOC_TYPE_VERSION = 0x4287;
    static final int DOC_TYPE_READ_VERSION = 0x4285;
    static final int VOID = 0xEC;
    static final int SEGMENT = 0x18538067;
    static final int SEEK_HEAD = 0x114D9B74;
    static final int SEEK = 0x4DBB;
    static final int SEEK_ID = 0x53AB;
    static final int SEEK_POSITION = 0x53AC;
    static final int INFO = 0x1549A966;
    static final int TIMESTAMP_SCALE = 0x2AD7B1;
    static final int DURATION = 0x4489;
    static final int DATE_UTC = 0x4461;
    static final int TITLE = 0x7BA9;
    static final int MUXING_APP = 0x4D80;
    static final int WRITING_APP = 0x5741;
    static final int TRACKS = 0x1654AE6B;
    static final int TRACK_ENTRY = 0xAE;
    static final int TRACK_NUMBER = 0xD7;
    static final int TRACK_UID = 0x73C5;
    static final int TRACK_TYPE = 0x83;
    static final int FLAG_LACING = 0x9C;
    static final int CODEC_ID = 0x86;
    static final int CODEC_PRIVATE = 0x63A2;
    static final int NAME = 0x536E;
    static final int LANGUAGE = 0x22B59C;
    static final int CODEC_DELAY = 0x56AA;
    static final int SEEK_PRE_ROLL = 0x56BB;
    static final int VIDEO = 0xE0;
    static final int PIXEL_WIDTH = 0xB0;
    static final int PIXEL_HEIGHT = 0xBA;
    static final int AUDIO = 0xE1;
    static final int SAMPLING_FREQUENCY = 0xB5;
    static final int CHANNELS = 0x9F;
    static final int CLUSTER = 0x1F43B675;
    static final int TIMESTAMP = 0xE7;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int CUES = 0x1C53BB6B;
    static final int CUE_POINT = 0xBB;
    static final int CUE_TIME = 0xB3;
    static final int CUE_TRACK_POSITIONS = 0xB7;
    static final int CUE_TRACK = 0xF7;
    static final int CUE_CLUSTER_POSITION = 0xF1;

    /** An 8-byte size field saying "unknown" (all value bits set). */
    static final long UNKNOWN_SIZE = 0x00FFFFFFFFFFFFFFL;

    private Ebml() {
    }

    /** A growable buffer of EBML elements. */
    static final class Buffer {
        private byte[] bytes = new byte[4096];
        private int length;

        int length() {
            return length;
        }

        byte[] bytes() {
            return bytes;
        }

        void clear() {
            length = 0;
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(bytes, 0, length);
        }

        Buffer id(int id) {
            int size = id >>> 24 != 0 ? 4 : id >>> 16 != 0 ? 3 : id >>> 8 != 0 ? 2 : 1;
            for (int i = size - 1; i >= 0; i--) {
                put(id >>> (8 * i));
            }
            return this;
        }

        /** A size in the fewest bytes (all-ones values are reserved, hence the {@code +1}). */
        Buffer size(long value) {
            int width = 1;
            while (width < 8 && value + 1 >= 1L << (7 * width)) {
                width++;
            }
            return sizeOfWidth(value, width);
        }

        /** A size always 8 bytes wide, so that it can be patched in place later. */
        Buffer size8(long value) {
            return sizeOfWidth(value, 8);
        }

        private Buffer sizeOfWidth(long value, int width) {
            long marked = value | (1L << (7 * width));
            for (int i = width - 1; i >= 0; i--) {
                put((int) (marked >>> (8 * i)));
            }
            return this;
        }

        Buffer uint(int id, long value) {
            int width = 1;
            while (width < 8 && value >>> (8 * width) != 0) {
                width++;
            }
            id(id).size(width);
            for (int i = width - 1; i >= 0; i--) {
                put((int) (value >>> (8 * i)));
            }
            return this;
        }

        Buffer int64(int id, long value) {
            id(id).size(8);
            for (int i = 7; i >= 0; i--) {
                put((int) (value >>> (8 * i)));
            }
            return this;
        }

        Buffer float64(int id, double value) {
            return int64(id, Double.doubleToLongBits(value));
        }

        Buffer string(int id, String value) {
            return binary(id, value.getBytes(StandardCharsets.UTF_8));
        }

        Buffer binary(int id, byte[] value) {
            id(id).size(value.length);
            return raw(value, 0, value.length);
        }

        /** A Void element exactly {@code total} bytes long (at least 2, at most 128). */
        Buffer voidOf(int total) {
            id(VOID).size(total - 2);
            for (int i = 0; i < total - 2; i++) {
                put(0);
            }
            return this;
        }

        /** A master element around what {@code inner} holds. */
        Buffer master(int id, Buffer inner) {
            id(id).size(inner.length);
            return raw(inner.bytes, 0, inner.length);
        }

        Buffer raw(byte[] source, int offset, int count) {
            ensure(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
            return this;
        }

        Buffer put(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
            return this;
        }

        private void ensure(int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
            }
        }
    }

    /**
     * An element header read from a file: {@code size} is -1 when unknown. {@code sizeWidth} tells how many bytes the
     * size field takes, {@code dataStart} where the content begins.
     */
    record Header(int id, long start, int sizeWidth, long dataStart, long size) {
        long end() {
            return dataStart + size;
        }
    }

    /** Reads the element header at {@code position}, or null when the file ends inside it or it is not EBML. */
    static Header readHeader(FileChannel channel, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12);
        channel.read(b, position);
        b.flip();
        if (b.remaining() < 2) {
            return null;
        }
        int first = b.get(0) & 0xFF;
        int idWidth = Integer.numberOfLeadingZeros(first) - 23;
        if (idWidth < 1 || idWidth > 4 || b.remaining() < idWidth + 1) {
            return null;
        }
        int id = 0;
        for (int i = 0; i < idWidth; i++) {
            id = (id << 8) | (b.get(i) & 0xFF);
        }
        int sizeFirst = b.get(idWidth) & 0xFF;
        int sizeWidth = Integer.numberOfLeadingZeros(sizeFirst) - 23;
        if (sizeWidth < 1 || sizeWidth > 8 || b.remaining() < idWidth + sizeWidth) {
            return null;
        }
        long size = sizeFirst & (0xFF >>> sizeWidth);
        boolean allOnes = size == (0xFF >>> sizeWidth);
        for (int i = 1; i < sizeWidth; i++) {
            int next = b.get(idWidth + i) & 0xFF;
            allOnes &= next == 0xFF;
            size = (size << 8) | next;
        }
        return new Header(id, position, sizeWidth, position + idWidth + sizeWidth, allOnes ? -1 : size);
    }

    /** Reads {@code count} bytes at {@code position}; fewer when the file ends. */
    static ByteBuffer read(FileChannel channel, long position, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count);
        while (b.hasRemaining() && channel.read(b, position + b.position()) > 0) {
            // read on
        }
        return b.flip();
    }

    static long readUnsigned(FileChannel channel, Header element) throws IOException {
        ByteBuffer b = read(channel, element.dataStart(), (int) Math.min(8, element.size()));
        long value = 0;
        while (b.hasRemaining()) {
            value = (value << 8) | (b.get() & 0xFF);
        }
        return value;
    }

    /** Writes all of {@code buffers} at {@code position}. */
    static void writeFully(FileChannel channel, long position, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }
}
