package org.sanke.media;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.util.internal.PlatformDependent;

/**
 * Direct memory held by Netty's buffers (packets, socket buffers) of every allocator in the process. The JVM's own
 * buffer-pool metric does not count it, because Netty allocates and frees that memory itself; a soak watches this one.
 */
public final class NettyDirectMemoryMetrics implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sanke.netty.direct.memory.used", PlatformDependent::usedDirectMemory).baseUnit("bytes")
                .description("Direct memory Netty holds for packets and socket buffers, all allocators; -1 when"
                        + " Netty does not count it")
                .register(registry);
    }
}
