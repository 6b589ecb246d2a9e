package org.sanke.classroom.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must be: 10 to 128 characters with three of lower case, upper case, digits and other
 * characters, or a passphrase of 16 or more; never the login name. Chinese characters count as "other".
 */
public final class PasswordRule {
    public static final int MIN_LENGTH = 10;
    public static final int PASSPHRASE_LENGTH = 16;
    public static final int MAX_LENGTH = 128;

    private PasswordRule() {
    }

    /** Why {@code password} is not acceptable for {@code loginName}, or empty when it is. */
    public static Optional<String> problem(String password, String loginName) {
        if (password == null || password.isEmpty()) {
            return Optional.of("a password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("a password has at most " + MAX_LENGTH + " characters");
        }
        if (loginName != null && password.toLowerCase(Locale.ROOT).contains(loginName.toLowerCase(Locale.ROOT))) {
            return Optional.of("a password may not contain the login name");
        }
        if (length >= PASSPHRASE_LENGTH) {
            return Optional.empty();
        }
        boolean lower = password.chars().anyMatch(Character::isLowerCase);
        boolean upper = password.chars().anyMatch(Character::isUpperCase);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c) || !isLatin(c));
        int kinds = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (kinds < 3) {
            return Optional.of("a password shorter than " + PASSPHRASE_LENGTH + " characters needs three of: lower"
                    + " case, upper case, digits, other characters");
        }
        return Optional.empty();
    }

    private static boolean isLatin(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.COMMON;
    }
}
