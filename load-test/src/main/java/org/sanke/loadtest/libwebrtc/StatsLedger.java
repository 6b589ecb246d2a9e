package org.sanke.loadtest.libwebrtc;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.HashMap;
import java.util.Map;

/**
 * Every RTP stream a peer has had, with its latest counters. libwebrtc drops a stream's stats when the stream ends
 * (the server removes a track whose publisher left), and the totals must not shrink when it does.
 */
final class StatsLedger {
    private record Stream(RTCStatsType type, boolean video, Map<String, Object> values, String codec) {
    }

    private final Map<String, Stream> streams = new HashMap<>();

    /** Takes in both connections' newest reports (either may be null) and sums everything up. */
    synchronized StatsSample update(RTCStatsReport publish, RTCStatsReport subscribe) {
        Map<String, Stream> current = new HashMap<>();
        collect("publish/", publish, current);
        collect("subscribe/", subscribe, current);
        streams.putAll(current);
        StatsSample sample = new StatsSample();
        streams.forEach((id, stream) -> sample.add(stream.type, stream.video, stream.values, stream.codec,
                current.containsKey(id)));
        if (publish != null) {
            Map<String, Object> pair = selectedPair(publish);
            sample.availableOutgoingBitrate = StreamTotals.decimal(pair, "availableOutgoingBitrate");
            sample.roundTripTime = StreamTotals.decimal(pair, "currentRoundTripTime");
        }
        return sample;
    }

    private static void collect(String connection, RTCStatsReport report, Map<String, Stream> into) {
        if (report == null) {
            return;
        }
        Map<String, RTCStats> all = report.getStats();
        for (RTCStats stats : all.values()) {
            if (stats.getType() == RTCStatsType.INBOUND_RTP || stats.getType() == RTCStatsType.OUTBOUND_RTP) {
                Map<String, Object> values = stats.getAttributes();
                into.put(connection + stats.getId(), new Stream(stats.getType(), "video".equals(values.get("kind")),
                        values, codec(all, values)));
            }
        }
    }

    private static String codec(Map<String, RTCStats> all, Map<String, Object> values) {
        RTCStats codec = values.get("codecId") instanceof String id ? all.get(id) : null;
        return codec != null && codec.getAttributes().get("mimeType") instanceof String mime ? mime : null;
    }

    /** The candidate pair the transport sends on (the one ICE selected). */
    private static Map<String, Object> selectedPair(RTCStatsReport report) {
        Map<String, RTCStats> all = report.getStats();
        for (RTCStats stats : all.values()) {
            if (stats.getType() == RTCStatsType.TRANSPORT
                    && stats.getAttributes().get("selectedCandidatePairId") instanceof String id
                    && all.get(id) != null) {
                return all.get(id).getAttributes();
            }
        }
        return Map.of();
    }
}
