package org.sanke.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lesson's recording: a directory with one Matroska/WebM file per track, one bounded hand-over queue, and one
 * recorder thread that reorders, depacketises and writes. The SFU's forwarding threads only ever call
 * {@link TrackTap#offer}; the rest of this API may be called from any thread and never waits for the disk, except
 * {@link #close()}.
 */
public final class Recording implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Recording.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Path directory;
    private final RecordingOptions options;
    private final PacketQueue<TrackTap> queue;
    private final long epochMinusNano;
    private final Thread thread;
    private final List<TrackTap> taps = new CopyOnWriteArrayList<>();
    private final Set<String> fileBases = new HashSet<>();
    private final ConcurrentLinkedQueue<TrackTap> ended = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<List<TrackSummary>> closed = new CompletableFuture<>();
    private final List<TrackPipeline> pipelines = new ArrayList<>(); // the recorder thread's
    private volatile boolean closing;

    private Recording(Path directory, RecordingOptions options) {
        this.directory = directory;
        this.options = options;
        this.queue = new PacketQueue<>(options.queueSlots(), options.maxPacketBytes());
        Instant now = Instant.now();
        this.epochMinusNano = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
        this.thread = new Thread(this::run, "recorder-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true); // a server that dies without closing leaves files that recovery finishes
    }

    /**
     * Starts recording into {@code directory}, which the recorder thread makes when the first file is written: no I/O
     * here, so a lesson's thread may call it. Run {@link RecordingRecovery} on it first when a previous process may
     * have left files there.
     */
    public static Recording start(Path directory, RecordingOptions options) {
        Recording recording = new Recording(directory, options);
        recording.thread.start();
        return recording;
    }

    /**
     * Adds a track; its file appears at its first complete frame. Cheap, any thread. Two tracks of the same name get
     * different files ("name", "name-2").
     */
    public TrackTap addTrack(TrackSpec spec) {
        if (closing) {
            throw new IllegalStateException("the recording is closed");
        }
        String base = spec.name().replaceAll("[^A-Za-z0-9_-]", "_");
        String unique = base;
        synchronized (fileBases) {
            for (int i = 2; !fileBases.add(unique); i++) {
                unique = base + "-" + i;
            }
        }
        TrackTap tap = new TrackTap(this, spec, unique);
        taps.add(tap);
        return tap;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Stops taking packets, finishes every track's file with what was handed over, and stops the recorder thread.
     * Returns at once; the future completes when the files are finished.
     */
    public CompletableFuture<List<TrackSummary>> closeAsync() {
        closing = true;
        LockSupport.unpark(thread);
        return closed;
    }

    /** {@link #closeAsync()} and wait for it: blocks on the disk, so not for an event loop. */
    @Override
    public void close() {
        closeAsync().join();
    }

    PacketQueue<TrackTap> queue() {
        return queue;
    }

    boolean closing() {
        return closing;
    }

    void end(TrackTap tap) {
        ended.add(tap);
        LockSupport.unpark(thread);
    }

    private void run() {
        long pollNanos = options.pollMillis() * 1_000_000;
        try {
            while (true) {
                boolean last = closing; // read first: packets offered before close are in the queue by now
                int handled = queue.drain(this::dispatch);
                TrackTap done;
                while ((done = ended.poll()) != null) {
                    queue.drain(this::dispatch); // its last packets were offered before end()
                    finish(done);
                }
                long now = System.nanoTime();
                for (TrackPipeline pipeline : pipelines) {
                    try {
                        pipeline.poll(now);
                    } catch (RuntimeException e) {
                        pipeline.fail(e); // a bug in one track stops that track, not the recording
                    }
                }
                if (last) {
                    break;
                }
                if (handled == 0) {
                    LockSupport.parkNanos(pollNanos);
                }
            }
            List<TrackSummary> summaries = new ArrayList<>();
            for (TrackTap tap : taps) {
                finish(tap);
                summaries.add(tap.summary().join());
            }
            closed.complete(summaries);
        } catch (Throwable t) {
            log.error("recorder thread of {} failed; recovery finishes its files at the next start", directory, t);
            closed.completeExceptionally(t);
            for (TrackTap tap : taps) {
                tap.summary().completeExceptionally(t);
            }
        }
    }

    private void dispatch(PacketQueue.Slot<TrackTap> slot) {
        TrackTap tap = slot.track;
        if (tap.finished) {
            return;
        }
        if (tap.pipeline == null) {
            tap.pipeline = new TrackPipeline(tap, directory, options, epochMinusNano);
            pipelines.add(tap.pipeline);
        }
        try {
            tap.pipeline.packet(slot.data, slot.length, slot.arrivalNanos, System.nanoTime());
        } catch (RuntimeException e) {
            tap.pipeline.fail(e);
        }
    }

    private void finish(TrackTap tap) {
        if (tap.finished) {
            return;
        }
        tap.finished = true;
        TrackSummary summary;
        if (tap.pipeline != null) {
            pipelines.remove(tap.pipeline);
            summary = tap.pipeline.finish();
            tap.pipeline = null;
        } else {
            summary = new TrackSummary(tap.spec().name(), tap.spec().codec(), null, 0, 0, 0, 0, 0, tap.queueDrops(),
                    null);
        }
        log.info("recorded {}: {} frames, {} ms, {} dropped, {} lost, {} not handed over", summary.name(),
                summary.frames(), summary.durationMillis(), summary.framesDropped(), summary.packetsLost(),
                summary.queueDrops());
        tap.complete(summary);
    }
}
