package org.sanke.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.sanke.recording.ffmpeg.Ffmpeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Still pictures of live video tracks, for the inspectors' patrol wall and the moderation hook: a small JPEG of each
 * track's newest frame every {@link StillFrameOptions#interval()}. Packets come from the SFU's forwarding thread by a
 * copy into a queue; one sampler thread depacketises them and keeps each track's frames since its last keyframe;
 * a decoder thread has ffmpeg turn that group into the picture. Nothing is decoded on the forwarding path, and a
 * decoder that falls behind skips pictures rather than queueing them.
 */
public final class StillFrames implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StillFrames.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long POLL_NANOS = 20_000_000L;

    private final StillFrameOptions options;
    private final PacketQueue<StillFrameTrack> queue;
    private final long epochMinusNano;
    private final Thread thread;
    private final ThreadPoolExecutor decoder;
    private final ConcurrentLinkedQueue<StillFrameTrack> ended = new ConcurrentLinkedQueue<>();
    private final List<StillFramePipeline> pipelines = new ArrayList<>(); // the sampler thread's
    private final AtomicLong pictures = new AtomicLong();
    private final AtomicLong decodeFailures = new AtomicLong();
    private volatile boolean closing;

    public StillFrames(StillFrameOptions options) {
        this.options = options;
        this.queue = new PacketQueue<>(options.queueSlots(), 1500);
        Instant now = Instant.now();
        this.epochMinusNano = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
        int id = THREADS.incrementAndGet();
        // At most one decoding per track is waiting or running (the pipeline waits for it), so the queue is bounded
        // by the tracks, and a decoder that falls behind makes pictures less often instead of stale ones.
        this.decoder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "still-frame-decoder-" + id);
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "still-frames-" + id);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts sampling a video track; {@code onPicture} is called on the decoder thread with each new picture (it must
     * not block for long). Any thread.
     */
    public StillFrameTrack addTrack(TrackSpec spec, Consumer<StillFrame> onPicture) {
        if (closing) {
            throw new IllegalStateException("the still-frame sampler is closed");
        }
        if (!spec.codec().video()) {
            throw new IllegalArgumentException("still frames come from video, not " + spec.codec());
        }
        return new StillFrameTrack(this, spec, onPicture);
    }

    /** Pictures made, and decodings that failed. */
    public long pictures() {
        return pictures.get();
    }

    public long decodeFailures() {
        return decodeFailures.get();
    }

    PacketQueue<StillFrameTrack> queue() {
        return queue;
    }

    void end(StillFrameTrack track) {
        ended.add(track);
    }

    private void run() {
        while (!closing) {
            try {
                int handled = queue.drain(this::dispatch);
                StillFrameTrack done;
                while ((done = ended.poll()) != null) {
                    pipelines.remove(done.pipeline);
                    done.pipeline = null;
                }
                long now = System.nanoTime();
                for (StillFramePipeline pipeline : pipelines) {
                    StillFramePipeline.DecodeJob job = pipeline.poll(now);
                    if (job != null) {
                        job.track().decoding = true;
                        decoder.execute(() -> decode(job));
                    }
                }
                if (handled == 0) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
            } catch (RuntimeException e) {
                log.warn("still-frame sampling failed; it goes on with the next packets", e);
            }
        }
    }

    private void dispatch(PacketQueue.Slot<StillFrameTrack> slot) {
        StillFrameTrack track = slot.track;
        if (track.ended()) {
            return;
        }
        if (track.pipeline == null) {
            track.pipeline = new StillFramePipeline(track, options, queue.maxPacket(), System.nanoTime());
            pipelines.add(track.pipeline);
        }
        track.pipeline.packet(slot.data, slot.length, slot.arrivalNanos, System.nanoTime());
    }

    private void decode(StillFramePipeline.DecodeJob job) {
        Path input = null;
        Path output = null;
        try {
            input = Files.createTempFile("sanke-still", "." + job.format());
            output = Files.createTempFile("sanke-still", ".jpg");
            Files.write(input, job.file());
            Ffmpeg.Run run = Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error",
                    "-f", job.format(), "-i", input.toString(),
                    // Every frame is decoded (each depends on the one before), only the newest scaled and encoded.
                    "-vf", "select=gte(n\\," + (job.frames() - 1) + "),scale=" + options.width() + ":-2",
                    "-frames:v", "1", "-q:v", "5", "-y", output.toString()), options.decodeTimeout());
            byte[] jpeg = Files.readAllBytes(output);
            if (!run.ok() || jpeg.length == 0) {
                throw new IOException("ffmpeg exited with " + run.exitCode() + ": " + run.stderr().strip());
            }
            long epochNanos = epochMinusNano + job.frameArrivalNanos();
            pictures.incrementAndGet();
            job.track().picture(new StillFrame(job.track().spec().name(), jpeg,
                    Instant.ofEpochSecond(0, epochNanos)));
        } catch (IOException | RuntimeException e) {
            decodeFailures.incrementAndGet();
            log.warn("no still frame of {}: {}", job.track().spec().name(), e.toString());
        } finally {
            deleteQuietly(input);
            deleteQuietly(output);
            job.track().decoding = false;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the system's cleaner takes it
            }
        }
    }

    /** Stops sampling; pictures already made stay readable. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        decoder.shutdownNow();
    }
}
