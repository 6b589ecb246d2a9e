package org.sanke.signaling.sdp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.api.RtpCodec;
import org.sanke.media.api.RtpHeaderExtensionIds;
import org.sanke.media.api.TransportParameters;

/**
 * The server's side of offer/answer: what it accepts from publishers and what it offers to subscribers.
 *
 * <p>Every subscribe offer begins with an inactive "anchor" video section (mid {@value #ANCHOR_MID}) that carries no
 * track and is never removed. It is the BUNDLE tag, so that the sections of tracks that went away can be rejected
 * (port 0, which ends the track in the browser) without ever leaving the bundle empty, which would tear down the
 * subscribe connection's transport. Stateless and thread-safe.
 */
public final class SdpNegotiator {
    /** The mid of the first, track-less section of every subscribe offer. */
    public static final String ANCHOR_MID = "a0";
    private static final RtpCodec ANCHOR_CODEC = new RtpCodec(96, "VP8", 90000, 0, "", List.of(), -1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Answers a publish offer: every audio/video section sendonly, bundled, with a codec the server forwards. */
    public PublishNegotiation answerPublish(String offerSdp, TransportParameters local) throws SdpException {
        SessionDescription offer = SdpParser.parse(offerSdp);
        List<String> bundle = offer.bundleGroup();
        List<ProducerParameters> tracks = new ArrayList<>();
        List<String> acceptedMids = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        MediaSection first = null;
        for (int index = 0; index < offer.media.size(); index++) {
            MediaSection section = offer.media.get(index);
            String mid = section.mid();
            if (mid == null) {
                throw SdpException.unsupported("m-section " + index + " has no a=mid");
            }
            MediaKind kind = kindOf(section.kind);
            String direction = section.direction();
            boolean publishes = kind != null && section.port != 0
                    && (direction.equals("sendonly") || direction.equals("sendrecv"));
            if (!publishes) {
                sections.add(rejected(section, mid));
                continue;
            }
            if (bundle == null || !bundle.contains(mid)) {
                throw SdpException.unsupported("offer is not bundled: mid " + mid + " is not in a=group:BUNDLE");
            }
            if (!section.protocol.equals("UDP/TLS/RTP/SAVPF")) {
                throw SdpException.unsupported("mid " + mid + " uses " + section.protocol
                        + "; only UDP/TLS/RTP/SAVPF is supported");
            }
            if (!section.has("rtcp-mux")) {
                throw SdpException.unsupported("mid " + mid + " has no a=rtcp-mux");
            }
            RtpCodec codec = new OfferedCodecs(section).choose(kind);
            if (codec == null) {
                throw SdpException.unsupported("no common " + section.kind + " codec in mid " + mid);
            }
            if (first == null) {
                first = section;
            }
            ProducerParameters track = producer(section, mid, kind, codec);
            tracks.add(track);
            acceptedMids.add(mid);
            sections.add(accepted(section, track, local));
        }
        if (first == null) {
            throw SdpException.unsupported("the offer has no audio or video section to publish");
        }
        String ufrag = offer.attribute(first, "ice-ufrag");
        String pwd = offer.attribute(first, "ice-pwd");
        if (ufrag == null || pwd == null) {
            throw SdpException.unsupported("the offer has no ICE credentials (a=ice-ufrag, a=ice-pwd)");
        }
        String fingerprint = sha256Fingerprint(offer, first);
        String setup = offer.attribute(first, "setup");
        if (!"actpass".equals(setup) && !"active".equals(setup)) {
            throw SdpException.unsupported("the offer must be a=setup:actpass or a=setup:active, not " + setup);
        }
        SdpWriter answer = new SdpWriter();
        answer.session(RANDOM.nextLong() & Long.MAX_VALUE, 2);
        answer.attribute("group:BUNDLE " + String.join(" ", acceptedMids));
        answer.attribute("msid-semantic: WMS");
        String body = String.join("", sections);
        return new PublishNegotiation(answer + body, ufrag, pwd, "sha-256", fingerprint, tracks);
    }

    /** Writes a subscribe offer; {@code sessionVersion} grows by one with each new offer on the same connection. */
    public String offerSubscribe(TransportParameters local, List<OfferedTrack> tracks, long sessionId,
                                 long sessionVersion) {
        SdpWriter sdp = new SdpWriter();
        sdp.session(sessionId, sessionVersion);
        StringBuilder bundle = new StringBuilder("group:BUNDLE " + ANCHOR_MID);
        for (OfferedTrack track : tracks) {
            if (track.active()) {
                bundle.append(' ').append(track.consumer().mid());
            }
        }
        sdp.attribute(bundle.toString());
        sdp.attribute("msid-semantic: WMS *");
        sdp.line("m=video 9 UDP/TLS/RTP/SAVPF " + ANCHOR_CODEC.payloadType());
        sdp.transport(local, "actpass");
        sdp.attribute("mid:" + ANCHOR_MID);
        sdp.attribute("inactive");
        sdp.attribute("rtcp-mux");
        sdp.codec(ANCHOR_CODEC);
        sdp.candidates(local);
        for (OfferedTrack track : tracks) {
            RtpCodec codec = track.consumer().codec();
            String mid = track.consumer().mid();
            if (!track.active()) {
                sdp.line("m=" + track.kind().sdpName() + " 0 UDP/TLS/RTP/SAVPF " + codec.payloadType());
                sdp.line("c=IN IP4 0.0.0.0");
                sdp.attribute("mid:" + mid);
                sdp.attribute("inactive");
                sdp.attribute("rtpmap:" + codec.payloadType() + " " + codec.name() + "/" + codec.clockRate()
                        + (codec.channels() > 0 ? "/" + codec.channels() : ""));
                continue;
            }
            sdp.line("m=" + track.kind().sdpName() + " 9 UDP/TLS/RTP/SAVPF " + SdpWriter.formats(codec));
            sdp.transport(local, "actpass");
            sdp.attribute("mid:" + mid);
            RtpHeaderExtensionIds ext = RtpHeaderExtensionIds.SERVER_SEND;
            if (track.kind() == MediaKind.AUDIO) {
                sdp.attribute("extmap:" + ext.audioLevel() + " " + RtpHeaderExtensionIds.AUDIO_LEVEL_URI);
            }
            sdp.attribute("extmap:" + ext.absSendTime() + " " + RtpHeaderExtensionIds.ABS_SEND_TIME_URI);
            sdp.attribute("extmap:" + ext.transportWideCc() + " " + RtpHeaderExtensionIds.TRANSPORT_WIDE_CC_URI);
            sdp.attribute("sendonly");
            String msid = track.streamId() + " " + track.trackId();
            sdp.attribute("msid:" + msid);
            sdp.attribute("rtcp-mux");
            sdp.attribute("rtcp-rsize");
            sdp.codec(codec);
            int ssrc = track.consumer().ssrc();
            int rtxSsrc = track.consumer().rtxSsrc();
            if (codec.hasRtx() && rtxSsrc != 0) {
                sdp.attribute("ssrc-group:FID " + unsigned(ssrc) + " " + unsigned(rtxSsrc));
            }
            ssrcLines(sdp, ssrc, track.consumer().cname(), msid);
            if (codec.hasRtx() && rtxSsrc != 0) {
                ssrcLines(sdp, rtxSsrc, track.consumer().cname(), msid);
            }
        }
        return sdp.toString();
    }

    /** Checks a subscriber's answer against the offer it answers. */
    public SubscribeAnswer acceptSubscribeAnswer(String answerSdp, List<OfferedTrack> offered) throws SdpException {
        SessionDescription answer = SdpParser.parse(answerSdp);
        if (answer.media.size() != offered.size() + 1) {
            throw SdpException.unsupported("the answer has " + answer.media.size() + " m-sections, the offer "
                    + (offered.size() + 1));
        }
        for (int i = 0; i < answer.media.size(); i++) {
            String expected = i == 0 ? ANCHOR_MID : offered.get(i - 1).consumer().mid();
            String mid = answer.media.get(i).mid();
            if (!expected.equals(mid)) {
                throw SdpException.unsupported("m-section " + i + " of the answer has mid " + mid + ", expected "
                        + expected);
            }
            if (i > 0 && offered.get(i - 1).active() && answer.media.get(i).port != 0) {
                String direction = answer.media.get(i).direction();
                if (!direction.equals("recvonly") && !direction.equals("inactive")) {
                    throw SdpException.unsupported("mid " + mid + " must be answered recvonly, not " + direction);
                }
            }
        }
        MediaSection first = answer.media.get(0);
        String setup = answer.attribute(first, "setup");
        if (!"active".equals(setup)) {
            throw SdpException.unsupported("the answer must be a=setup:active, not " + setup);
        }
        String ufrag = answer.attribute(first, "ice-ufrag");
        String pwd = answer.attribute(first, "ice-pwd");
        if (ufrag == null || pwd == null) {
            throw SdpException.unsupported("the answer has no ICE credentials (a=ice-ufrag, a=ice-pwd)");
        }
        return new SubscribeAnswer(ufrag, pwd, "sha-256", sha256Fingerprint(answer, first));
    }

    /**
     * The codec as the server offers it to subscribers: fixed payload types, so that every subscriber of a lesson
     * sees the same numbers, and RTX for video because the server answers NACKs from its own cache.
     */
    public static RtpCodec subscribeCodec(RtpCodec producerCodec) {
        List<String> videoFeedback = List.of("nack", "nack pli", "ccm fir", "transport-cc");
        return switch (producerCodec.name().toUpperCase(Locale.ROOT)) {
            case "OPUS" -> new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of("transport-cc"),
                    -1);
            case "VP8" -> new RtpCodec(96, "VP8", 90000, 0, "", videoFeedback, 97);
            case "H264" -> new RtpCodec(102, "H264", 90000, 0, producerCodec.fmtp(), videoFeedback, 103);
            default -> throw new IllegalArgumentException("no subscribe mapping for " + producerCodec.name());
        };
    }

    private static void ssrcLines(SdpWriter sdp, int ssrc, String cname, String msid) {
        sdp.attribute("ssrc:" + unsigned(ssrc) + " cname:" + cname);
        sdp.attribute("ssrc:" + unsigned(ssrc) + " msid:" + msid);
    }

    private static String unsigned(int ssrc) {
        return Integer.toUnsignedString(ssrc);
    }

    private static MediaKind kindOf(String kind) {
        return switch (kind) {
            case "audio" -> MediaKind.AUDIO;
            case "video" -> MediaKind.VIDEO;
            default -> null;
        };
    }

    private static String sha256Fingerprint(SessionDescription sdp, MediaSection section) throws SdpException {
        List<String> candidates = new ArrayList<>(section.attributes("fingerprint"));
        String session = sdp.sessionAttribute("fingerprint");
        if (session != null) {
            candidates.add(session);
        }
        for (String value : candidates) {
            String[] parts = value.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equalsIgnoreCase("sha-256")
                    && parts[1].matches("([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}")) {
                return parts[1].toUpperCase(Locale.ROOT);
            }
        }
        throw SdpException.unsupported("no sha-256 DTLS fingerprint (a=fingerprint:sha-256)");
    }

    private static String rejected(MediaSection section, String mid) {
        SdpWriter sdp = new SdpWriter();
        String format = section.formats.isEmpty() ? "0" : section.formats.get(0);
        sdp.line("m=" + section.kind + " 0 " + section.protocol + " " + format);
        sdp.line("c=IN IP4 0.0.0.0");
        sdp.attribute("mid:" + mid);
        if (kindOf(section.kind) != null) {
            sdp.attribute("inactive");
        }
        return sdp.toString();
    }

    private static String accepted(MediaSection section, ProducerParameters track, TransportParameters local) {
        SdpWriter sdp = new SdpWriter();
        RtpCodec codec = track.codec();
        sdp.line("m=" + section.kind + " 9 UDP/TLS/RTP/SAVPF " + SdpWriter.formats(codec));
        sdp.transport(local, "passive");
        sdp.attribute("mid:" + track.mid());
        for (String extmap : section.attributes("extmap")) {
            String[] parts = extmap.split("\\s+");
            if (parts.length >= 2 && acceptedExtension(parts[1], track.kind())) {
                sdp.attribute("extmap:" + parts[0] + " " + parts[1]);
            }
        }
        sdp.attribute("recvonly");
        sdp.attribute("rtcp-mux");
        if (section.has("rtcp-rsize")) {
            sdp.attribute("rtcp-rsize");
        }
        sdp.codec(codec);
        if (!track.rids().isEmpty()) {
            for (String rid : track.rids()) {
                sdp.attribute("rid:" + rid + " recv");
            }
            sdp.attribute("simulcast:recv " + String.join(";", track.rids()));
        }
        sdp.candidates(local);
        return sdp.toString();
    }

    private static boolean acceptedExtension(String uri, MediaKind kind) {
        return switch (uri) {
            case RtpHeaderExtensionIds.MID_URI, RtpHeaderExtensionIds.RID_URI, RtpHeaderExtensionIds.REPAIRED_RID_URI,
                 RtpHeaderExtensionIds.ABS_SEND_TIME_URI, RtpHeaderExtensionIds.TRANSPORT_WIDE_CC_URI -> true;
            case RtpHeaderExtensionIds.AUDIO_LEVEL_URI -> kind == MediaKind.AUDIO;
            default -> false;
        };
    }

    private static ProducerParameters producer(MediaSection section, String mid, MediaKind kind, RtpCodec codec) {
        int ssrc = 0;
        int rtxSsrc = 0;
        for (String group : section.attributes("ssrc-group")) {
            String[] parts = group.trim().split("\\s+");
            if (parts.length == 3 && parts[0].equals("FID")) {
                ssrc = parseSsrc(parts[1]);
                rtxSsrc = parseSsrc(parts[2]);
                break;
            }
        }
        if (ssrc == 0) {
            List<String> ssrcLines = section.attributes("ssrc");
            if (!ssrcLines.isEmpty()) {
                ssrc = parseSsrc(ssrcLines.get(0).trim().split("\\s+")[0]);
            }
        }
        List<String> rids = new ArrayList<>();
        String simulcast = section.attribute("simulcast");
        if (simulcast != null) {
            for (String rid : section.attributes("rid")) {
                String[] parts = rid.trim().split("\\s+");
                if (parts.length >= 2 && parts[1].equals("send")) {
                    rids.add(parts[0]);
                }
            }
            if (!rids.isEmpty()) {
                ssrc = 0;
                rtxSsrc = 0;
            }
        }
        int midId = 0;
        int ridId = 0;
        int repairedRidId = 0;
        int audioLevelId = 0;
        int absSendTimeId = 0;
        int transportCcId = 0;
        for (String extmap : section.attributes("extmap")) {
            String[] parts = extmap.trim().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            int id;
            try {
                int slash = parts[0].indexOf('/');
                id = Integer.parseInt(slash < 0 ? parts[0] : parts[0].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (id < 1 || id > 14) {
                continue; // the server reads one-byte extensions only
            }
            switch (parts[1]) {
                case RtpHeaderExtensionIds.MID_URI -> midId = id;
                case RtpHeaderExtensionIds.RID_URI -> ridId = id;
                case RtpHeaderExtensionIds.REPAIRED_RID_URI -> repairedRidId = id;
                case RtpHeaderExtensionIds.AUDIO_LEVEL_URI -> audioLevelId = kind == MediaKind.AUDIO ? id : 0;
                case RtpHeaderExtensionIds.ABS_SEND_TIME_URI -> absSendTimeId = id;
                case RtpHeaderExtensionIds.TRANSPORT_WIDE_CC_URI -> transportCcId = id;
                default -> { }
            }
        }
        String msid = section.attribute("msid");
        return new ProducerParameters(mid, kind, codec, ssrc, codec.hasRtx() ? rtxSsrc : 0, rids,
                new RtpHeaderExtensionIds(midId, ridId, repairedRidId, audioLevelId, absSendTimeId, transportCcId),
                msid != null ? msid : "mid:" + mid);
    }

    private static int parseSsrc(String text) {
        try {
            return (int) Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
