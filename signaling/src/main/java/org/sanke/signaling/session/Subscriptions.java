package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;
import org.sanke.media.api.ConsumerParameters;
import org.sanke.media.api.Producer;
import org.sanke.media.api.RtpCodec;
import org.sanke.signaling.protocol.ProtocolError;
import org.sanke.signaling.sdp.OfferedTrack;
import org.sanke.signaling.sdp.SdpException;
import org.sanke.signaling.sdp.SdpNegotiator;
import org.sanke.signaling.sdp.SubscribeAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribe negotiation of one room: which tracks each member receives, as consumers on its subscribe transport
 * and m-sections of the offers the server makes it. Owned by the room's thread; media futures come back to it.
 */
final class Subscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final LessonRoom room;
    private final SdpNegotiator sdp;

    Subscriptions(LessonRoom room, SdpNegotiator sdp) {
        this.room = room;
        this.sdp = sdp;
    }

    /** Adds a section for {@code producer} to the receiver's subscribe side; the offer follows the consumer. */
    void addTrack(Member receiver, Member publisher, Producer producer) {
        SubscribeSide side = receiver.subscribe;
        RtpCodec codec = SdpNegotiator.subscribeCodec(producer.parameters().codec());
        ConsumerParameters parameters = new ConsumerParameters(side.nextMid(), codec, SubscribeSide.randomSsrc(),
                codec.hasRtx() ? SubscribeSide.randomSsrc() : 0, publisher.id());
        SubscribeSide.Section section = new SubscribeSide.Section(publisher, producer, parameters,
                publisher.source(producer));
        if (!side.place(section)) {
            LOG.warn("{} receives {} sections already; {} of {} is not sent to it", receiver.id(),
                    SubscribeSide.MAX_SECTIONS, producer.kind(), publisher.id());
            return;
        }
        if (side.transport == null) {
            side.transport = room.router().createWebRtcTransport(room.listener(receiver));
            side.transport.thenAcceptAsync(t -> {
                side.ready = t;
                maybeOffer(receiver);
            }, room.loop());
        }
        side.pendingConsumes++;
        side.transport.thenCompose(t -> t.consume(producer, parameters)).whenCompleteAsync((consumer, failure) -> {
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
        }, room.loop());
    }

    void maybeOffer(Member receiver) {
        SubscribeSide side = receiver.subscribe;
        if (receiver.gone || side.ready == null || side.offerInFlight || !side.dirty || side.pendingConsumes > 0) {
            return;
        }
        side.version++;
        side.dirty = false;
        side.offerInFlight = true;
        side.beforeOffer();
        List<OfferedTrack> offered = side.sections.stream().map(SubscribeSide.Section::offeredTrack).toList();
        side.offered = offered;
        side.offeredSections = List.copyOf(side.sections);
        side.sections.forEach(section -> section.offeredEnded = !section.active);
        ObjectNode message = room.outbound().message("subscribeOffer", null);
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

    /**
     * Applies a subscriber's answer to the latest offer. A refused answer resets the offer state and a fresh offer
     * follows, so one bad answer never leaves the member without offers.
     */
    void answer(Member member, long version, String answerSdp) throws ProtocolError {
        SubscribeSide side = member.subscribe;
        if (!side.offerInFlight || version != side.version) {
            throw new ProtocolError("stale_version", "version " + version + " is not the latest offer ("
                    + side.version + ")");
        }
        SubscribeAnswer answer;
        try {
            answer = sdp.acceptSubscribeAnswer(answerSdp, side.offered);
        } catch (SdpException e) {
            side.refused();
            room.loop().execute(() -> maybeOffer(member)); // after the error reply
            throw LessonRoom.sdpError(e);
        }
        side.answered();
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

    /** Ends the receiver's sections of the publisher's tracks; true when there were any (an offer is due). */
    static boolean removeTracks(Member receiver, Member publisher) {
        return endSections(receiver, section -> section.publisher == publisher);
    }

    /** Ends the receiver's active sections that match; true when there were any (an offer is due). */
    static boolean endSections(Member receiver, Predicate<SubscribeSide.Section> which) {
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

    /** Whether the receiver has a live section of the publisher's. */
    static boolean receiving(Member receiver, Member publisher) {
        return receiver.subscribe.sections.stream().anyMatch(s -> s.publisher == publisher && s.active);
    }
}
