package org.sanke.media.sfu;

/**
 * Packet counters of one media loop. Written only by that loop's thread with plain stores, read by the metrics
 * scrape from another thread: a scrape may see a value a few packets old, which is fine for counters and keeps the
 * packet path free of atomics.
 */
final class LoopStats {
    long datagramsIn;
    long bytesIn;
    long rtpIn;
    long rtcpIn;
    long stunIn;
    long dtlsIn;
    long rtpOut;
    long rtcpOut;
    long bytesOut;
    final long[] drops = new long[DropReason.ALL.length];
    final long[] retransmissions = new long[RetransmissionOutcome.ALL.length];
    /** Sequence numbers NACKed to publishers, each request counted. */
    long nacksSent;
    /** Missing packets that arrived after we NACKed them (as RTX or on the media SSRC). */
    long rtxRecovered;
    /** Missing packets given up on: asked for too often, missing too long, or too many at once to ask for. */
    long upstreamLost;

    void drop(DropReason reason) {
        drops[reason.ordinal()]++;
    }
}
