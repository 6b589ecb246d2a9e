package org.sanke.loadtest.libwebrtc;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;

/**
 * A camera made of I420 frames pushed into libwebrtc at a fixed rate. The picture moves (a scrolling gradient and a
 * square of noise that wanders across it) so the encoder has motion and detail to spend bits on, as with a real
 * classroom camera; a still picture would cost almost nothing to encode and make the load unrealistically light.
 */
final class SyntheticCamera implements AutoCloseable {
    final CustomVideoSource source = new CustomVideoSource();
    private final int width;
    private final int height;
    private final int fps;
    private final byte[] luma;
    private final byte[] chroma;
    private volatile Pacer pacer;
    private int frame;
    private int noise = 0x9E3779B9;

    SyntheticCamera(int width, int height, int fps) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.luma = new byte[width * height];
        this.chroma = new byte[width / 2 * (height / 2)];
    }

    void start() {
        pacer = new Pacer("synthetic-camera", 1_000_000 / fps, this::pushFrame);
    }

    private void pushFrame() {
        try {
            paint();
            NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
            copy(luma, width, height, buffer.getDataY(), buffer.getStrideY());
            copy(chroma, width / 2, height / 2, buffer.getDataU(), buffer.getStrideU());
            copy(chroma, width / 2, height / 2, buffer.getDataV(), buffer.getStrideV());
            VideoFrame videoFrame = new VideoFrame(buffer, System.nanoTime());
            source.pushFrame(videoFrame);
            videoFrame.release();
            frame++;
        } catch (RuntimeException e) {
            // a frame that failed is a frame the camera dropped; the next one tries again
        }
    }

    private void paint() {
        int shift = frame * 3;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                luma[row + x] = (byte) (x + y + shift);
            }
        }
        // The noisy square bounces across the picture: a quarter of its height on a side.
        int side = Math.max(8, height / 4);
        int left = bounce(frame * 4, width - side);
        int top = bounce(frame * 3, height - side);
        for (int y = top; y < top + side; y++) {
            for (int x = left; x < left + side; x++) {
                noise ^= noise << 13;
                noise ^= noise >>> 17;
                noise ^= noise << 5;
                luma[y * width + x] = (byte) noise;
            }
        }
        java.util.Arrays.fill(chroma, (byte) (128 + 40 * Math.sin(frame / (double) fps)));
    }

    private static int bounce(int position, int range) {
        if (range <= 0) {
            return 0;
        }
        int p = position % (2 * range);
        return p < range ? p : 2 * range - p;
    }

    private static void copy(byte[] plane, int planeWidth, int planeHeight, ByteBuffer target, int stride) {
        for (int y = 0; y < planeHeight; y++) {
            target.put(y * stride, plane, y * planeWidth, planeWidth);
        }
    }

    @Override
    public void close() {
        if (pacer != null) {
            pacer.close();
        }
    }
}
