package org.sanke.loadtest.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.sanke.media.packet.RtpHeaderWriter;

/**
 * Sends what a camera and microphone would, at realistic rates and sizes: opus-sized audio every 20 ms and VP8-sized
 * video frames at 30 fps split into packets of at most 1100 bytes. Each payload begins with the send time
 * (System.nanoTime, 8 bytes), which receivers in the same JVM turn into end-to-end delay. With simulcast, video goes
 * as three layers (a sixteenth, a quarter and all of the bitrate, like quarter, half and full resolution), each
 * tagged with the MID and its RID. Driven by one timer thread.
 */
public final class SyntheticPublisher {
    public static final int MAX_PAYLOAD = 1100;
    private static final long AUDIO_INTERVAL_NANOS = 20_000_000L;
    private static final long VIDEO_INTERVAL_NANOS = 33_333_333L;
    private static final byte VIDEO_MID = '1';

    private final MediaConnection connection;
    private final int audioSsrc;
    private final int audioPayload;
    private final VideoLayer[] layers;
    private final byte[] packet = new byte[12 + 12 + MAX_PAYLOAD];
    private int audioSequence;
    private int audioTimestamp;
    private int videoTimestamp;
    private long nextAudio;
    private long nextVideo;

    public SyntheticPublisher(MediaConnection connection, int audioSsrc, int videoSsrc, int audioKbps, int videoKbps,
                              long now) {
        this(connection, audioSsrc, videoSsrc, audioKbps, videoKbps, false, now);
    }

    /** @param simulcast three video layers by RID (the SDP must offer them, {@link ClientSdp#SIMULCAST_RIDS}) */
    public SyntheticPublisher(MediaConnection connection, int audioSsrc, int videoSsrc, int audioKbps, int videoKbps,
                              boolean simulcast, long now) {
        this.connection = connection;
        this.audioSsrc = audioSsrc;
        this.audioPayload = Math.max(16, audioKbps * 1000 / 8 / 50);
        int frameBytes = Math.max(16, videoKbps * 1000 / 8 / 30);
        if (simulcast) {
            String[] rids = ClientSdp.SIMULCAST_RIDS;
            layers = new VideoLayer[rids.length];
            for (int i = 0; i < rids.length; i++) {
                int share = 1 << (2 * (rids.length - 1 - i)); // 16, 4, 1
                layers[i] = new VideoLayer(i == rids.length - 1 ? videoSsrc : SimulatedClassroom.nonZero(),
                        rids[i].getBytes(StandardCharsets.US_ASCII)[0], Math.max(16, frameBytes / share));
            }
        } else {
            layers = new VideoLayer[] {new VideoLayer(videoSsrc, (byte) 0, frameBytes)};
        }
        this.nextAudio = now;
        this.nextVideo = now;
    }

    /** Sends whatever is due at {@code now}. */
    public void tick(long now) throws IOException {
        while (now >= nextAudio) {
            send(ClientSdp.OPUS_PT, audioSsrc, audioSequence++, audioTimestamp, true, audioPayload, (byte) 0);
            audioTimestamp += 960;
            nextAudio += AUDIO_INTERVAL_NANOS;
        }
        while (now >= nextVideo) {
            for (VideoLayer layer : layers) {
                int remaining = layer.frameBytes;
                while (remaining > 0) {
                    int size = Math.min(remaining, MAX_PAYLOAD);
                    remaining -= size;
                    send(ClientSdp.VP8_PT, layer.ssrc, layer.sequence++, videoTimestamp, remaining == 0, size,
                            layer.rid);
                }
            }
            videoTimestamp += 3000;
            nextVideo += VIDEO_INTERVAL_NANOS;
        }
    }

    private void send(int payloadType, int ssrc, int sequence, int timestamp, boolean marker, int payloadSize,
                      byte rid) throws IOException {
        int pos = RtpHeaderWriter.writeFixedHeader(packet, 0, payloadType, marker, sequence & 0xFFFF, timestamp, ssrc);
        if (rid != 0) {
            int block = RtpHeaderWriter.beginOneByteExtensions(packet, pos);
            int ext = RtpHeaderWriter.putOneByteExtension8(packet, block, ClientSdp.MID_ID, VIDEO_MID);
            ext = RtpHeaderWriter.putOneByteExtension8(packet, ext, ClientSdp.RID_ID, rid);
            pos = RtpHeaderWriter.endOneByteExtensions(packet, 0, block, ext);
        }
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

    /** One video stream: the only one, or a simulcast layer (rid 0 when not simulcast). */
    private static final class VideoLayer {
        final int ssrc;
        final byte rid;
        final int frameBytes;
        int sequence;

        VideoLayer(int ssrc, byte rid, int frameBytes) {
            this.ssrc = ssrc;
            this.rid = rid;
            this.frameBytes = frameBytes;
        }
    }
}
