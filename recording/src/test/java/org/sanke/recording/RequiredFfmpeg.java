package org.sanke.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.sanke.recording.ffmpeg.Ffmpeg;

/**
 * Debian's ffmpeg package (ffmpeg and ffprobe), which the media tests need. Missing, the test is skipped on a
 * developer's machine but fails when the environment variable {@code CI} is set: .ci/run installs it there, and a
 * green run that skipped these tests would hide that it did not. {@code -Dsanke.requiredTool.ffprobe=PATH} (or
 * {@code .ffmpeg}) checks PATH instead, to see what a machine without it gets.
 */
public final class RequiredFfmpeg {
    private RequiredFfmpeg() {
    }

    public static void require() {
        require(Ffmpeg.ffmpeg());
        require(Ffmpeg.ffprobe());
    }

    private static void require(Path executable) {
        Path checked = Path.of(System.getProperty("sanke.requiredTool." + executable.getFileName(),
                executable.toString()));
        if (Files.isExecutable(checked)) {
            return;
        }
        String missing = checked + " is missing: install Debian's ffmpeg package (apt-get install ffmpeg; .ci/run "
                + "installs it)";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            Assertions.fail("CI is set, so this test must run, but " + missing);
        }
        Assumptions.abort("skipped: " + missing + "; with CI set this fails");
    }
}
