package org.sanke.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the frames of an IVF file (VP8 as libvpx writes it): a 32-byte header, then size, timestamp and data. */
final class Ivf {
    record Frame(byte[] data, boolean keyframe) {
    }

    private Ivf() {
    }

    static List<Frame> frames(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getShort(6) & 0xFFFF;
        b.position(headerLength);
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() >= 12) {
            int size = b.getInt();
            b.getLong(); // timestamp
            byte[] data = Arrays.copyOfRange(b.array(), b.position(), b.position() + size);
            b.position(b.position() + size);
            frames.add(new Frame(data, (data[0] & 1) == 0));
        }
        return frames;
    }
}
