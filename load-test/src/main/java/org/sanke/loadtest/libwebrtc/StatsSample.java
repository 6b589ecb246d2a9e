package org.sanke.loadtest.libwebrtc;

import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;

/** One reading of libwebrtc's stats for a peer (see {@link StatsLedger}): received, sent, send bandwidth. */
final class StatsSample {
    final StreamTotals receivedVideo = new StreamTotals(true);
    final StreamTotals receivedAudio = new StreamTotals(true);
    final StreamTotals sentVideo = new StreamTotals(false);
    final StreamTotals sentAudio = new StreamTotals(false);
    /** The bandwidth libwebrtc's congestion control estimates for sending, in bit/s; 0 before it knows. */
    double availableOutgoingBitrate;
    /** The publish connection's round-trip time to the server from ICE checks, in seconds. */
    double roundTripTime;

    void add(RTCStatsType type, boolean video, Map<String, Object> values, String codec, boolean current) {
        StreamTotals totals = type == RTCStatsType.INBOUND_RTP ? (video ? receivedVideo : receivedAudio)
                : (video ? sentVideo : sentAudio);
        totals.add(values, codec, current);
    }
}
