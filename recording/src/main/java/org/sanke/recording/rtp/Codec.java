package org.sanke.recording.rtp;

/** The codecs the recorder writes, as WebRTC negotiates them. */
public enum Codec {
    VP8(90_000, true),
    H264(90_000, true),
    OPUS(48_000, false);

    private final int clockRate;
    private final boolean video;

    Codec(int clockRate, boolean video) {
        this.clockRate = clockRate;
        this.video = video;
    }

    public int clockRate() {
        return clockRate;
    }

    public boolean video() {
        return video;
    }

    /** From an SDP encoding name such as "VP8", "H264" or "opus". */
    public static Codec fromEncodingName(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "VP8" -> VP8;
            case "H264" -> H264;
            case "OPUS" -> OPUS;
            default -> throw new IllegalArgumentException("not a recorded codec: " + name);
        };
    }
}
