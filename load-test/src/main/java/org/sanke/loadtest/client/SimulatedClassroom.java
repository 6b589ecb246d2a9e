package org.sanke.loadtest.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.sanke.loadtest.stats.ReceivedStream;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;
import org.sanke.media.packet.RtpPacket;

/**
 * One simulated participant (a teacher or a classroom) that joins through the public protocol like the web client:
 * WebSocket, join, publish offer (when it publishes), subscribe answers, and ICE/DTLS/SRTP on two connections.
 * Server events are handled in order on the participant's own virtual thread.
 */
public final class SimulatedClassroom implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String role;
    private final boolean publishes;
    private final RunStats stats;
    private final FakeNetwork network;
    private final DtlsCertificate certificate;
    private final ExecutorService events = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final Map<Integer, ReceivedStream> streams = new ConcurrentHashMap<>();
    private final RtpPacket view = new RtpPacket();
    private SignalingConnection signaling;
    private MediaConnection publish;
    private MediaConnection subscribe;
    private volatile SyntheticPublisher publisher;
    private volatile boolean firstVideo;
    private volatile boolean closed;

    public SimulatedClassroom(String name, String role, boolean publishes, RunStats stats, FakeNetwork network,
                              DtlsCertificate certificate) {
        this.name = name;
        this.role = role;
        this.publishes = publishes;
        this.stats = stats;
        this.network = network;
        this.certificate = certificate;
    }

    /** Joins and, when it publishes, starts sending; returns once its media is connected. */
    public void join(HttpClient http, URI server, String lessonId, int audioKbps, int videoKbps) throws Exception {
        URI ws = URI.create(server.toString().replaceFirst("^http", "ws") + "/ws");
        signaling = SignalingConnection.open(http, ws, message -> events.execute(() -> onEvent(message)));
        signaling.request("join", Map.of("lessonId", lessonId, "role", role, "name", name)).get(30, TimeUnit.SECONDS);
        if (publishes) {
            publish = new MediaConnection(certificate, network);
            int audioSsrc = nonZero();
            int videoSsrc = nonZero();
            String offer = ClientSdp.publishOffer(publish.ufrag, publish.pwd, certificate.sha256Fingerprint(),
                    audioSsrc, videoSsrc, nonZero(), name.replaceAll("[^A-Za-z0-9]", ""));
            JsonNode answer = signaling.request("publish", Map.of("sdp", offer)).get(30, TimeUnit.SECONDS);
            publish.connect(SessionFacts.parse(answer.path("sdp").asText()));
            publisher = new SyntheticPublisher(publish, audioSsrc, videoSsrc, audioKbps, videoKbps, System.nanoTime());
        }
    }

    /** Called by the run's timer thread. */
    public void tick(long now) {
        SyntheticPublisher p = publisher;
        if (p != null && !closed) {
            try {
                p.tick(now);
            } catch (Exception e) {
                // a send failing once (buffer full) is loss the receivers will count
            }
        }
    }

    /** Keeps consent fresh on both connections (the server closes a silent transport after 30 s). */
    public void refreshConsent() {
        for (MediaConnection connection : new MediaConnection[] {publish, subscribe}) {
            if (connection != null && !closed) {
                Thread.startVirtualThread(() -> {
                    try {
                        connection.check(false);
                    } catch (Exception ignored) {
                        // the next refresh tries again
                    }
                });
            }
        }
    }

    private void onEvent(JsonNode message) {
        if (!"subscribeOffer".equals(message.path("type").asText()) || closed) {
            return;
        }
        try {
            SessionFacts offer = SessionFacts.parse(message.path("sdp").asText());
            boolean first = subscribe == null;
            if (first) {
                subscribe = new MediaConnection(certificate, network);
                subscribe.onRtp(this::onRtp);
            }
            String answer = ClientSdp.subscribeAnswer(offer, subscribe.ufrag, subscribe.pwd,
                    certificate.sha256Fingerprint());
            signaling.request("subscribeAnswer", Map.of("version", message.path("version").asLong(), "sdp", answer))
                    .get(30, TimeUnit.SECONDS);
            if (first) {
                subscribe.connect(offer);
            }
        } catch (Exception e) {
            if (!closed) {
                stats.clientsFailed.incrementAndGet();
            }
        }
    }

    private void onRtp(byte[] buf, int len, long now) {
        if (!view.wrap(buf, 0, len) || view.payloadLength() < 8) {
            return;
        }
        if (!firstVideo && view.payloadType() == ClientSdp.VP8_PT) {
            firstVideo = true;
            stats.recordJoin((now - signaling.openedNanos) / 1e6);
        }
        streams.computeIfAbsent(view.ssrc(), ssrc -> stats.newStream())
                .onPacket(view.sequenceNumber(), view.payloadLength(),
                        now - SyntheticPublisher.sendTime(buf, view.payloadOffset()));
    }

    private static int nonZero() {
        int v;
        do {
            v = RANDOM.nextInt();
        } while (v == 0);
        return v;
    }

    @Override
    public void close() {
        closed = true;
        events.shutdownNow();
        if (signaling != null) {
            signaling.close();
        }
        if (publish != null) {
            publish.close();
        }
        if (subscribe != null) {
            subscribe.close();
        }
    }
}
