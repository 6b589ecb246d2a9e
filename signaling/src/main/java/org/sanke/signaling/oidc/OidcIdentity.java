package org.sanke.signaling.oidc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who the provider says logged in, from a validated ID token.
 *
 * @param issuer  the provider's issuer identifier
 * @param subject the provider's stable id of the person ({@code sub}); with the issuer, the key to link an account to
 * @param person  the text of the configured person claim
 * @param school  the text of the configured school claim, or null when none is configured or the token lacks it
 * @param claims  every claim of the ID token, as JSON values (text, numbers, booleans, lists, maps); not modifiable
 */
public record OidcIdentity(String issuer, String subject, String person, String school, Map<String, Object> claims) {
    public OidcIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(person, "person");
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** The identity in the validated claims, read through the settings' claim mapping. */
    static OidcIdentity of(Map<String, Object> claims, OidcSettings settings) throws OidcLoginException {
        String person = text(claims, settings.personClaim());
        if (person == null) {
            throw missing(settings.personClaim());
        }
        String school = settings.schoolClaim() == null ? null : text(claims, settings.schoolClaim());
        return new OidcIdentity((String) claims.get("iss"), (String) claims.get("sub"), person, school, claims);
    }

    /** The claim's text, null when it is absent; a claim of another kind is refused rather than turned into text. */
    private static String text(Map<String, Object> claims, String name) throws OidcLoginException {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw missing(name);
        }
        return text;
    }

    private static OidcLoginException missing(String claim) {
        return new OidcLoginException(OidcLoginException.Reason.MISSING_CLAIM,
                "the ID token has no text in claim '" + claim + "'");
    }

    /** Names of minors and e-mail addresses stay out of logs: only the issuer and the claims' names. */
    @Override
    public String toString() {
        return "OidcIdentity[issuer=" + issuer + ", claims=" + claims.keySet() + "]";
    }
}
