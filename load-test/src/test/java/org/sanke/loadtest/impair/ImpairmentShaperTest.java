package org.sanke.loadtest.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shaper's decisions on a clock the test drives: exact, with no sockets or scheduling in the way. */
class ImpairmentShaperTest {
    private static final long START = -5_000_000_000L; // nanoTime may be negative: arithmetic must not care
    private static final long MS = 1_000_000;

    @Test
    void capacitySerialisesPacketsOneAfterAnother() {
        LinkShaper shaper = new LinkShaper(1, START);
        LinkProfile oneKilobytePerSecond = LinkProfile.clean().withRateAndQueueBytes(8000, 10_000)
                .withDelay(Duration.ofMillis(30));

        List<Long> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(shaper.admitDatagram(oneKilobytePerSecond, 100, START).deliverAt() - START);
        }

        assertThat(deliveries).containsExactly(130 * MS, 230 * MS, 330 * MS);
    }

    @Test
    void fullQueueTailDropsAndRefillsAsItDrains() {
        LinkShaper shaper = new LinkShaper(1, START);
        LinkProfile profile = LinkProfile.clean().withRateAndQueueBytes(8000, 1500);

        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            if (shaper.admitDatagram(profile, 100, START).fate() == Admission.Fate.FORWARD) {
                admitted++;
            }
        }
        assertThat(admitted).as("1500 bytes of queue hold 15 packets of 100").isEqualTo(15);

        // 500 ms later the link has sent 500 bytes: exactly 5 more fit
        int later = 0;
        for (int i = 0; i < 10; i++) {
            if (shaper.admitDatagram(profile, 100, START + 500 * MS).fate() == Admission.Fate.FORWARD) {
                later++;
            }
        }
        assertThat(later).isEqualTo(5);
    }

    @Test
    void withoutCapacityNothingIsQueueDropped() {
        LinkShaper shaper = new LinkShaper(1, START);
        for (int i = 0; i < 100_000; i++) {
            assertThat(shaper.admitDatagram(LinkProfile.clean(), 1200, START).fate()).isEqualTo(Admission.Fate.FORWARD);
        }
    }

    @Test
    void jitterKeepsOrderUnlessReorderIsAllowed() {
        LinkProfile jittery = LinkProfile.clean().withDelay(Duration.ofMillis(30))
                .withJitter(Duration.ofMillis(20), JitterShape.UNIFORM);

        assertThat(inversions(jittery)).isZero();
        assertThat(inversions(jittery.withReorderAllowed(true))).as("the same jitter reorders when allowed")
                .isGreaterThan(100);
    }

    @Test
    void normalJitterHasTheConfiguredSpread() {
        LinkShaper shaper = new LinkShaper(3, START);
        LinkProfile profile = LinkProfile.clean().withDelay(Duration.ofMillis(100))
                .withJitter(Duration.ofMillis(10), JitterShape.NORMAL).withReorderAllowed(true);
        int n = 50_000;
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++) {
            double delayMs = (shaper.admitDatagram(profile, 100, START).deliverAt() - START) / (double) MS;
            sum += delayMs;
            sumOfSquares += delayMs * delayMs;
        }
        double mean = sum / n;
        double deviation = Math.sqrt(sumOfSquares / n - mean * mean);
        assertThat(mean).isBetween(99.7, 100.3);
        assertThat(deviation).isBetween(9.7, 10.3);
    }

    @Test
    void independentLossMatchesTheShare() {
        LinkShaper shaper = new LinkShaper(7, START);
        int n = 200_000;
        int lost = 0;
        for (int i = 0; i < n; i++) {
            if (shaper.admitDatagram(LinkProfile.lossy(), 100, START).fate() == Admission.Fate.LOST) {
                lost++;
            }
        }
        assertThat((double) lost / n).isCloseTo(0.05, offset(binomialTolerance(n, 0.05)));
    }

    @Test
    void burstLossKeepsTheShareAndTheMeanBurstLength() {
        LinkShaper shaper = new LinkShaper(11, START);
        LinkProfile bursty = LinkProfile.clean().withBurstLoss(0.10, 4);
        int n = 200_000;
        int lost = 0;
        int bursts = 0;
        boolean previousLost = false;
        for (int i = 0; i < n; i++) {
            boolean isLost = shaper.admitDatagram(bursty, 100, START).fate() == Admission.Fate.LOST;
            if (isLost) {
                lost++;
                if (!previousLost) {
                    bursts++;
                }
            }
            previousLost = isLost;
        }
        // bursts make losses correlated, so the share varies more than a binomial one: a wider band
        assertThat((double) lost / n).isBetween(0.09, 0.11);
        assertThat((double) lost / bursts).as("mean burst length").isBetween(3.7, 4.3);
    }

    @Test
    void streamWaitsForRoomInsteadOfDropping() {
        LinkShaper shaper = new LinkShaper(1, START);
        LinkProfile profile = LinkProfile.clean().withRateAndQueueBytes(8000, 1500);
        for (int i = 0; i < 15; i++) {
            assertThat(shaper.streamQueueWait(profile, 100, START)).isZero();
            shaper.scheduleStream(profile, 100, START);
        }
        assertThat(shaper.streamQueueWait(profile, 100, START)).as("room for 100 more bytes after 100 ms")
                .isEqualTo(100 * MS);
        assertThat(shaper.streamQueueWait(profile, 100, START + 100 * MS)).isZero();
    }

    /** Four and a half standard deviations of a binomial share: a correct shaper fails about once in 150 000 runs. */
    static double binomialTolerance(int n, double share) {
        return 4.5 * Math.sqrt(share * (1 - share) / n);
    }

    private static int inversions(LinkProfile profile) {
        LinkShaper shaper = new LinkShaper(5, START);
        int inversions = 0;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 5000; i++) {
            long deliverAt = shaper.admitDatagram(profile, 100, START + i * MS / 2).deliverAt() - START;
            if (deliverAt < previous) {
                inversions++;
            }
            previous = deliverAt;
        }
        return inversions;
    }
}
