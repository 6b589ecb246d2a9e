package org.sanke.signaling.oidc;

import java.util.regex.Pattern;

/** A login that cannot finish, and why. The message never holds tokens, codes or claim values. */
public final class OidcLoginException extends Exception {
    /** Why the login failed; the first four are the browser's doing (start again), the others the provider's. */
    public enum Reason {
        /** The callback is not an authorisation response: no state, no code, or another issuer's. */
        INVALID_CALLBACK,
        /** The state was never issued here, was already used, or was forgotten to make room. */
        UNKNOWN_STATE,
        /** The state was issued here but the login took longer than it may. */
        EXPIRED_STATE,
        /** The provider sent an {@code error} instead of a code, for example {@code access_denied}. */
        PROVIDER_ERROR,
        /** The provider could not be reached, or its metadata or keys are unusable. */
        PROVIDER_UNAVAILABLE,
        /** The token endpoint refused the code or answered without an ID token. */
        TOKEN_EXCHANGE_FAILED,
        /** The ID token's signature, issuer, audience, expiry or nonce is wrong. */
        INVALID_ID_TOKEN,
        /** The ID token lacks the claim that names the person (or holds something other than text there). */
        MISSING_CLAIM
    }

    // an error code comes from the browser's query string: only its harmless characters reach a log or a message
    private static final Pattern SAFE_ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Reason reason;
    private final String providerError;

    OidcLoginException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    OidcLoginException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    private OidcLoginException(Reason reason, String message, String providerError, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.providerError = providerError;
    }

    /** An OAuth error code sent by the provider, with {@code reason} PROVIDER_ERROR or TOKEN_EXCHANGE_FAILED. */
    static OidcLoginException fromProvider(Reason reason, String errorCode, String message) {
        String code = errorCode != null && SAFE_ERROR_CODE.matcher(errorCode).matches() ? errorCode : "unreadable";
        return new OidcLoginException(reason, message + ": " + code, code, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The provider's OAuth error code ({@code access_denied}, {@code invalid_grant}…), or null. */
    public String providerError() {
        return providerError;
    }
}
