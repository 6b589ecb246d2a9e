package org.sanke.classroom.access;

import java.time.Instant;
import java.util.Map;

/** Grants taken back before they expire, kept until they would have expired anyway. */
public interface RevokedGrantStore {
    void revoke(String grantId, Instant expiresAt);

    /** The revoked grants not yet expired at {@code now} (read once at start). */
    Map<String, Instant> unexpired(Instant now);

    /** Forgets revocations of grants that have expired by {@code now}. */
    void forgetExpired(Instant now);

    /** Keeps nothing across a restart: for tests and throwaway runs. */
    static RevokedGrantStore inMemory() {
        Map<String, Instant> revoked = new java.util.concurrent.ConcurrentHashMap<>();
        return new RevokedGrantStore() {
            @Override
            public void revoke(String grantId, Instant expiresAt) {
                revoked.put(grantId, expiresAt);
            }

            @Override
            public Map<String, Instant> unexpired(Instant now) {
                return Map.copyOf(revoked);
            }

            @Override
            public void forgetExpired(Instant now) {
                revoked.values().removeIf(expiry -> !expiry.isAfter(now));
            }
        };
    }
}
