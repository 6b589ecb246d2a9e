package org.sanke.signaling.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The extension behind {@link NoBlockingOnEventLoops}. BlockHound is installed once per test JVM (it needs
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods}, which this module's pom gives the test JVM) and checks calls
 * only while a class under the annotation runs. A blocking call is recorded, not thrown, so that the code under
 * test goes on as it would in production, and the test that was running fails after it with every call found.
 *
 * <p>Threads that must not block: Vert.x event loops ({@code vert.x-eventloop-thread-*}, and its acceptor), the
 * media server's loops ({@code sanke-media-*}), the lesson loops ({@code sanke-lesson-*}), and the other Netty event loops that Netty's own BlockHound
 * integration names; not Vert.x's worker threads, which Netty's rule would take for event loops. Netty's
 * integration also allows the blocking calls that Netty's internals make on purpose.
 *
 * <p>Beyond BlockHound's list (sleep, wait, park, file and socket I/O): taking a JDBC connection (from the driver or the
 * store's HikariCP pool), which is how the domain's store begins each unit of work, so that database work on an event loop is found even on H2 in memory,
 * where no I/O would show it. Allowed: {@code SecureRandom} reading {@code /dev/urandom}, which never waits once
 * the kernel is seeded (ids, SSRCs and ICE credentials are drawn on the loops).
 */
public final class BlockingCallGuard implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final List<BlockingCall> FOUND = new ArrayList<>();
    private static volatile boolean active;
    private static boolean installed;

    /** One blocking call: the thread it was made on and the stack at the call. */
    public record BlockingCall(String thread, BlockingOperationError error) {
        @Override
        public String toString() {
            return error.getMessage() + " on thread " + thread + "\n" + Arrays.stream(error.getStackTrace())
                    .filter(frame -> !frame.getClassName().startsWith("reactor.blockhound.")
                            && !frame.getClassName().startsWith(BlockingCallGuard.class.getName() + "$"))
                    .limit(40).map(frame -> "\tat " + frame).collect(Collectors.joining("\n"));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        activate();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnBlockingCalls(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        deactivate();
        failOnBlockingCalls("after all tests of " + context.getDisplayName());
    }

    /** Starts checking (installing BlockHound the first time), forgetting what an earlier check had found. */
    public static void activate() {
        synchronized (BlockingCallGuard.class) {
            if (!installed) {
                BlockHound.install(new EventLoops());
                installed = true;
            }
        }
        drain();
        active = true;
    }

    public static void deactivate() {
        active = false;
    }

    /** The blocking calls found since the last drain, forgotten here. */
    public static List<BlockingCall> drain() {
        synchronized (FOUND) {
            List<BlockingCall> found = List.copyOf(FOUND);
            FOUND.clear();
            return found;
        }
    }

    private static void failOnBlockingCalls(String where) {
        List<BlockingCall> found = drain();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " blocking call(s) on an event loop in " + where + ":\n"
                    + found.stream().map(BlockingCall::toString).collect(Collectors.joining("\n\n")));
        }
    }

    private static boolean mustNotBlock(Thread thread) {
        String name = thread.getName();
        return name.startsWith("vert.x-eventloop-thread-") || name.startsWith("vert.x-acceptor-thread-")
                || name.startsWith("sanke-media-") || name.startsWith("sanke-lesson-");
    }

    private static boolean isVertxThread(Thread thread) {
        return thread.getClass().getName().startsWith("io.vertx.");
    }

    /** Applied after Netty's integration (a higher priority), so that it decides on Netty's rule. */
    private static final class EventLoops implements BlockHoundIntegration {
        @Override
        public void applyTo(BlockHound.Builder builder) {
            builder.nonBlockingThreadPredicate(netty -> thread -> active
                    && (mustNotBlock(thread) || (netty.test(thread) && !isVertxThread(thread))));
            // Asked at every blocking call rather than once per thread: the check is on only while a class asks.
            builder.dynamicThreadPredicate(previous -> thread -> true);
            for (String parameters : List.of("Ljava/lang/String;", "Ljava/lang/String;Ljava/util/Properties;",
                    "Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;")) {
                builder.markAsBlocking("java.sql.DriverManager", "getConnection",
                        "(" + parameters + ")Ljava/sql/Connection;");
            }
            // The store takes its connections from a HikariCP pool: taking one may wait for the pool or the server.
            builder.markAsBlocking("com.zaxxer.hikari.HikariDataSource", "getConnection", "()Ljava/sql/Connection;");
            builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
            // Vert.x's close shuts its worker pool down on an event loop; the pool's lock is contended for a moment
            // when idle workers wake to the interrupt. Only a closing Vert.x gets there.
            builder.allowBlockingCallsInside("io.vertx.core.internal.WorkerPool", "shutdown");
            // Handing a blocking handler to a worker queues it: the queue's lock is held for one insertion, and is
            // contended only when a worker takes from it at that instant. That hand-off is how work leaves a loop.
            builder.allowBlockingCallsInside("io.vertx.core.impl.ExecuteBlocking", "executeBlocking");
            builder.blockingMethodCallback(method -> {
                BlockingCall call = new BlockingCall(Thread.currentThread().getName(),
                        new BlockingOperationError(method));
                synchronized (FOUND) {
                    FOUND.add(call);
                }
            });
        }

        @Override
        public int getPriority() {
            return Integer.MAX_VALUE;
        }
    }
}
