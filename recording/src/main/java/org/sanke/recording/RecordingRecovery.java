package org.sanke.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sanke.recording.mkv.MatroskaRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run at start, before recording into a directory: finishes every track file a killed process left unfinished, so
 * that each is readable, seekable and has its duration. Files already finished are left as they are.
 */
public final class RecordingRecovery {
    private static final Logger log = LoggerFactory.getLogger(RecordingRecovery.class);

    private RecordingRecovery() {
    }

    /** Every .webm and .mkv file under {@code directory} (any depth), with what was done to it. */
    public static List<MatroskaRecovery.Result> recover(Path directory) throws IOException {
        List<MatroskaRecovery.Result> results = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return results;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".webm") || name.endsWith(".mkv");
            }).sorted().toList();
        }
        for (Path file : files) {
            MatroskaRecovery.Result result;
            try {
                result = MatroskaRecovery.recover(file);
            } catch (IOException e) {
                log.warn("could not recover {}", file, e);
                result = new MatroskaRecovery.Result(file, MatroskaRecovery.Outcome.UNREADABLE, 0, 0, 0);
            }
            if (result.outcome() != MatroskaRecovery.Outcome.ALREADY_FINISHED) {
                log.info("recovery of {}: {}, {} frames, {} ms, {} bytes of a torn end cut", file, result.outcome(),
                        result.frames(), result.durationMillis(), result.bytesCut());
            }
            results.add(result);
        }
        return results;
    }
}
