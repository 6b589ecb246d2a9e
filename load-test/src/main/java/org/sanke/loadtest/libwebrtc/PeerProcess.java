package org.sanke.loadtest.libwebrtc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One realistic peer running as a child process ({@link RealisticPeerMain}), and what its JSON lines said. Its
 * output is read as it comes, on virtual threads, so that the child never blocks on a full pipe.
 */
public final class PeerProcess {
    private static final int STDERR_LINES_KEPT = 20;

    private final PeerOptions options;
    private final Process process;
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final List<Long> framesDecodedBySecond = new ArrayList<>();
    /** Completes true on the joined line, false on an error line or the end of the output first. */
    private final CompletableFuture<Boolean> joined = new CompletableFuture<>();
    private volatile JsonNode latestStats;
    private volatile JsonNode summary;
    private volatile JsonNode error;

    private PeerProcess(PeerOptions options, Process process) {
        this.options = options;
        this.process = process;
        this.stdoutReader = Thread.startVirtualThread(this::readStdout);
        this.stderrReader = Thread.startVirtualThread(this::readStderr);
    }

    /** Starts {@code java [jvmOptions] -cp CLASSPATH RealisticPeerMain --stdin-control OPTIONS}. */
    static PeerProcess start(PeerOptions options, String java, String classPath, List<String> jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, RealisticPeerMain.class.getName(), "--stdin-control"));
        command.addAll(options.arguments());
        return new PeerProcess(options, new ProcessBuilder(command).start());
    }

    private void readStdout() {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                accept(line);
            }
        } catch (IOException e) {
            // the process is gone; what it said before is kept
        }
        joined.complete(false); // it ended without ever joining
    }

    private void accept(String text) {
        JsonNode line;
        try {
            line = PeerOutput.JSON.readTree(text);
        } catch (IOException e) {
            return; // not ours: native libraries write to stdout too
        }
        switch (line.path("type").asText()) {
            case "joined" -> joined.complete(true);
            case "stats" -> {
                latestStats = line;
                synchronized (framesDecodedBySecond) {
                    framesDecodedBySecond.add(line.path("received").path("video").path("framesDecoded").asLong());
                }
            }
            case "summary" -> summary = line;
            case "error" -> {
                error = line;
                joined.complete(false);
            }
            default -> {
                // a newer peer's line this launcher does not know
            }
        }
    }

    private void readStderr() {
        try (BufferedReader lines = process.errorReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    public PeerOptions options() {
        return options;
    }

    public String name() {
        return options.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean running() {
        return process.isAlive();
    }

    /** Waits until the peer joined the lesson; false if it failed first (see {@link #error()}) or time ran out. */
    public boolean awaitJoined(Duration timeout) {
        try {
            return joined.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** Video frames libwebrtc decoded so far, as of the latest stats line. */
    public long framesDecoded() {
        JsonNode stats = latestStats;
        return stats == null ? 0 : stats.path("received").path("video").path("framesDecoded").asLong();
    }

    /** framesDecoded of every stats line so far, one a second. */
    public List<Long> framesDecodedBySecond() {
        synchronized (framesDecodedBySecond) {
            return List.copyOf(framesDecodedBySecond);
        }
    }

    /** The latest stats line, or null before the first. */
    public JsonNode latestStats() {
        return latestStats;
    }

    /** The summary line, once the peer has stopped. */
    public JsonNode summary() {
        return summary;
    }

    /**
     * Why the peer failed, as one sentence: its error line, or what it wrote on stderr when it died without one;
     * null while nothing went wrong.
     */
    public String error() {
        JsonNode e = error;
        if (e != null) {
            return e.path("message").asText();
        }
        if (!process.isAlive() && process.exitValue() != 0) {
            synchronized (stderrTail) {
                return "exited with status " + process.exitValue() + (stderrTail.isEmpty() ? ""
                        : ": " + String.join(" / ", stderrTail));
            }
        }
        return null;
    }

    /** The error line's code (the server's error code where it refused), or null. */
    public String errorCode() {
        JsonNode e = error;
        return e == null ? null : e.path("code").asText();
    }

    /** The last lines the peer wrote on stderr, for diagnosis. */
    public List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    public PeerResult result() {
        String failure = error();
        String state = failure != null ? "failed" : summary != null ? "stopped"
                : joined.getNow(false) ? "running" : "starting";
        return PeerResult.of(name(), options.role(), state, failure, summary != null ? summary : latestStats);
    }

    /** Asks the peer to leave (a line on its stdin) without waiting. */
    void requestStop() {
        try {
            Writer stdin = process.outputWriter(StandardCharsets.UTF_8);
            stdin.write("stop\n");
            stdin.close();
        } catch (IOException e) {
            // its stdin is closed already: it is stopping or gone
        }
    }

    /**
     * Waits for the peer to exit, ending it with a signal if it does not within {@code grace}, and forcibly if
     * that fails too; returns its exit status.
     */
    public int awaitExit(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
            stdoutReader.join(Duration.ofSeconds(5));
            stderrReader.join(Duration.ofSeconds(5));
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }
}
