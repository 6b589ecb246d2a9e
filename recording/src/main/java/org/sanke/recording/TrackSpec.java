package org.sanke.recording;

import java.util.Objects;
import org.sanke.recording.rtp.Codec;

/**
 * One track to record.
 *
 * @param name              its label and file name, e.g. "teacher-camera" (letters, digits, '-' and '_'; others
 *                          become '_')
 * @param codec             the negotiated codec
 * @param payloadType       the codec's RTP payload type, or -1 to take every packet handed over
 * @param keyframeRequester asked for a keyframe (the SFU sends a PLI to the publisher) when the track has none to
 *                          start from; called on the recorder thread, at most once per
 *                          {@link RecordingOptions#keyframeRequestMillis()}, so it must only hand the request to the
 *                          SFU's own thread; may be null
 */
public record TrackSpec(String name, Codec codec, int payloadType, Runnable keyframeRequester) {
    public TrackSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codec, "codec");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a track needs a name");
        }
    }

    public TrackSpec(String name, Codec codec) {
        this(name, codec, -1, null);
    }
}
