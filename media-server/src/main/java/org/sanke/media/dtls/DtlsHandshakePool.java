package org.sanke.media.dtls;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Where DTLS handshakes run: a few platform threads at minimum priority with a bounded queue, so that a storm of
 * joins (hundreds of classrooms at the bell) waits its turn instead of taking the cores from packet forwarding. A
 * handshake that waited longer than its timeout fails without starting, as the browser has given up on it by then.
 * After its handshake a session only waits for alerts, which it does on a virtual thread, off the pool.
 *
 * <p>Linux ignores Java thread priorities unless the JVM runs with {@code -XX:ThreadPriorityPolicy=1} (as root), so
 * the protection that always holds is the number of threads.
 */
public final class DtlsHandshakePool implements AutoCloseable {
    private final ThreadPoolExecutor handshakes;
    private final ExecutorService readers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sanke-dtls-reader-", 0).factory());
    private final long timeoutNanos;
    private final LongSupplier nanoClock;

    /**
     * @param threads        handshakes that may compute at once
     * @param queueCapacity  handshakes that may wait; more are refused (their sessions fail)
     * @param timeout        how long a handshake may take, its wait in the queue included
     * @param nanoClock      monotonic nanoseconds, for the wait in the queue
     */
    public DtlsHandshakePool(int threads, int queueCapacity, Duration timeout, LongSupplier nanoClock) {
        ThreadFactory factory = Thread.ofPlatform().name("sanke-dtls-handshake-", 0).daemon(true)
                .priority(Thread.MIN_PRIORITY).factory();
        this.handshakes = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory);
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Handshakes waiting for a thread. */
    public int queued() {
        return handshakes.getQueue().size();
    }

    /** Queues a handshake; false when the queue is full or the pool closed. */
    boolean submit(Runnable handshake) {
        try {
            handshakes.execute(handshake);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    void afterHandshake(Runnable reader) {
        try {
            readers.execute(reader);
        } catch (RejectedExecutionException closed) {
            // the pool is closing with the server: nobody is left to hear alerts
        }
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Stops every handshake and reader, and waits a little for them to finish. */
    @Override
    public void close() {
        handshakes.shutdownNow();
        readers.shutdownNow();
        try {
            handshakes.awaitTermination(2, TimeUnit.SECONDS);
            readers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
