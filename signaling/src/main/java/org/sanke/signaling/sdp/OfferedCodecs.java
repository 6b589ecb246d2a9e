package org.sanke.signaling.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.RtpCodec;

/** The codecs one offered m-section lists, and the choice of the one the server forwards. */
final class OfferedCodecs {
    private static final List<String> VIDEO_FEEDBACK = List.of("nack", "nack pli", "ccm fir", "transport-cc");
    private static final List<String> AUDIO_FEEDBACK = List.of("transport-cc");

    private record Entry(int pt, String name, int clockRate, int channels, String fmtp, List<String> feedback) {
    }

    private final Map<Integer, Entry> byPayloadType = new LinkedHashMap<>();

    OfferedCodecs(MediaSection section) {
        for (String format : section.formats) {
            int pt = Integer.parseInt(format);
            String rtpmap = null;
            String fmtp = "";
            List<String> feedback = new ArrayList<>();
            for (String value : section.attributes("rtpmap")) {
                if (value.startsWith(pt + " ")) {
                    rtpmap = value.substring(value.indexOf(' ') + 1).trim();
                }
            }
            for (String value : section.attributes("fmtp")) {
                if (value.startsWith(pt + " ")) {
                    fmtp = value.substring(value.indexOf(' ') + 1).trim();
                }
            }
            for (String value : section.attributes("rtcp-fb")) {
                if (value.startsWith(pt + " ") || value.startsWith("* ")) {
                    feedback.add(value.substring(value.indexOf(' ') + 1).trim());
                }
            }
            if (rtpmap == null) {
                continue; // static payload types without rtpmap are nothing a browser publishes with
            }
            String[] parts = rtpmap.split("/");
            try {
                int clockRate = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                int channels = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
                byPayloadType.put(pt, new Entry(pt, parts[0], clockRate, channels, fmtp, feedback));
            } catch (NumberFormatException e) {
                // an unreadable rtpmap makes that one codec unusable, not the whole offer
            }
        }
    }

    /** The codec the server forwards for this section, with its RTX, or null when there is none in common. */
    RtpCodec choose(MediaKind kind) {
        Entry chosen = kind == MediaKind.AUDIO ? find("opus", 48000, e -> true)
                : firstNonNull(find("VP8", 90000, e -> true),
                        find("H264", 90000, e -> isPacketizationMode1(e) && e.fmtp.contains("profile-level-id=42e01f")),
                        find("H264", 90000, e -> isPacketizationMode1(e) && e.fmtp.contains("profile-level-id=42")),
                        find("H264", 90000, OfferedCodecs::isPacketizationMode1));
        if (chosen == null) {
            return null;
        }
        List<String> allowed = kind == MediaKind.AUDIO ? AUDIO_FEEDBACK : VIDEO_FEEDBACK;
        List<String> feedback = chosen.feedback.stream().filter(allowed::contains).distinct().toList();
        int rtx = -1;
        if (kind == MediaKind.VIDEO) {
            for (Entry e : byPayloadType.values()) {
                if (e.name.equalsIgnoreCase("rtx") && e.fmtp.replace(" ", "").contains("apt=" + chosen.pt)) {
                    rtx = e.pt;
                    break;
                }
            }
        }
        return new RtpCodec(chosen.pt, chosen.name, chosen.clockRate, kind == MediaKind.AUDIO ? chosen.channels : 0,
                chosen.fmtp, feedback, rtx);
    }

    private static boolean isPacketizationMode1(Entry e) {
        return e.fmtp.replace(" ", "").toLowerCase(Locale.ROOT).contains("packetization-mode=1");
    }

    private Entry find(String name, int clockRate, java.util.function.Predicate<Entry> condition) {
        for (Entry e : byPayloadType.values()) {
            if (e.name.equalsIgnoreCase(name) && e.clockRate == clockRate && condition.test(e)) {
                return e;
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
