package org.sanke.media.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard that every test class of this module and of signaling runs under sees a leak, and where it was made. */
class NettyLeakGuardTest {
    @Test
    void testsRunWithParanoidLeakDetectionAndTheGuardInstalled() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        // Named, not referenced: a reference would load the guard here, whether or not JUnit registered it.
        assertThat(ResourceLeakDetectorFactory.instance().getClass().getName())
                .isEqualTo("org.sanke.media.testing.NettyLeakGuard$RecordingFactory");
    }

    @Test
    void aBufferDroppedUnreleasedIsReportedWithWhereItWasMade() throws InterruptedException {
        leakOneBuffer();
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < 50 && leaks.isEmpty(); i++) {
            leaks.addAll(NettyLeakGuard.collectLeaks(1));
        }
        // Found here and forgotten by the guard, so that this class itself passes.
        assertThat(leaks).hasSize(1);
        assertThat(leaks.getFirst()).startsWith("LEAK: ByteBuf.release() was not called")
                .contains("NettyLeakGuardTest.leakOneBuffer");
    }

    private static void leakOneBuffer() {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
    }
}
