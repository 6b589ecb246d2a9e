package org.sanke.loadtest.report;

/**
 * One second of a run.
 *
 * @param serverCpuPercent the server process's CPU use as a share of the whole machine, from its /metrics
 * @param serverMemoryMiB  the server JVM's used memory
 */
public record Sample(int second, int joined, long packetsPerSecond, double kbps, double lossPercent,
                     double delayP50Millis, double delayP99Millis, double serverCpuPercent, double serverMemoryMiB) {
}
