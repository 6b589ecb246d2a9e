package org.sanke.signaling.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** What the WebSocket connections count: how many are open, events slow readers missed, and why the server closed some. */
public final class ConnectionMetrics {
    final AtomicInteger open = new AtomicInteger();
    final Counter eventsDropped;
    final Counter closedSlowReader;
    final Counter closedIdle;
    /** From a cut-off command's arrival to the last packet forwarded before it held (S11: at most 200 ms). */
    final Timer cutOffLastPacket;

    public ConnectionMetrics(MeterRegistry registry) {
        registry.gauge("sanke.signaling.sessions", open);
        eventsDropped = Counter.builder("sanke.signaling.events.dropped")
                .description("Chat, question, hand and quality events not sent to a client that was not reading")
                .register(registry);
        closedSlowReader = closed(registry, "slow_reader");
        closedIdle = closed(registry, "idle");
        cutOffLastPacket = Timer.builder("sanke.safety.cutoff.last.packet")
                .description("From a cut-off command's arrival to the last packet forwarded before it took hold")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** For tests that do not look at metrics. */
    public static ConnectionMetrics unregistered() {
        return new ConnectionMetrics(new SimpleMeterRegistry());
    }

    private static Counter closed(MeterRegistry registry, String reason) {
        return Counter.builder("sanke.signaling.connections.closed")
                .description("WebSocket connections the server closed, by reason").tag("reason", reason)
                .register(registry);
    }

    public int open() {
        return open.get();
    }
}
