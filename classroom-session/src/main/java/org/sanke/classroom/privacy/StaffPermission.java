package org.sanke.classroom.privacy;

import java.util.Locale;

/** A permission the security administrator gives a member of staff on top of their role. */
public enum StaffPermission {
    /** Read minors' data (names of learners, a learner's records); every such read is audited (S34). */
    MINORS_DATA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
