package org.sanke.classroom.access;

import java.util.Objects;

/**
 * What {@link TotpVerifier#verify} decided about one code: {@link Accepted}, with the time step to store as the new
 * last used step, or {@link Rejected}, with why.
 */
public sealed interface TotpResult {

    /** Whether the code was accepted. */
    boolean accepted();

    /**
     * The code was right and newer than the last one used.
     *
     * @param step the time step the code belongs to; store it as the account's last used step, so that this code,
     *             and every code of an earlier step, is refused from now on
     */
    record Accepted(long step) implements TotpResult {
        @Override
        public boolean accepted() {
            return true;
        }
    }

    /** The code was refused; {@code reason} says why, for the log and for the caller's count of failures. */
    record Rejected(Reason reason) implements TotpResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean accepted() {
            return false;
        }
    }

    /** Why a code was refused. */
    enum Reason {
        /** Not 6 digits (spaces aside): a typing slip, or not a code at all. Nothing was computed. */
        MALFORMED,
        /** 6 digits, but not the code of this secret at the current time step or the one before or after it. */
        WRONG,
        /**
         * The code of a time step at or before the last used step: a code already used, or an older one. RFC 6238
         * forbids accepting it a second time. To the person it may read "wait for the next code"; count it as a
         * failure like {@link #WRONG}.
         */
        REPLAYED
    }
}
