package org.sanke.signaling.sdp;

import org.sanke.media.api.IceCandidate;
import org.sanke.media.api.RtpCodec;
import org.sanke.media.api.TransportParameters;

/** Builds SDP text line by line, CRLF-terminated. */
final class SdpWriter {
    private final StringBuilder out = new StringBuilder(2048);

    SdpWriter line(String line) {
        out.append(line).append("\r\n");
        return this;
    }

    SdpWriter attribute(String value) {
        return line("a=" + value);
    }

    void session(long sessionId, long version) {
        line("v=0");
        line("o=- " + sessionId + " " + version + " IN IP4 127.0.0.1");
        line("s=-");
        line("t=0 0");
        attribute("ice-lite");
    }

    void transport(TransportParameters local, String setup) {
        line("c=IN IP4 0.0.0.0");
        attribute("rtcp:9 IN IP4 0.0.0.0");
        attribute("ice-ufrag:" + local.iceUfrag());
        attribute("ice-pwd:" + local.icePwd());
        attribute("fingerprint:sha-256 " + local.dtlsFingerprint());
        attribute("setup:" + setup);
    }

    void candidates(TransportParameters local) {
        for (IceCandidate candidate : local.candidates()) {
            attribute("candidate:" + candidate.sdpValue());
        }
        attribute("end-of-candidates");
    }

    void codec(RtpCodec codec) {
        String rtpmap = codec.name() + "/" + codec.clockRate() + (codec.channels() > 0 ? "/" + codec.channels() : "");
        attribute("rtpmap:" + codec.payloadType() + " " + rtpmap);
        for (String feedback : codec.rtcpFeedback()) {
            attribute("rtcp-fb:" + codec.payloadType() + " " + feedback);
        }
        if (!codec.fmtp().isEmpty()) {
            attribute("fmtp:" + codec.payloadType() + " " + codec.fmtp());
        }
        if (codec.hasRtx()) {
            attribute("rtpmap:" + codec.rtxPayloadType() + " rtx/" + codec.clockRate());
            attribute("fmtp:" + codec.rtxPayloadType() + " apt=" + codec.payloadType());
        }
    }

    static String formats(RtpCodec codec) {
        return codec.payloadType() + (codec.hasRtx() ? " " + codec.rtxPayloadType() : "");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
