package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanke.media.api.PacketTap;
import org.sanke.media.api.Producer;
import org.sanke.media.packet.RtcpIterator;
import org.sanke.media.packet.RtpPacket;

/** A tap (the recorder's, the still-frame sampler's) sees what is forwarded, nothing while held, and the close. */
class ProducerTapTest {
    private static final int PUBLISHER_SSRC = 0x1111;

    private LoopbackSfu sfu;

    @AfterEach
    void tearDown() {
        if (sfu != null) {
            sfu.close();
        }
    }

    /** Records the sequence numbers it is handed. */
    private static final class RecordingTap implements PacketTap {
        final LinkedBlockingQueue<Integer> sequences = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        private final RtpPacket view = new RtpPacket();

        @Override
        public void onPacket(byte[] buffer, int offset, int length, long arrivalNanos) {
            assertThat(view.wrap(buffer, offset, length)).isTrue();
            assertThat(arrivalNanos).isPositive();
            sequences.add(view.sequenceNumber());
        }

        @Override
        public void onProducerClosed() {
            closed.countDown();
        }
    }

    @Test
    void aTapGetsForwardedPacketsNoneWhileHeldAndHearsTheClose() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        try (TestPeer publisher = new TestPeer(sfu.port())) {
            Producer producer = LoopbackSfu.video(sfu.connectedTransport(publisher), PUBLISHER_SSRC, 0);
            RecordingTap tap = new RecordingTap();
            AutoCloseable handle = producer.addTap(tap);
            send(publisher, 100);
            assertThat(tap.sequences.poll(3, TimeUnit.SECONDS)).isEqualTo(100);

            producer.hold(true).get(3, TimeUnit.SECONDS);
            send(publisher, 101);
            // (the datagram reaches the loop after its time on the wire: wait for it before letting go)
            assertThat(tap.sequences.poll(500, TimeUnit.MILLISECONDS)).as("nothing while held").isNull();
            producer.hold(false).get(3, TimeUnit.SECONDS);
            send(publisher, 102);
            assertThat(tap.sequences.poll(3, TimeUnit.SECONDS)).as("101 came while held").isEqualTo(102);

            handle.close();
            producer.hold(false).get(3, TimeUnit.SECONDS); // the removal ran on the loop before this
            send(publisher, 103);
            assertThat(tap.sequences.poll(500, TimeUnit.MILLISECONDS)).as("a removed tap gets nothing").isNull();

            RecordingTap second = new RecordingTap();
            producer.addTap(second);
            producer.close();
            assertThat(second.closed.await(3, TimeUnit.SECONDS)).isTrue();
            assertThat(tap.closed.getCount()).as("the removed tap is not told").isEqualTo(1);
        }
    }

    @Test
    void aKeyframeRequestFromTheServerReachesThePublisherAsAPli() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        try (TestPeer publisher = new TestPeer(sfu.port())) {
            Producer producer = LoopbackSfu.video(sfu.connectedTransport(publisher), PUBLISHER_SSRC, 0);
            send(publisher, 1);
            producer.requestKeyframe();
            RtcpIterator it = new RtcpIterator();
            boolean pli = false;
            long deadline = System.currentTimeMillis() + 3000;
            while (!pli && System.currentTimeMillis() < deadline) {
                byte[] rtcp = publisher.receive(true, 1000);
                if (rtcp != null && it.wrap(rtcp, 0, rtcp.length)) {
                    do {
                        pli |= it.packetType() == RtcpIterator.PSFB && it.countOrFormat() == RtcpIterator.FMT_PLI
                                && it.mediaSsrc() == PUBLISHER_SSRC;
                    } while (it.next());
                }
            }
            assertThat(pli).isTrue();
        }
    }

    private static void send(TestPeer publisher, int sequence) throws Exception {
        byte[] packet = LoopbackSfu.rtp(PUBLISHER_SSRC, sequence, sequence * 3000, (byte) 1);
        publisher.sendRtp(packet, packet.length);
    }
}
