package org.sanke.classroom;

/** The outcome of a join: admitted with a participant, or refused with a reason. */
public sealed interface JoinResult {
    record Admitted(Participant participant) implements JoinResult {
    }

    record Refusal(Reason reason, String message) implements JoinResult {
    }

    enum Reason { ROLE_TAKEN, LESSON_FULL, ROLE_NOT_ALLOWED }
}
