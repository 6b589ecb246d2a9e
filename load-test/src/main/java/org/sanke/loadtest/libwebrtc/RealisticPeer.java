package org.sanke.loadtest.libwebrtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sanke.loadtest.client.SignalingConnection;

/**
 * One participant of a lesson whose media is Google's libwebrtc: it joins through the signaling protocol, publishes
 * a synthetic camera and microphone if its role does, answers every subscribe offer, and writes what libwebrtc's
 * getStats reports once a second. Server events are handled one at a time on their own thread, in order.
 */
final class RealisticPeer implements AutoCloseable {
    private final PeerOptions options;
    private final PeerOutput output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ExecutorService events = Executors.newSingleThreadExecutor(daemon("signaling-events"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("stats"));
    /** Completes with the reason when the peer must stop: the launcher, its time, or the server. */
    final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private LibWebRtc webrtc;
    private SignalingConnection signaling;
    private volatile PublishConnection publish;
    private volatile SubscribeConnection subscribe;
    private long joinStartedNanos;
    private long joinedNanos;
    private volatile long firstFrameNanos;
    private final StatsLedger ledger = new StatsLedger();
    private StatsSample previous;
    private long previousNanos;
    private int second;
    /** How the peer ended, once it is closing; the first reason wins. */
    private volatile Ending closedWith;

    /** Why a peer stopped; {@code failure} is null when it stopped as it should. */
    record Ending(String reason, PeerFailure failure) {
    }

    RealisticPeer(PeerOptions options, PeerOutput output) {
        this.options = options;
        this.output = output;
    }

    /** Loads libwebrtc, joins, and publishes if the role does; fails with a message a person understands. */
    void start() throws PeerFailure {
        webrtc = LibWebRtc.start(options.publishes());
        joinStartedNanos = System.nanoTime();
        try {
            signaling = SignalingConnection.open(http, options.webSocket(), m -> events.execute(() -> onEvent(m)));
        } catch (Exception e) {
            throw PeerFailure.unreachable(options.server(), e);
        }
        signaling.closed().whenComplete((status, error) -> {
            if (closedWith == null) { // not the peer's own leaving
                ending.complete(new Ending("disconnected", new PeerFailure("disconnected",
                        "the server closed the connection" + (status != null ? " (WebSocket status " + status + ")"
                                : ""), PeerFailure.FAILED)));
            }
        });
        JsonNode joined;
        try {
            joined = signaling.request("join", joinFields()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw PeerFailure.refused("join lesson '" + options.lessonId() + "' as " + options.role(), e);
        }
        joinedNanos = System.nanoTime();
        ObjectNode line = output.line("joined");
        line.put("role", options.role());
        line.put("participantId", joined.path("participantId").asText());
        line.put("lesson", options.lessonId());
        line.put("joinMillis", millis(joinStartedNanos, joinedNanos));
        line.put("publishes", options.publishes());
        output.write(line);
        if (options.publishes()) {
            publish = PublishConnection.open(webrtc, options, signaling);
        }
        previousNanos = System.nanoTime();
        ticker.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(this::watchFirstFrame, 50, 50, TimeUnit.MILLISECONDS);
    }

    private Map<String, Object> joinFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("lessonId", options.lessonId());
        fields.put("role", options.role());
        fields.put("name", options.name());
        if (options.classroomId() != null) {
            fields.put("classroomId", options.classroomId());
        }
        if (options.deviceToken() != null) {
            fields.put("deviceToken", options.deviceToken());
        }
        if (options.grant() != null) {
            fields.put("grant", options.grant());
        }
        return fields;
    }

    private void onEvent(JsonNode message) {
        switch (message.path("type").asText()) {
            case "subscribeOffer" -> answer(message);
            case "lessonEnded" -> ending.complete(new Ending("lesson ended: " + message.path("reason").asText(),
                    null));
            default -> {
                // chat, hands, participants: nothing a media load test acts on
            }
        }
    }

    private void answer(JsonNode offer) {
        try {
            if (subscribe == null) {
                subscribe = new SubscribeConnection(webrtc);
            }
            String answer = subscribe.answer(offer.path("sdp").asText());
            signaling.request("subscribeAnswer", Map.of("version", offer.path("version").asLong(), "sdp", answer))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            PeerFailure failure = PeerFailure.refused("answer subscribe offer " + offer.path("version").asLong(), e);
            if (!"stale_version".equals(failure.code)) { // a newer offer is on its way and will be answered
                ending.complete(new Ending("subscribe failed", failure));
            }
        }
    }

    /** Until the first frame is decoded, looks every 50 ms: time to first frame is worth more than a second's guess. */
    private void watchFirstFrame() {
        SubscribeConnection s = subscribe;
        if (firstFrameNanos != 0 || s == null) {
            return;
        }
        try {
            if (new StatsLedger().update(null, OfferAnswer.stats(s.connection)).receivedVideo.frames > 0) {
                firstFrameNanos = System.nanoTime();
            }
        } catch (Exception e) {
            // the next look tries again
        }
    }

    private synchronized void report() {
        if (closedWith != null) {
            return;
        }
        try {
            StatsSample sample = read();
            long now = System.nanoTime();
            ObjectNode line = statsLine("stats", sample, previous, (now - previousNanos) / 1e9);
            line.put("second", ++second);
            output.write(line);
            previous = sample;
            previousNanos = now;
        } catch (Exception e) {
            // stats missed this second; the next line covers it
        }
    }

    private StatsSample read() throws Exception {
        PublishConnection p = publish;
        SubscribeConnection s = subscribe;
        return ledger.update(p == null ? null : OfferAnswer.stats(p.connection),
                s == null ? null : OfferAnswer.stats(s.connection));
    }

    private ObjectNode statsLine(String type, StatsSample sample, StatsSample before, double seconds) {
        ObjectNode line = output.line(type);
        line.put("role", options.role());
        PublishConnection p = publish;
        SubscribeConnection s = subscribe;
        line.put("publish", p == null ? "none" : p.observer.state());
        line.put("subscribe", s == null ? "none" : s.observer.state());
        ObjectNode received = line.putObject("received");
        sample.receivedVideo.write(received.putObject("video"), true,
                kbps(sample.receivedVideo, before == null ? null : before.receivedVideo, seconds));
        sample.receivedAudio.write(received.putObject("audio"), false,
                kbps(sample.receivedAudio, before == null ? null : before.receivedAudio, seconds));
        if (p != null) {
            ObjectNode sent = line.putObject("sent");
            sample.sentVideo.write(sent.putObject("video"), true,
                    kbps(sample.sentVideo, before == null ? null : before.sentVideo, seconds));
            sample.sentAudio.write(sent.putObject("audio"), false,
                    kbps(sample.sentAudio, before == null ? null : before.sentAudio, seconds));
            sent.put("availableOutgoingBitrate", Math.round(sample.availableOutgoingBitrate));
            sent.put("roundTripTimeMs", Math.round(sample.roundTripTime * 10_000) / 10.0);
        }
        return line;
    }

    private static double kbps(StreamTotals now, StreamTotals before, double seconds) {
        long bytes = now.bytes - (before == null ? 0 : before.bytes);
        return seconds <= 0 ? 0 : bytes * 8 / 1000.0 / seconds;
    }

    /**
     * Leaves the lesson, writes the summary line and frees libwebrtc; returns how the peer ended, which is the
     * first reason given when something else (a signal's shutdown hook) closed it already.
     */
    synchronized Ending close(Ending ending) {
        if (closedWith != null) {
            return closedWith;
        }
        closedWith = ending;
        ticker.shutdownNow();
        if (joinedNanos != 0) {
            summary(ending);
        }
        if (signaling != null) {
            try {
                signaling.request("leave", Map.of()).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // leaving is a courtesy: closing the WebSocket leaves too
            }
            signaling.close();
        }
        events.shutdownNow();
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (publish != null) {
            publish.close();
        }
        if (subscribe != null) {
            subscribe.close();
        }
        if (webrtc != null) {
            webrtc.close();
        }
        return ending;
    }

    private void summary(Ending ending) {
        StatsSample sample;
        try {
            sample = read();
        } catch (Exception e) {
            sample = previous != null ? previous : new StatsSample();
        }
        double seconds = (System.nanoTime() - joinedNanos) / 1e9;
        ObjectNode line = statsLine("summary", sample, null, seconds);
        line.put("reason", ending.reason());
        line.put("seconds", Math.round(seconds * 10) / 10.0);
        line.put("joinMillis", millis(joinStartedNanos, joinedNanos));
        if (firstFrameNanos != 0) {
            line.put("firstFrameMillis", millis(joinStartedNanos, firstFrameNanos));
        } else {
            line.putNull("firstFrameMillis");
        }
        output.write(line);
    }

    @Override
    public void close() {
        close(new Ending("closed", null));
    }

    private static long millis(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e6);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
