package org.sanke.classroom.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sanke.classroom.Person;
import org.sanke.classroom.Role;

/**
 * Issues and checks join grants: JWTs signed with HMAC-SHA256 under the server's grant key. A person's grant lasts
 * {@link #PERSON_GRANT} (the page asks for a fresh one at every join); an invitation lasts what its issuer chose, at
 * most {@link #LONGEST_INVITATION}, and can be revoked. Older keys still verify, so a key can be rotated without
 * breaking the links already sent.
 *
 * <p>Thread-safe; checking reads memory only.
 */
public final class JoinGrants {
    public static final Duration PERSON_GRANT = Duration.ofMinutes(5);
    public static final Duration LONGEST_INVITATION = Duration.ofHours(24);
    /** A grant's token is short; anything longer is not one of ours and is not parsed. */
    public static final int MAX_TOKEN_LENGTH = 2048;
    private static final String ISSUER = "sanke";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String signingKeyId;
    private final MACSigner signer;
    private final Map<String, MACVerifier> verifiers = new LinkedHashMap<>();
    private final RevokedGrantStore revokedStore;
    private final ConcurrentHashMap<String, Instant> revoked = new ConcurrentHashMap<>();
    /** When each person last signed out: their grants issued until then are void. */
    private final ConcurrentHashMap<String, Instant> signedOut = new ConcurrentHashMap<>();
    private final Clock clock;

    /**
     * @param keys the signing key first, then older keys that still verify; each at least 32 bytes
     */
    public JoinGrants(List<byte[]> keys, RevokedGrantStore revokedStore, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a grant key is needed");
        }
        try {
            for (byte[] key : keys) {
                if (key.length < 32) {
                    throw new IllegalArgumentException("a grant key has at least 32 bytes (256 bits)");
                }
                verifiers.put(keyId(key), new MACVerifier(key));
            }
            signer = new MACSigner(keys.get(0));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable grant key: " + e.getMessage(), e);
        }
        this.signingKeyId = keyId(keys.get(0));
        this.revokedStore = revokedStore;
        this.clock = clock;
        revoked.putAll(revokedStore.unexpired(clock.instant()));
    }

    /** A new random key, for a server that was given none. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A signed grant and its token. */
    public record Issued(JoinGrant grant, String token) {
    }

    /** Leave for a signed-in person to join one lesson in one role, for the next few minutes. */
    public Issued forPerson(Person person, String lessonId, Role role) {
        Instant now = clock.instant();
        return sign(new JoinGrant(newId(), lessonId, role, person.id(), person.name(), now, now.plus(PERSON_GRANT)));
    }

    /** A link anyone holding it may use to join one lesson in one role, until it expires or is revoked. */
    public Issued invitation(String lessonId, Role role, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(LONGEST_INVITATION) > 0) {
            throw new IllegalArgumentException("an invitation lasts up to " + LONGEST_INVITATION.toHours()
                    + " hours");
        }
        Instant now = clock.instant();
        return sign(new JoinGrant(newId(), lessonId, role, null, null, now, now.plus(validFor)));
    }

    /** Whether {@code token} lets its holder into {@code lessonId} as {@code role} now. */
    public GrantCheck check(String token, String lessonId, Role role) {
        Optional<JoinGrant> read = read(token);
        if (read.isEmpty()) {
            return new GrantCheck.Invalid(GrantCheck.Reason.FORGED, "the grant is not one this server signed");
        }
        JoinGrant grant = read.get();
        if (!clock.instant().isBefore(grant.expiresAt())) {
            return new GrantCheck.Invalid(GrantCheck.Reason.EXPIRED, "the grant expired at " + grant.expiresAt());
        }
        Instant signedOutAt = grant.personId() == null ? null : signedOut.get(grant.personId());
        if (revoked.containsKey(grant.id()) || signedOutAt != null && !grant.issuedAt().isAfter(signedOutAt)) {
            return new GrantCheck.Invalid(GrantCheck.Reason.REVOKED, "the grant was withdrawn");
        }
        if (!grant.lessonId().equals(lessonId) || grant.role() != role) {
            return new GrantCheck.Invalid(GrantCheck.Reason.NOT_FOR_THIS, "the grant is for another lesson or"
                    + " another role");
        }
        return new GrantCheck.Valid(grant);
    }

    /** Reads a token whose signature is ours, expired or not; empty for anything else. */
    public Optional<JoinGrant> read(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty(); // "none" and every other algorithm refused before any check
            }
            MACVerifier verifier = verifiers.get(jwt.getHeader().getKeyID());
            if (verifier == null || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Optional<Role> role = Role.fromWireName(claims.getStringClaim("role"));
            if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null || role.isEmpty()
                    || claims.getIssueTime() == null
                    || claims.getJWTID() == null || claims.getStringClaim("lesson") == null) {
                return Optional.empty();
            }
            Long issuedMs = claims.getLongClaim("issuedMs");
            Instant issued = issuedMs != null ? Instant.ofEpochMilli(issuedMs) : claims.getIssueTime().toInstant();
            return Optional.of(new JoinGrant(claims.getJWTID(), claims.getStringClaim("lesson"), role.get(),
                    claims.getStringClaim("person"), claims.getStringClaim("name"), issued,
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes a grant back at once; whoever is in with it is put out by the caller. Writes the store: call from a
     * worker.
     */
    public void revoke(JoinGrant grant) {
        revoked.put(grant.id(), grant.expiresAt());
        revokedStore.revoke(grant.id(), grant.expiresAt());
        // What has expired needs no revocation any more: neither here nor in the store.
        Instant now = clock.instant();
        revoked.values().removeIf(expiry -> !expiry.isAfter(now));
        revokedStore.forgetExpired(now);
    }

    /**
     * Every grant issued to the person so far stops working (they signed out, or were put out): a person's grants
     * last minutes, so this is remembered for that long only.
     */
    public void revokeAllOf(String personId) {
        Instant now = clock.instant();
        signedOut.values().removeIf(at -> at.plus(PERSON_GRANT).isBefore(now));
        signedOut.put(personId, now);
    }

    private Issued sign(JoinGrant grant) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).jwtID(grant.id())
                .issueTime(Date.from(grant.issuedAt())).expirationTime(Date.from(grant.expiresAt()))
                .claim("lesson", grant.lessonId()).claim("role", grant.role().wireName())
                // "iat" has whole seconds; a sign-out is compared with the exact moment of issue
                .claim("issuedMs", grant.issuedAt().toEpochMilli());
        if (grant.personId() != null) {
            claims.claim("person", grant.personId()).claim("name", grant.name());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKeyId).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a grant", e);
        }
        return new Issued(grant, jwt.serialize());
    }

    private static String newId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
