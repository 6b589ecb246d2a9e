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
 * The subscribe connection of one member: its transport, its m-sections and the offer/answer state. At most one
 * offer is outstanding; changes meanwhile wait for the answer. A section whose track ended is offered once as
 * rejected; after the browser has answered that offer its slot is recycled for the next track, with a new mid, as
 * JSEP lets an offerer do (RFC 8829 §5.2.2), so a member that sees classrooms come and go all day keeps a handful of
 * sections. Owned by the room's thread.
 */
final class SubscribeSide {
    /** More sections than any lesson needs at once; a receiver past it gets no new tracks until some end. */
    static final int MAX_SECTIONS = 128;
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
    /** The sections as they were in the offer in flight, by index. */
    List<Section> offeredSections = List.of();
    private int nextMid = 1;

    String nextMid() {
        return Integer.toString(nextMid++);
    }

    /**
     * Puts a section in the first recycled slot of the same media kind (browsers keep an m-line's kind), or at the
     * end; false when the receiver is at its limit.
     */
    boolean place(Section section) {
        for (int i = 0; i < sections.size(); i++) {
            Section old = sections.get(i);
            if (old.recyclable && old.producer.kind() == section.producer.kind()) {
                section.replaced = old;
                sections.set(i, section);
                return true;
            }
        }
        if (sections.size() >= MAX_SECTIONS) {
            return false;
        }
        sections.add(section);
        return true;
    }

    /**
     * Before an offer: a track that took a recycled slot and ended before any offer carried it gives the slot back
     * to the rejected section it replaced. Browsers accept a new mid in a slot only for a track they are offered
     * (a rejected new mid there breaks the m-line order, and the page's negotiation fails), and nothing was lost:
     * the browser never heard of it. Then every section is marked offered.
     */
    void beforeOffer() {
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            if (!section.active && !section.offered && section.replaced != null) {
                sections.set(i, section.replaced);
            }
        }
        sections.forEach(section -> section.offered = true);
    }

    /** The browser answered the offer in flight: the sections it saw rejected may be recycled now. */
    void answered() {
        offerInFlight = false;
        for (Section section : offeredSections) {
            if (section.offeredEnded) {
                section.recyclable = true;
            }
        }
        offeredSections = List.of();
    }

    /** The browser refused the offer in flight: nothing it said counts, and the next offer carries the same state. */
    void refused() {
        offerInFlight = false;
        offeredSections = List.of();
        dirty = true;
    }

    long activeSections() {
        return sections.stream().filter(s -> s.active).count();
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
        /** Ended, and an offer has said so (the browser learns it from the answer to that offer). */
        boolean offeredEnded;
        /** Ended, offered as rejected, and answered: the slot may take a new track. */
        boolean recyclable;
        /** Carried by an offer at least once. */
        boolean offered;
        /** The rejected section whose slot this one took, until an offer carries it. */
        Section replaced;

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
