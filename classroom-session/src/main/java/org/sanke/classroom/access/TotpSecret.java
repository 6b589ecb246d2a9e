package org.sanke.classroom.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * The shared secret of one TOTP second factor (RFC 6238): 160 random bits, as RFC 4226 recommends, known to the
 * server and to the person's authenticator app.
 *
 * <p>Enrolment: {@link #generate()} a secret, show {@link #otpauthUri} as a QR code (and {@link #base32()} for manual
 * entry), have the person type one code back through {@link TotpVerifier#verify}, and only then store
 * {@link #base32()} with the account. Later, {@link #fromBase32} turns the stored form back into a secret.
 *
 * <p>Codes are HMAC-SHA1, 6 digits, 30 seconds: the parameters Google Authenticator, Microsoft Authenticator and the
 * WeChat authenticator mini-programs support (several ignore any other value written in the URI).
 *
 * <p>The stored form is the secret itself, not a hash: the server must compute codes from it. Whoever reads the
 * account store can therefore compute codes; keep it as confidential as the store's other credentials.
 * {@link #toString()} never shows it.
 */
public final class TotpSecret {
    /** The issuer shown in authenticator apps, above the account label. */
    public static final String ISSUER = "Sanke";

    /** The HMAC of the codes, by its otpauth name; {@link #MAC_ALGORITHM} is the JDK's. */
    static final String ALGORITHM = "SHA1";
    static final String MAC_ALGORITHM = "HmacSHA1";
    /** Digits in a code. */
    static final int DIGITS = 6;
    /** Seconds one code lasts: the length of one time step. */
    static final int PERIOD_SECONDS = 30;

    private static final int BYTES = 20;
    /** 20 bytes are exactly 32 Base32 characters: no padding. */
    private static final Pattern STORED_FORM = Pattern.compile("[A-Z2-7]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private TotpSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A new secret: 160 bits from {@link SecureRandom}. */
    public static TotpSecret generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new TotpSecret(bytes);
    }

    /**
     * The secret whose stored form is {@code stored}, as {@link #base32()} gave it.
     *
     * @throws IllegalArgumentException when {@code stored} is not 32 characters of upper-case Base32 (A–Z, 2–7)
     */
    public static TotpSecret fromBase32(String stored) {
        if (stored == null || !STORED_FORM.matcher(stored).matches()) {
            throw new IllegalArgumentException("not the stored form of a TOTP secret (32 characters A-Z, 2-7)");
        }
        return new TotpSecret(Base32.decode(stored));
    }

    /**
     * The stored form: the 160 bits in upper-case Base32 (RFC 4648) without padding, 32 characters. It is also what a
     * person types into an authenticator app that cannot scan the QR code.
     */
    public String base32() {
        return Base32.toBase32String(bytes);
    }

    /**
     * The {@code otpauth://totp/} URI that authenticator apps read from a QR code, in the Key URI Format of Google
     * Authenticator: label {@code issuer:accountLabel}, and the parameters {@code secret}, {@code issuer},
     * {@code algorithm=SHA1}, {@code digits=6} and {@code period=30}. Issuer and label are percent-encoded as UTF-8,
     * so any script works.
     *
     * @param issuer who issued the secret, usually {@link #ISSUER}
     * @param accountLabel which account the code is for, such as the login name; shown in the app below the issuer
     * @throws IllegalArgumentException when either is blank or contains a colon, which the format reserves
     */
    public String otpauthUri(String issuer, String accountLabel) {
        String encodedIssuer = percentEncode(checkLabelPart("issuer", issuer));
        String encodedAccount = percentEncode(checkLabelPart("account label", accountLabel));
        return "otpauth://totp/" + encodedIssuer + ":" + encodedAccount
                + "?secret=" + base32()
                + "&issuer=" + encodedIssuer
                + "&algorithm=" + ALGORITHM
                + "&digits=" + DIGITS
                + "&period=" + PERIOD_SECONDS;
    }

    /** The HMAC key of the codes, a fresh object for each use. */
    SecretKeySpec key() {
        return new SecretKeySpec(bytes, MAC_ALGORITHM);
    }

    private static String checkLabelPart(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the " + what + " of a TOTP URI must be non-blank and contain no ':'");
        }
        return value;
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (a space is %20, never '+'). */
    private static String percentEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    /** Equal when the secrets are the same bits (compared in constant time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSecret secret && MessageDigest.isEqual(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never the secret: this text may end up in logs. */
    @Override
    public String toString() {
        return "TotpSecret[redacted]";
    }
}
