package org.sanke.loadtest.client;

import org.sanke.media.api.RtpHeaderExtensionIds;

/** The SDP a browser would write, reduced to what Sanke negotiates: a publish offer and a subscribe answer. */
public final class ClientSdp {
    public static final int OPUS_PT = 111;
    public static final int VP8_PT = 96;
    public static final int RTX_PT = 97;
    public static final int TRANSPORT_CC_ID = 3;
    /** Header extensions a simulcast publisher tags its layers with (as Chromium does, by MID and RID). */
    public static final int MID_ID = 4;
    public static final int RID_ID = 10;
    /** Simulcast layers, lowest first, as Chromium names them: quarter, half and full resolution. */
    public static final String[] SIMULCAST_RIDS = {"q", "h", "f"};

    private ClientSdp() {
    }

    /** The anchor section's mid in Sanke's subscribe offers (it carries no track). */
    public static final String SANKE_ANCHOR_MID = "a0";

    /**
     * Offer audio (opus) and video (VP8 with RTX), sendonly, bundled; SSRCs as given. {@code setup} is actpass
     * (Sanke answers passive) or active (to keep this client the DTLS client with servers that prefer to be it).
     */
    public static String publishOffer(MediaConnection local, String fingerprint, String setup, int audioSsrc,
                                      int videoSsrc, int rtxSsrc, String cname) {
        return publishOffer(local, fingerprint, setup, audioSsrc, videoSsrc, rtxSsrc, cname, false);
    }

    /**
     * With {@code simulcast}, the video section offers three layers by RID (RFC 8853) instead of SSRCs, as Chromium
     * does: no a=ssrc and no RTX, the layers tagged by the MID and RID header extensions.
     */
    public static String publishOffer(MediaConnection local, String fingerprint, String setup, int audioSsrc,
                                      int videoSsrc, int rtxSsrc, String cname, boolean simulcast) {
        String ufrag = local.ufrag;
        String pwd = local.pwd;
        StringBuilder sdp = new StringBuilder();
        line(sdp, "v=0");
        line(sdp, "o=- " + (System.nanoTime() & Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=group:BUNDLE 0 1");
        line(sdp, "a=msid-semantic: WMS " + cname);
        section(sdp, "audio", "0", String.valueOf(OPUS_PT), ufrag, pwd, fingerprint, setup, "sendonly");
        candidate(sdp, local);
        line(sdp, "a=msid:" + cname + " " + cname + "-audio");
        line(sdp, "a=rtpmap:" + OPUS_PT + " opus/48000/2");
        line(sdp, "a=fmtp:" + OPUS_PT + " minptime=10;useinbandfec=1");
        line(sdp, "a=ssrc:" + Integer.toUnsignedString(audioSsrc) + " cname:" + cname);
        section(sdp, "video", "1", VP8_PT + " " + RTX_PT, ufrag, pwd, fingerprint, setup, "sendonly");
        line(sdp, "a=msid:" + cname + " " + cname + "-video");
        line(sdp, "a=rtpmap:" + VP8_PT + " VP8/90000");
        line(sdp, "a=rtcp-fb:" + VP8_PT + " nack");
        line(sdp, "a=rtcp-fb:" + VP8_PT + " nack pli");
        line(sdp, "a=rtpmap:" + RTX_PT + " rtx/90000");
        line(sdp, "a=fmtp:" + RTX_PT + " apt=" + VP8_PT);
        if (simulcast) {
            line(sdp, "a=extmap:" + MID_ID + " " + RtpHeaderExtensionIds.MID_URI);
            line(sdp, "a=extmap:" + RID_ID + " " + RtpHeaderExtensionIds.RID_URI);
            for (String rid : SIMULCAST_RIDS) {
                line(sdp, "a=rid:" + rid + " send");
            }
            line(sdp, "a=simulcast:send " + String.join(";", SIMULCAST_RIDS));
            return sdp.toString();
        }
        line(sdp, "a=ssrc-group:FID " + Integer.toUnsignedString(videoSsrc) + " " + Integer.toUnsignedString(rtxSsrc));
        line(sdp, "a=ssrc:" + Integer.toUnsignedString(videoSsrc) + " cname:" + cname);
        line(sdp, "a=ssrc:" + Integer.toUnsignedString(rtxSsrc) + " cname:" + cname);
        return sdp.toString();
    }

    /** Answers a subscribe offer: sections with a track recvonly, rejected ones rejected, Sanke's anchor inactive. */
    public static String subscribeAnswer(SessionFacts offer, MediaConnection local, String fingerprint) {
        String ufrag = local.ufrag;
        String pwd = local.pwd;
        StringBuilder sdp = new StringBuilder();
        line(sdp, "v=0");
        line(sdp, "o=- " + (System.nanoTime() & Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        StringBuilder bundle = new StringBuilder("a=group:BUNDLE");
        for (SessionFacts.Section s : offer.sections()) {
            if (s.port() != 0) {
                bundle.append(' ').append(s.mid());
            }
        }
        line(sdp, bundle.toString());
        boolean first = true;
        for (SessionFacts.Section s : offer.sections()) {
            if (s.kind().equals("application")) {
                line(sdp, "m=application 0 " + "UDP/DTLS/SCTP webrtc-datachannel");
                line(sdp, "c=IN IP4 0.0.0.0");
                line(sdp, "a=mid:" + s.mid());
                continue;
            }
            if (s.port() == 0) {
                line(sdp, "m=" + s.kind() + " 0 UDP/TLS/RTP/SAVPF " + s.formats());
                line(sdp, "c=IN IP4 0.0.0.0");
                line(sdp, "a=mid:" + s.mid());
                line(sdp, "a=inactive");
                continue;
            }
            section(sdp, s.kind(), s.mid(), s.formats(), ufrag, pwd, fingerprint, "active",
                    SANKE_ANCHOR_MID.equals(s.mid()) ? "inactive" : "recvonly");
            if (first) {
                candidate(sdp, local);
            }
            for (String rtpmap : s.rtpmaps()) {
                line(sdp, "a=" + rtpmap);
            }
            first = false;
        }
        return sdp.toString();
    }

    private static void section(StringBuilder sdp, String kind, String mid, String formats, String ufrag, String pwd,
                                String fingerprint, String setup, String direction) {
        line(sdp, "m=" + kind + " 9 UDP/TLS/RTP/SAVPF " + formats);
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
        line(sdp, "a=ice-ufrag:" + ufrag);
        line(sdp, "a=ice-pwd:" + pwd);
        line(sdp, "a=fingerprint:sha-256 " + fingerprint);
        line(sdp, "a=setup:" + setup);
        line(sdp, "a=mid:" + mid);
        line(sdp, "a=extmap:" + TRANSPORT_CC_ID + " " + RtpHeaderExtensionIds.TRANSPORT_WIDE_CC_URI);
        line(sdp, "a=" + direction);
        line(sdp, "a=rtcp-mux");
        line(sdp, "a=rtcp-rsize");
    }

    private static void candidate(StringBuilder sdp, MediaConnection local) {
        line(sdp, "a=candidate:1 1 udp 2130706431 127.0.0.1 " + local.localPort() + " typ host");
        line(sdp, "a=end-of-candidates");
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append("\r\n");
    }
}
