package org.sanke.classroom.replay;

import java.time.Instant;

/**
 * What a viewer looks for in the replay library; a null criterion matches everything.
 *
 * @param schoolId        the sending school
 * @param teacherPersonId the lesson's teacher
 * @param subject         exactly, as the timetable names it
 * @param from            lessons started at or after this instant
 * @param until           lessons started before this instant (the caller turns dates into instants in its zone)
 * @param limit           at most this many, newest lesson first
 */
public record ReplaySearch(String schoolId, String teacherPersonId, String subject, Instant from, Instant until,
                           int limit) {
    public static final int MAX_LIMIT = 200;

    public ReplaySearch {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a search returns 1 to " + MAX_LIMIT + " replays");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("a search's range must start before it ends");
        }
    }

    /** Every replay the viewer may watch, newest first. */
    public static ReplaySearch all(int limit) {
        return new ReplaySearch(null, null, null, null, null, limit);
    }
}
