package org.sanke.classroom;

import java.util.Locale;
import java.util.Optional;

/** What a participant is in a lesson. */
public enum Role {
    /** The lead teacher, who teaches from the sending classroom. */
    TEACHER,
    /** A receiving classroom: a room with a big screen, a camera and a microphone; two-way. */
    CLASSROOM,
    /** An observer teacher in a master-teacher lesson: receives, discusses, may be brought on stage. */
    OBSERVER,
    /** A learner or another school in the audience of an open lesson: receives only. */
    LEARNER,
    /** An inspector patrolling classes (网络巡课): receives, unseen by the others, never counted against caps. */
    INSPECTOR;

    /** The name used on the wire and in URLs: "teacher", "classroom", ... */
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

    /** Whether this role sends its camera and microphone (before any stage feature brings others on). */
    public boolean publishes() {
        return this == TEACHER || this == CLASSROOM;
    }

    /** Whether the others see this participant in lists and events. */
    public boolean visible() {
        return this != INSPECTOR;
    }
}
