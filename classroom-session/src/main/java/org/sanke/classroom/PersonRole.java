package org.sanke.classroom;

import java.util.Locale;
import java.util.Optional;

/** What a person does on the platform (accounts come later; today this names people on the timetable). */
public enum PersonRole {
    LEAD_TEACHER, ASSISTANT_TEACHER, OBSERVER_TEACHER, LEARNER, INSPECTOR, REVIEWER, SCHOOL_ADMIN, PLATFORM_ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PersonRole> fromWireName(String name) {
        for (PersonRole role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
