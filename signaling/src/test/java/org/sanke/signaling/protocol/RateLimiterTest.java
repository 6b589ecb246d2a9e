package org.sanke.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long MS = 1_000_000L;

    @Test
    void burstThenRateThenFlood() {
        RateLimiter limiter = new RateLimiter(50, 100, 200, 0);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.onMessage(0)).isEqualTo(RateLimiter.Verdict.ALLOW);
        }
        assertThat(limiter.onMessage(0)).isEqualTo(RateLimiter.Verdict.REFUSE);
        assertThat(limiter.onMessage(20 * MS)).as("one token back after 20 ms").isEqualTo(RateLimiter.Verdict.ALLOW);
        RateLimiter.Verdict last = null;
        for (int i = 0; i < 199; i++) {
            last = limiter.onMessage(21 * MS + i * 10_000L);
        }
        assertThat(last).isEqualTo(RateLimiter.Verdict.FLOOD);
    }

    @Test
    void aPoliteClientIsNeverRefused() {
        RateLimiter limiter = new RateLimiter(50, 100, 200, 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.onMessage(i * 25 * MS)).isEqualTo(RateLimiter.Verdict.ALLOW);
        }
    }
}
