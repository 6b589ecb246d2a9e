package org.sanke.recording.replay;

import java.nio.file.Path;
import java.util.List;

/** What composing made, in the replay's folder: the MP4, the HLS playlist (segments beside it), the poster. */
public record ComposedReplay(Path mp4, Path hlsPlaylist, Path poster, double durationSeconds,
                             List<Chapter> chapters) {
}
