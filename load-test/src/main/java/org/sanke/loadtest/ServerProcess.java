package org.sanke.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's own process, read from /proc: CPU time used and peak resident memory. The same measure for any
 * server (Sanke's JVM, Janus), which is what a side-by-side comparison needs.
 */
record ServerProcess(long pid) {
    /** Linux's USER_HZ on x86_64 (sysconf(_SC_CLK_TCK)), the unit of utime and stime in /proc/PID/stat. */
    private static final double TICKS_PER_SECOND = 100;

    /** User plus system CPU seconds so far. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name (which may hold spaces) start after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Peak resident memory (VmHWM), in MiB. */
    double peakMemoryMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    boolean exists() {
        return Files.isDirectory(Path.of("/proc", Long.toString(pid)));
    }
}
