package org.sanke.media.sfu;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sanke.media.MediaServerConfig;
import org.sanke.media.api.Consumer;
import org.sanke.media.api.ConsumerParameters;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.api.Router;
import org.sanke.media.api.RtpCodec;
import org.sanke.media.api.RtpHeaderExtensionIds;
import org.sanke.media.api.TransportListener;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.media.packet.RtpHeaderWriter;

/**
 * A media engine on loopback with a clock the test advances, one router, and the steps a signaling layer would
 * take: transports, producers, consumers. Peers are {@link TestPeer}s.
 */
final class LoopbackSfu implements AutoCloseable {
    static final RtpCodec VP8 = new RtpCodec(96, "VP8", 90000, 0, "", List.of("nack", "nack pli"), 97);
    static final int RTP_LENGTH = 112;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ManualClock clock = new ManualClock();
    final BlockingQueue<TransportListener.CloseReason> closed = new LinkedBlockingQueue<>();
    final MediaEngine engine;
    final Router router;
    private final Map<WebRtcTransport, CompletableFuture<Void>> connected = new ConcurrentHashMap<>();

    LoopbackSfu(Duration consentTimeout) throws InterruptedException {
        this(new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 2, consentTimeout));
    }

    LoopbackSfu(MediaServerConfig config) throws InterruptedException {
        engine = MediaEngine.start(config, registry, clock);
        router = engine.createRouter();
    }

    int port() {
        return engine.port();
    }

    WebRtcTransport transport() throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        WebRtcTransport transport = router.createWebRtcTransport(new TransportListener() {
            @Override
            public void onTransportConnected(WebRtcTransport t) {
                ready.complete(null);
            }

            @Override
            public void onTransportClosed(WebRtcTransport t, CloseReason reason) {
                closed.add(reason);
            }
        }).get(5, TimeUnit.SECONDS);
        connected.put(transport, ready);
        return transport;
    }

    /** A transport with the peer connected to it, once the server has its SRTP keys too. */
    WebRtcTransport connectedTransport(TestPeer peer) throws Exception {
        WebRtcTransport transport = transport();
        peer.connect(transport);
        connected.get(transport).get(5, TimeUnit.SECONDS);
        return transport;
    }

    static Producer video(WebRtcTransport publishing, int ssrc, int rtxSsrc) throws Exception {
        return produce(publishing, MediaKind.VIDEO, VP8, ssrc, rtxSsrc);
    }

    static Producer produce(WebRtcTransport publishing, MediaKind kind, RtpCodec codec, int ssrc, int rtxSsrc)
            throws Exception {
        return publishing.produce(new ProducerParameters("0", kind, codec, ssrc, rtxSsrc, List.of(),
                RtpHeaderExtensionIds.NONE, "camera")).get(5, TimeUnit.SECONDS);
    }

    static Consumer consume(WebRtcTransport subscribing, Producer producer, int ssrc, int rtxSsrc) throws Exception {
        return subscribing.consume(producer, new ConsumerParameters("1", VP8, ssrc, rtxSsrc, "teacher"))
                .get(5, TimeUnit.SECONDS);
    }

    /** A plain VP8 packet of {@link #RTP_LENGTH} bytes whose payload is {@code fill}. */
    static byte[] rtp(int ssrc, int sequence, int timestamp, byte fill) {
        return rtp(ssrc, sequence, timestamp, fill, RTP_LENGTH);
    }

    static byte[] rtp(int ssrc, int sequence, int timestamp, byte fill, int length) {
        byte[] p = new byte[length];
        int pos = RtpHeaderWriter.writeFixedHeader(p, 0, VP8.payloadType(), false, sequence, timestamp, ssrc);
        for (int i = pos; i < p.length; i++) {
            p[i] = fill;
        }
        return p;
    }

    double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).functionCounter().count();
    }

    /** A counter without tags. */
    double counter(String name) {
        return registry.get(name).functionCounter().count();
    }

    double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Override
    public void close() {
        engine.close();
    }
}
