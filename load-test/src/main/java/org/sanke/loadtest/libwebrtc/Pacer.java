package org.sanke.loadtest.libwebrtc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One daemon thread that runs a task at a fixed rate, as a synthetic source pushes into libwebrtc. */
final class Pacer implements AutoCloseable {
    private final ScheduledExecutorService timer;

    Pacer(String threadName, long periodMicros, Runnable task) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(task, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
