package org.sanke.loadtest.client;

import org.sanke.loadtest.stats.LossTotals;
import org.sanke.loadtest.stats.ReceiverStreams;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.packet.RtpPacket;

/**
 * Checks what one subscribe connection receives: per SSRC loss, duplicates and delay, and the join time at the
 * first video packet. Called by that connection's reader thread only; {@link #totals} and {@link #close} from any.
 */
public final class MediaReceiver {
    private final RunStats stats;
    private final ReceiverStreams streams;
    private final RtpPacket view = new RtpPacket();
    private boolean firstVideo;
    /** When the last media packet arrived ({@link System#nanoTime()}), and how many did: what a cut-off stops. */
    private volatile long lastPacketNanos;
    private final java.util.concurrent.atomic.AtomicLong packets = new java.util.concurrent.atomic.AtomicLong();

    public MediaReceiver(RunStats stats) {
        this.stats = stats;
        this.streams = new ReceiverStreams(stats);
    }

    public void onRtp(byte[] buf, int len, long now, long joinStartedNanos) {
        if (!view.wrap(buf, 0, len) || view.payloadLength() < 8) {
            return;
        }
        lastPacketNanos = now;
        packets.incrementAndGet();
        if (!firstVideo && view.payloadType() == ClientSdp.VP8_PT) {
            firstVideo = true;
            stats.recordJoin((now - joinStartedNanos) / 1e6);
        }
        streams.onPacket(view.ssrc(), view.sequenceNumber(), view.payloadLength(),
                now - SyntheticPublisher.sendTime(buf, view.payloadOffset()), now);
    }

    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    public long packets() {
        return packets.get();
    }

    /** Lost and expected packets over everything this receiver got. */
    public LossTotals totals() {
        return streams.totals();
    }

    /** Releases the streams (their counts stay in the run's); later packets are ignored. */
    public void close() {
        streams.close();
    }
}
