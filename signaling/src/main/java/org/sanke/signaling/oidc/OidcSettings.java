package org.sanke.signaling.oidc;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How Sanke logs in at one OpenID Connect provider. Checked when made, so that a bad setting stops the start.
 *
 * @param issuer       the provider's issuer identifier; its metadata is read from
 *                     {@code <issuer>/.well-known/openid-configuration}
 * @param clientId     Sanke's client id at the provider
 * @param clientSecret the client secret, sent with HTTP Basic (client_secret_basic); null for a public client
 * @param redirectUri  where the provider sends the browser back to, exactly as registered at the provider
 * @param scopes       the scopes asked for; must include {@code openid}
 * @param personClaim  the ID token claim whose text names the Sanke person, for example
 *                     {@code preferred_username}, {@code sub} or {@code email}
 * @param schoolClaim  the ID token claim whose text names the school, or null when the provider says nothing about it
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, URI redirectUri, List<String> scopes,
        String personClaim, String schoolClaim) {
    public static final String DEFAULT_PERSON_CLAIM = "preferred_username";
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile");

    // plain http leaks codes and lets anyone pose as the provider; it is only for a provider on the same machine
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    public OidcSettings {
        requireUri("issuer", issuer);
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new IllegalArgumentException("OIDC issuer must have no query or fragment: " + issuer);
        }
        requireText("client id", clientId);
        if (clientSecret != null && clientSecret.isBlank()) {
            throw new IllegalArgumentException("OIDC client secret is empty: give null for a public client");
        }
        requireUri("redirect URI", redirectUri);
        if (redirectUri.getRawFragment() != null) {
            throw new IllegalArgumentException("OIDC redirect URI must have no fragment: " + redirectUri);
        }
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        if (!scopes.contains("openid")) {
            throw new IllegalArgumentException("OIDC scopes must include openid, got " + scopes);
        }
        for (String scope : scopes) {
            if (scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("OIDC scope '" + scope + "' is empty or has a space in it");
            }
        }
        requireText("person claim", personClaim);
        if (schoolClaim != null) {
            requireText("school claim", schoolClaim);
        }
    }

    /** The default scopes ({@code openid profile}), the person in {@code preferred_username}, no school claim. */
    public static OidcSettings of(URI issuer, String clientId, String clientSecret, URI redirectUri) {
        return new OidcSettings(issuer, clientId, clientSecret, redirectUri, DEFAULT_SCOPES, DEFAULT_PERSON_CLAIM,
                null);
    }

    public OidcSettings withPersonClaim(String claim) {
        return new OidcSettings(issuer, clientId, clientSecret, redirectUri, scopes, claim, schoolClaim);
    }

    public OidcSettings withSchoolClaim(String claim) {
        return new OidcSettings(issuer, clientId, clientSecret, redirectUri, scopes, personClaim, claim);
    }

    /** Everything but the secret, which a log must never show. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "none" : "(hidden)") + ", redirectUri=" + redirectUri + ", scopes=" + scopes
                + ", personClaim=" + personClaim + ", schoolClaim=" + schoolClaim + "]";
    }

    private static void requireUri(String what, URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("OIDC " + what + " must be an absolute http(s) URI with a host, got "
                    + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("OIDC " + what + " must use https (http only on localhost), got " + uri);
        }
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("OIDC " + what + " is missing");
        }
    }
}
