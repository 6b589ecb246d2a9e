package org.sanke.classroom.access;

import java.time.Instant;
import java.util.Locale;

/**
 * A person's login: one per person. Holds the password's Argon2id hash, never the password.
 *
 * @param loginName          lower case, unique
 * @param mustChangePassword set when someone else chose the password; the person sets their own before anything else
 * @param failedLogins       consecutive failures since the last success
 * @param lockedUntil        no login before this instant; null when not locked
 * @param totpSecret         the second factor's secret (Base32), or null when none is set up
 * @param totpLastStep       the last TOTP time step accepted, so a code works once
 */
public record Account(String personId, String loginName, String passwordHash, boolean mustChangePassword,
                      int failedLogins, Instant lockedUntil, String totpSecret, long totpLastStep,
                      Instant createdAt) {
    public static final String LOGIN_NAME_PATTERN = "[a-z0-9][a-z0-9._@-]{2,63}";

    public Account {
        if (personId == null || loginName == null || !loginName.matches(LOGIN_NAME_PATTERN)) {
            throw new IllegalArgumentException("a login name is 3 to 64 lower-case letters, digits, '.', '_', '@'"
                    + " or '-', starting with a letter or digit");
        }
        if (passwordHash == null || createdAt == null) {
            throw new IllegalArgumentException("an account needs a password hash and a creation time");
        }
    }

    /** The form a login name is kept and compared in. */
    public static String normalise(String loginName) {
        return loginName == null ? null : loginName.trim().toLowerCase(Locale.ROOT);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public boolean hasSecondFactor() {
        return totpSecret != null;
    }

    Account withFailure(int failures, Instant lockedUntil) {
        return new Account(personId, loginName, passwordHash, mustChangePassword, failures, lockedUntil, totpSecret,
                totpLastStep, createdAt);
    }

    Account withSuccess() {
        return new Account(personId, loginName, passwordHash, mustChangePassword, 0, null, totpSecret, totpLastStep,
                createdAt);
    }

    Account withPassword(String hash, boolean mustChange) {
        return new Account(personId, loginName, hash, mustChange, 0, null, totpSecret, totpLastStep, createdAt);
    }

    Account withSecondFactor(String secret, long lastStep) {
        return new Account(personId, loginName, passwordHash, mustChangePassword, failedLogins, lockedUntil, secret,
                lastStep, createdAt);
    }

    @Override
    public String toString() {
        return "Account[" + personId + "]"; // never the hash or the secret in a log
    }
}
