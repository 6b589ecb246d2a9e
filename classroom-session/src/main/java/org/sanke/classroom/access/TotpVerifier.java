package org.sanke.classroom.access;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) against a {@link TotpSecret}. Stateless and
 * thread-safe: the caller keeps, per account, the last time step a code was accepted for, passes it in, and stores
 * the step of an {@link TotpResult.Accepted} result in its place.
 *
 * <p>A code is accepted at the current time step and at the step before and after it (up to 30 s of clock drift or
 * typing delay either way, as RFC 6238 section 5.2 advises), but only when its step is after the last used step, so
 * no code works twice, nor does a code older than one already used.
 *
 * <p>Six digits can be guessed: three accepted steps give each guess a 3-in-a-million chance. The caller must limit
 * failed attempts per account (for instance a pause after five failures); this class does not count them.
 */
public final class TotpVerifier {
    /** The last used step of an account that has used no code yet: every step of the clock's era is after it. */
    public static final long NO_STEP_USED = -1;

    /** Steps accepted before and after the current one. */
    private static final int DRIFT_STEPS = 1;
    /** No step accepted yet, inside {@link #verify}. */
    private static final long NONE = Long.MIN_VALUE;

    private final Clock clock;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(
            Duration.ofSeconds(TotpSecret.PERIOD_SECONDS), TotpSecret.DIGITS,
            TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    /** A verifier on the system clock (UTC). */
    public TotpVerifier() {
        this(Clock.systemUTC());
    }

    /** A verifier on {@code clock}; tests pass a fixed one. */
    public TotpVerifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks {@code code} against {@code secret} at the clock's current time.
     *
     * @param secret       the account's secret
     * @param code         what the person typed: 6 ASCII digits; spaces (as apps show "123 456") are ignored
     * @param lastUsedStep the step of the last accepted code of this account, or {@link #NO_STEP_USED}
     * @return {@link TotpResult.Accepted} with the code's step, or {@link TotpResult.Rejected} with the reason
     */
    public TotpResult verify(TotpSecret secret, String code, long lastUsedStep) {
        Objects.requireNonNull(secret, "secret");
        byte[] typed = normalised(code);
        if (typed == null) {
            return new TotpResult.Rejected(TotpResult.Reason.MALFORMED);
        }
        long current = currentStep();
        // Every step of the window is computed and compared, whatever matched, and each comparison is constant-time,
        // so the time taken does not tell how much of a code was right. Two steps share a code about once in a
        // million; then the oldest one not yet used is taken, which leaves the later ones usable.
        long accepted = NONE;
        boolean used = false;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            boolean matches = MessageDigest.isEqual(typed, codeAt(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (matches && step > lastUsedStep && accepted == NONE) {
                accepted = step;
            } else if (matches) {
                used = true;
            }
        }
        if (accepted != NONE) {
            return new TotpResult.Accepted(accepted);
        }
        return new TotpResult.Rejected(used ? TotpResult.Reason.REPLAYED : TotpResult.Reason.WRONG);
    }

    /** The time step of the clock's current instant: whole periods since the Unix epoch (T in RFC 6238). */
    /** The code an authenticator app shows now for this secret (for clients of our own, such as tests). */
    public String currentCode(TotpSecret secret) {
        return codeAt(secret, currentStep());
    }

    long currentStep() {
        return Math.floorDiv(clock.instant().getEpochSecond(), TotpSecret.PERIOD_SECONDS);
    }

    /** The code of {@code secret} at time step {@code step}, 6 ASCII digits. */
    String codeAt(TotpSecret secret, long step) {
        try {
            return generator.generateOneTimePasswordString(secret.key(),
                    Instant.ofEpochSecond(step * TotpSecret.PERIOD_SECONDS), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA1 key of 20 bytes is always valid", e);
        }
    }

    /** The typed code as 6 ASCII digits without spaces, or null when it is not that. */
    private static byte[] normalised(String code) {
        if (code == null) {
            return null;
        }
        String digits = code.replace(" ", "");
        if (digits.length() != TotpSecret.DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return digits.getBytes(StandardCharsets.US_ASCII);
    }
}
