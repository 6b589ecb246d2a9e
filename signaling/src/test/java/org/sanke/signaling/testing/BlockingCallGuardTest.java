package org.sanke.signaling.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The check behind {@link NoBlockingOnEventLoops} catches a sleep on an event loop and lets other threads block. */
class BlockingCallGuardTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void off() {
        BlockingCallGuard.deactivate();
        BlockingCallGuard.drain();
    }

    @Test
    void aSleepInRunOnContextIsCaughtWithItsThreadAndWhereItWasMade() throws Exception {
        BlockingCallGuard.activate();
        sleepOnTheEventLoop();
        List<BlockingCallGuard.BlockingCall> found = BlockingCallGuard.drain();
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().thread()).startsWith("vert.x-eventloop-thread-");
        assertThat(found.getFirst().toString()).contains("java.lang.Thread.sleep")
                .contains(BlockingCallGuardTest.class.getName() + ".sleepBriefly");
    }

    @Test
    void aSleepOnAMediaLoopIsCaught() throws Exception {
        BlockingCallGuard.activate();
        Thread loop = new DefaultThreadFactory("sanke-media").newThread(BlockingCallGuardTest::sleepBriefly);
        loop.start();
        loop.join(10_000);
        List<BlockingCallGuard.BlockingCall> found = BlockingCallGuard.drain();
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().thread()).startsWith("sanke-media-");
    }

    @Test
    void openingADatabaseConnectionOnAnEventLoopIsCaughtEvenInMemory() throws Exception {
        BlockingCallGuard.activate();
        onTheEventLoop(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:guard", "sa", "")) {
                c.isValid(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        List<BlockingCallGuard.BlockingCall> found = BlockingCallGuard.drain();
        assertThat(found).isNotEmpty();
        assertThat(found.getFirst().toString()).contains("Blocking call! java.sql.DriverManager.getConnection")
                .contains(BlockingCallGuardTest.class.getName() + ".lambda$openingADatabaseConnection");
    }

    @Test
    void randomNumbersFromTheKernelAreAllowed() throws Exception {
        BlockingCallGuard.activate();
        onTheEventLoop(() -> new SecureRandom().nextBytes(new byte[64]));
        assertThat(BlockingCallGuard.drain()).isEmpty();
    }

    @Test
    void workersAndTheTestThreadMayBlock() throws Exception {
        BlockingCallGuard.activate();
        vertx.executeBlocking(() -> {
            sleepBriefly();
            return null;
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        sleepBriefly();
        assertThat(BlockingCallGuard.drain()).isEmpty();
    }

    @Test
    void nothingIsCaughtWhileNoClassAsksForTheCheck() throws Exception {
        BlockingCallGuard.activate();
        BlockingCallGuard.deactivate();
        sleepOnTheEventLoop();
        assertThat(BlockingCallGuard.drain()).isEmpty();
    }

    private static void sleepOnTheEventLoop() throws InterruptedException {
        onTheEventLoop(BlockingCallGuardTest::sleepBriefly);
    }

    private static void onTheEventLoop(Runnable work) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        vertx.runOnContext(v -> {
            try {
                work.run();
            } finally {
                done.countDown();
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
