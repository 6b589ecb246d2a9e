package org.sanke.media.sfu;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;
import org.sanke.media.dtls.DtlsHandshakePool;

/** Publishes the media server's counters to Micrometer; names are documented in docs/configuration.md. */
final class MediaMetrics {
    private MediaMetrics() {
    }

    static Timer forwardingDelay(MeterRegistry registry) {
        return Timer.builder("sanke.media.forwarding.delay")
                .description("Time from a packet's arrival to its forwarded copy being handed to the socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofMillis(100))
                // Millisecond buckets where the budget is (p99 within 5 ms): the default ones jump from 3.5 to 7.
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3),
                        Duration.ofMillis(4), Duration.ofMillis(5), Duration.ofMillis(6))
                .register(registry);
    }

    static void register(MeterRegistry registry, MediaContext context, List<MediaLoop> loops) {
        MediaContext.Counts counts = context.counts;
        Gauge.builder("sanke.media.routers", counts.routers, Number::doubleValue).register(registry);
        Gauge.builder("sanke.media.transports", counts.transports, Number::doubleValue).register(registry);
        Gauge.builder("sanke.media.producers", counts.producers, Number::doubleValue).register(registry);
        Gauge.builder("sanke.media.consumers", counts.consumers, Number::doubleValue).register(registry);
        Gauge.builder("sanke.media.srtp.contexts", counts.srtpContexts, Number::doubleValue)
                .description("SRTP and SRTCP crypto contexts held, one per SSRC and direction of a live stream")
                .register(registry);
        Gauge.builder("sanke.media.dtls.handshakes.queued", context.handshakes, DtlsHandshakePool::queued)
                .description("DTLS handshakes waiting for a handshake thread (joins wait; forwarding does not)")
                .register(registry);
        counter(registry, loops, "sanke.media.datagrams.received", "kind", "any", s -> s.datagramsIn);
        counter(registry, loops, "sanke.media.packets.received", "kind", "rtp", s -> s.rtpIn);
        counter(registry, loops, "sanke.media.packets.received", "kind", "rtcp", s -> s.rtcpIn);
        counter(registry, loops, "sanke.media.packets.received", "kind", "stun", s -> s.stunIn);
        counter(registry, loops, "sanke.media.packets.received", "kind", "dtls", s -> s.dtlsIn);
        counter(registry, loops, "sanke.media.packets.sent", "kind", "rtp", s -> s.rtpOut);
        counter(registry, loops, "sanke.media.packets.sent", "kind", "rtcp", s -> s.rtcpOut);
        counter(registry, loops, "sanke.media.bytes.received", "kind", "any", s -> s.bytesIn);
        counter(registry, loops, "sanke.media.bytes.sent", "kind", "any", s -> s.bytesOut);
        int port = context.port();
        Gauge.builder("sanke.media.socket.receive.queue", () -> KernelSocketStats.read(port).receiveQueueBytes())
                .description("Bytes the kernel holds for the media port's sockets, not yet read")
                .baseUnit("bytes").register(registry);
        FunctionCounter.builder("sanke.media.socket.drops", port, p -> KernelSocketStats.read(p).drops())
                .description("Datagrams the kernel dropped at the media port because a receive buffer was full")
                .register(registry);
        for (DropReason reason : DropReason.ALL) {
            counter(registry, loops, "sanke.media.packets.dropped", "reason", reason.label,
                    stats -> stats.drops[reason.ordinal()]);
        }
        // Sequence numbers subscribers NACKed, by what became of them.
        for (RetransmissionOutcome outcome : RetransmissionOutcome.ALL) {
            counter(registry, loops, "sanke.media.retransmissions", "outcome", outcome.label,
                    stats -> stats.retransmissions[outcome.ordinal()]);
        }
        counter(registry, loops, "sanke.media.nacks.sent",
                "Sequence numbers the server NACKed to publishers (each request of each number)", s -> s.nacksSent);
        counter(registry, loops, "sanke.media.rtx.recovered",
                "Packets lost on a publisher's uplink that its retransmission brought back", s -> s.rtxRecovered);
        counter(registry, loops, "sanke.media.upstream.lost",
                "Packets lost on a publisher's uplink that the server gave up asking for", s -> s.upstreamLost);
    }

    /** A counter summed over every loop's stats. */
    private static void counter(MeterRegistry registry, List<MediaLoop> loops, String name, String tag,
                                String label, ToLongFunction<LoopStats> value) {
        summed(name, loops, value).tag(tag, label).register(registry);
    }

    private static void counter(MeterRegistry registry, List<MediaLoop> loops, String name, String description,
                                ToLongFunction<LoopStats> value) {
        summed(name, loops, value).description(description).register(registry);
    }

    private static FunctionCounter.Builder<List<MediaLoop>> summed(String name, List<MediaLoop> loops,
                                                                    ToLongFunction<LoopStats> value) {
        return FunctionCounter.builder(name, loops,
                l -> l.stream().mapToLong(loop -> value.applyAsLong(loop.stats)).sum());
    }
}
