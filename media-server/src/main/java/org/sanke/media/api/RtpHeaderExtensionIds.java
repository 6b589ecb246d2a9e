package org.sanke.media.api;

/**
 * The one-byte header extension ids negotiated on one side of a transport; 0 means not negotiated.
 *
 * @param mid             urn:ietf:params:rtp-hdrext:sdes:mid
 * @param rid             urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
 * @param repairedRid     urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
 * @param audioLevel      urn:ietf:params:rtp-hdrext:ssrc-audio-level
 * @param absSendTime     http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
 * @param transportWideCc http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
 */
public record RtpHeaderExtensionIds(int mid, int rid, int repairedRid, int audioLevel, int absSendTime,
                                    int transportWideCc) {
    public static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String RID_URI = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String REPAIRED_RID_URI = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String TRANSPORT_WIDE_CC_URI =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    public static final RtpHeaderExtensionIds NONE = new RtpHeaderExtensionIds(0, 0, 0, 0, 0, 0);

    /** The ids the server uses on everything it sends to subscribers; its subscribe offers announce exactly these. */
    public static final RtpHeaderExtensionIds SERVER_SEND = new RtpHeaderExtensionIds(0, 0, 0, 1, 2, 3);
}
