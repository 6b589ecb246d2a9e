package org.sanke.recording.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanke.recording.ffmpeg.Ffprobe;

/**
 * One finished track file of a lesson, as the recorder names it ({@code <role>-<source>-<participant>[-n].webm}):
 * whose it is, what it carries, and when it started (the file's DateUTC) and how long it lasts.
 */
public record RecordedTrack(Path file, String role, String source, String participantId, Instant start,
                            double durationSeconds) {
    private static final Pattern NAME = Pattern.compile(
            "(teacher|classroom|observer|learner)-(camera|screen|microphone)-([A-Za-z0-9_]+)(-\\d+)?\\.(webm|mkv)");

    public boolean video() {
        return !"microphone".equals(source);
    }

    public double offsetSeconds(Instant lessonStart) {
        return (start.toEpochMilli() - lessonStart.toEpochMilli()) / 1000.0;
    }

    /** The track of a file the recorder wrote; empty for any other file, or one without a start or a duration. */
    public static Optional<RecordedTrack> read(Path file) throws IOException {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        Ffprobe.Probe probe = Ffprobe.probe(file, false);
        String created = probe.tags().get("creation_time");
        if (created == null || !(probe.durationSeconds() > 0)) {
            return Optional.empty();
        }
        return Optional.of(new RecordedTrack(file, name.group(1), name.group(2), name.group(3),
                Instant.parse(created), probe.durationSeconds()));
    }
}
