package org.sanke.signaling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.sanke.signaling.protocol.RateLimiter;

/**
 * Password and code guesses per address: {@value #PER_MINUTE} a minute with bursts of as many, on top of each
 * account's own lock, so that one machine cannot try a password on every account. Each address has the token
 * bucket connections use ({@link RateLimiter}); at most {@value #ADDRESSES} addresses are remembered (the least
 * recently seen forgotten first). Thread-safe.
 */
final class LoginThrottle {
    static final int PER_MINUTE = 10;
    static final int ADDRESSES = 10_000;

    private final LongSupplier nanos;
    private final Map<String, RateLimiter> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > ADDRESSES;
        }
    };

    LoginThrottle(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Takes one attempt from the address's allowance; false when it has none left. */
    synchronized boolean attempt(String address) {
        long now = nanos.getAsLong();
        // No flood verdict here: a refused attempt is simply refused.
        RateLimiter bucket = buckets.computeIfAbsent(address,
                a -> new RateLimiter(PER_MINUTE / 60.0, PER_MINUTE, Integer.MAX_VALUE, now));
        return bucket.onMessage(now) == RateLimiter.Verdict.ALLOW;
    }
}
