package org.sanke.recording;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.sanke.recording.mkv.CodecHeaders;
import org.sanke.recording.rtp.Codec;
import org.sanke.recording.rtp.Depacketizer;
import org.sanke.recording.rtp.FrameSink;
import org.sanke.recording.rtp.H264Depacketizer;
import org.sanke.recording.rtp.ReorderBuffer;
import org.sanke.recording.rtp.RtpView;

/**
 * One video track on the sampler thread: packets → reorder buffer → depacketiser → the frames since the last keyframe
 * (a group of pictures). When a picture is due, the group is packed into a file ffmpeg reads (IVF for VP8, Annex B
 * for H.264) and decoded elsewhere; decoding the group up to its newest frame shows what receivers see now. A group
 * that grows past its bound is dropped and a keyframe asked for, so memory and decoding stay bounded.
 */
final class StillFramePipeline implements ReorderBuffer.Output, FrameSink {
    /** A packed group of pictures, ready for ffmpeg. */
    record DecodeJob(StillFrameTrack track, String format, byte[] file, int frames, long frameArrivalNanos) {
    }

    private record Frame(byte[] data, long timestamp) {
    }

    private static final long REORDER_WAIT_NANOS = 100_000_000L;

    private final StillFrameTrack track;
    private final StillFrameOptions options;
    private final Codec codec;
    private final ReorderBuffer reorder;
    private final Depacketizer depacketizer;
    private final RtpView arriving = new RtpView();
    private final RtpView ordered = new RtpView();
    private final List<Frame> group = new ArrayList<>();
    private final long intervalNanos;
    private int groupBytes;
    private CodecHeaders.Size size;
    private boolean ssrcKnown;
    private int ssrc;
    private long lastArrival;
    private long newestFrameArrival;
    private boolean newFrame;
    private long nextSample;
    private long lastKeyframeRequest;
    private boolean requested;
    private long groupsDropped;

    StillFramePipeline(StillFrameTrack track, StillFrameOptions options, int maxPacket, long now) {
        this.track = track;
        this.options = options;
        this.codec = track.spec().codec();
        if (!codec.video()) {
            throw new IllegalArgumentException("still frames come from video, not " + codec);
        }
        this.reorder = new ReorderBuffer(64, maxPacket, REORDER_WAIT_NANOS);
        this.depacketizer = Depacketizer.forCodec(codec, H264Depacketizer.Output.ANNEX_B);
        this.intervalNanos = options.interval().toNanos();
        this.nextSample = now; // the first picture as soon as there is a frame
    }

    void packet(byte[] data, int length, long arrivalNanos, long now) {
        if (!arriving.read(data, 0, length)) {
            return;
        }
        int payloadType = track.spec().payloadType();
        if (payloadType >= 0 && arriving.payloadType() != payloadType) {
            return;
        }
        if (ssrcKnown && arriving.ssrc() != ssrc) {
            depacketizer.reset(); // the publisher restarted: wait for its next keyframe
            reorder.reset();
            clearGroup();
        }
        ssrcKnown = true;
        ssrc = arriving.ssrc();
        lastArrival = arrivalNanos;
        reorder.add(data, 0, length, arriving.sequence(), arrivalNanos, this);
    }

    /** Time passes: late holes given up, a keyframe asked for when needed; the decoding due now, or null. */
    DecodeJob poll(long now) {
        reorder.poll(now, this);
        if (group.isEmpty() || depacketizer.waitingForKeyframe()) {
            askForKeyframe(now);
        }
        if (!newFrame || group.isEmpty() || now < nextSample || track.decoding) {
            return null;
        }
        newFrame = false;
        nextSample = now + intervalNanos;
        return new DecodeJob(track, codec == Codec.VP8 ? "ivf" : "h264", pack(), group.size(), newestFrameArrival);
    }

    @Override
    public void packet(byte[] data, int offset, int length) {
        if (ordered.read(data, offset, length)) {
            depacketizer.push(ordered, this);
        }
    }

    @Override
    public void frame(byte[] data, int offset, int length, long timestamp, boolean keyframe) {
        if (keyframe) {
            clearGroup();
            if (codec == Codec.VP8) {
                size = CodecHeaders.vp8Size(data, offset, length);
            }
        } else if (group.isEmpty()) {
            return; // nothing to decode it against
        }
        if (group.size() >= options.maxGopFrames() || groupBytes + length > options.maxGopBytes()) {
            clearGroup(); // a keyframe is asked for at the next poll
            groupsDropped++;
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        group.add(new Frame(copy, timestamp));
        groupBytes += length;
        newestFrameArrival = lastArrival;
        newFrame = true;
    }

    private void clearGroup() {
        group.clear();
        groupBytes = 0;
    }

    private void askForKeyframe(long now) {
        Runnable requester = track.spec().keyframeRequester();
        if (requester == null || !ssrcKnown || (requested && now - lastKeyframeRequest < intervalNanos)) {
            return;
        }
        requested = true;
        lastKeyframeRequest = now;
        requester.run();
    }

    private byte[] pack() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(groupBytes + 32 + 12 * group.size());
        if (codec == Codec.VP8) {
            ByteBuffer header = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            header.put((byte) 'D').put((byte) 'K').put((byte) 'I').put((byte) 'F');
            header.putShort((short) 0).putShort((short) 32);
            header.put((byte) 'V').put((byte) 'P').put((byte) '8').put((byte) '0');
            header.putShort((short) (size == null ? 0 : size.width()));
            header.putShort((short) (size == null ? 0 : size.height()));
            header.putInt(codec.clockRate()).putInt(1).putInt(group.size()).putInt(0);
            out.writeBytes(header.array());
            long first = group.get(0).timestamp();
            for (Frame frame : group) {
                ByteBuffer frameHeader = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                frameHeader.putInt(frame.data().length).putLong(frame.timestamp() - first);
                out.writeBytes(frameHeader.array());
                out.writeBytes(frame.data());
            }
        } else {
            for (Frame frame : group) {
                out.writeBytes(frame.data());
            }
        }
        return out.toByteArray();
    }

    long groupsDropped() {
        return groupsDropped;
    }
}
