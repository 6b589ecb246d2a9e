package org.sanke.loadtest.libwebrtc;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;

/**
 * A microphone made of 10 ms chunks of 48 kHz mono PCM pushed into libwebrtc, which encodes them with Opus. The tone
 * rises and falls in loudness like speech, so the encoder never sees pure silence. One thread pushes, as libwebrtc
 * requires.
 */
final class SyntheticMicrophone implements AutoCloseable {
    private static final int RATE = 48_000;
    private static final int FRAMES = RATE / 100;

    final CustomAudioSource source = new CustomAudioSource();
    private final byte[] chunk = new byte[FRAMES * 2];
    private volatile Pacer pacer;
    private long sample;

    void start() {
        pacer = new Pacer("synthetic-microphone", 10_000, this::pushChunk);
    }

    private void pushChunk() {
        for (int i = 0; i < FRAMES; i++, sample++) {
            double t = sample / (double) RATE;
            double loudness = 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * t);
            int value = (int) (9000 * loudness * Math.sin(2 * Math.PI * 220 * t));
            // 16-bit little-endian: the platform order libwebrtc reads on x86-64.
            chunk[2 * i] = (byte) value;
            chunk[2 * i + 1] = (byte) (value >> 8);
        }
        try {
            source.pushAudio(chunk, 16, RATE, 1, FRAMES);
        } catch (RuntimeException e) {
            // a chunk that failed is a gap the receivers conceal
        }
    }

    @Override
    public void close() {
        if (pacer != null) {
            pacer.close();
        }
    }
}
