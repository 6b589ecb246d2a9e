package org.sanke.classroom.replay;

import java.time.Instant;

/**
 * One folder of a lesson's raw recording (the recording module's track files), kept at least as long as the
 * {@link RetentionPolicy} says from its end (S18). A lesson recorded across a restart has several.
 *
 * @param directory relative to the recordings' root; unique
 * @param deletedAt when the caller reported it deleted, or null while kept
 */
public record RawRecording(String lessonId, String directory, Instant startedAt, Instant endedAt,
                           Instant deletedAt) {
    public RawRecording {
        if (lessonId == null || directory == null || startedAt == null || endedAt == null) {
            throw new IllegalArgumentException("a raw recording needs its lesson, directory, start and end");
        }
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("a raw recording cannot end before it starts");
        }
    }

    public boolean kept() {
        return deletedAt == null;
    }
}
