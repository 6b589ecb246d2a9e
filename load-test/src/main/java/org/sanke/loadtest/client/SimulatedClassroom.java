package org.sanke.loadtest.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.sanke.loadtest.stats.LossTotals;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;

/**
 * One simulated participant (a teacher or a classroom) that joins through the public protocol like the web client:
 * WebSocket, join, publish offer (when it publishes), subscribe answers, and ICE/DTLS/SRTP on two connections.
 * Server events are handled in order on the participant's own virtual thread.
 */
public final class SimulatedClassroom implements Classroom {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String role;
    private final boolean publishes;
    private final boolean simulcast;
    private final RunStats stats;
    private final FakeNetwork network;
    private final DtlsCertificate certificate;
    private final ExecutorService events = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final MediaReceiver receiver;
    private volatile SignalingConnection signaling;
    private MediaConnection publish;
    private MediaConnection subscribe;
    private volatile SyntheticPublisher publisher;
    private volatile boolean closed;
    private volatile JsonNode joined;
    /** The latest server event of each type (bounded by the protocol's few types). */
    private final Map<String, JsonNode> lastEvents = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param simulcast whether a publishing classroom sends its video as three simulcast layers */
    public SimulatedClassroom(String name, String role, boolean publishes, RunStats stats, FakeNetwork network,
                              DtlsCertificate certificate, boolean simulcast) {
        this.simulcast = simulcast;
        this.name = name;
        this.role = role;
        this.publishes = publishes;
        this.stats = stats;
        this.network = network;
        this.certificate = certificate;
        this.receiver = new MediaReceiver(stats);
    }

    @Override
    public void join(HttpClient http, URI server, String lessonId, String grant, int audioKbps, int videoKbps)
            throws Exception {
        if (grant == null) {
            throw new IllegalArgumentException(name + " needs a grant to join lesson " + lessonId);
        }
        URI ws = URI.create(server.toString().replaceFirst("^http", "ws") + "/ws");
        signaling = SignalingConnection.open(http, ws, message -> events.execute(() -> onEvent(message)));
        joined = signaling.request("join", Map.of("lessonId", lessonId, "role", role, "name", name, "grant", grant))
                .get(30, TimeUnit.SECONDS);
        if (publishes) {
            publish = new MediaConnection(certificate, network);
            int audioSsrc = nonZero();
            int videoSsrc = nonZero();
            String offer = ClientSdp.publishOffer(publish, certificate.sha256Fingerprint(), "actpass",
                    audioSsrc, videoSsrc, nonZero(), name.replaceAll("[^A-Za-z0-9]", ""), simulcast);
            JsonNode answer = signaling.request("publish", Map.of("sdp", offer)).get(30, TimeUnit.SECONDS);
            publish.connect(SessionFacts.parse(answer.path("sdp").asText()));
            publisher = new SyntheticPublisher(publish, audioSsrc, videoSsrc, audioKbps, videoKbps, simulcast,
                    System.nanoTime());
        }
    }

    @Override
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

    /** The role it joins as: teacher, classroom, observer or learner. */
    public String role() {
        return role;
    }

    /** Says something in the lesson's chat (observer teachers discussing a master teacher's lesson). */
    public void chat(String text) {
        if (signaling != null && !closed) {
            signaling.request("chat", Map.of("text", text)).exceptionally(failure -> null);
        }
    }

    /**
     * Leaves the lesson as the web client does, and waits (a few seconds at most) for the server to confirm: a seat
     * taken next then never finds the lesson still full. A refusal (the lesson already ended) changes nothing.
     */
    public void leave() {
        if (signaling == null || closed) {
            return;
        }
        try {
            signaling.request("leave", Map.of()).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception refusedOrLate) {
            // closing the WebSocket next leaves too
        }
    }

    /** The teacher ends the lesson for everyone (the server answers once the end is kept). */
    public void endLesson() throws Exception {
        signaling.request("endLesson", Map.of()).get(10, TimeUnit.SECONDS);
    }

    /**
     * Whether the server closed this participant's connection (its media timed out, it was put out) while the tool
     * still held it.
     */
    public boolean connectionLost() {
        SignalingConnection s = signaling;
        return !closed && s != null && s.closed().isDone();
    }

    /** Any request of the protocol (docs/protocol.md), e.g. a moderator's lock or a staff cut-off; its reply. */
    public java.util.concurrent.CompletableFuture<JsonNode> request(String type, Map<String, Object> fields) {
        return signaling.request(type, fields);
    }

    /** The latest event of this type the server sent, or null. */
    public JsonNode lastEvent(String type) {
        return lastEvents.get(type);
    }

    /** Who was in the lesson when this participant joined, as the join reply listed them. */
    public java.util.List<JsonNode> joinedParticipants() {
        java.util.List<JsonNode> list = new java.util.ArrayList<>();
        if (joined != null) {
            joined.path("participants").forEach(list::add);
        }
        return list;
    }

    /** The media packets this participant received, and when the last one came ({@link System#nanoTime()}). */
    public long packetsReceived() {
        return receiver.packets();
    }

    public long lastPacketNanos() {
        return receiver.lastPacketNanos();
    }

    /** Lost and expected packets over everything this participant received. */
    public LossTotals receiveTotals() {
        return receiver.totals();
    }

    /** Both connections: the server closes a silent transport after 30 s. */
    @Override
    public void refreshConsent() {
        for (MediaConnection connection : new MediaConnection[] {publish, subscribe}) {
            if (connection != null && connection.connected() && !closed) { // connect() checks on its own
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
        lastEvents.put(message.path("type").asText(), message);
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
            String answer = ClientSdp.subscribeAnswer(offer, subscribe, certificate.sha256Fingerprint());
            signaling.request("subscribeAnswer", Map.of("version", message.path("version").asLong(), "sdp", answer))
                    .get(30, TimeUnit.SECONDS);
            if (first) {
                subscribe.connect(offer);
            }
        } catch (Exception e) {
            if (!closed) {
                stats.fail(e);
            }
        }
    }

    private void onRtp(byte[] buf, int len, long now) {
        receiver.onRtp(buf, len, now, signaling.openedNanos);
    }

    public static int nonZero() {
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
        receiver.close();
    }
}
