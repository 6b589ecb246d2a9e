package org.sanke.signaling.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanke.signaling.oidc.OidcLoginException.Reason;

/** One provider as its discovery document describes it: where its endpoints are, and how its ID tokens are checked. */
final class Provider {
    private static final int TIMEOUT_MILLIS = (int) Duration.ofSeconds(5).toMillis();
    private static final int MAX_KEY_SET_BYTES = 512 * 1024;
    // only public-key signatures: an HMAC "signature" would be keyed by the client secret, which the client also holds
    private static final Set<JWSAlgorithm> ASYMMETRIC = union(JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.EC,
            JWSAlgorithm.Family.ED);

    private final OidcSettings settings;
    private final Issuer issuer;
    private final URI authorizationEndpoint;
    private final URI tokenEndpoint;
    private final IDTokenValidator validator;

    private Provider(OidcSettings settings, OIDCProviderMetadata metadata, IDTokenValidator validator) {
        this.settings = settings;
        this.issuer = metadata.getIssuer();
        this.authorizationEndpoint = metadata.getAuthorizationEndpointURI();
        this.tokenEndpoint = metadata.getTokenEndpointURI();
        this.validator = validator;
    }

    /** Reads the provider's metadata (blocking); the key set is read when the first ID token needs it. */
    static Provider discover(OidcSettings settings) throws OidcLoginException {
        OIDCProviderMetadata metadata;
        try {
            // Nimbus also checks that the document names the issuer asked for
            metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
        } catch (IOException | GeneralException e) {
            throw unusable("its metadata cannot be read: " + e.getMessage(), e);
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getJWKSetURI() == null) {
            throw unusable("its metadata lacks the authorization, token or jwks endpoint", null);
        }
        List<CodeChallengeMethod> pkce = metadata.getCodeChallengeMethods();
        if (pkce != null && !pkce.contains(CodeChallengeMethod.S256)) {
            throw unusable("it does not support PKCE with S256", null);
        }
        Set<JWSAlgorithm> algorithms = new HashSet<>(metadata.getIDTokenJWSAlgs() == null
                ? List.of(JWSAlgorithm.RS256) : metadata.getIDTokenJWSAlgs());
        algorithms.retainAll(ASYMMETRIC);
        if (algorithms.isEmpty()) {
            throw unusable("it signs ID tokens with none of " + ASYMMETRIC, null);
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, MAX_KEY_SET_BYTES))
                    .refreshAheadCache(false) // no background threads: a refresh happens on the caller's worker
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw unusable("its jwks_uri is not a URL", e);
        }
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(algorithms, keys), null);
        return new Provider(settings, metadata, validator);
    }

    URI authorizationEndpoint() {
        return authorizationEndpoint;
    }

    Issuer issuer() {
        return issuer;
    }

    /** Trades the code, with the PKCE verifier, for the ID token (blocking). */
    JWT exchange(AuthorizationCode code, CodeVerifier verifier) throws OidcLoginException {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, settings.redirectUri(), verifier);
        ClientID client = new ClientID(settings.clientId());
        TokenRequest request = settings.clientSecret() == null
                ? new TokenRequest.Builder(tokenEndpoint, client, grant).build()
                : new TokenRequest.Builder(tokenEndpoint,
                        new ClientSecretBasic(client, new Secret(settings.clientSecret())), grant).build();
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MILLIS);
        http.setReadTimeout(TIMEOUT_MILLIS);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw unusable("its token endpoint cannot be reached: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new OidcLoginException(Reason.TOKEN_EXCHANGE_FAILED, "the token response cannot be read", e);
        }
        if (!response.indicatesSuccess()) {
            throw OidcLoginException.fromProvider(Reason.TOKEN_EXCHANGE_FAILED,
                    response.toErrorResponse().getErrorObject().getCode(), "the token endpoint refused the code");
        }
        if (!(response instanceof OIDCTokenResponse tokens) || tokens.getOIDCTokens().getIDToken() == null) {
            throw new OidcLoginException(Reason.TOKEN_EXCHANGE_FAILED, "the token response holds no ID token");
        }
        return tokens.getOIDCTokens().getIDToken();
    }

    /** The ID token's claims once its signature, issuer, audience, times and nonce are right (may read the keys). */
    Map<String, Object> validate(JWT idToken, Nonce nonce) throws OidcLoginException {
        try {
            return validator.validate(idToken, nonce).toJWTClaimsSet().toJSONObject();
        } catch (KeySourceException e) {
            throw unusable("its signing keys cannot be read: " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException | ParseException e) {
            throw new OidcLoginException(Reason.INVALID_ID_TOKEN, "the ID token is refused: " + e.getMessage(), e);
        }
    }

    private static OidcLoginException unusable(String why, Exception cause) {
        return new OidcLoginException(Reason.PROVIDER_UNAVAILABLE, "OIDC provider: " + why, cause);
    }

    private static Set<JWSAlgorithm> union(JWSAlgorithm.Family... families) {
        Set<JWSAlgorithm> all = new HashSet<>();
        for (JWSAlgorithm.Family family : families) {
            all.addAll(family);
        }
        return Set.copyOf(all);
    }
}
