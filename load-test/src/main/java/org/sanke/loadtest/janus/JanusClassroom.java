package org.sanke.loadtest.janus;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sanke.loadtest.client.Classroom;
import org.sanke.loadtest.client.ClientSdp;
import org.sanke.loadtest.client.FakeNetwork;
import org.sanke.loadtest.client.MediaConnection;
import org.sanke.loadtest.client.MediaReceiver;
import org.sanke.loadtest.client.SessionFacts;
import org.sanke.loadtest.client.SimulatedClassroom;
import org.sanke.loadtest.client.SyntheticPublisher;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;

/**
 * The same simulated classroom, speaking Janus's VideoRoom API instead of Sanke's protocol, for the side-by-side
 * benchmark: the teacher publishes into a room, receivers subscribe to its feed. Media is the same ICE, DTLS, SRTP
 * and synthetic VP8/Opus, measured the same way.
 */
public final class JanusClassroom implements Classroom {
    /** The room the benchmark's Janus config declares (load-test/janus/start-janus.sh). */
    public static final int ROOM = 1234;

    /** Shared by the participants of one run: the teacher's feed id, once it publishes. */
    public static final class Room {
        final CompletableFuture<Long> teacherFeed = new CompletableFuture<>();
    }

    private final String name;
    private final boolean publishes;
    private final Room room;
    private final FakeNetwork network;
    private final DtlsCertificate certificate;
    private final MediaReceiver receiver;
    private JanusSession session;
    private MediaConnection publish;
    private MediaConnection subscribe;
    private volatile SyntheticPublisher publisher;
    private volatile boolean closed;

    public JanusClassroom(String name, boolean publishes, Room room, RunStats stats, FakeNetwork network,
                          DtlsCertificate certificate) {
        this.name = name;
        this.publishes = publishes;
        this.room = room;
        this.network = network;
        this.certificate = certificate;
        this.receiver = new MediaReceiver(stats);
    }

    @Override
    public void join(HttpClient http, URI server, String ignoredRoom, String ignoredGrant, int audioKbps,
                     int videoKbps) throws Exception {
        long started = System.nanoTime();
        session = JanusSession.create(http, server);
        long handle = session.attachVideoRoom();
        if (publishes) {
            publish = new MediaConnection(certificate, network);
            int audioSsrc = SimulatedClassroom.nonZero();
            int videoSsrc = SimulatedClassroom.nonZero();
            // setup:active keeps this client the DTLS client, as it is with Sanke.
            String offer = ClientSdp.publishOffer(publish, certificate.sha256Fingerprint(), "active", audioSsrc,
                    videoSsrc, SimulatedClassroom.nonZero(), "teacher");
            JsonNode event = session.message(handle, Map.of("request", "joinandconfigure", "room", ROOM,
                    "ptype", "publisher", "display", name, "audio", true, "video", true), "offer", offer)
                    .get(30, TimeUnit.SECONDS);
            session.trickleCompleted(handle);
            publish.connect(SessionFacts.parse(jsep(event)));
            publisher = new SyntheticPublisher(publish, audioSsrc, videoSsrc, audioKbps, videoKbps, System.nanoTime());
            room.teacherFeed.complete(event.path("plugindata").path("data").path("id").asLong());
            return;
        }
        long feed = room.teacherFeed.get(60, TimeUnit.SECONDS);
        JsonNode event = session.message(handle, Map.of("request", "join", "room", ROOM, "ptype", "subscriber",
                "feed", feed), null, null).get(30, TimeUnit.SECONDS);
        SessionFacts offer = SessionFacts.parse(jsep(event));
        subscribe = new MediaConnection(certificate, network);
        subscribe.onRtp((buf, len, now) -> receiver.onRtp(buf, len, now, started));
        String answer = ClientSdp.subscribeAnswer(offer, subscribe, certificate.sha256Fingerprint());
        session.message(handle, Map.of("request", "start", "room", ROOM), "answer", answer).get(30, TimeUnit.SECONDS);
        session.trickleCompleted(handle);
        subscribe.connect(offer);
    }

    private static String jsep(JsonNode event) {
        String sdp = event.path("jsep").path("sdp").asText(null);
        if (sdp == null) {
            throw new IllegalStateException("Janus answered without SDP: " + event.path("plugindata"));
        }
        return sdp;
    }

    @Override
    public void tick(long now) {
        SyntheticPublisher p = publisher;
        if (p != null && !closed) {
            try {
                p.tick(now);
            } catch (Exception e) {
                // counted as loss by the receivers
            }
        }
    }

    @Override
    public void refreshConsent() {
        for (MediaConnection connection : new MediaConnection[] {publish, subscribe}) {
            if (connection != null && connection.connected() && !closed) { // connect() checks on its own
                Thread.startVirtualThread(() -> {
                    try {
                        connection.check(false);
                    } catch (Exception ignored) {
                        // next time
                    }
                });
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (publish != null) {
            publish.close();
        }
        if (subscribe != null) {
            subscribe.close();
        }
        if (session != null) {
            session.close();
        }
        receiver.close();
    }
}
