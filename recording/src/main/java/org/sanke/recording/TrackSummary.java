package org.sanke.recording;

import java.nio.file.Path;
import org.sanke.recording.rtp.Codec;

/**
 * What was recorded of one track, once it has ended.
 *
 * @param file            the finished file, or null when no frame was ever written (no keyframe came)
 * @param startEpochNanos wall-clock time of the file's time 0, ns since 1970 UTC (also in the file), 0 when no file
 * @param durationMillis  media time of the last frame written
 * @param frames          frames written
 * @param framesDropped   frames dropped: incomplete after a loss, or waiting for a keyframe
 * @param packetsLost     sequence numbers that never came, or came too late
 * @param queueDrops      packets dropped at the hand-over because the recorder was behind (a slow disk)
 * @param error           why the track stopped early (a write failed), or null
 */
public record TrackSummary(String name, Codec codec, Path file, long startEpochNanos, long durationMillis,
                           long frames, long framesDropped, long packetsLost, long queueDrops, String error) {
}
