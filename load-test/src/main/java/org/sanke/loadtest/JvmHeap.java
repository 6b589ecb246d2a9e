package org.sanke.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM server's live heap, read with the JDK's jcmd: {@code GC.class_histogram} collects fully and then counts the
 * objects left, by class. Taken before the classrooms join and again once they all receive, the difference divided
 * by the subscribers is the heap each one costs; garbage never counts. The collector's filler arrays (dead space it
 * keeps formatted) are not objects of the server and are left out.
 */
final class JvmHeap {
    private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    private JvmHeap() {
    }

    /** Live heap bytes of the JVM {@code pid}, or -1 when it cannot be read (not a JVM, no jcmd). */
    static long liveBytes(long pid) {
        Path jcmd = ProcessHandle.current().info().command().map(java -> Path.of(java).resolveSibling("jcmd"))
                .orElse(Path.of("jcmd"));
        String histogram = Files.isExecutable(jcmd) ? run(jcmd, pid, "GC.class_histogram") : null;
        if (histogram == null) {
            return -1;
        }
        long live = 0;
        Matcher row = ROW.matcher(histogram);
        while (row.find()) {
            if (!row.group(2).contains("FillerElement") && !row.group(2).contains("FillerObject")) {
                live += Long.parseLong(row.group(1));
            }
        }
        return live > 0 ? live : -1;
    }

    private static String run(Path jcmd, long pid, String command) {
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
