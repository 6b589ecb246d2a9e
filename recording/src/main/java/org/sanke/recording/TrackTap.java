package org.sanke.recording;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the SFU hands one track's RTP packets to the recorder. {@link #offer} is made for the forwarding thread: it
 * copies the packet into a slot allocated in advance and returns, never blocking and never allocating; when the
 * recorder is behind the packet is dropped and counted. Everything else (reordering, depacketising, writing) happens
 * on the recording's own thread.
 */
public final class TrackTap {
    private final Recording recording;
    private final TrackSpec spec;
    private final String fileBase;
    private final AtomicLong queueDrops = new AtomicLong();
    private final CompletableFuture<TrackSummary> summary = new CompletableFuture<>();
    private volatile boolean ended;
    TrackPipeline pipeline; // the recorder thread's
    boolean finished; // the recorder thread's

    TrackTap(Recording recording, TrackSpec spec, String fileBase) {
        this.recording = recording;
        this.spec = spec;
        this.fileBase = fileBase;
    }

    /**
     * Hands over one RTP packet (decrypted: SRTP already removed; padding-only packets welcome, they keep the
     * sequence whole). Any thread, but one packet at a time per track, in the order they are forwarded.
     *
     * @param arrivalNanos {@link System#nanoTime()} when it arrived
     * @return false when it was dropped: the recorder is behind, the track has ended, or it is no RTP
     */
    public boolean offer(byte[] packet, int offset, int length, long arrivalNanos) {
        if (!accepts(length)) {
            return false;
        }
        if (recording.queue().offer(this, packet, offset, length, arrivalNanos)) {
            return true;
        }
        queueDrops.incrementAndGet();
        return false;
    }

    /** As {@link #offer(byte[], int, int, long)}, for the packet between the buffer's position and limit. */
    public boolean offer(ByteBuffer packet, long arrivalNanos) {
        if (!accepts(packet.remaining())) {
            return false;
        }
        if (recording.queue().offer(this, packet, arrivalNanos)) {
            return true;
        }
        queueDrops.incrementAndGet();
        return false;
    }

    private boolean accepts(int length) {
        if (ended || recording.closing()) {
            return false;
        }
        if (length < 12 || length > recording.queue().maxPacket()) {
            queueDrops.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * The track ended (its producer closed, or it is no longer recorded): its file is finished on the recorder
     * thread with every packet offered before. Any thread, returns at once.
     */
    public void end() {
        if (!ended) {
            ended = true;
            recording.end(this);
        }
    }

    /** Completes when the track's file is finished (after {@link #end} or the recording's close). */
    public CompletableFuture<TrackSummary> summary() {
        return summary;
    }

    public TrackSpec spec() {
        return spec;
    }

    /** Packets dropped at the hand-over so far. */
    public long queueDrops() {
        return queueDrops.get();
    }

    String fileBase() {
        return fileBase;
    }

    void complete(TrackSummary result) {
        summary.complete(result);
    }
}
