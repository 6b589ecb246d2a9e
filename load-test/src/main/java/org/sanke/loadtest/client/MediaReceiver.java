package org.sanke.loadtest.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sanke.loadtest.stats.ReceivedStream;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.packet.RtpPacket;

/**
 * Checks what one subscribe connection receives: per SSRC loss, duplicates and delay, and the join time at the
 * first video packet. Called by that connection's reader thread only.
 */
public final class MediaReceiver {
    private final RunStats stats;
    private final Map<Integer, ReceivedStream> streams = new ConcurrentHashMap<>();
    private final RtpPacket view = new RtpPacket();
    private boolean firstVideo;

    public MediaReceiver(RunStats stats) {
        this.stats = stats;
    }

    public void onRtp(byte[] buf, int len, long now, long joinStartedNanos) {
        if (!view.wrap(buf, 0, len) || view.payloadLength() < 8) {
            return;
        }
        if (!firstVideo && view.payloadType() == ClientSdp.VP8_PT) {
            firstVideo = true;
            stats.recordJoin((now - joinStartedNanos) / 1e6);
        }
        streams.computeIfAbsent(view.ssrc(), ssrc -> stats.newStream())
                .onPacket(view.sequenceNumber(), view.payloadLength(),
                        now - SyntheticPublisher.sendTime(buf, view.payloadOffset()));
    }
}
