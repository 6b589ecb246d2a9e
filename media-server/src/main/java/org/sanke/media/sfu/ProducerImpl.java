package org.sanke.media.sfu;

import java.util.Arrays;
import java.util.UUID;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.PacketTap;
import org.sanke.media.api.Producer;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.packet.RtcpWriter;
import org.sanke.media.packet.RtpPacket;
import org.sanke.media.packet.RtxPacket;

/**
 * One incoming track: counts what arrives (for receiver reports), keeps recent video packets for NACKs, fans each
 * packet out to its consumers, and sends the publisher keyframe requests, aggregated so that many subscribers asking
 * at once cost the publisher one PLI. When the publisher negotiated NACK for the codec, it also asks the publisher
 * for what it lost on the way to us, and forwards the retransmissions (RTX unwrapped) like any packet: consumers
 * rewrite their sequence numbers consistently, so a late packet takes its place in the receiver's jitter buffer.
 * Owned by the router's loop.
 */
final class ProducerImpl implements Producer {
    private static final ConsumerImpl[] NO_CONSUMERS = new ConsumerImpl[0];
    private static final PacketTap[] NO_TAPS = new PacketTap[0];
    /** More taps than a recorder and a sampler is a leak, not a use. */
    static final int MAX_TAPS = 4;
    /** A publisher is asked for a keyframe at most this often; requests in between are merged into the next one. */
    static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 300_000_000L;

    final WebRtcTransportImpl transport;
    private final String id = UUID.randomUUID().toString();
    private final ProducerParameters parameters;
    private final PacketCache cache;
    private final byte[] unsignalledMid;
    private final byte[] unsignalledRid;
    private final ReceiveStatistics receiveStats;
    /** Null unless the publisher negotiated NACK feedback for the codec. */
    private final NackRequester nacks;
    private final int[] nackedSequences;
    /** Copy-on-write: read per packet, changed when a subscriber comes or goes. */
    private ConsumerImpl[] consumers = NO_CONSUMERS;
    /** Copy-on-write like the consumers. */
    private PacketTap[] taps = NO_TAPS;
    private int ssrc;
    /** The RTX stream repairing the forwarded one: signalled (a=ssrc-group:FID), or learned from its first packet. */
    private int rtxSsrc;
    private long lastKeyframeRequestNanos = Long.MIN_VALUE / 2;
    private boolean keyframeRequestPending;
    private boolean closed;
    // The publisher's clock, from its last sender report, for our sender reports and receiver reports.
    private long senderReportNtp;
    private int senderReportRtpTimestamp;
    private long senderReportArrivalNanos;
    private int lastRtpTimestamp;
    private long lastPacketNanos;
    /** Held by moderation: packets still arrive and are counted, but none is forwarded. */
    private boolean held;
    private long lastForwardedNanos;

    ProducerImpl(WebRtcTransportImpl transport, ProducerParameters parameters) {
        this.transport = transport;
        this.parameters = parameters;
        this.ssrc = parameters.ssrc();
        this.cache = parameters.kind() == MediaKind.VIDEO ? new PacketCache() : null;
        this.unsignalledMid = parameters.mid().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // Without simulcast layer selection yet, the highest offered layer (the last rid) is the one forwarded.
        this.unsignalledRid = parameters.rids().isEmpty() ? null
                : parameters.rids().get(parameters.rids().size() - 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.receiveStats = new ReceiveStatistics(parameters.codec().clockRate());
        this.rtxSsrc = parameters.rtxSsrc();
        boolean nackNegotiated = parameters.codec().rtcpFeedback().contains("nack");
        this.nacks = nackNegotiated ? new NackRequester(transport.loop.stats) : null;
        this.nackedSequences = nackNegotiated ? new int[MissingSequences.CAPACITY] : null;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MediaKind kind() {
        return parameters.kind();
    }

    @Override
    public ProducerParameters parameters() {
        return parameters;
    }

    int ssrc() {
        return ssrc;
    }

    int clockRate() {
        return parameters.codec().clockRate();
    }

    PacketCache cache() {
        return cache;
    }

    /**
     * For a packet with an SSRC nobody signalled: is it one of this producer's streams, by its MID or RID header
     * extension? The first packet of the forwarded stream (the highest rid, or without rids the MID) also fixes
     * {@link #ssrc}; the other streams (lower simulcast layers, their RTX) are the producer's but not forwarded.
     */
    boolean claimUnsignalled(RtpPacket rtp) {
        boolean forwardedLayer = unsignalledRid != null
                && extensionEquals(rtp, parameters.extensions().rid(), unsignalledRid);
        boolean sameMid = extensionEquals(rtp, parameters.extensions().mid(), unsignalledMid);
        // An RTX packet (a bandwidth probe may come first) carries the MID too, but never fixes the media SSRC.
        boolean media = rtp.payloadType() == parameters.codec().payloadType();
        if (ssrc == 0 && media && (forwardedLayer || (unsignalledRid == null && sameMid))) {
            ssrc = rtp.ssrc();
            return true;
        }
        return sameMid || forwardedLayer;
    }

    private static boolean extensionEquals(RtpPacket rtp, int id, byte[] expected) {
        if (id == 0) {
            return false;
        }
        int offset = rtp.findExtension(id);
        return offset >= 0 && rtp.extensionLength() == expected.length
                && Arrays.equals(rtp.buffer(), offset, offset + expected.length, expected, 0, expected.length);
    }

    void onRtp(RtpPacket rtp, long now) {
        if (rtp.ssrc() == ssrc && rtp.payloadType() == parameters.codec().payloadType()) {
            onMediaPacket(rtp, now);
        } else if (nacks != null && repairsForwardedStream(rtp)) {
            onRetransmission(rtp, now);
        } else {
            return; // a simulcast layer not forwarded, or RTX nobody asked for
        }
        if (nacks != null) {
            requestMissing(now);
        }
    }

    private void onMediaPacket(RtpPacket rtp, long now) {
        boolean late = false;
        if (nacks != null) {
            ReceivedSequences.Arrival arrival = nacks.onMediaPacket(rtp.sequenceNumber(), now);
            if (arrival == ReceivedSequences.Arrival.DUPLICATE) {
                return;
            }
            late = arrival == ReceivedSequences.Arrival.OLDER;
        }
        receiveStats.onPacket(rtp.sequenceNumber(), rtp.timestamp(), now);
        lastRtpTimestamp = rtp.timestamp();
        lastPacketNanos = now;
        deliver(rtp, late, now);
    }

    /** Is this an RTX packet of the forwarded stream? Learns the RTX SSRC when it was not signalled. */
    private boolean repairsForwardedStream(RtpPacket rtp) {
        if (rtp.payloadType() != parameters.codec().rtxPayloadType() || rtp.ssrc() == ssrc) {
            return false;
        }
        if (rtxSsrc == 0 && (unsignalledRid == null
                || extensionEquals(rtp, parameters.extensions().repairedRid(), unsignalledRid))) {
            rtxSsrc = rtp.ssrc();
        }
        return rtp.ssrc() == rtxSsrc;
    }

    /** RFC 4588: back to the original packet, forwarded only when it fills a gap. */
    private void onRetransmission(RtpPacket rtx, long now) {
        if (RtxPacket.isPaddingOnly(rtx) || !nacks.onRetransmission(RtxPacket.originalSequenceNumber(rtx), now)) {
            return; // a probe, a duplicate, or too late
        }
        int length = RtxPacket.unwrap(rtx, parameters.codec().payloadType(), ssrc);
        if (rtx.wrap(rtx.buffer(), rtx.offset(), length)) {
            deliver(rtx, true, now);
        }
    }

    private void deliver(RtpPacket rtp, boolean late, long now) {
        if (held) {
            transport.loop.stats.drop(DropReason.HELD);
            return; // not cached either: a retransmission must not leak it after the hold
        }
        lastForwardedNanos = now;
        if (cache != null) {
            if (late) {
                cache.storeLate(rtp.buffer(), rtp.offset(), rtp.length(), rtp.sequenceNumber(), now);
            } else {
                cache.store(rtp.buffer(), rtp.offset(), rtp.length(), rtp.sequenceNumber(), now);
            }
        }
        for (PacketTap tap : taps) {
            tap.onPacket(rtp.buffer(), rtp.offset(), rtp.length(), now);
        }
        ConsumerImpl[] targets = consumers;
        for (ConsumerImpl consumer : targets) {
            consumer.forward(rtp, now);
        }
    }

    /** Sends the publisher one NACK for every missing packet that is due now (none when none is). */
    private void requestMissing(long now) {
        int count = nacks.collectDue(now, nackedSequences);
        if (count > 0) {
            byte[] out = transport.loop.sendBuffer;
            transport.sendRtcp(out, RtcpWriter.nack(out, 0, transport.rtcpSsrc, ssrc, nackedSequences, count));
        }
    }

    /** Between packets: the retries and first requests that fell due since the last packet. */
    void onNackTick(long now) {
        if (nacks != null && ssrc != 0 && !closed) {
            requestMissing(now);
        }
    }

    void onSenderReport(long ntp, int rtpTimestamp, long now) {
        senderReportNtp = ntp;
        senderReportRtpTimestamp = rtpTimestamp;
        senderReportArrivalNanos = now;
    }

    /** The publisher's RTP timestamp at our time {@code now}, extrapolated from its last report or last packet. */
    int rtpTimestampAt(long now) {
        long base = senderReportArrivalNanos != 0 ? senderReportArrivalNanos : lastPacketNanos;
        int baseTimestamp = senderReportArrivalNanos != 0 ? senderReportRtpTimestamp : lastRtpTimestamp;
        return baseTimestamp + (int) ((now - base) * clockRate() / 1_000_000_000L);
    }

    boolean hasReceived() {
        return lastPacketNanos != 0;
    }

    void addConsumer(ConsumerImpl consumer) {
        ConsumerImpl[] next = Arrays.copyOf(consumers, consumers.length + 1);
        next[next.length - 1] = consumer;
        consumers = next;
    }

    void removeConsumer(ConsumerImpl consumer) {
        consumers = without(consumers, consumer);
    }

    /** A copy-on-write array without {@code item} (the same array when it is not there). */
    private static <T> T[] without(T[] current, T item) {
        for (int i = 0; i < current.length; i++) {
            if (current[i] == item) {
                T[] next = Arrays.copyOf(current, current.length - 1);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                return next;
            }
        }
        return current;
    }

    /** A subscriber (or a new one) needs a keyframe; the publisher hears about it at most every 300 ms. */
    void requestKeyframe(long now) {
        if (parameters.kind() != MediaKind.VIDEO || closed) {
            return;
        }
        if (now - lastKeyframeRequestNanos < KEYFRAME_REQUEST_INTERVAL_NANOS) {
            keyframeRequestPending = true;
            return;
        }
        sendPli(now);
    }

    private void sendPli(long now) {
        if (ssrc == 0 || !transport.isConnected()) {
            keyframeRequestPending = true;
            return;
        }
        keyframeRequestPending = false;
        lastKeyframeRequestNanos = now;
        byte[] out = transport.loop.sendBuffer;
        transport.sendRtcp(out, RtcpWriter.pli(out, 0, transport.rtcpSsrc, ssrc));
    }

    void onTick(long now, boolean reportTick) {
        if (keyframeRequestPending && now - lastKeyframeRequestNanos >= KEYFRAME_REQUEST_INTERVAL_NANOS) {
            sendPli(now);
        }
        if (reportTick && ssrc != 0 && receiveStats.hasPackets()) {
            byte[] out = transport.loop.sendBuffer;
            int len = receiveStats.writeReceiverReport(out, 0, transport.rtcpSsrc, ssrc, senderReportNtp,
                    senderReportArrivalNanos, now);
            transport.sendRtcp(out, len);
        }
    }

    @Override
    public java.util.concurrent.CompletableFuture<Long> hold(boolean held) {
        java.util.concurrent.CompletableFuture<Long> applied = new java.util.concurrent.CompletableFuture<>();
        transport.router.runOnLoop(() -> {
            boolean released = this.held && !held;
            this.held = held;
            if (released) {
                requestKeyframe(transport.loop.clock.nanoTime());
            }
            applied.complete(lastForwardedNanos);
        });
        return applied;
    }

    @Override
    public AutoCloseable addTap(PacketTap tap) {
        transport.router.runOnLoop(() -> {
            if (closed) {
                tap.onProducerClosed();
            } else if (taps.length >= MAX_TAPS) {
                throw new IllegalStateException("a producer has at most " + MAX_TAPS + " taps");
            } else {
                PacketTap[] next = Arrays.copyOf(taps, taps.length + 1);
                next[next.length - 1] = tap;
                taps = next;
            }
        });
        return () -> transport.router.runOnLoop(() -> taps = without(taps, tap));
    }



    @Override
    public void requestKeyframe() {
        transport.router.runOnLoop(() -> requestKeyframe(transport.loop.clock.nanoTime()));
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
        for (ConsumerImpl consumer : consumers) {
            consumer.closeOnLoop();
        }
        PacketTap[] tapped = taps;
        taps = NO_TAPS;
        for (PacketTap tap : tapped) {
            tap.onProducerClosed();
        }
        transport.removeProducer(this);
        transport.router.removeProducer(this);
        transport.context.counts.producers.decrementAndGet();
    }
}
