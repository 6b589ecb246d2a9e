package org.sanke.classroom.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records written off the caller's thread, in order, by one writer thread: a caller (an event loop, a lesson's
 * loop, a worker) only queues. One writer is also what keeps the audit chain linear. A batch the sink fails to
 * take (the database down or stalled) is retried, whole and first, after 100 ms, then twice as long each time up
 * to 5 s; a batch whose commit timed out may thus be written twice. When the queue is full a record is dropped,
 * logged as an error and counted. The writer thread starts with the first record.
 */
final class QueuedWriter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedWriter.class);
    private static final int BATCH = 200;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final String name;
    private final Consumer<List<T>> sink;
    private final BlockingQueue<T> queue;
    private final Object progress = new Object();
    private Thread writer;
    /** Records accepted, and records written: a flush waits for the two to meet. Under {@link #progress}. */
    private long accepted;
    private long written;
    private long dropped;
    private volatile boolean closed;

    QueuedWriter(String name, int capacity, Consumer<List<T>> sink) {
        this.name = name;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues the record; never blocks. */
    void add(T record) {
        boolean queued;
        synchronized (progress) {
            queued = !closed && queue.offer(record);
            if (queued) {
                accepted++;
                if (writer == null) {
                    writer = Thread.ofPlatform().name(name + "-writer").daemon().start(this::writeUntilClosed);
                }
            } else {
                dropped++;
            }
        }
        if (!queued) {
            LOG.error("{} not written ({}): {}", name, closed ? "the writer is closed" : "the queue is full", record);
        }
    }

    private void writeUntilClosed() {
        List<T> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                T first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return; // only close interrupts, after it gave up
            }
            queue.drainTo(batch, BATCH - 1);
            if (!writeRetrying(batch)) {
                return;
            }
            synchronized (progress) {
                written += batch.size();
                progress.notifyAll();
            }
            batch.clear();
        }
    }

    private boolean writeRetrying(List<T> batch) {
        Duration wait = FIRST_RETRY;
        for (int failures = 0; ; failures++) {
            try {
                sink.accept(batch);
                if (failures > 0) {
                    LOG.info("{} written again after {} failed attempts", name, failures);
                }
                return true;
            } catch (RuntimeException e) {
                if (failures == 0) {
                    LOG.warn("could not write {} {} records, retrying: {}", batch.size(), name, e.toString());
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return false;
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
        }
    }

    /** Waits until everything queued before this call is written; false if that took longer than {@code timeout}. */
    boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = accepted;
            while (written < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    long dropped() {
        synchronized (progress) {
            return dropped;
        }
    }

    /** Refuses further records and writes what is queued, for up to {@code wait}; what is left then is logged. */
    void close(Duration wait) {
        Thread running;
        synchronized (progress) {
            closed = true;
            running = writer;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            running.interrupt();
            LOG.error("{} writer closed with {} records not written: the database did not take them within {}", name,
                    queue.size(), wait);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
