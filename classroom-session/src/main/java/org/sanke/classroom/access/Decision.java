package org.sanke.classroom.access;

/** The authorisation table's answer. */
public sealed interface Decision {
    Allowed ALLOWED = new Allowed();

    enum Reason {
        /** Nobody is signed in. */
        LOGIN_REQUIRED,
        /** The caller's role may never do this. */
        NOT_PERMITTED,
        /** The role may, but not to this school or lesson. */
        OUT_OF_SCOPE
    }

    record Allowed() implements Decision {
    }

    record Refused(Reason reason, String message) implements Decision {
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
