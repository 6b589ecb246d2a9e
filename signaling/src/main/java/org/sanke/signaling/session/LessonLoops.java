package org.sanke.signaling.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that own running lessons. A lesson is pinned to one of them for life, as a media router is to its
 * loop: every join, leave, negotiation step, stage change, chat message and media callback of that lesson is a task
 * on its thread, so a lesson needs no lock. Nothing on these threads blocks: store work goes to the store's workers.
 */
public final class LessonLoops implements AutoCloseable {
    private final ExecutorService[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /** @param count how many threads; lessons are spread over them round-robin */
    public LessonLoops(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one lesson loop");
        }
        loops = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "sanke-lesson-" + i;
            loops[i] = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** The loop for a new lesson. */
    ExecutorService next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    public static boolean onLessonLoop() {
        return Thread.currentThread().getName().startsWith("sanke-lesson-");
    }

    @Override
    public void close() {
        for (ExecutorService loop : loops) {
            loop.shutdownNow();
        }
        for (ExecutorService loop : loops) {
            try {
                loop.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
