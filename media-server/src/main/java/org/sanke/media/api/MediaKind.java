package org.sanke.media.api;

/** The kind of an RTP track, as in an SDP m= line. */
public enum MediaKind {
    AUDIO, VIDEO;

    public String sdpName() {
        return this == AUDIO ? "audio" : "video";
    }
}
