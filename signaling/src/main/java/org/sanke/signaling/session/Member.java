package org.sanke.signaling.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sanke.classroom.Participant;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.media.api.WebRtcTransport;

/** One participant of a room and its media. Guarded by the room's lock. */
final class Member {
    static final String SCREEN = "screen";

    final Participant participant;
    final ClientSession session;
    final SubscribeSide subscribe = new SubscribeSide();
    final List<Producer> producers = new ArrayList<>();
    CompletableFuture<WebRtcTransport> publishTransport;
    boolean publishConnected;
    /** The publish section that carries a screen share, if any. */
    String screenMid;
    boolean gone;

    Member(Participant participant, ClientSession session) {
        this.participant = participant;
        this.session = session;
    }

    String id() {
        return participant.id();
    }

    /** What a producer of this member carries: "screen", "camera" or "microphone". */
    String source(Producer producer) {
        if (producer.parameters().mid().equals(screenMid)) {
            return SCREEN;
        }
        return producer.kind() == MediaKind.AUDIO ? "microphone" : "camera";
    }

    boolean hasProducer(String mid) {
        return producers.stream().anyMatch(p -> p.parameters().mid().equals(mid));
    }
}
