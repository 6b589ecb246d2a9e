package org.sanke.media.sfu;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.sanke.media.api.Consumer;
import org.sanke.media.api.ConsumerParameters;
import org.sanke.media.api.IceCandidate;
import org.sanke.media.api.Producer;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.api.TransportListener;
import org.sanke.media.api.TransportListener.CloseReason;
import org.sanke.media.api.TransportParameters;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.media.dtls.DtlsServerSession;
import org.sanke.media.dtls.SrtpKeys;
import org.sanke.media.packet.PacketKind;
import org.sanke.media.packet.RtpPacket;
import org.sanke.media.packet.StunMessage;
import org.sanke.media.srtp.SrtpSession;

/**
 * One browser PeerConnection: ICE-lite, DTLS-SRTP, and the demultiplexing of its packets to producers (what it
 * sends us) and consumers (what we send it). Owned by its router's loop for life; the DTLS handshake runs on the
 * handshake executor and reports back through {@link MediaLoop#eventLoop}.
 *
 * <p>Teardown order: stop accepting packets (closed flag, directory), close producers (which close their
 * consumers on other transports), close own consumers, close DTLS, tell the listener.
 */
final class WebRtcTransportImpl implements WebRtcTransport, DtlsServerSession.Listener {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebRtcTransportImpl.class);
    private static final int MAX_EARLY_DTLS_RECORDS = 8;

    final MediaLoop loop;
    final RouterImpl router;
    final MediaContext context;
    /** The SSRC of the RTCP this transport writes (feedback, receiver reports). */
    final int rtcpSsrc;
    private final String id = UUID.randomUUID().toString();
    private final IceLiteAgent ice = new IceLiteAgent();
    private final DtlsServerSession dtls;
    private final TransportListener listener;
    private final TransportParameters parameters;
    private final IntObjectHashMap<ProducerImpl> producersBySsrc = new IntObjectHashMap<>();
    private final List<ProducerImpl> producers = new ArrayList<>();
    private final IntObjectHashMap<ConsumerImpl> consumersBySsrc = new IntObjectHashMap<>();
    private final List<ConsumerImpl> consumers = new ArrayList<>();
    private final TransportCcRecorder transportCc;
    private final RtcpReceiver rtcpReceiver;
    private ArrayDeque<byte[]> earlyDtlsRecords = new ArrayDeque<>();
    private boolean remoteKnown;
    private SrtpSession srtp;
    private boolean closed;
    private final long createdNanos;
    private long lastHeardNanos;
    private int transportCcSequence;
    private int incomingTransportCcId;

    WebRtcTransportImpl(RouterImpl router, MediaContext context, TransportListener listener, long now) {
        this.loop = router.loop;
        this.router = router;
        this.context = context;
        this.listener = listener;
        this.rtcpSsrc = context.randomSsrc();
        this.createdNanos = now;
        this.lastHeardNanos = now;
        this.dtls = new DtlsServerSession(context.certificate, context.handshakes, this::sendDtlsRecord, this);
        List<IceCandidate> candidates = new ArrayList<>();
        long priority = 2130706431L;
        for (String address : context.config.announcedAddresses()) {
            candidates.add(new IceCandidate(Integer.toString(candidates.size() + 1), priority--, address,
                    context.port()));
        }
        this.parameters = new TransportParameters(ice.localUfrag, ice.localPwd,
                context.certificate.sha256Fingerprint(), candidates);
        this.transportCc = new TransportCcRecorder();
        this.rtcpReceiver = new RtcpReceiver(this);
    }

    void start() {
        context.directory.registerUfrag(ice.localUfrag, this);
        loop.transports.add(this);
        context.counts.transports.incrementAndGet();
    }

    String localUfrag() {
        return ice.localUfrag;
    }

    boolean isConnected() {
        return srtp != null && !closed;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public TransportParameters parameters() {
        return parameters;
    }

    @Override
    public CompletableFuture<Void> connect(String remoteIceUfrag, String remoteIcePwd, String fingerprintAlgorithm,
                                           String fingerprint) {
        return router.onLoop(() -> {
            requireOpen();
            dtls.setRemoteFingerprint(fingerprintAlgorithm, fingerprint);
            remoteKnown = true;
            // Records that came before the fingerprint was known (the browser may start DTLS before our answer
            // reached it): replay them now instead of waiting for its retransmission.
            ArrayDeque<byte[]> early = earlyDtlsRecords;
            earlyDtlsRecords = null;
            for (byte[] record : early) {
                dtls.receive(record, 0, record.length);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Producer> produce(ProducerParameters producerParameters) {
        return router.onLoop(() -> {
            requireOpen();
            ProducerImpl producer = new ProducerImpl(this, producerParameters);
            producers.add(producer);
            if (producerParameters.ssrc() != 0) {
                producersBySsrc.put(producerParameters.ssrc(), producer);
            }
            if (producerParameters.rtxSsrc() != 0) {
                // Its RTX stream: retransmissions (unwrapped and forwarded when they fill a gap) and probing padding.
                producersBySsrc.put(producerParameters.rtxSsrc(), producer);
            }
            if (producerParameters.extensions().transportWideCc() != 0) {
                incomingTransportCcId = producerParameters.extensions().transportWideCc();
            }
            router.addProducer(producer);
            context.counts.producers.incrementAndGet();
            return producer;
        });
    }

    @Override
    public CompletableFuture<Consumer> consume(Producer producer, ConsumerParameters consumerParameters) {
        return router.onLoop(() -> {
            requireOpen();
            ProducerImpl source = router.producer(producer.id());
            if (source == null) {
                throw new IllegalArgumentException("producer " + producer.id() + " is not in this router");
            }
            ConsumerImpl consumer = new ConsumerImpl(this, source, consumerParameters);
            consumers.add(consumer);
            consumersBySsrc.put(consumerParameters.ssrc(), consumer);
            if (consumerParameters.rtxSsrc() != 0) {
                consumersBySsrc.put(consumerParameters.rtxSsrc(), consumer);
            }
            source.addConsumer(consumer);
            context.counts.consumers.incrementAndGet();
            if (isConnected()) {
                source.requestKeyframe(context.clock.nanoTime());
            }
            return consumer;
        });
    }

    @Override
    public void close() {
        router.runOnLoop(() -> close(CloseReason.CLOSED_BY_APPLICATION));
    }

    void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        context.directory.unregister(this);
        loop.transports.remove(this);
        for (ProducerImpl producer : List.copyOf(producers)) {
            producer.closeOnLoop();
        }
        for (ConsumerImpl consumer : List.copyOf(consumers)) {
            consumer.closeOnLoop();
        }
        dtls.close();
        if (srtp != null) {
            srtp.close();
        }
        router.removeTransport(this);
        context.counts.transports.decrementAndGet();
        listener.onTransportClosed(this, reason);
    }

    /** Forgets the producer and every SSRC it received on: signalled, RTX, and learned ones (simulcast layers). */
    void removeProducer(ProducerImpl producer) {
        producers.remove(producer);
        Iterator<IntObjectMap.PrimitiveEntry<ProducerImpl>> entries = producersBySsrc.entries().iterator();
        while (entries.hasNext()) {
            IntObjectMap.PrimitiveEntry<ProducerImpl> entry = entries.next();
            if (entry.value() == producer) {
                if (srtp != null) {
                    srtp.removeReceiveStream(entry.key());
                }
                entries.remove();
            }
        }
    }

    void removeConsumer(ConsumerImpl consumer) {
        consumers.remove(consumer);
        forgetSendStream(consumer.parameters().ssrc());
        forgetSendStream(consumer.parameters().rtxSsrc());
    }

    private void forgetSendStream(int ssrc) {
        if (ssrc != 0) {
            consumersBySsrc.remove(ssrc);
            if (srtp != null) {
                srtp.removeSendStream(ssrc);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("transport " + id + " is closed");
        }
    }

    // ---- receive path (on the loop) -------------------------------------------------------------------------

    void onDatagram(byte[] buf, int len, InetSocketAddress from, long now) {
        if (closed) {
            return;
        }
        switch (PacketKind.classify(buf, 0, len)) {
            case STUN -> onStun(buf, len, from, now);
            case DTLS -> onDtls(buf, len, now);
            case RTP -> onSrtp(buf, len, now);
            case RTCP -> onSrtcp(buf, len, now);
            default -> loop.stats.drop(DropReason.NOT_CLASSIFIED);
        }
    }

    private void onStun(byte[] buf, int len, InetSocketAddress from, long now) {
        loop.stats.stunIn++;
        StunMessage stun = StunMessage.parse(buf, 0, len);
        if (stun == null) {
            loop.stats.drop(DropReason.STUN_MALFORMED);
            return;
        }
        switch (ice.onStun(stun, from, (message, to) -> loop.sendNow(message, 0, message.length, to))) {
            case NOMINATED, ANSWERED -> {
                lastHeardNanos = now;
                context.directory.bindAddress(from, this);
            }
            case REJECTED -> loop.stats.drop(DropReason.STUN_UNAUTHORIZED);
            case IGNORED -> { }
        }
    }

    private void onDtls(byte[] buf, int len, long now) {
        loop.stats.dtlsIn++;
        lastHeardNanos = now;
        if (!remoteKnown) {
            if (earlyDtlsRecords.size() < MAX_EARLY_DTLS_RECORDS) {
                byte[] copy = new byte[len];
                System.arraycopy(buf, 0, copy, 0, len);
                earlyDtlsRecords.add(copy);
            }
            return;
        }
        dtls.receive(buf, 0, len);
    }

    private void onSrtp(byte[] buf, int len, long now) {
        loop.stats.rtpIn++;
        if (srtp == null) {
            loop.stats.drop(DropReason.NOT_CONNECTED);
            return;
        }
        int plainLength = srtp.unprotectRtp(buf, 0, len);
        if (plainLength < 0) {
            loop.stats.drop(DropReason.SRTP_FAILED);
            return;
        }
        RtpPacket rtp = loop.rtp;
        if (!rtp.wrap(buf, 0, plainLength)) {
            loop.stats.drop(DropReason.RTP_MALFORMED);
            return;
        }
        lastHeardNanos = now;
        ProducerImpl producer = producersBySsrc.get(rtp.ssrc());
        if (producer == null) {
            producer = learnSsrc(rtp);
            if (producer == null) {
                // Nobody's stream (yet, or any more): keep no crypto state for it.
                srtp.removeReceiveStream(rtp.ssrc());
                loop.stats.drop(DropReason.UNKNOWN_SSRC);
                return;
            }
        }
        if (incomingTransportCcId != 0) {
            int offset = rtp.findExtension(incomingTransportCcId);
            if (offset >= 0 && rtp.extensionLength() == 2) {
                transportCc.onPacket(((buf[offset] & 0xFF) << 8) | (buf[offset + 1] & 0xFF), now);
            }
        }
        producer.onRtp(rtp, now);
    }

    /**
     * A packet whose SSRC was not signalled (simulcast by rid, or a browser that omits a=ssrc): match by MID or RID,
     * so that the SSRC, and its crypto context, belong to the producer and go when it does.
     */
    private ProducerImpl learnSsrc(RtpPacket rtp) {
        for (ProducerImpl producer : producers) {
            if (producer.claimUnsignalled(rtp)) {
                producersBySsrc.put(rtp.ssrc(), producer);
                return producer;
            }
        }
        return null;
    }

    private void onSrtcp(byte[] buf, int len, long now) {
        loop.stats.rtcpIn++;
        if (srtp == null) {
            loop.stats.drop(DropReason.NOT_CONNECTED);
            return;
        }
        int plainLength = srtp.unprotectRtcp(buf, 0, len);
        if (plainLength < 0) {
            loop.stats.drop(DropReason.SRTP_FAILED);
            return;
        }
        lastHeardNanos = now;
        rtcpReceiver.onCompound(buf, plainLength, now);
    }

    ProducerImpl producerBySsrc(int ssrc) {
        return producersBySsrc.get(ssrc);
    }

    ConsumerImpl consumerBySsrc(int ssrc) {
        return consumersBySsrc.get(ssrc);
    }

    // ---- send path (on the loop) ----------------------------------------------------------------------------

    int nextTransportCcSequence() {
        transportCcSequence = (transportCcSequence + 1) & 0xFFFF;
        return transportCcSequence;
    }

    /** Encrypts a plain RTP packet in place in {@code buf} (which has room for the tag) and queues it. */
    void sendRtp(byte[] buf, int len) {
        InetSocketAddress to = ice.selectedAddress();
        int protectedLength = srtp.protectRtp(buf, 0, len);
        if (protectedLength > 0 && to != null) {
            loop.send(buf, 0, protectedLength, to);
            loop.stats.rtpOut++;
        }
    }

    void sendRtcp(byte[] buf, int len) {
        InetSocketAddress to = ice.selectedAddress();
        if (srtp == null || to == null) {
            return;
        }
        int protectedLength = srtp.protectRtcp(buf, 0, len);
        if (protectedLength > 0) {
            loop.send(buf, 0, protectedLength, to);
            loop.stats.rtcpOut++;
        }
    }

    /** Called from the DTLS handshake thread: the socket write is thread-safe. */
    private void sendDtlsRecord(byte[] buf, int off, int len) {
        InetSocketAddress to = ice.selectedAddress();
        if (to != null) {
            loop.sendFromAnyThread(buf, off, len, to);
        }
    }

    // ---- DTLS results (handshake thread -> loop) -------------------------------------------------------------

    @Override
    public void onDtlsConnected(SrtpKeys keys) {
        fromDtlsThread(() -> {
            if (closed) {
                return;
            }
            srtp = new SrtpSession(keys, context.counts.srtpContexts);
            listener.onTransportConnected(this);
            long now = context.clock.nanoTime();
            for (ConsumerImpl consumer : consumers) {
                consumer.producer.requestKeyframe(now);
            }
        });
    }

    @Override
    public void onDtlsFailed(String reason, Throwable cause) {
        LOG.info("transport {}: DTLS failed: {}", id, reason);
        fromDtlsThread(() -> close(CloseReason.DTLS_FAILED));
    }

    @Override
    public void onDtlsClosed() {
        fromDtlsThread(() -> close(CloseReason.CLOSED_BY_APPLICATION));
    }

    /** DTLS news hops onto the loop; when the server is stopping there is no loop left, and nothing left to do. */
    private void fromDtlsThread(Runnable work) {
        try {
            loop.eventLoop.execute(work);
        } catch (RejectedExecutionException stopped) {
            // the engine is closing
        }
    }

    // ---- timers (on the loop) --------------------------------------------------------------------------------

    /** Every {@link MediaLoop#NACK_TICK_MILLIS}: NACKs to the publisher that fell due between its packets. */
    void onNackTick(long now) {
        if (srtp == null || closed) {
            return;
        }
        for (int i = 0; i < producers.size(); i++) {
            producers.get(i).onNackTick(now);
        }
    }

    /** Every tick (100 ms): consent, feedback, keyframe requests; every tenth tick also RTCP reports. */
    void onTick(long now, boolean reportTick) {
        if (now - lastHeardNanos > context.consentTimeoutNanos
                || (srtp == null && now - createdNanos > context.consentTimeoutNanos)) {
            close(CloseReason.CONSENT_EXPIRED);
            return;
        }
        if (srtp == null) {
            return;
        }
        if (!producers.isEmpty() && producers.get(0).ssrc() != 0) {
            int len = transportCc.writeFeedback(loop.sendBuffer, 0, rtcpSsrc, producers.get(0).ssrc());
            if (len > 0) {
                sendRtcp(loop.sendBuffer, len);
            }
        }
        for (ProducerImpl producer : producers) {
            producer.onTick(now, reportTick);
        }
        if (reportTick) {
            for (ConsumerImpl consumer : consumers) {
                consumer.sendSenderReport(now);
            }
        }
    }
}
