package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.api.RtpCodec;
import org.sanke.media.api.RtpHeaderExtensionIds;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.media.packet.RtcpIterator;
import org.sanke.media.packet.RtcpNack;
import org.sanke.media.packet.RtcpWriter;
import org.sanke.media.packet.RtpHeaderWriter;
import org.sanke.media.packet.RtpPacket;

/**
 * The server asks a lossy publisher to resend, over real UDP: NACKs to the publisher, its RTX answers unwrapped and
 * forwarded to the subscriber in their place. The media clock stands still unless the test moves it, so the only
 * NACKs are those the packets themselves make due.
 */
class UpstreamNackTest {
    private static final int PUBLISHER_SSRC = 0x1111;
    private static final int PUBLISHER_RTX_SSRC = 0x4444;
    private static final int CONSUMER_SSRC = 0x2222;
    private static final int CONSUMER_RTX_SSRC = 0x3333;
    private static final RtpCodec OPUS = new RtpCodec(111, "opus", 48000, 2, "", List.of("transport-cc"), -1);

    private LoopbackSfu sfu;
    private TestPeer publisher;
    private TestPeer subscriber;
    private WebRtcTransport publishing;
    private final RtpPacket view = new RtpPacket();
    private int firstForwarded;

    @BeforeEach
    void setUp() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        publisher = new TestPeer(sfu.port());
        subscriber = new TestPeer(sfu.port());
        publishing = sfu.connectedTransport(publisher);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
        subscriber.close();
        sfu.close();
    }

    private void publishAndSubscribe(RtpCodec codec) throws Exception {
        Producer producer = LoopbackSfu.produce(publishing, MediaKind.VIDEO, codec, PUBLISHER_SSRC,
                PUBLISHER_RTX_SSRC);
        LoopbackSfu.consume(sfu.connectedTransport(subscriber), producer, CONSUMER_SSRC, CONSUMER_RTX_SSRC);
    }

    /** Sends media packets; each must reach the subscriber. The first one sent fixes {@link #firstForwarded}. */
    private void sendForwarded(int... sequenceNumbers) throws Exception {
        for (int sequence : sequenceNumbers) {
            sendForwarded(media(PUBLISHER_SSRC, sequence));
        }
    }

    private void sendForwarded(byte[] packet) throws Exception {
        publisher.sendRtp(packet, packet.length);
        byte[] got = subscriber.receive(false, 3000);
        assertThat(got).as("packet forwarded").isNotNull();
        assertThat(view.wrap(got, 0, got.length)).isTrue();
        if (firstForwarded < 0) {
            firstForwarded = view.sequenceNumber();
        }
    }

    /** A VP8 packet whose 100 bytes of payload are {@code (byte) sequence}. */
    private static byte[] media(int ssrc, int sequence) {
        return LoopbackSfu.rtp(ssrc, sequence, sequence * 3000, (byte) sequence);
    }

    private void sendRtx(int rtxSequence, int original) throws Exception {
        byte[] p = rtx(PUBLISHER_RTX_SSRC, rtxSequence, original);
        publisher.sendRtp(p, p.length);
    }

    /** An RTX packet repairing {@code original}, whose original payload is 100 bytes of {@code (byte) original}. */
    private static byte[] rtx(int ssrc, int rtxSequence, int original) {
        byte[] p = new byte[LoopbackSfu.RTP_LENGTH + 2];
        int pos = RtpHeaderWriter.writeFixedHeader(p, 0, LoopbackSfu.VP8.rtxPayloadType(), false, rtxSequence,
                original * 3000, ssrc);
        p[pos++] = (byte) (original >> 8);
        p[pos++] = (byte) original;
        while (pos < p.length) {
            p[pos++] = (byte) original;
        }
        return p;
    }

    /** The packet with one-byte SDES header extensions (MID, RID, repaired RID) inserted after its fixed header. */
    private static byte[] withSdes(byte[] plain, int[] ids, String[] values) {
        byte[] elements = new byte[64];
        int pos = 0;
        for (int i = 0; i < ids.length; i++) {
            byte[] value = values[i].getBytes(StandardCharsets.US_ASCII);
            elements[pos++] = (byte) ((ids[i] << 4) | (value.length - 1));
            System.arraycopy(value, 0, elements, pos, value.length);
            pos += value.length;
        }
        int blockLength = (pos + 3) / 4 * 4;
        byte[] p = new byte[plain.length + 4 + blockLength];
        System.arraycopy(plain, 0, p, 0, 12);
        p[0] |= 0x10;
        p[12] = (byte) 0xBE;
        p[13] = (byte) 0xDE;
        p[15] = (byte) (blockLength / 4);
        System.arraycopy(elements, 0, p, 16, blockLength);
        System.arraycopy(plain, 12, p, 16 + blockLength, plain.length - 12);
        return p;
    }

    /** The subscriber's next packet must be the original {@code original}, with its rewritten sequence number. */
    private void assertForwardedInPlace(int original, int offsetFromFirst) throws Exception {
        byte[] got = subscriber.receive(false, 3000);
        assertThat(got).as("recovered packet %d forwarded", original).isNotNull();
        assertThat(view.wrap(got, 0, got.length)).isTrue();
        assertThat(view.ssrc()).isEqualTo(CONSUMER_SSRC);
        assertThat(view.payloadType()).isEqualTo(LoopbackSfu.VP8.payloadType());
        assertThat(view.sequenceNumber()).isEqualTo((firstForwarded + offsetFromFirst) & 0xFFFF);
        assertThat(view.payloadLength()).isEqualTo(LoopbackSfu.RTP_LENGTH - 12);
        for (int i = 0; i < view.payloadLength(); i++) {
            assertThat(got[view.payloadOffset() + i]).isEqualTo((byte) original);
        }
    }

    /** The NACKs for {@code mediaSsrc} the publisher receives within the window, one list per NACK packet. */
    private List<List<Integer>> nacks(int mediaSsrc, int windowMillis) throws Exception {
        RtcpIterator it = new RtcpIterator();
        List<List<Integer>> packets = new ArrayList<>();
        long deadline = System.currentTimeMillis() + windowMillis;
        while (System.currentTimeMillis() < deadline) {
            byte[] rtcp = publisher.receive(true, (int) Math.max(1, deadline - System.currentTimeMillis()));
            if (rtcp != null && it.wrap(rtcp, 0, rtcp.length)) {
                do {
                    if (it.packetType() == RtcpIterator.RTPFB && it.countOrFormat() == RtcpIterator.FMT_NACK
                            && it.mediaSsrc() == mediaSsrc) {
                        List<Integer> lost = new ArrayList<>();
                        RtcpNack.forEachLost(rtcp, it.packetOffset(), it.packetLength(), lost::add);
                        packets.add(lost);
                    }
                } while (it.next());
            }
        }
        return packets;
    }

    private void awaitCounter(String name, double value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sfu.counter(name) != value && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sfu.counter(name)).as(name).isEqualTo(value);
    }

    @BeforeEach
    void noPacketForwardedYet() {
        firstForwarded = -1;
    }

    @Test
    void skippedPacketsAreNackedByNameAndTheirRtxReachesTheSubscriberInPlace() throws Exception {
        publishAndSubscribe(LoopbackSfu.VP8);
        sendForwarded(100, 101, 102, 103, 104, 107);
        assertThat(nacks(PUBLISHER_SSRC, 200)).as("reordering allowed for: no packet since, no time").isEmpty();
        sendForwarded(108);
        assertThat(nacks(PUBLISHER_SSRC, 300)).containsExactly(List.of(105, 106));
        assertThat(sfu.counter("sanke.media.nacks.sent")).isEqualTo(2);

        sendRtx(1, 106);
        assertForwardedInPlace(106, 6);
        awaitCounter("sanke.media.rtx.recovered", 1);
        sendRtx(2, 106);
        assertThat(subscriber.receive(false, 300)).as("a duplicate retransmission is dropped").isNull();

        // The recovered packet is in the cache: the subscriber's own NACK for it is answered.
        int recovered = (firstForwarded + 6) & 0xFFFF;
        byte[] nack = new byte[16];
        subscriber.sendRtcp(nack, RtcpWriter.nack(nack, 0, 0x9999, CONSUMER_SSRC, new int[] {recovered}, 1));
        byte[] resent = subscriber.receive(false, 3000);
        assertThat(resent).isNotNull();
        assertThat(view.wrap(resent, 0, resent.length)).isTrue();
        assertThat(view.ssrc()).isEqualTo(CONSUMER_RTX_SSRC);
        assertThat(((resent[view.payloadOffset()] & 0xFF) << 8) | (resent[view.payloadOffset() + 1] & 0xFF))
                .isEqualTo(recovered);

        // 105 never comes: asked again a round trip apart, then given up on.
        for (int retry = 1; retry <= NackRequester.MAX_RETRIES; retry++) {
            sfu.clock.advance(RoundTripTime.DEFAULT_NANOS, TimeUnit.NANOSECONDS);
            assertThat(nacks(PUBLISHER_SSRC, 300)).as("retry %d", retry).containsExactly(List.of(105));
        }
        sfu.clock.advance(RoundTripTime.DEFAULT_NANOS, TimeUnit.NANOSECONDS);
        awaitCounter("sanke.media.upstream.lost", 1);
        assertThat(nacks(PUBLISHER_SSRC, 200)).isEmpty();
        assertThat(sfu.counter("sanke.media.nacks.sent")).isEqualTo(2 + NackRequester.MAX_RETRIES);
    }

    @Test
    void aPacketLateByReorderingIsForwardedInPlaceAndNeverNacked() throws Exception {
        publishAndSubscribe(LoopbackSfu.VP8);
        sendForwarded(200, 201, 203);
        publisher.sendRtp(LoopbackSfu.rtp(PUBLISHER_SSRC, 202, 202 * 3000, (byte) 202), LoopbackSfu.RTP_LENGTH);
        assertForwardedInPlace(202, 2);
        sendForwarded(204, 205);
        sfu.clock.advance(NackRequester.REORDER_ALLOWANCE_NANOS, TimeUnit.NANOSECONDS);
        assertThat(nacks(PUBLISHER_SSRC, 300)).isEmpty();
        assertThat(sfu.counter("sanke.media.nacks.sent")).isZero();
    }

    @Test
    void sequenceNumbersWrapAt65535() throws Exception {
        publishAndSubscribe(LoopbackSfu.VP8);
        sendForwarded(65533, 65534, 1, 2);
        assertThat(nacks(PUBLISHER_SSRC, 300)).containsExactly(List.of(65535, 0));
        sendRtx(7, 0);
        assertForwardedInPlace(0, 3);
        sendRtx(8, 65535);
        assertForwardedInPlace(65535, 2);
        awaitCounter("sanke.media.rtx.recovered", 2);
    }

    @Test
    void aBurstOfAThousandLostPacketsCostsOneNackOfTheRateLimitsBurst() throws Exception {
        publishAndSubscribe(LoopbackSfu.VP8);
        sendForwarded(0, 1001, 1002);
        List<List<Integer>> nacks = nacks(PUBLISHER_SSRC, 300);
        assertThat(nacks).hasSize(1);
        assertThat(nacks.get(0)).hasSize(NackRateLimit.BURST)
                .startsWith(1001 - MissingSequences.CAPACITY);
        awaitCounter("sanke.media.upstream.lost", 1000 - MissingSequences.CAPACITY);
    }

    @Test
    void noNackWithoutNackFeedbackNegotiated() throws Exception {
        publishAndSubscribe(new RtpCodec(96, "VP8", 90000, 0, "", List.of("nack pli", "ccm fir"), 97));
        sendForwarded(1, 2, 4, 5);
        sfu.clock.advance(NackRequester.REORDER_ALLOWANCE_NANOS, TimeUnit.NANOSECONDS);
        assertThat(nacks(PUBLISHER_SSRC, 300)).isEmpty();
        assertThat(sfu.counter("sanke.media.nacks.sent")).isZero();
    }

    @Test
    void audioIsNackedOnlyWhenItNegotiatedNack() throws Exception {
        int plainSsrc = 0x5555;
        int nackingSsrc = 0x6666;
        LoopbackSfu.produce(publishing, MediaKind.AUDIO, OPUS, plainSsrc, 0);
        LoopbackSfu.produce(publishing, MediaKind.AUDIO,
                new RtpCodec(111, "opus", 48000, 2, "", List.of("nack", "transport-cc"), -1), nackingSsrc, 0);
        for (int ssrc : new int[] {plainSsrc, nackingSsrc}) {
            for (int sequence : new int[] {10, 11, 13, 14}) {
                byte[] p = new byte[60];
                RtpHeaderWriter.writeFixedHeader(p, 0, OPUS.payloadType(), false, sequence, sequence * 960, ssrc);
                publisher.sendRtp(p, p.length);
            }
        }
        assertThat(nacks(nackingSsrc, 400)).containsExactly(List.of(12));
        assertThat(nacks(plainSsrc, 200)).isEmpty();
        assertThat(sfu.counter("sanke.media.nacks.sent")).isEqualTo(1);
    }

    @Test
    void simulcastRtxIsTiedToTheForwardedLayerByItsRepairedRid() throws Exception {
        int high = 0x7001;
        int highRtx = 0x7003;
        int lowRtx = 0x7004;
        RtpHeaderExtensionIds ids = new RtpHeaderExtensionIds(4, 5, 6, 0, 0, 0);
        Producer producer = publishing.produce(new ProducerParameters("0", MediaKind.VIDEO, LoopbackSfu.VP8, 0, 0,
                List.of("l", "h"), ids, "camera")).get(5, TimeUnit.SECONDS);
        LoopbackSfu.consume(sfu.connectedTransport(subscriber), producer, CONSUMER_SSRC, CONSUMER_RTX_SSRC);
        int[] midAndRid = {4, 5};
        int[] midAndRepairedRid = {4, 6};
        for (int sequence : new int[] {100, 101, 103, 104}) {
            sendForwarded(withSdes(media(high, sequence), midAndRid, new String[] {"0", "h"}));
        }
        assertThat(nacks(high, 300)).containsExactly(List.of(102));

        byte[] lowRepair = withSdes(rtx(lowRtx, 1, 102), midAndRepairedRid, new String[] {"0", "l"});
        publisher.sendRtp(lowRepair, lowRepair.length);
        assertThat(subscriber.receive(false, 300)).as("the low layer's RTX repairs nothing forwarded").isNull();
        byte[] highRepair = withSdes(rtx(highRtx, 1, 102), midAndRepairedRid, new String[] {"0", "h"});
        publisher.sendRtp(highRepair, highRepair.length);
        assertForwardedInPlace(102, 2);
    }

    @Test
    void aProbeOnTheRtxStreamFirstNeitherBecomesTheMediaStreamNorStopsItsRepair() throws Exception {
        int mediaSsrc = 0x8001;
        int rtxSsrc = 0x8002;
        int[] mid = {4};
        String[] zero = {"0"};
        Producer producer = publishing.produce(new ProducerParameters("0", MediaKind.VIDEO, LoopbackSfu.VP8, 0, 0,
                List.of(), new RtpHeaderExtensionIds(4, 0, 0, 0, 0, 0), "camera")).get(5, TimeUnit.SECONDS);
        LoopbackSfu.consume(sfu.connectedTransport(subscriber), producer, CONSUMER_SSRC, CONSUMER_RTX_SSRC);
        byte[] probe = new byte[12 + 20];
        RtpHeaderWriter.writeFixedHeader(probe, 0, LoopbackSfu.VP8.rtxPayloadType(), false, 1, 0, rtxSsrc);
        probe[0] |= 0x20;
        probe[probe.length - 1] = 20;
        byte[] sdesProbe = withSdes(probe, mid, zero);
        publisher.sendRtp(sdesProbe, sdesProbe.length);
        assertThat(subscriber.receive(false, 300)).as("padding is not forwarded").isNull();

        for (int sequence : new int[] {10, 11, 13, 14}) {
            sendForwarded(withSdes(media(mediaSsrc, sequence), mid, zero));
        }
        assertThat(nacks(mediaSsrc, 300)).containsExactly(List.of(12));
        byte[] repair = withSdes(rtx(rtxSsrc, 2, 12), mid, zero);
        publisher.sendRtp(repair, repair.length);
        assertForwardedInPlace(12, 2);
    }
}
