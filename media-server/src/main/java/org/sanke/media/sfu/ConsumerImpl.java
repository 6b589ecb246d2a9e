package org.sanke.media.sfu;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.sanke.media.api.Consumer;
import org.sanke.media.api.ConsumerParameters;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.RtpHeaderExtensionIds;
import org.sanke.media.packet.RtcpNack;
import org.sanke.media.packet.RtcpWriter;
import org.sanke.media.packet.RtpHeaderWriter;
import org.sanke.media.packet.RtpPacket;

/**
 * One outgoing track to one subscriber. Each forwarded packet is written anew into the loop's send buffer: our
 * SSRC, payload type, sequence number and timestamp (offsets chosen at the first packet, so the subscriber sees one
 * continuous stream), and our own header extensions, then encrypted for this subscriber's transport. Answers the
 * subscriber's NACKs from the producer's cache (as RTX when negotiated), each packet at most once per round trip
 * and all of them within a budget relative to what it forwards, so that NACKs cannot amplify; passes its keyframe
 * requests up.
 * Owned by the router's loop.
 */
final class ConsumerImpl implements Consumer {
    private static final RtpHeaderExtensionIds OUT = RtpHeaderExtensionIds.SERVER_SEND;
    /** Older packets are useless to a jitter buffer; do not resend them. */
    private static final long RETRANSMIT_MAX_AGE_NANOS = 1_000_000_000L;

    final ProducerImpl producer;
    private final WebRtcTransportImpl transport;
    private final String id = UUID.randomUUID().toString();
    private final ConsumerParameters parameters;
    private final int payloadType;
    private final int rtxPayloadType;
    private final int ssrc;
    private final int rtxSsrc;
    private final int sourceAudioLevelId;
    private final IntConsumer retransmitter = this::retransmit;
    /** Video only (audio keeps no cache to resend from). */
    private final RetransmissionBudget budget;
    private final RecentRetransmissions recentlyResent;
    /** The subscriber's round trip, from its receiver reports. */
    private long rttNanos = RoundTripTime.DEFAULT_NANOS;
    private boolean started;
    private boolean closed;
    private int sequenceOffset;
    private int timestampOffset;
    private int rtxSequence;
    private long packetsSent;
    private long octetsSent;
    private long retransmitNow;
    // What the subscriber last reported about this stream (RFC 3550 §6.4.2).
    int reportedFractionLost;
    int reportedJitter;

    ConsumerImpl(WebRtcTransportImpl transport, ProducerImpl producer, ConsumerParameters parameters) {
        this.transport = transport;
        this.producer = producer;
        this.parameters = parameters;
        this.payloadType = parameters.codec().payloadType();
        this.rtxPayloadType = parameters.codec().rtxPayloadType();
        this.ssrc = parameters.ssrc();
        this.rtxSsrc = parameters.rtxSsrc();
        this.sourceAudioLevelId = producer.kind() == MediaKind.AUDIO
                ? producer.parameters().extensions().audioLevel() : 0;
        this.rtxSequence = transport.context.randomInt() & 0x7FFF;
        boolean resends = producer.cache() != null;
        this.budget = resends ? new RetransmissionBudget() : null;
        this.recentlyResent = resends ? new RecentRetransmissions() : null;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String producerId() {
        return producer.id();
    }

    @Override
    public ConsumerParameters parameters() {
        return parameters;
    }

    void forward(RtpPacket rtp, long receivedNanos) {
        if (closed || !transport.isConnected()) {
            return;
        }
        if (!started) {
            started = true;
            sequenceOffset = (transport.context.randomInt() & 0x7FFF) - rtp.sequenceNumber();
            timestampOffset = transport.context.randomInt() - rtp.timestamp();
        }
        byte[] out = transport.loop.sendBuffer;
        int len = write(out, rtp, payloadType, ssrc, (rtp.sequenceNumber() + sequenceOffset) & 0xFFFF, -1,
                receivedNanos);
        transport.sendRtp(out, len);
        packetsSent++;
        octetsSent += rtp.payloadLength();
        if (budget != null) {
            budget.onForwarded(rtp.payloadLength(), receivedNanos);
        }
        transport.context.forwardingDelay.record(transport.context.clock.nanoTime() - receivedNanos,
                TimeUnit.NANOSECONDS);
    }

    /**
     * Writes a packet for this subscriber: fixed header, our extensions, then (for RTX, RFC 4588 §4) the original
     * sequence number, then the payload. Padding is not copied.
     */
    private int write(byte[] out, RtpPacket rtp, int pt, int outSsrc, int sequenceNumber, int originalSequence,
                      long now) {
        int pos = RtpHeaderWriter.writeFixedHeader(out, 0, pt, rtp.marker(), sequenceNumber,
                rtp.timestamp() + timestampOffset, outSsrc);
        int block = RtpHeaderWriter.beginOneByteExtensions(out, pos);
        int ext = block;
        if (sourceAudioLevelId != 0) {
            int offset = rtp.findExtension(sourceAudioLevelId);
            if (offset >= 0 && rtp.extensionLength() == 1) {
                ext = RtpHeaderWriter.putOneByteExtension8(out, ext, OUT.audioLevel(), rtp.buffer()[offset] & 0xFF);
            }
        }
        ext = RtpHeaderWriter.putOneByteExtension24(out, ext, OUT.absSendTime(), absSendTime(now));
        ext = RtpHeaderWriter.putOneByteExtension16(out, ext, OUT.transportWideCc(),
                transport.nextTransportCcSequence());
        pos = RtpHeaderWriter.endOneByteExtensions(out, 0, block, ext);
        if (originalSequence >= 0) {
            out[pos++] = (byte) (originalSequence >> 8);
            out[pos++] = (byte) originalSequence;
        }
        System.arraycopy(rtp.buffer(), rtp.payloadOffset(), out, pos, rtp.payloadLength());
        return pos + rtp.payloadLength();
    }

    /** abs-send-time: 24 bits of seconds in 6.18 fixed point. */
    private static int absSendTime(long nanos) {
        return (int) (((nanos / 1000) << 18) / 1_000_000L) & 0xFFFFFF;
    }

    void onNack(byte[] buf, int packetOffset, int packetLength, long now) {
        retransmitNow = now;
        RtcpNack.forEachLost(buf, packetOffset, packetLength, retransmitter);
    }

    /**
     * Answers one NACKed sequence number: from the cache, once per round trip, within the budget. A subscriber that
     * repeats its NACKs, or NACKs everything, gets no more than the budget allows.
     */
    private void retransmit(int lostSequence) {
        PacketCache cache = producer.cache();
        int sourceSequence = (lostSequence - sequenceOffset) & 0xFFFF;
        int slot = cache == null || !started ? -1
                : cache.find(sourceSequence, retransmitNow, RETRANSMIT_MAX_AGE_NANOS);
        RtpPacket cached = transport.loop.cachedRtp;
        if (slot < 0 || !cached.wrap(cache.packet(slot), 0, cache.length(slot))) {
            count(RetransmissionOutcome.NOT_CACHED);
            return;
        }
        if (recentlyResent.resentWithin(sourceSequence, retransmitNow, rttNanos)) {
            count(RetransmissionOutcome.DUPLICATE);
            return;
        }
        if (!budget.tryResend(cached.payloadLength(), retransmitNow)) {
            count(RetransmissionOutcome.OVER_BUDGET);
            return;
        }
        recentlyResent.onResent(sourceSequence, retransmitNow);
        byte[] out = transport.loop.sendBuffer;
        int len;
        if (rtxPayloadType >= 0 && rtxSsrc != 0) {
            rtxSequence = (rtxSequence + 1) & 0xFFFF;
            len = write(out, cached, rtxPayloadType, rtxSsrc, rtxSequence, lostSequence, retransmitNow);
        } else {
            len = write(out, cached, payloadType, ssrc, lostSequence, -1, retransmitNow);
        }
        transport.sendRtp(out, len);
        count(RetransmissionOutcome.SENT);
    }

    private void count(RetransmissionOutcome outcome) {
        transport.loop.stats.retransmissions[outcome.ordinal()]++;
    }

    void onKeyframeRequest(long now) {
        producer.requestKeyframe(now);
    }

    void onReceiverReport(int fractionLost, int jitter, int lastSenderReport, int delaySinceLastSenderReport) {
        reportedFractionLost = fractionLost;
        reportedJitter = jitter;
        long rtt = NtpTime.roundTripNanos(NtpTime.compact(NtpTime.fromMillis(transport.context.clock.wallMillis())),
                lastSenderReport, delaySinceLastSenderReport);
        if (rtt >= 0) {
            rttNanos = RoundTripTime.bounded(rtt);
        }
    }

    /** RFC 3550 §6.4.1: our clock now, and the stream's RTP time at this moment in our timestamp space. */
    void sendSenderReport(long now) {
        if (!started || !producer.hasReceived()) {
            return;
        }
        long ntp = NtpTime.fromMillis(transport.context.clock.wallMillis());
        byte[] out = transport.loop.sendBuffer;
        int len = RtcpWriter.senderReport(out, 0, ssrc, ntp, producer.rtpTimestampAt(now) + timestampOffset,
                (int) packetsSent, (int) octetsSent);
        transport.sendRtcp(out, len);
    }

    @Override
    public void close() {
        transport.router.runOnLoop(this::closeOnLoop);
    }

    void closeOnLoop() {
        if (closed) {
            return;
        }
        closed = true;
        producer.removeConsumer(this);
        transport.removeConsumer(this);
        transport.context.counts.consumers.decrementAndGet();
    }
}
