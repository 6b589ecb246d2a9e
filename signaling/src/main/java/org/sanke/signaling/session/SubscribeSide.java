package org.sanke.signaling.session;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sanke.media.api.Consumer;
import org.sanke.media.api.ConsumerParameters;
import org.sanke.media.api.Producer;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.signaling.sdp.OfferedTrack;

/**
 * The subscribe connection of one member: its transport, the m-sections offered so far (stable by index, mids never
 * reused) and the offer/answer state: at most one offer is outstanding; changes meanwhile wait for the answer.
 * Guarded by the room's lock.
 */
final class SubscribeSide {
    private static final SecureRandom RANDOM = new SecureRandom();

    final long sessionId = RANDOM.nextLong() & Long.MAX_VALUE;
    final List<Section> sections = new ArrayList<>();
    CompletableFuture<WebRtcTransport> transport;
    WebRtcTransport ready;
    boolean connected;
    long version;
    boolean offerInFlight;
    boolean dirty;
    int pendingConsumes;
    List<OfferedTrack> offered = List.of();
    private int nextMid = 1;

    String nextMid() {
        return Integer.toString(nextMid++);
    }

    static int randomSsrc() {
        int ssrc;
        do {
            ssrc = RANDOM.nextInt();
        } while (ssrc == 0);
        return ssrc;
    }

    /** One m-section: a track of another member, forwarded by one consumer. */
    static final class Section {
        final Member publisher;
        final Producer producer;
        final ConsumerParameters parameters;
        /** "camera", "microphone" or "screen". */
        final String source;
        Consumer consumer;
        boolean active = true;

        Section(Member publisher, Producer producer, ConsumerParameters parameters, String source) {
            this.publisher = publisher;
            this.producer = producer;
            this.parameters = parameters;
            this.source = source;
        }

        OfferedTrack offeredTrack() {
            // A screen share is a stream of its own, apart from the camera and microphone.
            String stream = source.equals(Member.SCREEN) ? publisher.id() + "-screen" : publisher.id();
            return new OfferedTrack(producer.kind(), active, parameters, stream,
                    publisher.id() + "-" + parameters.mid());
        }
    }
}
