package org.sanke.signaling.oidc;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.sanke.signaling.oidc.OidcLoginException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a person in at one OpenID Connect provider: the authorisation code flow with PKCE (S256), state and nonce.
 * {@link #begin()} gives the URL to send the browser to; {@link #finish(URI)} turns the browser's return to the
 * redirect URI into the identity of a validated ID token.
 *
 * <p>Thread-safe. {@link #connect()}, the first {@link #begin()} and every {@link #finish(URI)} make blocking HTTP
 * calls to the provider (5 s to connect, 5 s to read, each): call them on a worker thread, never an event loop.
 *
 * <p>This class knows which states it issued, not which browser holds them. Against login CSRF (someone else's
 * callback fed to a victim's browser), the caller ties {@link Start#state()} to the browser that began, in a
 * short-lived cookie for example, and compares it before calling {@link #finish(URI)}.
 */
public final class OidcLogin {
    /** How many logins may be pending at once; beyond it the oldest is forgotten. */
    public static final int MAX_PENDING = 10_000;
    /** How long a begun login may take. */
    public static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);

    /**
     * A login begun.
     *
     * @param authorizationUri where to redirect the browser
     * @param state            the value that comes back on the callback; a secret of this login until then
     * @param expiresAt        when the login can no longer be finished
     */
    public record Start(URI authorizationUri, String state, Instant expiresAt) {
    }

    private final OidcSettings settings;
    private final PendingLogins pending;
    private final Object discovery = new Object();
    private volatile Provider provider; // null until discovered; a failed discovery is tried again by the next call

    /** A login client on the system clock; nothing is fetched until {@link #connect()} or {@link #begin()}. */
    public OidcLogin(OidcSettings settings) {
        this(settings, InstantSource.system());
    }

    /** @param clock what pending logins expire by (any {@link java.time.Clock} will do) */
    public OidcLogin(OidcSettings settings, InstantSource clock) {
        this.settings = settings;
        this.pending = new PendingLogins(clock, MAX_PENDING, PENDING_LIFETIME);
    }

    /** Reads the provider's metadata now, so that a wrong issuer shows at start (blocking). Idempotent. */
    public void connect() throws OidcLoginException {
        provider();
    }

    /** Begins a login: a fresh state, nonce and PKCE verifier, remembered until finished or expired. */
    public Start begin() throws OidcLoginException {
        Provider known = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        Instant expiresAt = pending.add(state.getValue(), verifier, nonce);
        Scope scope = new Scope(settings.scopes().toArray(String[]::new));
        URI uri = new AuthenticationRequest.Builder(ResponseType.CODE, scope, new ClientID(settings.clientId()),
                settings.redirectUri())
                .endpointURI(known.authorizationEndpoint())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        LOG.debug("OIDC login begun");
        return new Start(uri, state.getValue(), expiresAt);
    }

    /**
     * Finishes the login the callback belongs to (blocking): its state is used up whatever the outcome.
     *
     * @param callbackUri the URI the browser came back on; only its query (or fragment) is read, so the host and
     *                    path may be as a reverse proxy rewrote them
     */
    public OidcIdentity finish(URI callbackUri) throws OidcLoginException {
        try {
            OidcIdentity identity = complete(callbackUri);
            LOG.info("OIDC login finished");
            return identity;
        } catch (OidcLoginException e) {
            LOG.info("OIDC login refused: {}{}", e.reason(), e.providerError() == null ? "" : " " + e.providerError());
            throw e;
        }
    }

    private OidcIdentity complete(URI callbackUri) throws OidcLoginException {
        AuthenticationResponse response = authorisationResponse(callbackUri);
        PendingLogins.Pending login = pending.take(response.getState().getValue());
        if (!response.indicatesSuccess()) {
            throw OidcLoginException.fromProvider(Reason.PROVIDER_ERROR,
                    response.toErrorResponse().getErrorObject().getCode(), "the provider refused the login");
        }
        Provider known = provider();
        AuthenticationSuccessResponse success = response.toSuccessResponse();
        // RFC 9207: a provider that names itself on the callback must be the one this login went to
        if (success.getIssuer() != null && !success.getIssuer().equals(known.issuer())) {
            throw new OidcLoginException(Reason.INVALID_CALLBACK, "the callback comes from another issuer");
        }
        AuthorizationCode code = success.getAuthorizationCode();
        if (code == null) {
            throw new OidcLoginException(Reason.INVALID_CALLBACK, "the callback has no authorisation code");
        }
        return OidcIdentity.of(known.validate(known.exchange(code, login.verifier()), login.nonce()), settings);
    }

    /** The callback's success or error response, which names its login by its state. */
    private static AuthenticationResponse authorisationResponse(URI callbackUri) throws OidcLoginException {
        try {
            AuthenticationResponse response = AuthenticationResponseParser.parse(callbackUri);
            if (response.getState() == null) {
                throw new OidcLoginException(Reason.INVALID_CALLBACK, "the callback has no state");
            }
            return response;
        } catch (ParseException e) {
            throw new OidcLoginException(Reason.INVALID_CALLBACK, "the callback is not an authorisation response", e);
        }
    }

    private Provider provider() throws OidcLoginException {
        Provider known = provider;
        if (known == null) {
            synchronized (discovery) {
                known = provider;
                if (known == null) {
                    known = Provider.discover(settings);
                    provider = known;
                }
            }
        }
        return known;
    }
}
