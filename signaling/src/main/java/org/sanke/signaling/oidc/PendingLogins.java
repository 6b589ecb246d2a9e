package org.sanke.signaling.oidc;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.sanke.signaling.oidc.OidcLoginException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins begun and not finished, by state: at most {@code capacity} of them, each usable once and only until it
 * expires. Anyone can begin a login, so the map is bounded; when full, the oldest login is forgotten.
 */
final class PendingLogins {
    private static final Logger LOG = LoggerFactory.getLogger(PendingLogins.class);

    /** What finishing a login needs from its beginning. */
    record Pending(CodeVerifier verifier, Nonce nonce, Instant expiresAt) {
    }

    private final InstantSource clock;
    private final int capacity;
    private final Duration lifetime;
    // insertion order is age order, so the expired and the oldest are at the head
    private final LinkedHashMap<String, Pending> byState = new LinkedHashMap<>();
    private Instant lastFullWarning;

    PendingLogins(InstantSource clock, int capacity, Duration lifetime) {
        this.clock = clock;
        this.capacity = capacity;
        this.lifetime = lifetime;
    }

    /** Remembers a login just begun; returns when it expires. */
    synchronized Instant add(String state, CodeVerifier verifier, Nonce nonce) {
        Instant now = clock.instant();
        boolean forgotLive = false;
        Iterator<Pending> oldestFirst = byState.values().iterator();
        while (oldestFirst.hasNext()) {
            boolean expired = isExpired(oldestFirst.next(), now);
            if (!expired && byState.size() < capacity) {
                break;
            }
            oldestFirst.remove();
            forgotLive |= !expired;
        }
        if (forgotLive && (lastFullWarning == null || now.isAfter(lastFullWarning.plus(lifetime)))) {
            lastFullWarning = now; // once per lifetime: a flood must not flood the log too
            LOG.warn("{} OIDC logins are pending: the oldest are forgotten to make room (a flood of login starts?)",
                    capacity);
        }
        Instant expiresAt = now.plus(lifetime);
        byState.put(state, new Pending(verifier, nonce, expiresAt));
        return expiresAt;
    }

    /** The login begun with this state, which cannot be taken again. */
    synchronized Pending take(String state) throws OidcLoginException {
        Pending pending = byState.remove(state);
        if (pending == null) {
            throw new OidcLoginException(Reason.UNKNOWN_STATE, "no login was begun with this state, or it was used");
        }
        if (isExpired(pending, clock.instant())) {
            throw new OidcLoginException(Reason.EXPIRED_STATE, "the login was begun more than " + lifetime.toMinutes()
                    + " minutes ago");
        }
        return pending;
    }

    private static boolean isExpired(Pending pending, Instant now) {
        return !now.isBefore(pending.expiresAt());
    }
}
