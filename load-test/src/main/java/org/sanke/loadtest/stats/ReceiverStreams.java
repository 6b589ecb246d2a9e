package org.sanke.loadtest.stats;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RTP streams one receiver gets, by SSRC. A stream that falls silent (its publisher left) is retired: its counts
 * stay in this receiver's totals and in the run's, the object goes. So a teacher who sees classrooms come and go for
 * hours holds only the streams that still flow, and a closed receiver holds none.
 *
 * <p>Packets arrive on one receive thread; {@link #totals} and {@link #close} come from others, hence the lock around
 * everything that moves a stream from live to retired (never around a packet of a known stream).
 */
public final class ReceiverStreams {
    /** Longer than any pause a flowing stream makes (a keyframe wait, a stalled JVM), far shorter than a soak. */
    static final long IDLE_NANOS = 5_000_000_000L;
    private static final long SWEEP_NANOS = 1_000_000_000L;

    private final RunStats run;
    private final Map<Integer, ReceivedStream> live = new ConcurrentHashMap<>();
    private long retiredLost;
    private long retiredExpected;
    private long lastSweepNanos;
    private boolean closed;

    public ReceiverStreams(RunStats run) {
        this.run = run;
    }

    /** One packet of stream {@code ssrc}; ignored once closed. */
    public void onPacket(int ssrc, int sequenceNumber, int bytes, long delayNanos, long receivedNanos) {
        ReceivedStream stream = live.get(ssrc);
        if (stream == null && (stream = open(ssrc)) == null) {
            return;
        }
        stream.onPacket(sequenceNumber, bytes, delayNanos, receivedNanos);
        if (receivedNanos - lastSweepNanos > SWEEP_NANOS) {
            lastSweepNanos = receivedNanos;
            retireSilent(receivedNanos);
        }
    }

    private synchronized ReceivedStream open(int ssrc) {
        if (closed) {
            return null;
        }
        ReceivedStream stream = run.newStream();
        live.put(ssrc, stream);
        return stream;
    }

    private synchronized void retireSilent(long now) {
        for (Iterator<ReceivedStream> i = live.values().iterator(); i.hasNext(); ) {
            ReceivedStream stream = i.next();
            if (now - stream.lastPacketNanos() > IDLE_NANOS) {
                i.remove();
                retire(stream);
            }
        }
    }

    private void retire(ReceivedStream stream) {
        retiredLost += stream.lost();
        retiredExpected += stream.expected();
        run.retire(stream);
    }

    /** Lost and expected over every stream this receiver has had. */
    public synchronized LossTotals totals() {
        long lost = retiredLost;
        long expected = retiredExpected;
        for (ReceivedStream stream : live.values()) {
            lost += stream.lost();
            expected += stream.expected();
        }
        return new LossTotals(lost, expected);
    }

    /** Streams held now. */
    public int liveStreams() {
        return live.size();
    }

    /** Retires every stream; later packets are ignored. */
    public synchronized void close() {
        closed = true;
        live.values().forEach(this::retire);
        live.clear();
    }
}
