package org.sanke.signaling.session;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sanke.classroom.Participant;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.media.api.WebRtcTransport;

/** One participant of a room and its media. Owned by the room's thread. */
final class Member {
    static final String SCREEN = "screen";
    private static final SecureRandom RANDOM = new SecureRandom();

    final Participant participant;
    final ClientSession session;
    /** Lets the same device take its seat back after a dropped connection, before the server has noticed the drop. */
    final String rejoinToken;
    /** The signed-in person whose grant seated this member, or null (an invitation, a terminal). */
    final String personId;
    final SubscribeSide subscribe = new SubscribeSide();
    final List<Producer> producers = new ArrayList<>();
    CompletableFuture<WebRtcTransport> publishTransport;
    boolean publishConnected;
    /** The publish section that carries a screen share, if any. */
    String screenMid;
    boolean gone;
    /** Reports this member filed in the current minute (at most {@link RoomControls#REPORTS_PER_MINUTE}). */
    long reportMinuteStartNanos;
    int reportsThisMinute;

    Member(Participant participant, ClientSession session, String personId) {
        this.participant = participant;
        this.session = session;
        this.personId = personId;
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        this.rejoinToken = HexFormat.of().formatHex(token);
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
