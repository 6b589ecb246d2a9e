package org.sanke.media.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer during or after it. Netty only logs a leak, when the
 * garbage collector has found the forgotten buffer and the next buffer is allocated; this guard records each report
 * through its own leak detectors, and after every test class collects garbage, allocates to make Netty look, and
 * fails the class with what Netty reported (with {@code -Dio.netty.leakDetection.level=paranoid}, which the root
 * pom sets for every test JVM, the report says where the buffer was created and last touched).
 *
 * <p>Registered for every test class of a module whose test classpath holds this module's test jar, through
 * {@code META-INF/services} and {@code junit.jupiter.extensions.autodetection.enabled} (root pom). A leak found
 * after a class may have been made by an earlier one whose garbage was collected late: the record says where.
 */
public final class NettyLeakGuard implements AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();

    static {
        // Before the first buffer class asks the factory for its detector: autodetected extensions are made when
        // the engine starts, before any test class is initialised.
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        List<String> leaks = collectLeaks(3);
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leak(s) by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /**
     * Collects garbage {@code rounds} times, each time allocating and releasing a buffer so that Netty reports what
     * was collected unreleased; returns the reports and forgets them.
     */
    public static List<String> collectLeaks(int rounds) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            System.gc();
            Thread.sleep(20); // the reference handler thread enqueues what the collector found
            ByteBufAllocator.DEFAULT.buffer(1).release();
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
            UnpooledByteBufAllocator.DEFAULT.buffer(1).release();
        }
        synchronized (LEAKS) {
            List<String> leaks = List.copyOf(LEAKS);
            LEAKS.clear();
            return leaks;
        }
    }

    private static void record(String leak) {
        synchronized (LEAKS) {
            LEAKS.add(leak);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new RecordingDetector<>(resource, samplingInterval);
        }

        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    /** Netty's detector, which still logs each leak, and records it for the guard. */
    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true; // whether or not the logger would print it
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                    + " (no record: leak detection level below advanced).");
            super.reportUntracedLeak(resourceType);
        }
    }
}
