package org.sanke.classroom.privacy;

import java.time.Instant;
import java.util.List;

/** The lessons a person joined with a grant of their own, as their data export lists them. */
public interface PersonAttendance {
    /** One lesson joined: which, in what role, from when to when (null while still there). */
    record Attended(String lessonId, String role, Instant joinedAt, Instant leftAt) {
    }

    /** Newest first, at most {@code limit}. */
    List<Attended> of(String personId, int limit);
}
