package org.sanke.classroom;

import java.util.Locale;
import java.util.Optional;

/** What a participant is in a lesson. */
public enum Role {
    /** The lead teacher, who teaches from the sending classroom. */
    TEACHER,
    /** A receiving classroom: a room with a big screen, a camera and a microphone. */
    CLASSROOM;

    /** The name used on the wire and in URLs: "teacher", "classroom". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
