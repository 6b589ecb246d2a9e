package org.sanke.loadtest.impair;

import java.util.concurrent.atomic.AtomicLong;

/** Live counts of one direction; written by the relay's thread, read by anyone. */
final class DatagramCounters {
    private final AtomicLong packetsIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong droppedByLoss = new AtomicLong();
    private final AtomicLong droppedByQueue = new AtomicLong();
    private final AtomicLong droppedBlocked = new AtomicLong();
    private final AtomicLong sendFailed = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong bytesForwarded = new AtomicLong();

    void received(int bytes) {
        packetsIn.incrementAndGet();
        bytesIn.addAndGet(bytes);
    }

    void lost() {
        droppedByLoss.incrementAndGet();
    }

    void queueFull() {
        droppedByQueue.incrementAndGet();
    }

    void blocked() {
        droppedBlocked.incrementAndGet();
    }

    void sendFailed() {
        sendFailed.incrementAndGet();
    }

    void forwarded(int bytes) {
        forwarded.incrementAndGet();
        bytesForwarded.addAndGet(bytes);
    }

    /** Read in the order that keeps {@link DatagramCounts#held()} from going negative under concurrent updates. */
    DatagramCounts snapshot() {
        long forwardedNow = forwarded.get();
        long bytesForwardedNow = bytesForwarded.get();
        long failed = sendFailed.get();
        long blocked = droppedBlocked.get();
        long queue = droppedByQueue.get();
        long loss = droppedByLoss.get();
        long bytes = bytesIn.get();
        return new DatagramCounts(packetsIn.get(), bytes, loss, queue, blocked, failed, forwardedNow,
                bytesForwardedNow);
    }
}
