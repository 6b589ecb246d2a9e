package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.sanke.classroom.ForwardingRule;
import org.sanke.classroom.JoinResult;
import org.sanke.classroom.LiveLesson;
import org.sanke.classroom.Participant;
import org.sanke.classroom.Role;
import org.sanke.classroom.ScheduledLesson;
import org.sanke.media.api.ConsumerParameters;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.api.Router;
import org.sanke.media.api.RtpCodec;
import org.sanke.media.api.TransportListener;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.signaling.protocol.ProtocolError;
import org.sanke.signaling.sdp.OfferedTrack;
import org.sanke.signaling.sdp.PublishNegotiation;
import org.sanke.signaling.sdp.SdpException;
import org.sanke.signaling.sdp.SdpNegotiator;
import org.sanke.signaling.sdp.SubscribeAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running lesson: the domain's live lesson plus its media (one router; per member a publish and a subscribe
 * transport). Translates "X joined / published / left / went on stage" into producers, consumers and subscribe
 * offers; what people say (hands, chat, questions…) is its {@link RoomConversation}'s.
 *
 * <p>Threads: client sessions call in from Vert.x event loops, media futures and transport events from media loops.
 * All state is guarded by this object's monitor; nothing waits on a future while holding it.
 */
public final class LessonRoom {
    private static final Logger LOG = LoggerFactory.getLogger(LessonRoom.class);

    private final LiveLesson live;
    private final Supplier<Router> routers;
    private final SdpNegotiator sdp;
    private final Runnable onEmpty;
    private final AttendanceRecorder attendance;
    private final ScheduledLesson timetabled;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final RoomConversation conversation;
    private Router router;
    private boolean closed;

    /** @param timetabled the timetable slot this lesson is, or null for a lesson made through the API */
    LessonRoom(LiveLesson live, ScheduledLesson timetabled, Supplier<Router> routers, SdpNegotiator sdp,
               AttendanceRecorder attendance, Runnable onEmpty) {
        this.live = live;
        this.timetabled = timetabled;
        this.routers = routers;
        this.sdp = sdp;
        this.attendance = attendance;
        this.onEmpty = onEmpty;
        this.conversation = new RoomConversation(this, live, members, attendance);
    }

    public LiveLesson live() {
        return live;
    }

    /** The timetable slot this lesson is, or null for a lesson made through the API. */
    ScheduledLesson timetabled() {
        return timetabled;
    }

    /** Admits a member, or returns the refusal; null when the room has just closed (the caller retries). */
    synchronized Object join(ClientSession session, Role role, String name, String classroomId) {
        if (closed) {
            return null;
        }
        JoinResult result = live.join(role, name, role == Role.CLASSROOM ? classroomId : null);
        if (result instanceof JoinResult.Refusal refusal) {
            return refusal;
        }
        Participant participant = ((JoinResult.Admitted) result).participant();
        Member member = new Member(participant, session);
        for (Member other : participant.role().visible() ? members.values() : List.<Member>of()) {
            ObjectNode event = other.session.message("participantJoined", null);
            event.set("participant", participantJson(other.session, participant));
            other.session.send(event);
        }
        members.put(participant.id(), member);
        attendance.joined(live.lesson().id(), participant);
        return member;
    }

    /** After the joined reply went out: start receiving what this member may receive. */
    synchronized void startReceiving(Member member) {
        for (Member publisher : members.values()) {
            if (receives(member, publisher)) {
                for (Producer producer : publisher.producers) {
                    addTrack(member, publisher, producer);
                }
            }
        }
    }

    synchronized List<Participant> participants() {
        return members.values().stream().map(m -> m.participant).toList();
    }

    ObjectNode participantJson(ClientSession to, Participant p) {
        ObjectNode node = to.outbound().object();
        node.put("participantId", p.id());
        node.put("role", p.role().wireName());
        node.put("name", p.displayName());
        return node;
    }

    // ---- publish ------------------------------------------------------------------------------------------------

    /**
     * Answers a publish offer (the first, or a renegotiation that adds or stops tracks); completes with the answer
     * SDP or fails with a {@link ProtocolError}.
     *
     * @param screenMid the offer's screen-share section, if any (the teacher's only)
     */
    CompletableFuture<String> publish(Member member, String offer, String screenMid) {
        CompletableFuture<WebRtcTransport> transport;
        synchronized (this) {
            if (member.gone) {
                return CompletableFuture.failedFuture(new ProtocolError("not_joined", "you left the lesson"));
            }
            Role role = member.participant.role();
            if (!live.mayPublish(member.id())) {
                return CompletableFuture.failedFuture(new ProtocolError("not_allowed", "a participant joined as "
                        + role.wireName() + " does not publish unless the teacher brings them on stage"));
            }
            if (screenMid != null && role != Role.TEACHER) {
                return CompletableFuture.failedFuture(new ProtocolError("not_allowed",
                        "only the teacher shares a screen"));
            }
            if (member.publishTransport == null) {
                member.publishTransport = router().createWebRtcTransport(listener(member));
            }
            transport = member.publishTransport;
        }
        return transport.thenCompose(t -> {
            PublishNegotiation negotiation;
            try {
                negotiation = sdp.answerPublish(offer, t.parameters());
            } catch (SdpException e) {
                throw new CompletionException(sdpError(e));
            }
            if (screenMid != null && negotiation.tracks().stream()
                    .noneMatch(track -> track.mid().equals(screenMid) && track.kind() == MediaKind.VIDEO)) {
                throw new CompletionException(new ProtocolError("invalid_field", "'screenMid' " + screenMid
                        + " is not a video section this offer publishes"));
            }
            CompletableFuture<Void> connected;
            List<CompletableFuture<Producer>> produced = new ArrayList<>();
            synchronized (this) {
                connected = member.publishConnected ? CompletableFuture.completedFuture(null)
                        : t.connect(negotiation.remoteIceUfrag(), negotiation.remoteIcePwd(),
                        negotiation.fingerprintAlgorithm(), negotiation.fingerprint());
                member.publishConnected = true;
                member.screenMid = screenMid;
                Set<String> published = new HashSet<>();
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
            }
            return CompletableFuture.allOf(produced.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                onProduced(member, produced.stream().map(CompletableFuture::join).toList());
                return negotiation.answerSdp();
            });
        });
    }

    /** New tracks of one offer, in one batch so that each receiver gets them in one subscribe offer. */
    private synchronized void onProduced(Member publisher, List<Producer> producers) {
        if (publisher.gone || !live.mayPublish(publisher.id())) {
            producers.forEach(Producer::close);
            return;
        }
        publisher.producers.addAll(producers);
        for (Member receiver : members.values()) {
            if (receives(receiver, publisher)) {
                producers.forEach(producer -> addTrack(receiver, publisher, producer));
            }
        }
    }

    /** Closes one of a publisher's producers and ends its track at every receiver. */
    private void retire(Member publisher, Producer producer) {
        publisher.producers.remove(producer);
        producer.close();
        for (Member receiver : members.values()) {
            if (endSections(receiver, section -> section.producer == producer)) {
                maybeOffer(receiver);
            }
        }
    }

    /** Someone who publishes only on stage left it: close what they sent; a new stage starts a new connection. */
    private void stopPublishing(Member member) {
        List.copyOf(member.producers).forEach(producer -> retire(member, producer));
        closeTransport(member.publishTransport);
        member.publishTransport = null;
        member.publishConnected = false;
    }

    // ---- subscribe ----------------------------------------------------------------------------------------------

    /** Adds a section for {@code producer} to the receiver's subscribe side; the offer follows the consumer. */
    private void addTrack(Member receiver, Member publisher, Producer producer) {
        LOG.debug("{} receives {} of {}", receiver.id(), producer.kind(), publisher.id());
        SubscribeSide side = receiver.subscribe;
        if (side.transport == null) {
            side.transport = router().createWebRtcTransport(listener(receiver));
            // Async: a future that is already complete would otherwise run this inline, in the middle of the
            // caller's batch of addTrack calls, and offer before the batch is done.
            side.transport.thenAcceptAsync(t -> {
                synchronized (this) {
                    side.ready = t;
                    maybeOffer(receiver);
                }
            });
        }
        RtpCodec codec = SdpNegotiator.subscribeCodec(producer.parameters().codec());
        ConsumerParameters parameters = new ConsumerParameters(side.nextMid(), codec, SubscribeSide.randomSsrc(),
                codec.hasRtx() ? SubscribeSide.randomSsrc() : 0, publisher.id());
        SubscribeSide.Section section = new SubscribeSide.Section(publisher, producer, parameters,
                publisher.source(producer));
        side.sections.add(section);
        side.pendingConsumes++;
        side.transport.thenCompose(t -> t.consume(producer, parameters)).whenCompleteAsync((consumer, failure) -> {
            synchronized (this) {
                side.pendingConsumes--;
                if (failure != null || receiver.gone || !section.active) {
                    section.active = false;
                    if (consumer != null) {
                        consumer.close();
                    }
                } else {
                    section.consumer = consumer;
                }
                side.dirty = true;
                maybeOffer(receiver);
            }
        });
    }

    private void maybeOffer(Member receiver) {
        SubscribeSide side = receiver.subscribe;
        if (receiver.gone || side.ready == null || side.offerInFlight || !side.dirty || side.pendingConsumes > 0) {
            return;
        }
        side.version++;
        side.dirty = false;
        side.offerInFlight = true;
        List<OfferedTrack> offered = side.sections.stream().map(SubscribeSide.Section::offeredTrack).toList();
        side.offered = offered;
        ObjectNode message = receiver.session.message("subscribeOffer", null);
        message.put("version", side.version);
        message.put("sdp", sdp.offerSubscribe(side.ready.parameters(), offered, side.sessionId, side.version));
        ArrayNode tracks = message.putArray("tracks");
        for (SubscribeSide.Section section : side.sections) {
            if (section.active) {
                ObjectNode track = tracks.addObject();
                track.put("mid", section.parameters.mid());
                track.put("participantId", section.publisher.id());
                track.put("kind", section.producer.kind().sdpName());
                track.put("name", section.publisher.participant.displayName());
                track.put("role", section.publisher.participant.role().wireName());
                track.put("source", section.source);
            }
        }
        receiver.session.send(message);
    }

    /** Applies a subscriber's answer to the latest offer. */
    synchronized void subscribeAnswer(Member member, long version, String answerSdp) throws ProtocolError {
        SubscribeSide side = member.subscribe;
        if (!side.offerInFlight || version != side.version) {
            throw new ProtocolError("stale_version", "version " + version + " is not the latest offer ("
                    + side.version + ")");
        }
        SubscribeAnswer answer;
        try {
            answer = sdp.acceptSubscribeAnswer(answerSdp, side.offered);
        } catch (SdpException e) {
            throw sdpError(e);
        }
        side.offerInFlight = false;
        if (!side.connected) {
            side.connected = true;
            side.ready.connect(answer.remoteIceUfrag(), answer.remoteIcePwd(), answer.fingerprintAlgorithm(),
                    answer.fingerprint()).exceptionally(failure -> {
                        LOG.warn("subscribe transport of {} could not connect: {}", member.id(), failure.toString());
                        return null;
                    });
        }
        maybeOffer(member);
    }

    // ---- leaving ------------------------------------------------------------------------------------------------

    /** Removes a member (left, disconnected, or its media timed out) and tells the others. Idempotent. */
    synchronized void leave(Member member, String reason) {
        if (member.gone) {
            return;
        }
        depart(member, reason);
        for (Member other : members.values()) {
            boolean changed = removeTracks(other, member);
            if (member.participant.role().visible()) {
                ObjectNode event = other.session.message("participantLeft", null);
                event.put("participantId", member.id());
                event.put("role", member.participant.role().wireName());
                event.put("reason", reason);
                other.session.send(event);
            }
            if (changed) {
                maybeOffer(other);
            }
        }
        closeIfEmpty();
    }

    /** Takes a member out of the room and the lesson, and closes its media; the others are not told here. */
    private void depart(Member member, String reason) {
        member.gone = true;
        members.remove(member.id());
        live.leave(member.id());
        attendance.left(live.lesson().id(), member.id(), reason);
        closeTransport(member.publishTransport);
        closeTransport(member.subscribe.transport);
    }

    private void closeIfEmpty() {
        if (members.isEmpty()) {
            closed = true;
            if (router != null) {
                router.close();
            }
            onEmpty.run();
        }
    }

    /**
     * Ends the lesson for everyone: each member is told why ({@code ended_by_teacher}, {@code time_over}) and leaves;
     * the room closes.
     */
    synchronized void end(String reason) {
        // Everyone goes at once: nobody needs to hear the others leave or get a subscribe offer without them.
        for (Member member : List.copyOf(members.values())) {
            ObjectNode event = member.session.message("lessonEnded", null);
            event.put("reason", reason);
            member.session.send(event);
            depart(member, "ended");
        }
        closeIfEmpty();
    }

    /** Ends the receiver's sections of the publisher's tracks; true when there were any (an offer is due). */
    private static boolean removeTracks(Member receiver, Member publisher) {
        return endSections(receiver, section -> section.publisher == publisher);
    }

    /** Ends the receiver's active sections that match; true when there were any (an offer is due). */
    private static boolean endSections(Member receiver, Predicate<SubscribeSide.Section> which) {
        boolean changed = false;
        for (SubscribeSide.Section section : receiver.subscribe.sections) {
            if (section.active && which.test(section)) {
                section.active = false;
                if (section.consumer != null) {
                    section.consumer.close();
                }
                changed = true;
            }
        }
        if (changed) {
            receiver.subscribe.dirty = true;
        }
        return changed;
    }

    private boolean receives(Member receiver, Member sender) {
        return ForwardingRule.receives(receiver.participant, sender.participant, live.isOnStage(sender.id()));
    }

    // ---- interaction ----------------------------------------------------------------------------------------

    /** Hands, chat, questions, mute requests, problems, quality: what people say, under this room's lock. */
    RoomConversation conversation() {
        return conversation;
    }

    /**
     * The teacher brings a classroom (or an observer) on stage or takes it off; everyone's media follows. An
     * observer publishes once on stage, and stops when taken off.
     */
    synchronized void stage(Member by, String participantId, boolean on) throws ProtocolError {
        boolean hadHand = live.handQueue().contains(participantId);
        boolean changed;
        try {
            changed = live.setOnStage(by.id(), participantId, on);
        } catch (LiveLesson.InteractionRefused e) {
            throw new ProtocolError("not_allowed", e.getMessage());
        }
        if (!changed) {
            return;
        }
        Member target = members.get(participantId);
        for (Member receiver : members.values()) {
            if (receiver == target) {
                continue;
            }
            boolean receiving = receiver.subscribe.sections.stream()
                    .anyMatch(s -> s.publisher == target && s.active);
            if (receives(receiver, target) && !receiving) {
                target.producers.forEach(producer -> addTrack(receiver, target, producer));
            } else if (!receives(receiver, target) && receiving && removeTracks(receiver, target)) {
                maybeOffer(receiver);
            }
        }
        for (Member member : members.values()) {
            if (member.participant.role().visible() || member == by) {
                ObjectNode event = member.session.message("stageChanged", null);
                event.put("participantId", participantId);
                event.put("name", target.participant.displayName());
                event.put("on", on);
                member.session.send(event);
            }
        }
        if (!on && !live.mayPublish(participantId)) {
            stopPublishing(target);
        }
        if (hadHand) {
            conversation.broadcastHandQueue();
        }
    }

    private static void closeTransport(CompletableFuture<WebRtcTransport> transport) {
        if (transport != null) {
            transport.thenAccept(WebRtcTransport::close);
        }
    }

    private TransportListener listener(Member member) {
        return new TransportListener() {
            @Override
            public void onTransportClosed(WebRtcTransport transport, CloseReason reason) {
                if (reason == CloseReason.CONSENT_EXPIRED || reason == CloseReason.DTLS_FAILED) {
                    LOG.info("media of {} in lesson {} ended: {}", member.id(), live.lesson().id(), reason);
                    leave(member, "media_timeout");
                    member.session.closeBecauseMediaEnded();
                }
            }
        };
    }

    private Router router() {
        if (router == null) {
            router = routers.get();
        }
        return router;
    }

    private static ProtocolError sdpError(SdpException e) {
        return new ProtocolError(e.isUnsupported() ? "sdp_unsupported" : "sdp_invalid", e.getMessage());
    }
}
