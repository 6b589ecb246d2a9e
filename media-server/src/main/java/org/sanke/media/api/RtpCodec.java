package org.sanke.media.api;

import java.util.List;

/**
 * One negotiated RTP codec.
 *
 * @param payloadType  the RTP payload type (0-127)
 * @param name         encoding name as in a=rtpmap, e.g. "opus", "VP8", "H264"
 * @param clockRate    RTP clock rate in Hz
 * @param channels     audio channels, 0 for video
 * @param fmtp         the a=fmtp parameters, "" when none
 * @param rtcpFeedback a=rtcp-fb values, e.g. "nack", "nack pli", "ccm fir", "transport-cc"
 * @param rtxPayloadType payload type of its RTX stream (RFC 4588), or -1 when RTX is not negotiated
 */
public record RtpCodec(int payloadType, String name, int clockRate, int channels, String fmtp,
                       List<String> rtcpFeedback, int rtxPayloadType) {
    public RtpCodec {
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    public boolean hasRtx() {
        return rtxPayloadType >= 0;
    }
}
