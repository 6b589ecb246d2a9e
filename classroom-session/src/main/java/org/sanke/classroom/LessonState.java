package org.sanke.classroom;

/** Where a scheduled lesson is in its life. */
public enum LessonState {
    /** On the timetable; not yet joinable. */
    SCHEDULED,
    /** Joinable: from a few minutes before the start, so that rooms are ready on time. */
    OPEN,
    /** From the scheduled start until the end, plus an overrun while the teacher is still teaching. */
    LIVE,
    /** Over: by the teacher, or when the overrun limit passed. */
    ENDED;

    public boolean joinable() {
        return this == OPEN || this == LIVE;
    }
}
