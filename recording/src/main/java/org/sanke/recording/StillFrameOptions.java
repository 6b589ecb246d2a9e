package org.sanke.recording;

import java.time.Duration;

/**
 * How still frames are sampled.
 *
 * @param interval      a track's picture is renewed this often (and a keyframe asked for at most this often)
 * @param width         the picture's width in pixels; the height keeps the aspect ratio
 * @param maxGopFrames  frames kept since the last keyframe; past it they are dropped and a keyframe is asked for,
 *                      which bounds memory and the decoding work per picture
 * @param maxGopBytes   the same bound in bytes
 * @param decodeTimeout ffmpeg is killed after this
 * @param queueSlots    the hand-over queue's packets (a power of two); when full, packets are dropped and counted
 */
public record StillFrameOptions(Duration interval, int width, int maxGopFrames, int maxGopBytes,
                                Duration decodeTimeout, int queueSlots) {
    public StillFrameOptions {
        if (interval.isNegative() || interval.isZero() || width < 16 || maxGopFrames < 1 || maxGopBytes < 1024
                || Integer.bitCount(queueSlots) != 1) {
            throw new IllegalArgumentException("invalid still-frame options");
        }
    }

    /** A picture every {@code interval}, 320 pixels wide, at most 10 s of frames at 30 fps decoded for one. */
    public static StillFrameOptions every(Duration interval) {
        return new StillFrameOptions(interval, 320, 300, 4 << 20, Duration.ofSeconds(10), 2048);
    }
}
