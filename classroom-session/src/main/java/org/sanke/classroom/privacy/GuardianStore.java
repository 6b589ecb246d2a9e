package org.sanke.classroom.privacy;

import java.util.Set;

/** Who speaks for which minor: a guardian and the learners (wards) they are guardian of. */
public interface GuardianStore {
    void link(String guardianId, String wardId);

    Set<String> guardiansOf(String personId);

    Set<String> wardsOf(String guardianId);
}
