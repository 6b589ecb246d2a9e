package org.sanke.recording.rtp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Crafted RTP packets and a sink that keeps the frames it gets, for the depacketiser tests. */
final class Packets {
    private Packets() {
    }

    static byte[] rtp(int sequence, long timestamp, boolean marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80);
        out.write((marker ? 0x80 : 0) | 96);
        out.write(sequence >>> 8);
        out.write(sequence);
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (timestamp >>> shift));
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(0x1234_5678 >>> shift);
        }
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] filler(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    record Frame(byte[] data, long timestamp, boolean keyframe) {
    }

    /** Collects frames; feeds packets to a depacketiser through a fresh view each time. */
    static final class Collector implements FrameSink {
        final List<Frame> frames = new ArrayList<>();
        private final RtpView view = new RtpView();

        @Override
        public void frame(byte[] data, int offset, int length, long timestamp, boolean keyframe) {
            frames.add(new Frame(java.util.Arrays.copyOfRange(data, offset, offset + length), timestamp, keyframe));
        }

        void push(Depacketizer depacketizer, byte[] packet) {
            if (!view.read(packet, 0, packet.length)) {
                throw new AssertionError("not RTP");
            }
            depacketizer.push(view, this);
        }
    }
}
