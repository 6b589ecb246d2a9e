package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanke.media.api.Consumer;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.api.RtpHeaderExtensionIds;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.media.packet.RtpHeaderWriter;
import org.sanke.media.packet.RtpPacket;

/**
 * A long lesson on one pair of transports: tracks come and go hundreds of times (classrooms joining and leaving),
 * each with new SSRCs. The transports keep protecting new streams, and the crypto contexts of ended streams go.
 */
class SrtpContextChurnTest {
    private static final int PUBLISHER_SSRC = 0x1111;
    private static final int CYCLES = 500;
    /** Contexts a quiet pair of transports may hold: the publisher's stream, each side's RTCP, one consumer's. */
    private static final int HANDFUL = 6;

    private LoopbackSfu sfu;

    @AfterEach
    void tearDown() {
        if (sfu != null) {
            sfu.close();
        }
    }

    @Test
    void consumersThatComeAndGoLeaveNoContextsBehind() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        try (TestPeer publisher = new TestPeer(sfu.port()); TestPeer teacher = new TestPeer(sfu.port())) {
            WebRtcTransport publishing = sfu.connectedTransport(publisher);
            WebRtcTransport subscribing = sfu.connectedTransport(teacher);
            Producer producer = LoopbackSfu.video(publishing, PUBLISHER_SSRC, 0);
            int sequence = 0;
            for (int cycle = 0; cycle <= CYCLES; cycle++) {
                int ssrc = 0x10000 + cycle;
                Consumer consumer = LoopbackSfu.consume(subscribing, producer, ssrc, 0x20000 + cycle);
                publisher.sendRtp(LoopbackSfu.rtp(PUBLISHER_SSRC, sequence++, 0, (byte) cycle), LoopbackSfu.RTP_LENGTH);
                assertReceived(teacher, ssrc, (byte) cycle, cycle);
                consumer.close();
                teacher.forgetStream(ssrc);
            }
            assertThat(awaitAtMost(sfu.engine::srtpContexts, HANDFUL)).as("live contexts after %d cycles", CYCLES)
                    .isLessThanOrEqualTo(HANDFUL);
            assertThat(sfu.gauge("sanke.media.srtp.contexts")).isEqualTo(sfu.engine.srtpContexts());
        }
    }

    @Test
    void producersThatComeAndGoTakeTheirLearnedSimulcastSsrcsAlong() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        RtpHeaderExtensionIds extensions = new RtpHeaderExtensionIds(1, 2, 0, 0, 0, 0);
        try (TestPeer publisher = new TestPeer(sfu.port()); TestPeer teacher = new TestPeer(sfu.port())) {
            WebRtcTransport publishing = sfu.connectedTransport(publisher);
            WebRtcTransport subscribing = sfu.connectedTransport(teacher);
            for (int cycle = 0; cycle < CYCLES / 2; cycle++) {
                Producer producer = publishing.produce(new ProducerParameters("0", MediaKind.VIDEO, LoopbackSfu.VP8,
                        0, 0, List.of("l", "m", "h"), extensions, "camera")).get(5, TimeUnit.SECONDS);
                int consumerSsrc = 0x10000 + cycle;
                LoopbackSfu.consume(subscribing, producer, consumerSsrc, 0);
                // Three layers, each on an SSRC nobody signalled: the highest is forwarded, all three are learned.
                int firstLayerSsrc = 0x40000 + 3 * cycle;
                publisher.sendRtp(layer(firstLayerSsrc, 'l', cycle), LoopbackSfu.RTP_LENGTH);
                publisher.sendRtp(layer(firstLayerSsrc + 1, 'm', cycle), LoopbackSfu.RTP_LENGTH);
                publisher.sendRtp(layer(firstLayerSsrc + 2, 'h', cycle), LoopbackSfu.RTP_LENGTH);
                assertReceived(teacher, consumerSsrc, (byte) 'h', cycle);
                producer.close();
                teacher.forgetStream(consumerSsrc);
                for (int layer = 0; layer < 3; layer++) {
                    publisher.forgetStream(firstLayerSsrc + layer);
                }
            }
            assertThat(awaitAtMost(sfu.engine::srtpContexts, HANDFUL)).isLessThanOrEqualTo(HANDFUL);
            assertThat(sfu.counter("sanke.media.packets.dropped", "reason", "srtp_failed")).isZero();
        }
    }

    /** A simulcast layer's packet: MID "0" and its RID in one-byte extensions, the RID letter as payload. */
    private static byte[] layer(int ssrc, char rid, int sequence) {
        byte[] p = new byte[LoopbackSfu.RTP_LENGTH];
        int pos = RtpHeaderWriter.writeFixedHeader(p, 0, LoopbackSfu.VP8.payloadType(), false, sequence, 0, ssrc);
        int block = RtpHeaderWriter.beginOneByteExtensions(p, pos);
        int ext = RtpHeaderWriter.putOneByteExtension8(p, block, 1, '0');
        ext = RtpHeaderWriter.putOneByteExtension8(p, ext, 2, rid);
        pos = RtpHeaderWriter.endOneByteExtensions(p, 0, block, ext);
        for (int i = pos; i < p.length; i++) {
            p[i] = (byte) rid;
        }
        return p;
    }

    private static void assertReceived(TestPeer subscriber, int ssrc, byte payload, int cycle) throws Exception {
        byte[] got = subscriber.receive(false, 3000);
        assertThat(got).as("cycle %d: a packet protected for a new stream arrives and decrypts", cycle).isNotNull();
        RtpPacket view = new RtpPacket();
        assertThat(view.wrap(got, 0, got.length)).isTrue();
        assertThat(view.ssrc()).isEqualTo(ssrc);
        assertThat(got[view.payloadOffset()]).isEqualTo(payload);
    }

    /** Closing is asynchronous (it hops onto the router's loop): wait until the count settles. */
    private static int awaitAtMost(IntSupplier count, int limit) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count.getAsInt() > limit && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return count.getAsInt();
    }
}
