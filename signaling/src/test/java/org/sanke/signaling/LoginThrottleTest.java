package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** S2, S28: guesses per address are limited beside each account's lock. */
class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void tenAttemptsAMinutePerAddressAndOthersUnaffected() {
        for (int i = 0; i < LoginThrottle.PER_MINUTE; i++) {
            assertThat(throttle.attempt("10.0.0.7")).isTrue();
        }
        assertThat(throttle.attempt("10.0.0.7")).isFalse();
        assertThat(throttle.attempt("10.0.0.8")).as("another machine").isTrue();
        now.addAndGet(6_000_000_000L);
        assertThat(throttle.attempt("10.0.0.7")).as("one more after six seconds").isTrue();
        assertThat(throttle.attempt("10.0.0.7")).isFalse();
    }

    @Test
    void rememberedAddressesAreBounded() {
        for (int i = 0; i < LoginThrottle.ADDRESSES + 5_000; i++) {
            throttle.attempt("a" + i);
        }
        for (int i = 0; i < LoginThrottle.PER_MINUTE; i++) {
            throttle.attempt("a" + (LoginThrottle.ADDRESSES + 4_999));
        }
        assertThat(throttle.attempt("a" + (LoginThrottle.ADDRESSES + 4_999))).isFalse();
        assertThat(throttle.attempt("a0")).as("forgotten, so fresh").isTrue();
    }
}
