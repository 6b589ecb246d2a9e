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

    void drop(DropReason reason) {
        drops[reason.ordinal()]++;
    }
}
