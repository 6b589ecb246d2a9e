package org.sanke.loadtest.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything a run measures, written by many receive threads and read by the reporter. Delays go into an
 * HdrHistogram {@link Recorder} (lock-free for writers); each stream's loss comes from its own sequence numbers.
 * Bounded however long the run and however many clients come and go: retired streams are folded into totals, join
 * times are a uniform sample of at most {@value #MAX_JOIN_SAMPLES}, failure reasons at most
 * {@value #MAX_FAILURE_REASONS}.
 */
public final class RunStats {
    private static final long MAX_DELAY_NANOS = 60_000_000_000L;
    static final int MAX_JOIN_SAMPLES = 10_000;
    static final int MAX_FAILURE_REASONS = 50;

    private final Recorder delay = new Recorder(MAX_DELAY_NANOS, 3);
    private final Histogram totalDelay = new Histogram(MAX_DELAY_NANOS, 3);
    private final Set<ReceivedStream> streams = ConcurrentHashMap.newKeySet();
    private final List<Double> joinMillis = new ArrayList<>();
    private final SplittableRandom joinSampling = new SplittableRandom(11);
    private long joinsRecorded;
    private long retiredLost;
    private long retiredExpected;
    private long retiredDuplicates;
    final LongAdder packets = new LongAdder();
    final LongAdder bytes = new LongAdder();
    public final AtomicInteger clientsJoined = new AtomicInteger();
    public final AtomicInteger clientsFailed = new AtomicInteger();
    private final java.util.concurrent.ConcurrentMap<String, LongAdder> failureReasons =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A client failed to join or to connect its media: counted, with the reason, for the report. */
    public void fail(Throwable failure) {
        clientsFailed.incrementAndGet();
        Throwable cause = failure instanceof java.util.concurrent.ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String key = reason.length() > 120 ? reason.substring(0, 120) : reason;
        if (!failureReasons.containsKey(key) && failureReasons.size() >= MAX_FAILURE_REASONS) {
            key = "(other reasons)";
        }
        failureReasons.computeIfAbsent(key, r -> new LongAdder()).increment();
    }

    /** Why clients failed, most frequent first: "reason" to count. */
    public java.util.Map<String, Long> failureReasons() {
        java.util.Map<String, Long> sorted = new java.util.LinkedHashMap<>();
        failureReasons.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue().sum()));
        return sorted;
    }

    private long baseLost;
    private long baseExpected;
    private long basePackets;
    private long baseDuplicates;

    /**
     * Starts the measured window: what happened during the ramp-up (joins, handshakes, cold JIT) stays out of the
     * run's figures, though the per-second samples still show it.
     */
    public synchronized void startMeasuring() {
        takeInterval();
        totalDelay.reset();
        baseLost = lost();
        baseExpected = expected();
        basePackets = packets();
        baseDuplicates = duplicates();
    }

    public synchronized long measuredLost() {
        return lost() - baseLost;
    }

    public synchronized long measuredExpected() {
        return expected() - baseExpected;
    }

    public synchronized long measuredPackets() {
        return packets() - basePackets;
    }

    public synchronized long measuredDuplicates() {
        return duplicates() - baseDuplicates;
    }

    /** A new stream of received packets (one SSRC on one connection). */
    ReceivedStream newStream() {
        ReceivedStream stream = new ReceivedStream(this);
        streams.add(stream);
        return stream;
    }

    /** A stream that ended: its counts stay in the run's, the object is no longer held. */
    synchronized void retire(ReceivedStream stream) {
        if (streams.remove(stream)) {
            retiredLost += stream.lost();
            retiredExpected += stream.expected();
            retiredDuplicates += stream.duplicates();
        }
    }

    /** Streams held now (those still flowing to connected receivers). */
    public int liveStreams() {
        return streams.size();
    }

    void recordDelay(long nanos) {
        delay.recordValue(Math.min(Math.max(nanos, 0), MAX_DELAY_NANOS));
    }

    /** A join's time to first video; past {@value #MAX_JOIN_SAMPLES} joins each replaces a random kept one. */
    public synchronized void recordJoin(double millis) {
        joinsRecorded++;
        if (joinMillis.size() < MAX_JOIN_SAMPLES) {
            joinMillis.add(millis);
        } else {
            long slot = joinSampling.nextLong(joinsRecorded); // reservoir sampling: every join equally likely kept
            if (slot < MAX_JOIN_SAMPLES) {
                joinMillis.set((int) slot, millis);
            }
        }
    }

    /** Join times: all of them, or a uniform sample of them on a long run. */
    public synchronized List<Double> joinMillis() {
        return new ArrayList<>(joinMillis);
    }

    /** Joins that reached first video, sampled or not. */
    public synchronized long joinsRecorded() {
        return joinsRecorded;
    }

    public long packets() {
        return packets.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    /** Packets expected from sequence numbers but never received, over all streams. */
    public synchronized long lost() {
        return retiredLost + streams.stream().mapToLong(ReceivedStream::lost).sum();
    }

    public synchronized long expected() {
        return retiredExpected + streams.stream().mapToLong(ReceivedStream::expected).sum();
    }

    public synchronized long duplicates() {
        return retiredDuplicates + streams.stream().mapToLong(ReceivedStream::duplicates).sum();
    }

    /** The delays recorded since the previous call; also added to the whole run's histogram. */
    public synchronized Histogram takeInterval() {
        Histogram interval = delay.getIntervalHistogram();
        totalDelay.add(interval);
        return interval;
    }

    /** The whole run's delays (as of the last {@link #takeInterval}). */
    public synchronized Histogram total() {
        return totalDelay.copy();
    }
}
