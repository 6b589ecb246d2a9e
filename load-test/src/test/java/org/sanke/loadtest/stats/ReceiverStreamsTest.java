package org.sanke.loadtest.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiverStreamsTest {
    private static final long MS = 1_000_000L;

    @Test
    void aStreamThatFallsSilentIsLetGoButItsCountsStay() {
        RunStats run = new RunStats();
        ReceiverStreams receiver = new ReceiverStreams(run);
        long now = 0;
        for (int seq = 0; seq < 100; seq++) {
            if (seq != 50) { // one lost
                receiver.onPacket(1, seq, 100, MS, now);
            }
            receiver.onPacket(2, seq, 100, MS, now);
            now += 20 * MS;
        }
        assertThat(run.liveStreams()).isEqualTo(2);
        // Stream 1's publisher left; stream 2 goes on past the idle time.
        for (int seq = 100; seq < 500; seq++) {
            receiver.onPacket(2, seq, 100, MS, now);
            now += 20 * MS;
        }
        assertThat(receiver.liveStreams()).isEqualTo(1);
        assertThat(run.liveStreams()).isEqualTo(1);
        assertThat(receiver.totals()).isEqualTo(new LossTotals(1, 600));
        assertThat(run.lost()).isEqualTo(1);
        assertThat(run.expected()).isEqualTo(600);
        assertThat(run.packets()).isEqualTo(599);
    }

    @Test
    void aClosedReceiverHoldsNothingAndIgnoresLatePackets() {
        RunStats run = new RunStats();
        ReceiverStreams receiver = new ReceiverStreams(run);
        for (int seq = 0; seq < 10; seq += 2) {
            receiver.onPacket(7, seq, 100, MS, seq * 20 * MS);
        }
        receiver.close();
        receiver.onPacket(7, 10, 100, MS, 200 * MS);
        receiver.onPacket(8, 0, 100, MS, 200 * MS);
        assertThat(run.liveStreams()).isZero();
        assertThat(receiver.liveStreams()).isZero();
        assertThat(receiver.totals()).isEqualTo(new LossTotals(4, 9));
        assertThat(run.lost()).isEqualTo(4);
        assertThat(run.packets()).isEqualTo(5);
    }

    @Test
    void joinTimesStayASampleOfBoundedSize() {
        RunStats run = new RunStats();
        for (int i = 0; i < RunStats.MAX_JOIN_SAMPLES * 3; i++) {
            run.recordJoin(i % 1000);
        }
        assertThat(run.joinMillis()).hasSize(RunStats.MAX_JOIN_SAMPLES);
        assertThat(run.joinsRecorded()).isEqualTo(RunStats.MAX_JOIN_SAMPLES * 3L);
        double mean = run.joinMillis().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(mean).as("a uniform sample keeps the mean").isBetween(450.0, 550.0);
    }
}
