package org.sanke.classroom;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person does on the platform. The platform's administration is split three ways, so that no one person both
 * runs it and checks it: the platform administrator (system: schools, people, timetable), the security
 * administrator (identity and permissions: real names, who may read minors' data) and the auditor (reads the audit
 * trail, changes nothing). A guardian speaks for a learner (a minor) of a school.
 */
public enum PersonRole {
    LEAD_TEACHER, ASSISTANT_TEACHER, OBSERVER_TEACHER, LEARNER, INSPECTOR, REVIEWER, SCHOOL_ADMIN, PLATFORM_ADMIN,
    SECURITY_ADMIN, AUDITOR, GUARDIAN;

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
