package org.sanke.media.sfu;

import org.sanke.media.packet.RtcpWriter;

/**
 * What a receiver reports about one incoming stream (RFC 3550 §6.4.1, algorithms of Appendix A.1, A.3, A.8):
 * extended highest sequence number, loss, interarrival jitter. Owned by the producer's loop.
 */
final class ReceiveStatistics {
    private final int clockRate;
    private boolean started;
    private int baseSequence;
    private int maxSequence;
    private int cycles;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long lastTransit;
    private double jitter;

    ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    boolean hasPackets() {
        return started;
    }

    void onPacket(int sequenceNumber, int rtpTimestamp, long now) {
        if (!started) {
            started = true;
            baseSequence = sequenceNumber;
            maxSequence = sequenceNumber;
        } else {
            int delta = (sequenceNumber - maxSequence) & 0xFFFF;
            if (delta != 0 && delta < 0x8000) {
                if (sequenceNumber < maxSequence) {
                    cycles += 0x10000;
                }
                maxSequence = sequenceNumber;
            }
        }
        received++;
        long arrival = now / 1000 * clockRate / 1_000_000L;
        long transit = arrival - (rtpTimestamp & 0xFFFFFFFFL);
        if (received > 1) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
    }

    int extendedHighestSequence() {
        return cycles + maxSequence;
    }

    /** Writes one receiver report block for this stream; the interval counters restart. */
    int writeReceiverReport(byte[] out, int off, int senderSsrc, int mediaSsrc, long lastSenderReportNtp,
                            long lastSenderReportArrivalNanos, long now) {
        long expected = (long) extendedHighestSequence() - baseSequence + 1;
        long lost = Math.max(0, expected - received);
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        int lsr = (int) (lastSenderReportNtp >>> 16);
        int dlsr = lastSenderReportArrivalNanos == 0 ? 0
                : (int) ((now - lastSenderReportArrivalNanos) * 65536L / 1_000_000_000L);
        return RtcpWriter.receiverReport(out, off, senderSsrc, mediaSsrc, Math.min(fraction, 255),
                (int) Math.min(lost, 0x7FFFFF), extendedHighestSequence(), (int) jitter, lsr, dlsr);
    }
}
