package org.sanke.classroom.privacy;

import java.time.Instant;

/** Permissions given to staff, with who gave them and when. */
public interface StaffPermissionStore {
    void grant(String personId, StaffPermission permission, String grantedBy, Instant at);

    /** False when the person did not hold it. */
    boolean withdraw(String personId, StaffPermission permission);

    boolean holds(String personId, StaffPermission permission);
}
