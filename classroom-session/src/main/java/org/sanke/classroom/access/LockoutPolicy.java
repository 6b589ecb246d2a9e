package org.sanke.classroom.access;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins slow an attacker down: after {@value #FREE_FAILURES} failures in a row the account locks for a
 * minute, and each further failure doubles the lock, up to half an hour. A success clears the count.
 */
final class LockoutPolicy {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(30);

    private LockoutPolicy() {
    }

    /** When an account with {@code failures} failures in a row unlocks; null when it is not locked. */
    static Instant lockedUntil(int failures, Instant now) {
        if (failures < FREE_FAILURES) {
            return null;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
    }
}
