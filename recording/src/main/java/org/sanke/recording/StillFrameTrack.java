package org.sanke.recording;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where the SFU hands one video track's RTP packets to the still-frame sampler; like {@link TrackTap}, {@link #offer}
 * only copies the packet into a slot allocated in advance, never blocking the forwarding thread.
 */
public final class StillFrameTrack {
    private final StillFrames sampler;
    private final TrackSpec spec;
    private final Consumer<StillFrame> onPicture;
    private final AtomicLong queueDrops = new AtomicLong();
    private volatile boolean ended;
    private volatile StillFrame latest;
    StillFramePipeline pipeline; // the sampler thread's
    /** A picture of it is being made: the next waits for it. */
    volatile boolean decoding;

    StillFrameTrack(StillFrames sampler, TrackSpec spec, Consumer<StillFrame> onPicture) {
        this.sampler = sampler;
        this.spec = spec;
        this.onPicture = onPicture;
    }

    /** One decrypted RTP packet; false when dropped (the sampler is behind, the track ended, or no RTP). */
    public boolean offer(byte[] packet, int offset, int length, long arrivalNanos) {
        if (ended || length < 12 || length > sampler.queue().maxPacket()) {
            return false;
        }
        if (sampler.queue().offer(this, packet, offset, length, arrivalNanos)) {
            return true;
        }
        queueDrops.incrementAndGet();
        return false;
    }

    /** No more packets: the track's buffers are let go; its last picture stays readable. Any thread. */
    public void end() {
        if (!ended) {
            ended = true;
            sampler.end(this);
        }
    }

    public boolean ended() {
        return ended;
    }

    /** The newest picture, or null before the first. */
    public StillFrame latest() {
        return latest;
    }

    public TrackSpec spec() {
        return spec;
    }

    public long queueDrops() {
        return queueDrops.get();
    }

    void picture(StillFrame frame) {
        latest = frame;
        if (onPicture != null) {
            onPicture.accept(frame);
        }
    }
}
