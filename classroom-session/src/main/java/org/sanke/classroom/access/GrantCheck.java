package org.sanke.classroom.access;

/** What checking a grant at the door gives: the grant, or why it does not open this lesson. */
public sealed interface GrantCheck {
    record Valid(JoinGrant grant) implements GrantCheck {
    }

    enum Reason {
        /** Not a grant at all, or signed with a key this server does not hold (forged, or from another server). */
        FORGED,
        EXPIRED,
        REVOKED,
        /** A real grant, for another lesson or another role. */
        NOT_FOR_THIS
    }

    record Invalid(Reason reason, String message) implements GrantCheck {
    }
}
