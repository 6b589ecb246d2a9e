package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upstream NACK logic alone, with time passed in: every count is exact. */
class NackRequesterTest {
    private static final long MS = 1_000_000L;

    private final LoopStats stats = new LoopStats();
    private final NackRequester requester = new NackRequester(stats);
    private final int[] lost = new int[MissingSequences.CAPACITY];
    private long now = 5_000 * MS;

    private void arrive(int... sequenceNumbers) {
        for (int sequenceNumber : sequenceNumbers) {
            requester.onMediaPacket(sequenceNumber, now);
        }
    }

    private List<Integer> due() {
        int count = requester.collectDue(now, lost);
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(lost[i]);
        }
        return list;
    }

    @Test
    void aGapIsAskedForAfterTheReorderAllowanceOrOnTheNextPacket() {
        arrive(10, 11, 14);
        assertThat(due()).as("within the allowance").isEmpty();
        now += NackRequester.REORDER_ALLOWANCE_NANOS;
        assertThat(due()).containsExactly(12, 13);

        arrive(15, 17);
        assertThat(due()).isEmpty();
        arrive(18);
        assertThat(due()).as("one more packet came: 16 is not merely reordered").containsExactly(16);
        assertThat(stats.nacksSent).isEqualTo(3);
    }

    @Test
    void aPacketThatArrivesLateCancelsItsNack() {
        arrive(10, 12, 11, 13);
        now += NackRequester.REORDER_ALLOWANCE_NANOS;
        assertThat(due()).isEmpty();
        assertThat(requester.missingCount()).isZero();
        assertThat(stats.rtxRecovered).as("nothing was asked for").isZero();
    }

    @Test
    void retriesComeARoundTripApartAndStopAtTheLimitAsLost() {
        arrive(1, 3);
        now += NackRequester.REORDER_ALLOWANCE_NANOS;
        assertThat(due()).containsExactly(2);
        for (int retry = 1; retry <= NackRequester.MAX_RETRIES; retry++) {
            now += RoundTripTime.DEFAULT_NANOS - MS;
            assertThat(due()).as("within the round trip").isEmpty();
            now += MS;
            assertThat(due()).as("retry %d", retry).containsExactly(2);
        }
        now += RoundTripTime.DEFAULT_NANOS;
        assertThat(due()).isEmpty();
        assertThat(requester.missingCount()).isZero();
        assertThat(stats.nacksSent).isEqualTo(1 + NackRequester.MAX_RETRIES);
        assertThat(stats.upstreamLost).isEqualTo(1);
        assertThat(requester.onRetransmission(2, now)).as("too late: given up").isFalse();
    }

    @Test
    void aRetransmissionFillsTheGapOnceAndMeasuresTheRoundTrip() {
        arrive(1, 4);
        now += NackRequester.REORDER_ALLOWANCE_NANOS;
        assertThat(due()).containsExactly(2, 3);
        now += 60 * MS;
        assertThat(requester.onRetransmission(3, now)).isTrue();
        assertThat(requester.onRetransmission(3, now)).as("duplicate").isFalse();
        assertThat(requester.onRetransmission(9, now)).as("never asked for").isFalse();
        assertThat(requester.onMediaPacket(3, now)).isEqualTo(ReceivedSequences.Arrival.DUPLICATE);
        assertThat(stats.rtxRecovered).isEqualTo(1);
        assertThat(requester.roundTripNanos()).isEqualTo(RoundTripTime.DEFAULT_NANOS - (40 * MS) / 8);
        // The retry of 2 now waits for the measured round trip.
        now += requester.roundTripNanos() - 60 * MS;
        assertThat(due()).containsExactly(2);
    }

    @Test
    void aPlainRetransmissionOnTheMediaSsrcFillsTheGapToo() {
        arrive(1, 3);
        now += NackRequester.REORDER_ALLOWANCE_NANOS;
        assertThat(due()).containsExactly(2);
        assertThat(requester.onMediaPacket(2, now)).isEqualTo(ReceivedSequences.Arrival.OLDER);
        assertThat(stats.rtxRecovered).isEqualTo(1);
        assertThat(requester.missingCount()).isZero();
    }

    @Test
    void nothingIsAskedForLongerThanASecond() {
        arrive(1, 3);
        now += NackRequester.MAX_AGE_NANOS + MS;
        assertThat(due()).isEmpty();
        assertThat(stats.upstreamLost).isEqualTo(1);
    }

    @Test
    void sequenceNumbersWrapAt65535() {
        arrive(65533, 65534, 1, 2);
        assertThat(due()).containsExactly(65535, 0);
        assertThat(requester.onRetransmission(0, now)).isTrue();
        assertThat(requester.onRetransmission(65535, now)).isTrue();
        assertThat(requester.missingCount()).isZero();
        arrive(3, 5, 6);
        assertThat(due()).containsExactly(4);
    }

    @Test
    void aBurstOfAThousandLostPacketsYieldsBoundedNacks() {
        arrive(0, 1001);
        assertThat(stats.upstreamLost).as("beyond what is tracked: lost at once")
                .isEqualTo(1000 - MissingSequences.CAPACITY);
        now += NackRequester.REORDER_ALLOWANCE_NANOS;
        List<Integer> first = due();
        assertThat(first).as("the oldest tracked, as many as the burst allows").hasSize(NackRateLimit.BURST)
                .startsWith(1001 - MissingSequences.CAPACITY);
        int asked = first.size();
        for (int step = 0; step < 300; step++) { // three seconds, a check every 10 ms
            now += 10 * MS;
            asked += due().size();
        }
        // The rate limit: its burst, then its rate, for the second that missing packets are worth asking for.
        long bound = NackRateLimit.BURST + NackRateLimit.PER_SECOND * NackRequester.MAX_AGE_NANOS / 1_000_000_000L;
        assertThat(asked).isPositive().isLessThanOrEqualTo((int) bound);
        assertThat(stats.nacksSent).isEqualTo(asked);
        assertThat(stats.upstreamLost).as("all given up in the end").isEqualTo(1000);
        assertThat(requester.missingCount()).isZero();
    }

    @Test
    void halfOfEveryPacketLostForLongIsAskedForWithinTheRate() {
        int asked = 0;
        for (int s = 0; s < 2000; s += 2) { // 1000 packets lost, one in two, at 200 packets a second
            arrive(s);
            asked += due().size();
            now += 5 * MS;
        }
        long seconds = 2000 * 5 * MS / 1_000_000_000L;
        assertThat(asked).isLessThanOrEqualTo(NackRateLimit.BURST + NackRateLimit.PER_SECOND * (int) seconds);
        assertThat(stats.upstreamLost + requester.missingCount()).as("what was never recovered")
                .isEqualTo(999);
    }

    @Test
    void aRestartedNumberingIsFollowedNotNacked() {
        arrive(100, 101, 102);
        arrive(40_000, 40_001, 40_002);
        assertThat(due()).as("a stray jump is no gap").isEmpty();
        arrive(40_003);
        arrive(40_004, 40_006);
        now += NackRequester.REORDER_ALLOWANCE_NANOS;
        assertThat(due()).as("the restarted stream is tracked").containsExactly(40_005);

        // Backwards, into numbers already seen: the duplicates become a new stream after a run of them.
        arrive(40_005, 40_007, 40_008, 40_009, 40_010);
        int[] restart = {40_004, 40_005, 40_006, 40_007};
        ReceivedSequences.Arrival[] seen = new ReceivedSequences.Arrival[restart.length];
        for (int i = 0; i < restart.length; i++) {
            seen[i] = requester.onMediaPacket(restart[i], now);
        }
        assertThat(seen[restart.length - 1]).isEqualTo(ReceivedSequences.Arrival.RESTARTED);
        assertThat(requester.onMediaPacket(40_008, now)).isEqualTo(ReceivedSequences.Arrival.NEWER);
        assertThat(Arrays.asList(seen).subList(0, 3)).containsOnly(ReceivedSequences.Arrival.DUPLICATE);
        assertThat(requester.missingCount()).isZero();
    }
}
