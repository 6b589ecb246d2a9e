package org.sanke.loadtest.stats;

/**
 * One received RTP stream: loss and duplicates from its sequence numbers (extended over wraps), end-to-end delay
 * from the send time the publisher wrote into each payload. Written by one receive thread; read by the reporter
 * (volatile counters, good enough for statistics).
 */
public final class ReceivedStream {
    private static final int WINDOW = 1024;

    private final RunStats run;
    private final boolean[] seen = new boolean[WINDOW];
    private boolean started;
    private long first;
    private long highest;
    private volatile long received;
    private volatile long duplicates;
    private volatile long expected;
    private long lastPacketNanos;

    ReceivedStream(RunStats run) {
        this.run = run;
    }

    /** One packet: its RTP sequence number, payload size, the delay since its publisher sent it, when it came. */
    void onPacket(int sequenceNumber, int bytes, long delayNanos, long receivedNanos) {
        lastPacketNanos = receivedNanos;
        long extended;
        if (!started) {
            started = true;
            extended = sequenceNumber;
            first = extended;
            highest = extended;
        } else {
            extended = (highest & ~0xFFFFL) | sequenceNumber;
            if (extended - highest > 0x8000) {
                extended -= 0x10000;
            } else if (highest - extended > 0x8000) {
                extended += 0x10000;
            }
        }
        if (extended > highest) {
            for (long s = highest + 1; s < extended && s - highest < WINDOW; s++) {
                seen[(int) (s % WINDOW)] = false;
            }
            highest = extended;
        } else if (highest - extended >= WINDOW) {
            return; // too old to judge
        } else if (seen[(int) (extended % WINDOW)]) {
            duplicates++;
            return;
        }
        seen[(int) (extended % WINDOW)] = true;
        received++;
        expected = highest - first + 1;
        run.packets.increment();
        run.bytes.add(bytes);
        run.recordDelay(delayNanos);
    }

    /** When the latest packet came (the receive thread's own clock reading). */
    long lastPacketNanos() {
        return lastPacketNanos;
    }

    long lost() {
        return Math.max(0, expected - received);
    }

    long expected() {
        return expected;
    }

    long duplicates() {
        return duplicates;
    }
}
