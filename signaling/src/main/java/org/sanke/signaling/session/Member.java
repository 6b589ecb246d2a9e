package org.sanke.signaling.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sanke.classroom.Participant;
import org.sanke.media.api.Producer;
import org.sanke.media.api.WebRtcTransport;

/** One participant of a room and its media. Guarded by the room's lock. */
final class Member {
    final Participant participant;
    final ClientSession session;
    final SubscribeSide subscribe = new SubscribeSide();
    final List<Producer> producers = new ArrayList<>();
    CompletableFuture<WebRtcTransport> publishTransport;
    boolean publishConnected;
    boolean gone;

    Member(Participant participant, ClientSession session) {
        this.participant = participant;
        this.session = session;
    }

    String id() {
        return participant.id();
    }

    boolean hasProducer(String mid) {
        return producers.stream().anyMatch(p -> p.parameters().mid().equals(mid));
    }
}
