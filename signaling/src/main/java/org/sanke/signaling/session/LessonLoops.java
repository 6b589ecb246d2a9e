package org.sanke.signaling.session;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that own running lessons. A lesson is pinned to one of them for life, as a media router is to its
 * loop: every join, leave, negotiation step, stage change, chat message and media callback of that lesson is a task
 * on its thread, so a lesson needs no lock. Nothing on these threads blocks: store work goes to the store's workers.
 *
 * <p>Each is a Netty single-threaded executor: its task queue is lock-free, so a media loop or an event loop that
 * hands a lesson its work never waits for a lock.
 */
public final class LessonLoops implements AutoCloseable {
    private static final String THREAD_PREFIX = "sanke-lesson";

    private final EventExecutor[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /** @param count how many threads; lessons are spread over them round-robin */
    public LessonLoops(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one lesson loop");
        }
        DefaultThreadFactory threads = new DefaultThreadFactory(THREAD_PREFIX, true);
        loops = new EventExecutor[count];
        for (int i = 0; i < count; i++) {
            loops[i] = new DefaultEventExecutor(threads);
        }
    }

    /** The loop for a new lesson. */
    Executor next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    @Override
    public void close() {
        for (EventExecutor loop : loops) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        for (EventExecutor loop : loops) {
            loop.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
