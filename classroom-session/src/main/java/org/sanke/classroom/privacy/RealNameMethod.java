package org.sanke.classroom.privacy;

import java.util.Locale;
import java.util.Optional;

/** How a person's real name was verified. Sanke keeps the method, never the document or its number. */
public enum RealNameMethod {
    /** The school checked an identity document in person. */
    DOCUMENTS_CHECKED,
    /** Found in the teacher qualification registry. */
    QUALIFICATION_REGISTRY,
    /** The education platform's single sign-on vouches for it. */
    IDENTITY_PROVIDER,
    /**
     * Declared by the operator who started the server with a trial teacher (--seed-teacher): for trials and load
     * tests, never given through the API.
     */
    OPERATOR_DECLARED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RealNameMethod> fromWireName(String name) {
        for (RealNameMethod method : values()) {
            if (method.wireName().equals(name)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
