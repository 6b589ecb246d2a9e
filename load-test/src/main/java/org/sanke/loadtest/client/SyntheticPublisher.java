package org.sanke.loadtest.client;

import java.io.IOException;
import org.sanke.media.packet.RtpHeaderWriter;

/**
 * Sends what a camera and microphone would, at realistic rates and sizes: opus-sized audio every 20 ms and VP8-sized
 * video frames at 30 fps split into packets of at most 1100 bytes. Each payload begins with the send time
 * (System.nanoTime, 8 bytes), which receivers in the same JVM turn into end-to-end delay. Driven by one timer thread.
 */
public final class SyntheticPublisher {
    public static final int MAX_PAYLOAD = 1100;
    private static final long AUDIO_INTERVAL_NANOS = 20_000_000L;
    private static final long VIDEO_INTERVAL_NANOS = 33_333_333L;

    private final MediaConnection connection;
    private final int audioSsrc;
    private final int videoSsrc;
    private final int audioPayload;
    private final int videoFrameBytes;
    private final byte[] packet = new byte[12 + MAX_PAYLOAD];
    private int audioSequence;
    private int videoSequence;
    private int audioTimestamp;
    private int videoTimestamp;
    private long nextAudio;
    private long nextVideo;

    public SyntheticPublisher(MediaConnection connection, int audioSsrc, int videoSsrc, int audioKbps, int videoKbps,
                              long now) {
        this.connection = connection;
        this.audioSsrc = audioSsrc;
        this.videoSsrc = videoSsrc;
        this.audioPayload = Math.max(16, audioKbps * 1000 / 8 / 50);
        this.videoFrameBytes = Math.max(16, videoKbps * 1000 / 8 / 30);
        this.nextAudio = now;
        this.nextVideo = now;
    }

    /** Sends whatever is due at {@code now}. */
    public void tick(long now) throws IOException {
        while (now >= nextAudio) {
            send(ClientSdp.OPUS_PT, audioSsrc, audioSequence++, audioTimestamp, true, audioPayload);
            audioTimestamp += 960;
            nextAudio += AUDIO_INTERVAL_NANOS;
        }
        while (now >= nextVideo) {
            int remaining = videoFrameBytes;
            while (remaining > 0) {
                int size = Math.min(remaining, MAX_PAYLOAD);
                remaining -= size;
                send(ClientSdp.VP8_PT, videoSsrc, videoSequence++, videoTimestamp, remaining == 0, size);
            }
            videoTimestamp += 3000;
            nextVideo += VIDEO_INTERVAL_NANOS;
        }
    }

    private void send(int payloadType, int ssrc, int sequence, int timestamp, boolean marker, int payloadSize)
            throws IOException {
        int pos = RtpHeaderWriter.writeFixedHeader(packet, 0, payloadType, marker, sequence & 0xFFFF, timestamp, ssrc);
        long sent = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            packet[pos + i] = (byte) (sent >>> (56 - 8 * i));
        }
        connection.sendRtp(packet, pos + Math.max(8, payloadSize));
    }

    /** The send time a payload carries. */
    public static long sendTime(byte[] buf, int payloadOffset) {
        long t = 0;
        for (int i = 0; i < 8; i++) {
            t = (t << 8) | (buf[payloadOffset + i] & 0xFF);
        }
        return t;
    }
}
