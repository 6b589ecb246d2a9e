package org.sanke.recording.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs Debian's ffmpeg and ffprobe (package {@code ffmpeg}): on the PATH, else in /usr/bin. The system
 * properties {@code sanke.ffmpeg} and {@code sanke.ffprobe} name other binaries.
 */
public final class Ffmpeg {
    /** How a program run ended. */
    public record Run(int exitCode, byte[] stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Ffmpeg() {
    }

    public static Path ffmpeg() {
        return locate("ffmpeg");
    }

    public static Path ffprobe() {
        return locate("ffprobe");
    }

    /** The program {@code name}: the property {@code sanke.NAME}, else the PATH, else /usr/bin/NAME. */
    public static Path locate(String name) {
        String configured = System.getProperty("sanke." + name);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(java.io.File.pathSeparator)) {
                if (!directory.isEmpty()) {
                    Path candidate = Path.of(directory, name);
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        return Path.of("/usr/bin", name);
    }

    /**
     * Runs {@code command} (its first element the program) to its end, or kills it after {@code timeout}; stdout and
     * stderr go through temporary files so that neither can fill a pipe and stall the program.
     */
    public static Run run(List<String> command, Duration timeout) throws IOException {
        Path out = Files.createTempFile("sanke-ffmpeg", ".out");
        Path err = Files.createTempFile("sanke-ffmpeg", ".err");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close(); // no input: ffmpeg would otherwise read commands from it
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IOException(command.get(0) + " did not finish within " + timeout + ": "
                            + tail(Files.readString(err, StandardCharsets.UTF_8)));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            return new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The end of a program's error output, enough for a message. */
    static String tail(String text) {
        return text.length() <= 2000 ? text : "…" + text.substring(text.length() - 2000);
    }
}
