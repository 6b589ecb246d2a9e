package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanke.media.api.Consumer;
import org.sanke.media.api.Producer;
import org.sanke.media.api.RtpHeaderExtensionIds;
import org.sanke.media.api.TransportListener;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.media.packet.RtcpIterator;
import org.sanke.media.packet.RtcpWriter;
import org.sanke.media.packet.RtpPacket;
import org.sanke.media.packet.StunMessage;

/** The media server over real UDP on loopback, with test peers doing ICE, DTLS and SRTP as a browser would. */
class MediaServerTest {
    private static final int PUBLISHER_SSRC = 0x1111;
    private static final int CONSUMER_SSRC = 0x2222;
    private static final int CONSUMER_RTX_SSRC = 0x3333;

    private LoopbackSfu sfu;

    @AfterEach
    void tearDown() {
        if (sfu != null) {
            sfu.close();
        }
    }

    /** Connects both peers, makes the publisher's video producer and the subscriber's consumer of it. */
    private Consumer publishAndSubscribe(TestPeer publisher, TestPeer subscriber) throws Exception {
        WebRtcTransport publishing = sfu.connectedTransport(publisher);
        WebRtcTransport subscribing = sfu.connectedTransport(subscriber);
        Producer producer = LoopbackSfu.video(publishing, PUBLISHER_SSRC, 0);
        Consumer consumer = LoopbackSfu.consume(subscribing, producer, CONSUMER_SSRC, CONSUMER_RTX_SSRC);
        assertThat(consumer.producerId()).isEqualTo(producer.id());
        return consumer;
    }

    private static byte[] rtp(int sequence, int timestamp, byte fill) {
        return LoopbackSfu.rtp(PUBLISHER_SSRC, sequence, timestamp, fill);
    }

    @Test
    void forwardsRewrittenPacketsAnswersNacksAndPassesKeyframeRequestsUp() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        try (TestPeer publisher = new TestPeer(sfu.port()); TestPeer subscriber = new TestPeer(sfu.port())) {
            Consumer consumer = publishAndSubscribe(publisher, subscriber);
            assertThat(consumer.parameters().ssrc()).isEqualTo(CONSUMER_SSRC);

            RtpPacket view = new RtpPacket();
            int firstSequence = -1;
            for (int i = 0; i < 10; i++) {
                publisher.sendRtp(rtp(1000 + i, 90_000 + 3000 * i, (byte) i), 112);
                byte[] got = subscriber.receive(false, 3000);
                assertThat(got).as("packet %d forwarded", i).isNotNull();
                assertThat(view.wrap(got, 0, got.length)).isTrue();
                assertThat(view.ssrc()).isEqualTo(CONSUMER_SSRC);
                assertThat(view.payloadType()).isEqualTo(96);
                if (firstSequence < 0) {
                    firstSequence = view.sequenceNumber();
                }
                assertThat(view.sequenceNumber()).isEqualTo((firstSequence + i) & 0xFFFF);
                assertThat(view.payloadLength()).isEqualTo(100);
                assertThat(got[view.payloadOffset()]).isEqualTo((byte) i);
                assertThat(view.findExtension(RtpHeaderExtensionIds.SERVER_SEND.absSendTime())).isPositive();
            }

            // The subscriber lost its 5th packet: the server resends it as RTX from its cache.
            int lost = (firstSequence + 4) & 0xFFFF;
            byte[] nack = new byte[64];
            subscriber.sendRtcp(nack, RtcpWriter.nack(nack, 0, 0x9999, CONSUMER_SSRC, new int[] {lost}, 1));
            byte[] rtx = subscriber.receive(false, 3000);
            assertThat(rtx).as("retransmission").isNotNull();
            assertThat(view.wrap(rtx, 0, rtx.length)).isTrue();
            assertThat(view.ssrc()).isEqualTo(CONSUMER_RTX_SSRC);
            assertThat(view.payloadType()).isEqualTo(97);
            int original = ((rtx[view.payloadOffset()] & 0xFF) << 8) | (rtx[view.payloadOffset() + 1] & 0xFF);
            assertThat(original).isEqualTo(lost);
            assertThat(rtx[view.payloadOffset() + 2]).isEqualTo((byte) 4);

            // A keyframe request from the subscriber reaches the publisher as a PLI for its own SSRC.
            sfu.clock.advance(ProducerImpl.KEYFRAME_REQUEST_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
            byte[] pli = new byte[12];
            subscriber.sendRtcp(pli, RtcpWriter.pli(pli, 0, 0x9999, CONSUMER_SSRC));
            assertThat(awaitPli(publisher)).isTrue();

            // Garbage from an unknown address changes nothing for the peers.
            try (DatagramSocket intruder = new DatagramSocket()) {
                byte[] junk = new byte[300];
                new Random(3).nextBytes(junk);
                junk[0] = (byte) 0x80;
                intruder.send(new DatagramPacket(junk, junk.length, new InetSocketAddress("127.0.0.1", sfu.port())));
            }
            publisher.sendRtp(rtp(1010, 120_000, (byte) 10), 112);
            byte[] after = subscriber.receive(false, 3000);
            assertThat(after).isNotNull();
            assertThat(view.wrap(after, 0, after.length)).isTrue();
            assertThat(view.sequenceNumber()).isEqualTo((firstSequence + 10) & 0xFFFF);
            // The junk may sit in another loop's socket a little longer than the publisher's packet did.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (sfu.counter("sanke.media.packets.dropped", "reason", "unknown_address") == 0
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(sfu.counter("sanke.media.packets.dropped", "reason", "unknown_address")).isPositive();
        }
    }

    @Test
    void keyframeRequestsWithinTheIntervalCostThePublisherOnePliWhenItEnds() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        try (TestPeer publisher = new TestPeer(sfu.port()); TestPeer subscriber = new TestPeer(sfu.port())) {
            publishAndSubscribe(publisher, subscriber);
            publisher.sendRtp(rtp(1, 0, (byte) 0), LoopbackSfu.RTP_LENGTH);
            assertThat(subscriber.receive(false, 3000)).isNotNull();
            while (publisher.receive(true, 300) != null) {
                // drain what the new consumer caused (its own keyframe request, reports)
            }
            byte[] pli = new byte[12];
            int len = RtcpWriter.pli(pli, 0, 0x9999, CONSUMER_SSRC);
            for (int i = 0; i < 10; i++) {
                subscriber.sendRtcp(pli, len);
            }
            // The clock stands still: the consumer's own request opened the interval, so all ten wait.
            assertThat(countPlis(publisher, 400)).isZero();
            sfu.clock.advance(ProducerImpl.KEYFRAME_REQUEST_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
            assertThat(countPlis(publisher, 400)).as("merged into one at the next tick").isEqualTo(1);
        }
    }

    @Test
    void keyframeRequestsOfManySubscribersShareOnePliPerIntervalForTheProducer() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        try (TestPeer publisher = new TestPeer(sfu.port()); TestPeer first = new TestPeer(sfu.port());
             TestPeer second = new TestPeer(sfu.port()); TestPeer third = new TestPeer(sfu.port())) {
            Producer producer = LoopbackSfu.video(sfu.connectedTransport(publisher), PUBLISHER_SSRC, 0);
            TestPeer[] subscribers = {first, second, third};
            for (int i = 0; i < subscribers.length; i++) {
                LoopbackSfu.consume(sfu.connectedTransport(subscribers[i]), producer, CONSUMER_SSRC + i, 0);
            }
            publisher.sendRtp(rtp(1, 0, (byte) 0), LoopbackSfu.RTP_LENGTH);
            for (TestPeer subscriber : subscribers) {
                assertThat(subscriber.receive(false, 3000)).isNotNull();
            }
            // The first consumer's request went at once; the others' wait for the interval.
            assertThat(countPlis(publisher, 300)).isEqualTo(1);

            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < subscribers.length; i++) {
                    byte[] rtcp = new byte[32];
                    int len = RtcpWriter.pli(rtcp, 0, 0x9999, CONSUMER_SSRC + i);
                    len += RtcpWriter.fir(rtcp, len, 0x9999, CONSUMER_SSRC + i, round);
                    for (int repeat = 0; repeat < 5; repeat++) {
                        subscribers[i].sendRtcp(rtcp, len);
                    }
                }
                assertThat(countPlis(publisher, 300)).as("round %d, within the interval", round).isZero();
                sfu.clock.advance(ProducerImpl.KEYFRAME_REQUEST_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
                assertThat(countPlis(publisher, 300)).as("round %d, merged", round).isEqualTo(1);
            }
            sfu.clock.advance(ProducerImpl.KEYFRAME_REQUEST_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
            assertThat(countPlis(publisher, 300)).as("nobody asked since").isZero();
        }
    }

    private static int countPlis(TestPeer publisher, int windowMillis) throws Exception {
        RtcpIterator it = new RtcpIterator();
        int count = 0;
        long deadline = System.currentTimeMillis() + windowMillis;
        while (System.currentTimeMillis() < deadline) {
            byte[] rtcp = publisher.receive(true, (int) Math.max(1, deadline - System.currentTimeMillis()));
            if (rtcp != null && it.wrap(rtcp, 0, rtcp.length)) {
                do {
                    if (it.packetType() == RtcpIterator.PSFB && it.countOrFormat() == RtcpIterator.FMT_PLI) {
                        count++;
                    }
                } while (it.next());
            }
        }
        return count;
    }

    private static boolean awaitPli(TestPeer publisher) throws Exception {
        RtcpIterator it = new RtcpIterator();
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline) {
            byte[] rtcp = publisher.receive(true, 1000);
            if (rtcp != null && it.wrap(rtcp, 0, rtcp.length)) {
                do {
                    if (it.packetType() == RtcpIterator.PSFB && it.countOrFormat() == RtcpIterator.FMT_PLI
                            && it.mediaSsrc() == PUBLISHER_SSRC) {
                        return true;
                    }
                } while (it.next());
            }
        }
        return false;
    }

    @Test
    void wrongPasswordIsRefusedAndASilentPeerIsClosedAndFreed() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(1));
        WebRtcTransport transport = sfu.transport();
        try (TestPeer peer = new TestPeer(sfu.port())) {
            StunMessage refused = peer.check(transport.parameters(), "wrong-password");
            assertThat(refused).isNotNull();
            assertThat(refused.errorCode()).isEqualTo(401);
            StunMessage answered = peer.check(transport.parameters(), transport.parameters().icePwd());
            assertThat(answered.isBindingSuccess()).isTrue();
            assertThat(answered.xorMappedAddress()).isEqualTo(peer.socket.getLocalSocketAddress());
            assertThat(answered.checkMessageIntegrity(transport.parameters().icePwd().getBytes())).isTrue();
            assertThat(sfu.gauge("sanke.media.transports")).isEqualTo(1);
            // Then silence: consent lasts its second, and expires at the first tick after it.
            sfu.clock.advance(900, TimeUnit.MILLISECONDS);
            assertThat(sfu.closed.poll(300, TimeUnit.MILLISECONDS)).as("still within consent").isNull();
            sfu.clock.advance(200, TimeUnit.MILLISECONDS);
            assertThat(sfu.closed.poll(5, TimeUnit.SECONDS)).isEqualTo(TransportListener.CloseReason.CONSENT_EXPIRED);
            assertThat(sfu.gauge("sanke.media.transports")).isZero();
            assertThat(peer.check(transport.parameters(), transport.parameters().icePwd()))
                    .as("a closed transport answers nothing").isNull();
        }
    }
}
