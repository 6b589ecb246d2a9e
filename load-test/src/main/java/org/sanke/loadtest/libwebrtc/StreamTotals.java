package org.sanke.loadtest.libwebrtc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeSet;

/**
 * One direction and kind of a peer's media (say, received video) summed over its streams, from libwebrtc's
 * inbound-rtp or outbound-rtp stats. Counters include streams that have ended; rates and sizes only the streams
 * there are now. Field names are those of the W3C stats, as in a browser's chrome://webrtc-internals.
 */
final class StreamTotals {
    private final boolean inbound;
    private final TreeSet<String> codecs = new TreeSet<>();
    int streams;
    long packets;
    long bytes;
    long packetsLost;
    long frames;
    double framesPerSecond;
    double jitterBufferDelay;
    long jitterBufferEmittedCount;
    long freezeCount;
    double totalFreezesDuration;
    long nackCount;
    long pliCount;
    long retransmittedPackets;
    long frameWidth;
    long frameHeight;
    String qualityLimitationReason = "";

    StreamTotals(boolean inbound) {
        this.inbound = inbound;
    }

    /**
     * Adds one inbound-rtp or outbound-rtp entry; {@code codec} is its codec's mime type or null, {@code current}
     * whether the stream is still there (false: the latest counters of one that ended).
     */
    void add(Map<String, Object> stats, String codec, boolean current) {
        packets += whole(stats, inbound ? "packetsReceived" : "packetsSent");
        bytes += whole(stats, inbound ? "bytesReceived" : "bytesSent");
        frames += whole(stats, inbound ? "framesDecoded" : "framesEncoded");
        nackCount += whole(stats, "nackCount");
        pliCount += whole(stats, "pliCount");
        retransmittedPackets += whole(stats, inbound ? "retransmittedPacketsReceived" : "retransmittedPacketsSent");
        if (inbound) {
            packetsLost += whole(stats, "packetsLost");
            jitterBufferDelay += decimal(stats, "jitterBufferDelay");
            jitterBufferEmittedCount += whole(stats, "jitterBufferEmittedCount");
            freezeCount += whole(stats, "freezeCount");
            totalFreezesDuration += decimal(stats, "totalFreezesDuration");
        }
        if (!current) {
            return;
        }
        streams++;
        if (codec != null) {
            codecs.add(codec);
        }
        framesPerSecond += decimal(stats, "framesPerSecond");
        frameWidth = Math.max(frameWidth, whole(stats, "frameWidth"));
        frameHeight = Math.max(frameHeight, whole(stats, "frameHeight"));
        if (stats.get("qualityLimitationReason") instanceof String reason) {
            qualityLimitationReason = reason;
        }
    }

    /**
     * The mean time a frame (video) or sample (audio) waited in the jitter buffer, in milliseconds: libwebrtc
     * sums every emitted one's wait into jitterBufferDelay (seconds).
     */
    double meanJitterBufferDelayMillis() {
        return jitterBufferEmittedCount == 0 ? 0 : 1000 * jitterBufferDelay / jitterBufferEmittedCount;
    }

    void write(ObjectNode node, boolean video, double kbps) {
        node.put("streams", streams);
        node.put("codecs", String.join(" ", codecs));
        node.put(inbound ? "packetsReceived" : "packetsSent", packets);
        node.put(inbound ? "bytesReceived" : "bytesSent", bytes);
        node.put("kbps", Math.max(0, Math.round(kbps)));
        node.put("nackCount", nackCount);
        node.put(inbound ? "retransmittedPacketsReceived" : "retransmittedPacketsSent", retransmittedPackets);
        if (inbound) {
            node.put("packetsLost", packetsLost);
            node.put("jitterBufferDelay", jitterBufferDelay);
            node.put("jitterBufferEmittedCount", jitterBufferEmittedCount);
            node.put("meanJitterBufferDelayMs", Math.round(meanJitterBufferDelayMillis() * 10) / 10.0);
        }
        if (video) {
            node.put(inbound ? "framesDecoded" : "framesEncoded", frames);
            node.put("framesPerSecond", framesPerSecond);
            node.put("frameWidth", frameWidth);
            node.put("frameHeight", frameHeight);
            node.put("pliCount", pliCount);
            if (inbound) {
                node.put("freezeCount", freezeCount);
                node.put("totalFreezesDuration", totalFreezesDuration);
            } else {
                node.put("qualityLimitationReason", qualityLimitationReason);
            }
        }
    }

    static long whole(Map<String, Object> stats, String name) {
        return stats.get(name) instanceof Number n ? n.longValue() : 0;
    }

    static double decimal(Map<String, Object> stats, String name) {
        return stats.get(name) instanceof Number n ? n.doubleValue() : 0;
    }
}
