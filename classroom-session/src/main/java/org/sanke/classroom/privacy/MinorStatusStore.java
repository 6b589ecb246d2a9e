package org.sanke.classroom.privacy;

import java.util.List;

/** Where minor states are kept; read whole at start (one short row per learner with a state). */
public interface MinorStatusStore {
    List<MinorStatus> all();

    void save(MinorStatus status);
}
