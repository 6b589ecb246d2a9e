package org.sanke.recording.mkv;

import org.sanke.recording.rtp.Codec;

/**
 * What a track file says about itself.
 *
 * @param codec          its codec
 * @param name           a label such as "teacher-camera"; the Matroska title and track name
 * @param startEpochNanos the wall-clock time (ns since 1970, UTC) of the file's time 0: tracks that started at
 *                       different moments are aligned by it (Matroska DateUTC, ffprobe's creation_time)
 * @param size           picture size for video, null for audio
 * @param codecPrivate   H.264: the AVCDecoderConfigurationRecord; Opus: OpusHead; VP8: null
 * @param channels       audio channels, 0 for video
 */
public record TrackHeader(Codec codec, String name, long startEpochNanos, CodecHeaders.Size size,
                          byte[] codecPrivate, int channels) {
    /** The file suffix that fits: WebM takes VP8 and Opus, H.264 needs Matroska. */
    public String fileSuffix() {
        return codec == Codec.H264 ? ".mkv" : ".webm";
    }

    String docType() {
        return codec == Codec.H264 ? "matroska" : "webm";
    }

    String codecId() {
        return switch (codec) {
            case VP8 -> "V_VP8";
            case H264 -> "V_MPEG4/ISO/AVC";
            case OPUS -> "A_OPUS";
        };
    }
}
