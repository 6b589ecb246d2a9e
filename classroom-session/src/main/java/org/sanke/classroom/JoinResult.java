package org.sanke.classroom;

/**
 * The outcome of a join: admitted with a participant, or refused with a reason. Every refusal a person can meet at
 * the door comes from here, whether {@link LessonAdmission} (which lesson, which room, which device) or the lesson's
 * {@link JoinPolicy} (which seat) said it.
 */
public sealed interface JoinResult {
    record Admitted(Participant participant) implements JoinResult {
    }

    record Refusal(Reason reason, String message) implements JoinResult, LessonAdmission.Result {
    }

    enum Reason {
        /** No lesson, timetabled or made through the API, has this id. */
        LESSON_NOT_FOUND,
        /** A timetabled lesson that has not opened yet, has ended, or its teacher ended. */
        LESSON_NOT_OPEN,
        /** The classroom is not one of the lesson's. */
        NOT_ENROLLED,
        /** A field the join needs is missing (a terminal's classroom or its device token). */
        MISSING_FIELD,
        /** The device token is not the classroom's. */
        DEVICE_NOT_AUTHORIZED,
        /** No grant came with the join: a person logs in first, anyone else uses the link they were given. */
        GRANT_REQUIRED,
        /** The grant is not one this server signed. */
        GRANT_FORGED,
        GRANT_EXPIRED,
        /** The grant was withdrawn (an invitation taken back, or its person signed out). */
        GRANT_REVOKED,
        /** A real grant, for another lesson or another role. */
        GRANT_NOT_FOR_THIS,
        /** A lesson whose publishers must have verified real names (S4), and this person's is not. */
        REAL_NAME_REQUIRED,
        ROLE_TAKEN,
        LESSON_FULL,
        ROLE_NOT_ALLOWED,
        /** The lesson is locked: no new joins but its teacher and safety staff (S7). */
        LESSON_LOCKED,
        /** A moderator banned this person or classroom from the lesson (S10). */
        BANNED,
        /** Safety staff suspended or blacklisted this person or classroom: out of every lesson (S16). */
        KEPT_OUT
    }
}
