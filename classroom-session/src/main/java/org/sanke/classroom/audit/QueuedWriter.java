package org.sanke.classroom.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records written off the caller's thread, in order, by one writer thread: a caller (an event loop, a lesson's
 * loop, a worker) only queues. One writer is also what keeps the audit chain linear. A batch the sink fails to
 * take (the database down or stalled) is retried, whole and first, after 100 ms, then twice as long each time up
 * to 5 s; a batch whose commit timed out may thus be written twice. When the queue is full a record is dropped,
 * logged as an error and counted. The writer thread starts with the first record. Queuing takes no lock, so a
 * caller never waits on the writer.
 */
public final class QueuedWriter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedWriter.class);
    private static final int BATCH = 200;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    private static final long IDLE_NANOS = Duration.ofMillis(200).toNanos();

    private final String name;
    private final int capacity;
    private final Consumer<List<T>> sink;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Records written; a flush waits on {@link #progress} for it to reach what was accepted. */
    private final Object progress = new Object();
    private volatile long written;
    private volatile boolean closed;

    public QueuedWriter(String name, int capacity, Consumer<List<T>> sink) {
        this.name = name;
        this.capacity = capacity;
        this.sink = sink;
        this.writer = Thread.ofPlatform().name(name + "-writer").daemon().unstarted(this::writeUntilClosed);
    }

    /** Queues the record; never blocks. */
    public void add(T record) {
        if (closed || queued.incrementAndGet() > capacity) {
            if (!closed) {
                queued.decrementAndGet();
            }
            dropped.incrementAndGet();
            LOG.error("{} not written ({}): {}", name, closed ? "the writer is closed" : "the queue is full", record);
            return;
        }
        queue.add(record);
        accepted.incrementAndGet();
        if (!started.get() && started.compareAndSet(false, true)) {
            writer.start();
        }
        LockSupport.unpark(writer);
    }

    private void writeUntilClosed() {
        List<T> batch = new ArrayList<>();
        while (true) {
            for (T next; batch.size() < BATCH && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                if (closed) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            queued.addAndGet(-batch.size());
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
                return false; // only close interrupts, after it gave up
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
        }
    }

    /** Waits until everything queued before this call is written; false if that took longer than {@code timeout}. */
    public boolean flush(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
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
        return dropped.get();
    }

    /** Refuses further records and writes what is queued, for up to {@code wait}; what is left then is logged. */
    void close(Duration wait) {
        closed = true;
        if (!started.get()) {
            return;
        }
        LockSupport.unpark(writer);
        try {
            writer.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
            LOG.error("{} writer closed with {} records not written: the database did not take them within {}", name,
                    queued.get(), wait);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
