package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanke.media.api.Producer;
import org.sanke.media.packet.RtcpWriter;
import org.sanke.media.packet.RtpPacket;

/**
 * A subscriber that NACKs without measure (a buggy or hostile browser) over real UDP. The media clock stands still
 * unless the test moves it, so every count is exact: one retransmission per packet per round trip, and no more
 * bytes than the consumer's budget.
 */
class NackStormTest {
    private static final int PUBLISHER_SSRC = 0x1111;
    private static final int CONSUMER_SSRC = 0x2222;
    private static final int CONSUMER_RTX_SSRC = 0x3333;

    private LoopbackSfu sfu;
    private TestPeer publisher;
    private TestPeer subscriber;
    private final RtpPacket view = new RtpPacket();

    @BeforeEach
    void setUp() throws Exception {
        sfu = new LoopbackSfu(Duration.ofSeconds(30));
        publisher = new TestPeer(sfu.port());
        subscriber = new TestPeer(sfu.port());
        Producer producer = LoopbackSfu.video(sfu.connectedTransport(publisher), PUBLISHER_SSRC, 0);
        LoopbackSfu.consume(sfu.connectedTransport(subscriber), producer, CONSUMER_SSRC, CONSUMER_RTX_SSRC);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
        subscriber.close();
        sfu.close();
    }

    /** Forwards {@code count} packets and returns the sequence numbers the subscriber saw. */
    private int[] forward(int count, int length) throws Exception {
        int[] seen = new int[count];
        for (int i = 0; i < count; i++) {
            publisher.sendRtp(LoopbackSfu.rtp(PUBLISHER_SSRC, 7000 + i, 0, (byte) i, length), length);
            byte[] got = subscriber.receive(false, 3000);
            assertThat(got).as("packet %d forwarded", i).isNotNull();
            assertThat(view.wrap(got, 0, got.length)).isTrue();
            seen[i] = view.sequenceNumber();
        }
        return seen;
    }

    private void nack(int[] lost) throws Exception {
        byte[] rtcp = new byte[12 + 4 * lost.length];
        subscriber.sendRtcp(rtcp, RtcpWriter.nack(rtcp, 0, 0x9999, CONSUMER_SSRC, lost, lost.length));
    }

    private double outcomes(String outcome) {
        return sfu.counter("sanke.media.retransmissions", "outcome", outcome);
    }

    private double allOutcomes() {
        return outcomes("sent") + outcomes("duplicate") + outcomes("over_budget") + outcomes("not_cached");
    }

    /** Waits (on the network, not the media clock) until the server has judged {@code total} NACKed numbers. */
    private void awaitJudged(double total) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (allOutcomes() < total && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(allOutcomes()).isEqualTo(total);
    }

    /** Retransmissions that reach the subscriber until the line is quiet. */
    private int retransmissionsReceived() throws Exception {
        int count = 0;
        byte[] got;
        while ((got = subscriber.receive(false, 300)) != null) {
            assertThat(view.wrap(got, 0, got.length)).isTrue();
            assertThat(view.ssrc()).isEqualTo(CONSUMER_RTX_SSRC);
            count++;
        }
        return count;
    }

    @Test
    void theSameNackAThousandTimesIsAnsweredOncePerRoundTrip() throws Exception {
        int[] seen = forward(20, LoopbackSfu.RTP_LENGTH);
        int[] repeated = new int[100];
        Arrays.fill(repeated, seen[4]);
        for (int i = 0; i < 10; i++) {
            nack(repeated);
        }
        awaitJudged(1000);
        assertThat(outcomes("sent")).isEqualTo(1);
        assertThat(outcomes("duplicate")).isEqualTo(999);
        assertThat(retransmissionsReceived()).isEqualTo(1);

        // A round trip later the subscriber may still be missing it: one more copy, then duplicates again.
        sfu.clock.advance(RoundTripTime.DEFAULT_NANOS, TimeUnit.NANOSECONDS);
        for (int i = 0; i < 10; i++) {
            nack(repeated);
        }
        awaitJudged(2000);
        assertThat(outcomes("sent")).isEqualTo(2);
        assertThat(retransmissionsReceived()).isEqualTo(1);
    }

    /** A receiver report saying the round trip is {@code rttMillis}: our last SR's time that long ago, held for 0. */
    private void reportRoundTrip(long rttMillis) throws Exception {
        long now = sfu.clock.wallMillis();
        int lastSenderReport = NtpTime.compact(NtpTime.fromMillis(now - rttMillis));
        byte[] rr = new byte[32];
        subscriber.sendRtcp(rr, RtcpWriter.receiverReport(rr, 0, 0x9999, CONSUMER_SSRC, 0, 0, 0, 0,
                lastSenderReport, 0));
    }

    @Test
    void theSubscribersReportedRoundTripIsTheDuplicateWindow() throws Exception {
        int[] seen = forward(20, LoopbackSfu.RTP_LENGTH);
        reportRoundTrip(400);
        int[] lost = {seen[3]};
        nack(lost);
        awaitJudged(1);
        // 300 ms later: past the default round trip, but within the reported one.
        sfu.clock.advance(300, TimeUnit.MILLISECONDS);
        nack(lost);
        awaitJudged(2);
        assertThat(outcomes("duplicate")).isEqualTo(1);
        sfu.clock.advance(150, TimeUnit.MILLISECONDS);
        nack(lost);
        awaitJudged(3);
        assertThat(outcomes("sent")).isEqualTo(2);

        // A report claiming a minute is bounded: the copy goes again after at most the maximum.
        reportRoundTrip(60_000);
        sfu.clock.advance(RoundTripTime.MAX_NANOS, TimeUnit.NANOSECONDS);
        nack(lost);
        awaitJudged(4);
        assertThat(outcomes("sent")).isEqualTo(3);
        assertThat(retransmissionsReceived()).isEqualTo(3);
    }

    @Test
    void nackingEveryPacketOverAndOverCannotExceedTheBudget() throws Exception {
        int packets = 400;
        int payload = 1000;
        int[] seen = forward(packets, 12 + payload);
        int budget = (packets * payload * RetransmissionBudget.SHARE_PERCENT / 100 + RetransmissionBudget.BURST_BYTES)
                / payload;

        nack(seen);
        awaitJudged(packets);
        assertThat(outcomes("sent")).isEqualTo(budget);
        assertThat(outcomes("over_budget")).isEqualTo(packets - budget);
        int received = retransmissionsReceived();
        assertThat(received).isEqualTo(budget);

        nack(seen);
        awaitJudged(2 * packets);
        assertThat(outcomes("duplicate")).as("those resent within the round trip").isEqualTo(budget);

        // Past the round trip but within the window: the budget is spent, nothing more goes out.
        sfu.clock.advance(2 * RoundTripTime.DEFAULT_NANOS, TimeUnit.NANOSECONDS);
        for (int storm = 0; storm < 5; storm++) {
            nack(seen);
        }
        awaitJudged(7 * packets);
        received += retransmissionsReceived();
        assertThat(outcomes("sent")).isEqualTo(budget);
        assertThat(received).as("retransmissions the whole storm caused").isEqualTo(budget);
    }
}
