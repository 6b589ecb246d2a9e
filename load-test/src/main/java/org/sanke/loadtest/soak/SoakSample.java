package org.sanke.loadtest.soak;

import org.sanke.loadtest.stats.LossTotals;

/**
 * One reading of a soak, every {@code --sample-every} seconds.
 *
 * @param seconds             since the run started
 * @param server              the server's resources
 * @param classroomsConnected classrooms in a lesson now
 * @param joins               classroom joins so far
 * @param leaves              classroom leaves so far
 * @param failedJoins         failed joins so far (classrooms and teachers)
 * @param intervalLoss        loss since the previous reading, over the receivers connected for the whole interval
 * @param receiversCounted    how many receivers that was
 * @param packets             packets received in the interval, by everyone
 * @param delayP50Millis      end-to-end delay in the interval
 * @param delayP99Millis      end-to-end delay in the interval
 * @param toolParticipants    participants the tool holds now (joining, in a lesson or leaving)
 * @param toolStreams         received streams the tool holds now
 * @param toolHeapMiB         the tool's own heap used
 * @param toolOpenFiles       the tool's own open file descriptors (sockets among them); NaN where unknown
 */
public record SoakSample(double seconds, ResourceReading server, int classroomsConnected, long joins, long leaves,
                         long failedJoins, LossTotals intervalLoss, int receiversCounted, long packets,
                         double delayP50Millis, double delayP99Millis, int toolParticipants, int toolStreams,
                         double toolHeapMiB, double toolOpenFiles) {
    public double resource(Resource resource) {
        return server.get(resource);
    }

    public double lossPercent() {
        return intervalLoss.percent();
    }
}
