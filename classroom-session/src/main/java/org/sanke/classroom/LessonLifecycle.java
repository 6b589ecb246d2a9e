package org.sanke.classroom;

import java.time.Duration;
import java.time.Instant;

/**
 * The life of one scheduled lesson: scheduled → open (joinable {@code openEarly} before the start) → live (from the
 * start) → ended (when the teacher ends it, or at the scheduled end plus the overrun limit). Time moves it forward;
 * only {@link #end} is an explicit event. Synchronized: read by joins, ended by the teacher's connection.
 */
public final class LessonLifecycle {
    /** How early lessons open and how long they may overrun; set per deployment. */
    public record Rules(Duration openEarly, Duration overrunLimit) {
        public static Rules defaults() {
            return new Rules(Duration.ofMinutes(10), Duration.ofMinutes(15));
        }

        public Rules {
            if (openEarly.isNegative() || overrunLimit.isNegative()) {
                throw new IllegalArgumentException("durations cannot be negative");
            }
        }
    }

    private final Instant start;
    private final Instant end;
    private final Rules rules;
    private Instant endedAt;

    public LessonLifecycle(Instant start, Instant end, Rules rules) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a lesson must end after it starts");
        }
        this.start = start;
        this.end = end;
        this.rules = rules;
    }

    public synchronized LessonState stateAt(Instant now) {
        if (endedAt != null && !now.isBefore(endedAt)) {
            return LessonState.ENDED;
        }
        if (now.isBefore(start.minus(rules.openEarly()))) {
            return LessonState.SCHEDULED;
        }
        if (now.isBefore(start)) {
            return LessonState.OPEN;
        }
        if (now.isBefore(end.plus(rules.overrunLimit()))) {
            return LessonState.LIVE;
        }
        return LessonState.ENDED;
    }

    /** The teacher ends the lesson; refused before it is live, idempotent after. */
    public synchronized void end(Instant now) {
        LessonState state = stateAt(now);
        if (state == LessonState.SCHEDULED || state == LessonState.OPEN) {
            throw new IllegalStateException("a lesson that has not started cannot end; cancel it instead");
        }
        if (endedAt == null) {
            endedAt = now;
        }
    }

    /** Whether the lesson runs past its scheduled end at {@code now} (an overrun, allowed up to the limit). */
    public synchronized boolean overrunning(Instant now) {
        return stateAt(now) == LessonState.LIVE && !now.isBefore(end);
    }
}
