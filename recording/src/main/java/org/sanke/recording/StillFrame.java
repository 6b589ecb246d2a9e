package org.sanke.recording;

import java.time.Instant;

/**
 * A picture of a live video track: the newest frame at sampling time, decoded and reduced to a small JPEG.
 *
 * @param track the track's name (its {@link TrackSpec#name()})
 * @param jpeg  the picture
 * @param at    when the frame it shows arrived
 */
public record StillFrame(String track, byte[] jpeg, Instant at) {
}
