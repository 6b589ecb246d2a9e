package org.sanke.recording.rtp;

/**
 * Turns the RTP packets of one stream (one SSRC) back into the frames the encoder produced. Packets come in sequence
 * order (a {@link ReorderBuffer} in front puts late ones back in place); a jump in the sequence number means packets
 * were lost: the frame they belonged to is dropped and, for video, frames are dropped until the next keyframe, since
 * the ones in between would decode to garbage. Not thread-safe: one thread (the recorder's) feeds it.
 */
public abstract class Depacketizer {
    /** Frames larger than this are dropped: no WebRTC encoder makes them, a broken stream might. */
    static final int MAX_FRAME = 8 * 1024 * 1024;

    private final boolean video;
    private boolean waitingForKeyframe;
    private boolean started;
    private int lastSequence;
    private long lastTimestamp;
    private long framesOut;
    private long framesDropped;
    private long packetsLost;
    private long packetsLate;

    /** @param video whether frames depend on earlier ones, so that after a loss only a keyframe may follow */
    protected Depacketizer(boolean video) {
        this.video = video;
        this.waitingForKeyframe = video;
    }

    /** The depacketiser for a codec; {@code h264Output} matters only for H.264. */
    public static Depacketizer forCodec(Codec codec, H264Depacketizer.Output h264Output) {
        return switch (codec) {
            case VP8 -> new Vp8Depacketizer();
            case H264 -> new H264Depacketizer(h264Output);
            case OPUS -> new OpusDepacketizer();
        };
    }

    /** Feeds one packet; the frames it completes go to {@code sink} before this returns. */
    public final void push(RtpView rtp, FrameSink sink) {
        int sequence = rtp.sequence();
        if (started) {
            int step = (sequence - lastSequence) & 0xFFFF;
            if (step == 0 || step >= 0x8000) {
                packetsLate++; // a duplicate, or older than what was already used
                return;
            }
            if (step > 1) {
                packetsLost += step - 1;
                discardPartial();
                lost();
            }
            lastTimestamp += rtp.timestamp() - (int) lastTimestamp; // 32-bit difference: unwraps
        } else {
            started = true;
            lastTimestamp = rtp.timestamp() & 0xFFFFFFFFL;
        }
        lastSequence = sequence;
        if (rtp.payloadLength() > 0) { // padding-only packets just keep the sequence whole
            packet(rtp, lastTimestamp, sink);
        }
    }

    /** Forgets the stream (a new SSRC follows): what is partial is dropped, and video waits for a keyframe. */
    public final void reset() {
        discardPartial();
        lost();
        started = false;
    }

    /** Video: frames are being dropped until a keyframe comes, so one should be asked for. */
    public final boolean waitingForKeyframe() {
        return waitingForKeyframe;
    }

    public final long framesOut() {
        return framesOut;
    }

    /** Frames dropped: incomplete, malformed, too large, or waiting for a keyframe. */
    public final long framesDropped() {
        return framesDropped;
    }

    public final long packetsLost() {
        return packetsLost;
    }

    /** Packets that came after their place in the sequence had been given up, and duplicates. */
    public final long packetsLate() {
        return packetsLate;
    }

    /** One packet with a payload, in order, with its unwrapped timestamp. */
    protected abstract void packet(RtpView rtp, long timestamp, FrameSink sink);

    /** Drops the frame being assembled, if any (counted once). */
    protected abstract void discardPartial();

    /** Packets were lost (or could not be used): for video, from now on only a keyframe may start a frame. */
    protected final void lost() {
        waitingForKeyframe = video;
    }

    /** A keyframe was handed out: frames that depend on it may follow. */
    protected final void keyframeSeen() {
        waitingForKeyframe = false;
    }

    protected final void emitted() {
        framesOut++;
    }

    protected final void dropped() {
        framesDropped++;
    }
}
