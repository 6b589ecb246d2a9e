package org.sanke.signaling.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.sanke.classroom.Role;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.signaling.protocol.ProtocolError;
import org.sanke.signaling.sdp.PublishNegotiation;
import org.sanke.signaling.sdp.SdpException;
import org.sanke.signaling.sdp.SdpNegotiator;

/**
 * Publish negotiation of one room: a member's offer becomes producers on its publish transport, and each new track
 * goes to everyone who receives that member. Owned by the room's thread; media futures come back to it.
 */
final class Publishing {
    /** Camera, microphone and a screen share, with room for one more; nobody in a lesson sends more. */
    static final int MAX_TRACKS = 4;

    private final LessonRoom room;
    private final SdpNegotiator sdp;

    Publishing(LessonRoom room, SdpNegotiator sdp) {
        this.room = room;
        this.sdp = sdp;
    }

    /**
     * Answers a publish offer (the first, or a renegotiation that adds or stops tracks); completes on the room's
     * thread with the answer SDP, or fails with a {@link ProtocolError}.
     *
     * @param screenMid the offer's screen-share section, if any (the teacher's only)
     */
    CompletableFuture<String> publish(Member member, String offer, String screenMid) {
        if (member.gone) {
            return CompletableFuture.failedFuture(new ProtocolError("not_joined", "you left the lesson"));
        }
        Role role = member.participant.role();
        if (!room.live().mayPublish(member.id())) {
            return CompletableFuture.failedFuture(new ProtocolError("not_allowed", "a participant joined as "
                    + role.wireName() + " does not publish unless the teacher brings them on stage"));
        }
        if (!room.permits().mayPublish(member.personId)) {
            return CompletableFuture.failedFuture(new ProtocolError("guardian_consent_required", "an under-14"
                    + " learner's camera and microphone go out only with a guardian's consent"));
        }
        if (screenMid != null && role != Role.TEACHER) {
            return CompletableFuture.failedFuture(new ProtocolError("not_allowed",
                    "only the teacher shares a screen"));
        }
        if (member.publishTransport == null) {
            member.publishTransport = room.router().createWebRtcTransport(room.listener(member));
        }
        return member.publishTransport.thenComposeAsync(t -> negotiate(member, t, offer, screenMid), room.loop());
    }

    private CompletableFuture<String> negotiate(Member member, WebRtcTransport t, String offer, String screenMid) {
        PublishNegotiation negotiation;
        try {
            negotiation = sdp.answerPublish(offer, t.parameters());
        } catch (SdpException e) {
            throw new CompletionException(LessonRoom.sdpError(e));
        }
        if (negotiation.tracks().size() > MAX_TRACKS) {
            throw new CompletionException(new ProtocolError("too_many_tracks", "an offer may publish at most "
                    + MAX_TRACKS + " tracks; this one has " + negotiation.tracks().size()));
        }
        if (screenMid != null && negotiation.tracks().stream()
                .noneMatch(track -> track.mid().equals(screenMid) && track.kind() == MediaKind.VIDEO)) {
            throw new CompletionException(new ProtocolError("invalid_field", "'screenMid' " + screenMid
                    + " is not a video section this offer publishes"));
        }
        if (member.gone || member.publishTransport == null) {
            throw new CompletionException(new ProtocolError("not_allowed", "you no longer publish in this lesson"));
        }
        CompletableFuture<Void> connected = member.publishConnected ? CompletableFuture.completedFuture(null)
                : t.connect(negotiation.remoteIceUfrag(), negotiation.remoteIcePwd(),
                negotiation.fingerprintAlgorithm(), negotiation.fingerprint());
        member.publishConnected = true;
        member.screenMid = screenMid;
        Set<String> published = new HashSet<>();
        List<CompletableFuture<Producer>> produced = new ArrayList<>();
        for (ProducerParameters track : negotiation.tracks()) {
            published.add(track.mid());
            if (!member.hasProducer(track.mid())) {
                produced.add(connected.thenCompose(ignored -> t.produce(track)));
            }
        }
        // Sections the renegotiation stopped (a screen share that ended): their tracks end for everyone.
        for (Producer producer : List.copyOf(member.producers)) {
            if (!published.contains(producer.parameters().mid())) {
                retire(member, producer);
            }
        }
        return CompletableFuture.allOf(produced.toArray(CompletableFuture[]::new)).thenApplyAsync(ignored -> {
            onProduced(member, produced.stream().map(CompletableFuture::join).toList());
            return negotiation.answerSdp();
        }, room.loop());
    }

    /** New tracks of one offer, in one batch so that each receiver gets them in one subscribe offer. */
    private void onProduced(Member publisher, List<Producer> producers) {
        if (publisher.gone || !room.live().mayPublish(publisher.id())) {
            producers.forEach(Producer::close);
            return;
        }
        publisher.producers.addAll(producers);
        producers.forEach(p -> room.records().stream(room.live().lesson().id(), publisher, publisher.source(p), true));
        room.controls().enforceQuietly(publisher); // held before any receiver consumes it: a lock has no gap
        producers.forEach(producer -> room.pictures().watch(room, publisher, producer));
        producers.forEach(producer -> room.recordings().produced(room, publisher, producer));
        for (Member receiver : room.members()) {
            if (room.receives(receiver, publisher)) {
                producers.forEach(producer -> room.subscriptions().addTrack(receiver, publisher, producer));
            }
        }
    }

    /** Closes one of a publisher's producers and ends its track at every receiver. */
    void retire(Member publisher, Producer producer) {
        publisher.producers.remove(producer);
        room.controls().forget(producer);
        room.recordings().retired(room, producer);
        room.records().stream(room.live().lesson().id(), publisher, publisher.source(producer), false);
        producer.close();
        for (Member receiver : room.members()) {
            if (Subscriptions.endSections(receiver, section -> section.producer == producer)) {
                room.subscriptions().maybeOffer(receiver);
            }
        }
    }

    /** Someone who publishes only on stage left it: close what they sent; a new stage starts a new connection. */
    void stopPublishing(Member member) {
        List.copyOf(member.producers).forEach(producer -> retire(member, producer));
        LessonRoom.closeTransport(member.publishTransport);
        member.publishTransport = null;
        member.publishConnected = false;
    }
}
