package org.sanke.signaling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Password and code guesses per address: {@value #PER_MINUTE} a minute with bursts of as many, on top of each
 * account's own lock, so that one machine cannot try a password on every account. At most {@value #ADDRESSES}
 * addresses are remembered (the least recently seen forgotten first). Thread-safe.
 */
final class LoginThrottle {
    static final int PER_MINUTE = 10;
    static final int ADDRESSES = 10_000;
    private static final double TOKENS_PER_NANO = PER_MINUTE / 60e9;

    private record Bucket(double tokens, long atNanos) {
    }

    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > ADDRESSES;
        }
    };

    LoginThrottle(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Takes one attempt from the address's allowance; false when it has none left. */
    synchronized boolean attempt(String address) {
        long now = nanos.getAsLong();
        Bucket bucket = buckets.get(address);
        double tokens = bucket == null ? PER_MINUTE
                : Math.min(PER_MINUTE, bucket.tokens() + (now - bucket.atNanos()) * TOKENS_PER_NANO);
        if (tokens < 1) {
            buckets.put(address, new Bucket(tokens, now));
            return false;
        }
        buckets.put(address, new Bucket(tokens - 1, now));
        return true;
    }
}
