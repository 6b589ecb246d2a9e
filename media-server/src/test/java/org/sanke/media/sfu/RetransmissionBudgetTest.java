package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetransmissionBudgetTest {
    private static final long MS = 1_000_000L;
    private static final int PAYLOAD = 1000;

    private static int resendsAllowed(RetransmissionBudget budget, long now) {
        int allowed = 0;
        while (allowed < 100_000 && budget.tryResend(PAYLOAD, now)) {
            allowed++;
        }
        return allowed;
    }

    @Test
    void aFreshStreamMayResendItsBurstOnly() {
        assertThat(resendsAllowed(new RetransmissionBudget(), 0))
                .isEqualTo(RetransmissionBudget.BURST_BYTES / PAYLOAD);
    }

    @Test
    void resentBytesStayWithinHalfOfWhatWasForwardedInTheWindowPlusTheBurst() {
        RetransmissionBudget budget = new RetransmissionBudget();
        long now = 5_000 * MS;
        for (int i = 0; i < 100; i++) {
            budget.onForwarded(PAYLOAD, now + i * 10 * MS);
        }
        now += 999 * MS;
        int expected = (100 * PAYLOAD * RetransmissionBudget.SHARE_PERCENT / 100 + RetransmissionBudget.BURST_BYTES)
                / PAYLOAD;
        assertThat(resendsAllowed(budget, now)).isEqualTo(expected);
        assertThat(budget.tryResend(1, now)).as("spent").isFalse();
    }

    @Test
    void theWindowSlidesSoOldTrafficNeitherFundsNorChargesResends() {
        RetransmissionBudget budget = new RetransmissionBudget();
        for (int i = 0; i < 100; i++) {
            budget.onForwarded(PAYLOAD, i * 10 * MS);
        }
        resendsAllowed(budget, 990 * MS);
        // Half a window later, the first half of the forwarded bytes and none of the resent ones have left it.
        assertThat(resendsAllowed(budget, 1_490 * MS)).isZero();
        // A whole window later everything has left: only the burst again.
        assertThat(resendsAllowed(budget, 1_990 * MS)).isEqualTo(RetransmissionBudget.BURST_BYTES / PAYLOAD);
        // Long silences (many windows) too.
        assertThat(resendsAllowed(budget, 60_000 * MS)).isEqualTo(RetransmissionBudget.BURST_BYTES / PAYLOAD);
    }
}
