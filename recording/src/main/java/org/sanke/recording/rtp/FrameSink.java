package org.sanke.recording.rtp;

/** Receives the frames a depacketiser completes. The bytes are only valid during the call. */
@FunctionalInterface
public interface FrameSink {
    /**
     * @param timestamp the frame's RTP timestamp, unwrapped to 64 bits (it only grows across 32-bit wrap-around)
     * @param keyframe  decodable on its own (always true for audio)
     */
    void frame(byte[] data, int offset, int length, long timestamp, boolean keyframe);
}
