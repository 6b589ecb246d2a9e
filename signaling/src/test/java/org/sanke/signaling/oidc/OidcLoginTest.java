package org.sanke.signaling.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponseKt;
import no.nav.security.mock.oauth2.http.OAuth2HttpRouterKt;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanke.signaling.oidc.OidcLoginException.Reason;

/**
 * The login client against a real OpenID provider: mock-oauth2-server, started on a free port for each test. It logs
 * in without a page and issues the claims a test enqueues; the test plays the browser.
 */
class OidcLoginTest {
    private static final String ISSUER_ID = "sanke-school";
    private static final String CLIENT_ID = "sanke";
    private static final String CLIENT_SECRET = "classroom-secret";
    // never served: the provider only puts it in its redirect, which the test reads instead of following
    private static final URI REDIRECT = URI.create("https://sanke.example/oidc/callback");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T08:00:00Z"));
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private MockOAuth2Server provider;
    private OidcSettings settings;

    @BeforeEach
    void startProvider() {
        startProvider(new OAuth2Config());
    }

    /** (Re)starts the provider, on a free port, with its own configuration and any routes that replace its own. */
    private void startProvider(OAuth2Config config, Route... replacedRoutes) {
        if (provider != null) {
            provider.shutdown();
        }
        provider = new MockOAuth2Server(config, replacedRoutes);
        provider.start(0);
        URI issuer = URI.create("http://localhost:" + provider.url("/").port() + "/" + ISSUER_ID);
        settings = OidcSettings.of(issuer, CLIENT_ID, CLIENT_SECRET, REDIRECT).withSchoolClaim("school");
    }

    @AfterEach
    void stopProvider() {
        provider.shutdown();
    }

    @Test
    void aLoginGivesTheIdentityOfTheValidatedIdToken() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        issue("4f1c-subject", Map.of("preferred_username", "ada.teacher", "school", "north-primary",
                "email", "ada@north.example"));

        OidcLogin.Start start = login.begin();
        URI callback = authorize(start.authorizationUri());
        assertThat(callback.toString()).startsWith(REDIRECT + "?");
        assertThat(query(callback)).containsEntry("state", start.state()).containsKey("code");
        OidcIdentity identity = login.finish(callback);

        assertThat(identity.issuer()).isEqualTo(settings.issuer().toString());
        assertThat(identity.subject()).isEqualTo("4f1c-subject");
        assertThat(identity.person()).isEqualTo("ada.teacher");
        assertThat(identity.school()).isEqualTo("north-primary");
        assertThat(identity.claims()).containsEntry("email", "ada@north.example")
                .containsEntry("aud", CLIENT_ID)
                .containsEntry("nonce", query(start.authorizationUri()).get("nonce"))
                .containsKey("exp");
        assertThat(identity.toString()).contains("email").doesNotContain("ada");
        assertThat(start.expiresAt()).isEqualTo(now.get().plus(OidcLogin.PENDING_LIFETIME));
    }

    @Test
    void theAuthorizationRequestCarriesStateNonceAndAnS256Challenge() throws Exception {
        OidcLogin.Start start = new OidcLogin(settings, now::get).begin();
        Map<String, String> request = query(start.authorizationUri());

        assertThat(start.authorizationUri().getPath()).isEqualTo("/" + ISSUER_ID + "/authorize");
        assertThat(request).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", REDIRECT.toString()).containsEntry("scope", "openid profile")
                .containsEntry("state", start.state()).containsEntry("code_challenge_method", "S256");
        assertThat(request.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(request.get("nonce")).hasSizeGreaterThanOrEqualTo(22);
        OidcLogin.Start another = new OidcLogin(settings, now::get).begin();
        assertThat(query(another.authorizationUri()).get("code_challenge")).isNotEqualTo(request.get("code_challenge"));
        assertThat(another.state()).isNotEqualTo(start.state());
    }

    @Test
    void theCodeIsExchangedWithTheVerifierOfItsChallengeAndBasicAuthentication() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        issue("4f1c-subject", Map.of("preferred_username", "ada.teacher"));
        OidcLogin.Start start = login.begin();
        login.finish(authorize(start.authorizationUri()));

        RecordedRequest token = requestTo("/" + ISSUER_ID + "/token");
        Map<String, String> form = form(token.getUtf8Body());
        CodeChallenge sent = CodeChallenge.parse(query(start.authorizationUri()).get("code_challenge"));
        assertThat(CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(form.get("code_verifier"))))
                .isEqualTo(sent);
        assertThat(form).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", REDIRECT.toString()).doesNotContainKey("client_secret");
        assertThat(token.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPublicClientNamesItselfInTheFormInstead() throws Exception {
        settings = OidcSettings.of(settings.issuer(), CLIENT_ID, null, REDIRECT);
        OidcLogin login = new OidcLogin(settings, now::get);
        issue("4f1c-subject", Map.of("preferred_username", "ada.teacher"));
        assertThat(login.finish(authorize(login.begin().authorizationUri())).person()).isEqualTo("ada.teacher");

        RecordedRequest token = requestTo("/" + ISSUER_ID + "/token");
        assertThat(form(token.getUtf8Body())).containsEntry("client_id", CLIENT_ID).containsKey("code_verifier");
        assertThat(token.getHeader("Authorization")).isNull();
    }

    @Test
    void aCodeBroughtBackUnderAnotherLoginsStateFailsThePkceCheck() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        URI victims = authorize(login.begin().authorizationUri());
        OidcLogin.Start attackers = login.begin();

        URI mixed = withQuery(victims, "code", query(victims).get("code"), "state", attackers.state());
        assertRefused(() -> login.finish(mixed), Reason.TOKEN_EXCHANGE_FAILED, "invalid_grant");
    }

    @Test
    void aCallbackThatNamesAnotherIssuerIsRefused() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        URI mixedUp = grantedCallback(login);
        URI named = grantedCallback(login);

        assertRefused(() -> login.finish(withIssuer(mixedUp, "https://elsewhere.example")), Reason.INVALID_CALLBACK,
                "another issuer");
        assertThat(login.finish(withIssuer(named, settings.issuer().toString())).person()).isEqualTo("ada.teacher");
    }

    @Test
    void aStateIsUsableOnce() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        URI callback = grantedCallback(login);
        login.finish(callback);

        assertRefused(() -> login.finish(callback), Reason.UNKNOWN_STATE, "no login was begun");
    }

    @Test
    void aStateNeverIssuedIsUnknown() {
        OidcLogin login = new OidcLogin(settings, now::get);
        assertRefused(() -> login.finish(withQuery(REDIRECT, "code", "stolen", "state", "made-up")),
                Reason.UNKNOWN_STATE, "no login was begun");
        assertRefused(() -> login.finish(withQuery(REDIRECT, "code", "stolen")), Reason.INVALID_CALLBACK, "no state");
        assertRefused(() -> login.finish(REDIRECT), Reason.INVALID_CALLBACK, "not an authorisation response");
    }

    @Test
    void theProvidersErrorIsReportedAndUsesTheStateUp() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        OidcLogin.Start start = login.begin();
        URI granted = authorize(start.authorizationUri());

        assertRefused(() -> login.finish(withQuery(REDIRECT, "error", "access_denied", "state", start.state())),
                Reason.PROVIDER_ERROR, "access_denied");
        assertRefused(() -> login.finish(granted), Reason.UNKNOWN_STATE, "no login was begun");

        // an error code is the browser's text: what could forge a log line or markup is not passed on
        String next = login.begin().state();
        assertRefused(() -> login.finish(withQuery(REDIRECT, "error", "denied\nINFO forged", "state", next)),
                Reason.INVALID_CALLBACK, "not an authorisation response");
        assertThatThrownBy(() -> login.finish(withQuery(REDIRECT, "error", "denied <b>", "state", next)))
                .isInstanceOfSatisfying(OidcLoginException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PROVIDER_ERROR);
                    assertThat(e.providerError()).isEqualTo("unreadable");
                    assertThat(e.getMessage()).doesNotContain("<b>");
                });
    }

    @Test
    void aLoginExpiresAfterItsLifetime() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        URI inTime = grantedCallback(login);
        URI late = grantedCallback(login);

        now.updateAndGet(t -> t.plus(OidcLogin.PENDING_LIFETIME).minusSeconds(1));
        assertThat(login.finish(inTime).person()).isEqualTo("ada.teacher");
        now.updateAndGet(t -> t.plusSeconds(1));
        assertRefused(() -> login.finish(late), Reason.EXPIRED_STATE, "10 minutes");
    }

    @Test
    void theOldestPendingLoginIsForgottenWhenTooManyAreBegun() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        List<String> states = new ArrayList<>();
        for (int i = 0; i <= OidcLogin.MAX_PENDING; i++) {
            states.add(login.begin().state());
        }

        assertRefused(() -> login.finish(withQuery(REDIRECT, "code", "x", "state", states.get(0))),
                Reason.UNKNOWN_STATE, "no login was begun");
        // still known: the made-up code gets as far as the provider, which refuses it
        assertRefused(() -> login.finish(withQuery(REDIRECT, "code", "x", "state", states.get(1))),
                Reason.TOKEN_EXCHANGE_FAILED, "invalid_grant");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        assertIdTokenRefused(Map.of("preferred_username", "ada.teacher", "aud", "another-client"), 3600, "audience");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        assertIdTokenRefused(Map.of("preferred_username", "ada.teacher", "nonce", "replayed-nonce"), 3600, "nonce");
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() throws Exception {
        assertIdTokenRefused(Map.of("preferred_username", "ada.teacher", "iss", "https://elsewhere.example"), 3600,
                "issuer");
    }

    @Test
    void anIdTokenTheProvidersKeysDoNotVerifyIsRefused() throws Exception {
        // the provider signs as always, but publishes another key under the same key id: a forged token, in effect
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(ISSUER_ID).generate();
        startProvider(new OAuth2Config(), OAuth2HttpRouterKt.get("/" + ISSUER_ID + "/jwks",
                request -> OAuth2HttpResponseKt.json(new JWKSet(otherKey.toPublicJWK()).toJSONObject())));

        assertIdTokenRefused(Map.of("preferred_username", "ada.teacher"), 3600, "signature");
    }

    @Test
    void anIdTokenIssuedInTheFutureIsRefused() throws Exception {
        startProvider(providerClockAt(Instant.now().plus(Duration.ofHours(1))));
        assertIdTokenRefused(Map.of("preferred_username", "ada.teacher"), 3600, "issue time ahead");
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        // the provider counts expires_in from the token's exp, so the token response itself is malformed (negative
        // expires_in) and is refused before the ID token's own expiry is looked at
        startProvider(providerClockAt(Instant.now().minus(Duration.ofHours(2))));
        OidcLogin login = new OidcLogin(settings, now::get);
        URI callback = grantedCallback(login);

        assertRefused(() -> login.finish(callback), Reason.TOKEN_EXCHANGE_FAILED, "cannot be read");
    }

    @Test
    void aTokenWithoutThePersonClaimIsRefused() throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        issue("4f1c-subject", Map.of("name", "Ada", "school", "north-primary"));
        URI callback = authorize(login.begin().authorizationUri());

        assertRefused(() -> login.finish(callback), Reason.MISSING_CLAIM, "'preferred_username'");
    }

    @Test
    void theClaimMappingReadsTheConfiguredClaims() throws Exception {
        OidcLogin bySubject = new OidcLogin(settings.withPersonClaim("sub").withSchoolClaim(null), now::get);
        issue("4f1c-subject", Map.of("preferred_username", "ada.teacher", "school", "north-primary"));
        OidcIdentity identity = bySubject.finish(authorize(bySubject.begin().authorizationUri()));
        assertThat(identity.person()).isEqualTo("4f1c-subject");
        assertThat(identity.school()).isNull();

        OidcLogin byCustomClaims = new OidcLogin(settings.withPersonClaim("sanke_person")
                .withSchoolClaim("sanke_school"), now::get);
        issue("4f1c-subject", Map.of("sanke_person", "p-1093"));
        identity = byCustomClaims.finish(authorize(byCustomClaims.begin().authorizationUri()));
        assertThat(identity.person()).isEqualTo("p-1093");
        assertThat(identity.school()).as("a school claim the token lacks").isNull();

        issue("4f1c-subject", Map.of("sanke_person", List.of("p-1093", "p-1094")));
        URI listed = authorize(byCustomClaims.begin().authorizationUri());
        assertRefused(() -> byCustomClaims.finish(listed), Reason.MISSING_CLAIM, "'sanke_person'");
    }

    @Test
    void anUnreachableProviderIsReportedAsSuch() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OidcLogin login = new OidcLogin(OidcSettings.of(URI.create("http://localhost:" + closedPort + "/nobody"),
                CLIENT_ID, CLIENT_SECRET, REDIRECT), now::get);

        assertRefused(login::connect, Reason.PROVIDER_UNAVAILABLE, "metadata cannot be read");
        assertRefused(login::begin, Reason.PROVIDER_UNAVAILABLE, "metadata cannot be read");
    }

    private void assertIdTokenRefused(Map<String, ?> claims, long expirySeconds, String why) throws Exception {
        OidcLogin login = new OidcLogin(settings, now::get);
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "4f1c-subject", "JWT", null, claims,
                expirySeconds));
        URI callback = authorize(login.begin().authorizationUri());

        assertRefused(() -> login.finish(callback), Reason.INVALID_ID_TOKEN, why);
    }

    /** A provider whose clock is off: every token it issues is dated by it. */
    private static OAuth2Config providerClockAt(Instant time) {
        return new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(new KeyProvider(), time));
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String why) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OidcLoginException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).containsIgnoringCase(why);
        });
    }

    /** The claims of the next token the provider issues for this issuer. */
    private void issue(String subject, Map<String, ?> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, claims, 3600));
    }

    /** A login begun and granted at the provider, whose token will name Ada: the callback that finishes it. */
    private URI grantedCallback(OidcLogin login) throws Exception {
        issue("4f1c-subject", Map.of("preferred_username", "ada.teacher"));
        return authorize(login.begin().authorizationUri());
    }

    /** The browser at the provider: the answer is the redirect back to Sanke, not followed. */
    private URI authorize(URI authorizationUri) throws Exception {
        HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(authorizationUri).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    /** The provider's record of the first request to this path. */
    private RecordedRequest requestTo(String path) {
        for (int i = 0; i < 10; i++) {
            RecordedRequest request = provider.takeRequest(2, TimeUnit.SECONDS);
            if (request.getRequestUrl().encodedPath().equals(path)) {
                return request;
            }
        }
        throw new AssertionError("no request to " + path);
    }

    private static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The callback as a provider that names itself (RFC 9207) sends it. */
    private static URI withIssuer(URI callback, String issuer) {
        return URI.create(callback + "&iss=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8));
    }

    private static URI withQuery(URI base, String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.append(query.isEmpty() ? "" : "&").append(namesAndValues[i]).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(base.toString().replaceFirst("\\?.*", "") + "?" + query);
    }
}
