package org.sanke.classroom.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One-time recovery codes, for a person who has lost their authenticator: {@link #COUNT} of them come with each TOTP
 * enrolment, are shown once, and each lets its holder past the second factor once.
 *
 * <p>A code is 10 characters from Crockford's Base32 alphabet, shown in lower case as {@code xxxxx-xxxxx}: 50 random
 * bits. The alphabet has no i, l, o or u; when a code is redeemed, case, spaces and hyphens do not matter, and o is
 * read as 0, i and l as 1, so a code copied from paper by hand still works.
 *
 * <p>Only a salted SHA-256 of each code is stored ({@link Issued#storedHashes()}), never the code. A fast hash is
 * enough here, where a password needs a slow one (Argon2id), because the code is not chosen by a person: it is 50
 * uniformly random bits, so there is no dictionary of likely codes to try first, and guessing through the login is
 * stopped long before by the caller's limit on failed attempts. The random salt of each code makes someone who copied
 * the whole store attack each code on its own, instead of every account's codes with each guess. Such a person can
 * read the accounts' TOTP secrets anyway (the server needs them to compute codes), so a slow hash here would make no
 * account safer, and would cost a noticeable delay for each of the ten codes compared at every redemption.
 *
 * <p>Stateless: the account store keeps the stored hashes of the codes not yet used, and removes the one that
 * {@link #redeem} returns.
 */
public final class RecoveryCodes {
    /** Codes issued with each enrolment. */
    public static final int COUNT = 10;

    /** Crockford's Base32 alphabet in lower case: 32 symbols, so 5 bits a character. */
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int LENGTH = 10;
    private static final int SALT_BYTES = 16;
    private static final String SCHEME = "sha256";
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    /**
     * The codes of one enrolment, and their stored form.
     *
     * @param codes        the {@link #COUNT} codes, all different, to show the person once and then forget
     * @param storedHashes what the account store keeps, one for each code in the same order:
     *                     {@code sha256:<salt in hex>:<hash in hex>}, which says nothing of the code
     */
    public record Issued(List<String> codes, List<String> storedHashes) {
        public Issued {
            codes = List.copyOf(codes);
            storedHashes = List.copyOf(storedHashes);
        }

        /** Never the codes: this text may end up in logs. */
        @Override
        public String toString() {
            return "RecoveryCodes.Issued[" + codes.size() + " codes, redacted]";
        }
    }

    /** {@link #COUNT} new codes, all different, with their stored hashes. */
    public static Issued generate() {
        return generate(RANDOM);
    }

    /** {@link #generate()} from {@code random}, which only tests choose. */
    static Issued generate(RandomGenerator random) {
        List<String> codes = new ArrayList<>();
        List<String> storedHashes = new ArrayList<>();
        while (codes.size() < COUNT) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < LENGTH; i++) {
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String canonical = code.toString();
            String shown = canonical.substring(0, LENGTH / 2) + "-" + canonical.substring(LENGTH / 2);
            if (!codes.contains(shown)) {
                byte[] salt = new byte[SALT_BYTES];
                random.nextBytes(salt);
                codes.add(shown);
                storedHashes.add(SCHEME + ":" + HEX.formatHex(salt) + ":" + HEX.formatHex(hash(salt, canonical)));
            }
        }
        return new Issued(codes, storedHashes);
    }

    /**
     * Which of the stored hashes {@code code} belongs to: the one to remove from the account, so that the code does
     * not work again. Empty when the code is none of them, or not a recovery code at all.
     *
     * @param code         what the person typed; case, spaces and hyphens are ignored, o is read as 0, i and l as 1
     * @param storedHashes the account's stored hashes of the codes not yet used
     * @throws IllegalArgumentException when a stored hash is not of the form {@link #generate()} gives
     */
    public static Optional<String> redeem(String code, Collection<String> storedHashes) {
        Objects.requireNonNull(storedHashes, "storedHashes");
        String canonical = canonical(code);
        if (canonical == null) {
            return Optional.empty();
        }
        // Every stored hash is computed and compared in constant time, whichever matches.
        String redeemed = null;
        for (String stored : storedHashes) {
            String[] parts = parts(stored);
            byte[] expected = HEX.parseHex(parts[2]);
            if (MessageDigest.isEqual(expected, hash(HEX.parseHex(parts[1]), canonical)) && redeemed == null) {
                redeemed = stored;
            }
        }
        return Optional.ofNullable(redeemed);
    }

    /** The 10 symbols of a typed code in lower case, or null when it cannot be a code. */
    private static String canonical(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder canonical = new StringBuilder();
        for (char c : typed.toLowerCase(Locale.ROOT).toCharArray()) {
            char symbol = switch (c) {
                case 'o' -> '0';
                case 'i', 'l' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(symbol) >= 0) {
                canonical.append(symbol);
            } else if (c != '-' && !Character.isWhitespace(c)) {
                return null;
            }
        }
        return canonical.length() == LENGTH ? canonical.toString() : null;
    }

    private static String[] parts(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(SCHEME) || parts[1].length() != 2 * SALT_BYTES
                || parts[2].length() != 64) {
            throw new IllegalArgumentException("not a stored recovery code hash");
        }
        return parts;
    }

    private static byte[] hash(byte[] salt, String canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(canonical.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
