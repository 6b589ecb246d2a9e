package org.sanke.classroom.access;

import java.time.Instant;
import java.util.Set;
import org.sanke.classroom.Person;

/** What a login attempt gives: the person, or why not. */
public sealed interface LoginResult {
    /** What a signed-in person must do before anything else. */
    enum Pending {
        /** Someone else chose the password (or the first run did): the person sets their own. */
        CHANGE_PASSWORD,
        /** A staff role without a second factor: the person sets one up. */
        SET_UP_SECOND_FACTOR
    }

    record SignedIn(Person person, Set<Pending> pending) implements LoginResult {
        public SignedIn {
            pending = Set.copyOf(pending);
        }
    }

    enum Reason {
        /** An unknown login name or a wrong password: the same answer for both. */
        WRONG_CREDENTIALS,
        /** Too many failures: no login before {@code lockedUntil}. */
        LOCKED,
        /** The password was right; the account has a second factor and no code came. */
        SECOND_FACTOR_REQUIRED,
        /** The password was right; the code was not (or was used already). */
        WRONG_SECOND_FACTOR
    }

    record Refused(Reason reason, Instant lockedUntil) implements LoginResult {
        public String message() {
            return switch (reason) {
                case WRONG_CREDENTIALS -> "the login name or the password is wrong";
                case LOCKED -> "too many failed logins: this account is locked until " + lockedUntil;
                case SECOND_FACTOR_REQUIRED -> "this account needs the code from its authenticator app";
                case WRONG_SECOND_FACTOR -> "the authenticator code is wrong or was used already";
            };
        }
    }
}
