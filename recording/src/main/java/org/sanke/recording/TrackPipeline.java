package org.sanke.recording;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import org.sanke.recording.mkv.CodecHeaders;
import org.sanke.recording.mkv.MatroskaTrackWriter;
import org.sanke.recording.mkv.TrackHeader;
import org.sanke.recording.rtp.Codec;
import org.sanke.recording.rtp.Depacketizer;
import org.sanke.recording.rtp.FrameSink;
import org.sanke.recording.rtp.H264Depacketizer;
import org.sanke.recording.rtp.ReorderBuffer;
import org.sanke.recording.rtp.RtpView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One track on the recorder thread: packets → reorder buffer → depacketiser → Matroska writer. The file is created at
 * the first complete frame (for video a keyframe), whose arrival is the file's time 0; later frames are placed by their
 * RTP timestamps. A new SSRC (the publisher restarted its stream) continues the file at the new stream's arrival time.
 */
final class TrackPipeline implements ReorderBuffer.Output, FrameSink {
    private static final Logger log = LoggerFactory.getLogger(TrackPipeline.class);

    private final TrackTap tap;
    private final Path directory;
    private final RecordingOptions options;
    private final long epochMinusNano;
    private final Codec codec;
    private final ReorderBuffer reorder;
    private final Depacketizer depacketizer;
    private final RtpView arriving = new RtpView();
    private final RtpView ordered = new RtpView();
    private MatroskaTrackWriter writer;
    private Path file;
    private long startNanos;
    private long startEpochNanos;
    private boolean ssrcKnown;
    private int ssrc;
    private boolean timeBaseKnown;
    private long baseTimestamp;
    private long baseMillis;
    private long lastArrival;
    /** The track's first packet: its arrival and RTP timestamp place the first frame in time, wherever it ends. */
    private boolean firstPacketSeen;
    private long firstPacketArrival;
    private int firstPacketTimestamp;
    private long lastKeyframeRequest;
    private boolean requestedOnce;
    private long malformed;
    private long lostBefore; // of streams (SSRCs) already replaced
    private String error;

    TrackPipeline(TrackTap tap, Path directory, RecordingOptions options, long epochMinusNano) {
        this.tap = tap;
        this.directory = directory;
        this.options = options;
        this.epochMinusNano = epochMinusNano;
        this.codec = tap.spec().codec();
        this.reorder = new ReorderBuffer(options.reorderSlots(), options.maxPacketBytes(),
                options.reorderWaitMillis() * 1_000_000);
        this.depacketizer = Depacketizer.forCodec(codec, H264Depacketizer.Output.LENGTH_PREFIXED);
    }

    void packet(byte[] data, int length, long arrivalNanos, long now) {
        if (error != null) {
            return;
        }
        if (!arriving.read(data, 0, length)) {
            malformed++;
            return;
        }
        int payloadType = tap.spec().payloadType();
        if (payloadType >= 0 && arriving.payloadType() != payloadType) {
            return;
        }
        lastArrival = arrivalNanos;
        if (!firstPacketSeen) {
            firstPacketSeen = true;
            firstPacketArrival = arrivalNanos;
            firstPacketTimestamp = arriving.timestamp();
        }
        if (ssrcKnown && arriving.ssrc() != ssrc) {
            reorder.flush(this);
            lostBefore += depacketizer.packetsLost();
            depacketizer.reset();
            reorder.reset();
            timeBaseKnown = false;
        }
        ssrcKnown = true;
        ssrc = arriving.ssrc();
        reorder.add(data, 0, length, arriving.sequence(), arrivalNanos, this);
        askForKeyframe(now);
    }

    /** Time passes: holes waited for long enough are given up, a cluster open long enough is written. */
    void poll(long now) {
        if (error != null) {
            return;
        }
        reorder.poll(now, this);
        try {
            if (writer != null) {
                writer.poll(now);
            }
        } catch (IOException e) {
            fail(e);
        }
        askForKeyframe(now);
    }

    @Override
    public void packet(byte[] data, int offset, int length) {
        if (error == null && ordered.read(data, offset, length)) {
            depacketizer.push(ordered, this);
        }
    }

    @Override
    public void frame(byte[] data, int offset, int length, long timestamp, boolean keyframe) {
        if (error != null) {
            return;
        }
        try {
            boolean opened = false;
            if (writer == null) {
                if (!open(data, offset, length, timestamp)) {
                    return;
                }
                opened = true;
            }
            if (!timeBaseKnown) {
                timeBaseKnown = true;
                baseTimestamp = timestamp;
                // The first frame is the file's time 0; a new stream (SSRC) goes on from when it arrived.
                baseMillis = opened ? 0
                        : Math.max(writer.lastFrameMillis() + 1, (lastArrival - startNanos) / 1_000_000);
            }
            long millis = baseMillis + Math.floorDiv((timestamp - baseTimestamp) * 1000, codec.clockRate());
            writer.write(millis, data, offset, length, keyframe, System.nanoTime());
        } catch (IOException e) {
            fail(e);
        }
    }

    private boolean open(byte[] data, int offset, int length, long timestamp) throws IOException {
        CodecHeaders.Size size = null;
        byte[] codecPrivate = null;
        int channels = 0;
        switch (codec) {
            case VP8 -> size = CodecHeaders.vp8Size(data, offset, length);
            case H264 -> {
                H264Depacketizer h264 = (H264Depacketizer) depacketizer;
                size = CodecHeaders.h264Size(h264.sps());
                codecPrivate = CodecHeaders.avcDecoderConfiguration(h264.sps(), h264.pps());
            }
            case OPUS -> {
                channels = 2; // WebRTC always negotiates opus/48000/2
                codecPrivate = CodecHeaders.opusHead(channels);
            }
        }
        if (codec.video() && (size == null || size.width() == 0 || size.height() == 0)) {
            return false;
        }
        startNanos = firstFrameArrival(timestamp);
        startEpochNanos = epochMinusNano + startNanos;
        TrackHeader header = new TrackHeader(codec, tap.spec().name(), startEpochNanos, size, codecPrivate, channels);
        java.nio.file.Files.createDirectories(directory); // the recording's first file: its folder is made here
        for (int attempt = 1; writer == null; attempt++) {
            String name = tap.fileBase() + (attempt == 1 ? "" : "-" + attempt) + header.fileSuffix();
            try {
                writer = MatroskaTrackWriter.create(directory.resolve(name), header, options.clusterMillis(),
                        options.forceMillis(), System.nanoTime());
                file = directory.resolve(name);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 1000) {
                    throw e;
                }
            }
        }
        log.info("recording {} ({}) to {}", tap.spec().name(), codec, file);
        return true;
    }

    /**
     * When the file's first frame was sent, on the arrival clock: the first packet's arrival moved by the RTP time
     * between them. Not the arrival of the frame's last packet: held back (a hole waited for, a publisher that paused
     * its sending), that can come seconds after the frame began, and the tracks would no longer line up.
     */
    private long firstFrameArrival(long frameTimestamp) {
        long rtpNanos = (long) ((int) frameTimestamp - firstPacketTimestamp) * 1_000_000_000L / codec.clockRate();
        if (!firstPacketSeen || rtpNanos < 0 || rtpNanos > lastArrival - firstPacketArrival + 1_000_000_000L) {
            return lastArrival; // another stream's clock, or one that jumped: the frame's own arrival is all we have
        }
        return firstPacketArrival + rtpNanos;
    }

    private void askForKeyframe(long now) {
        Runnable requester = tap.spec().keyframeRequester();
        if (requester == null || !depacketizer.waitingForKeyframe()) {
            return;
        }
        if (requestedOnce && now - lastKeyframeRequest < options.keyframeRequestMillis() * 1_000_000) {
            return;
        }
        requestedOnce = true;
        lastKeyframeRequest = now;
        try {
            requester.run();
        } catch (RuntimeException e) {
            log.warn("keyframe request of {} failed", tap.spec().name(), e);
        }
    }

    void fail(Exception e) {
        if (error != null) {
            return;
        }
        error = e.toString();
        log.warn("recording {} stopped: {}", tap.spec().name(), error, e);
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException | RuntimeException closing) {
            e.addSuppressed(closing); // recovery finishes it at the next start
        }
    }

    /** Writes what is held, finishes the file and says what was recorded. */
    TrackSummary finish() {
        if (error == null) {
            reorder.flush(this);
            try {
                if (writer != null) {
                    writer.close();
                }
            } catch (IOException e) {
                fail(e);
            }
        }
        return new TrackSummary(tap.spec().name(), codec, file, writer == null ? 0 : startEpochNanos,
                writer == null ? 0 : Math.max(0, writer.lastFrameMillis()), writer == null ? 0 : writer.frames(),
                depacketizer.framesDropped(), lostBefore + depacketizer.packetsLost() + depacketizer.packetsLate(),
                tap.queueDrops(), error);
    }

    long malformed() {
        return malformed;
    }
}
