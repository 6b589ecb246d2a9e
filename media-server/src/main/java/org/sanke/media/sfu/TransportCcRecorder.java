package org.sanke.media.sfu;

import org.sanke.media.packet.TransportCcFeedbackBuilder;

/**
 * Remembers when each packet with a transport-wide sequence number arrived from the publisher and turns that into
 * transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01) every tick, so the browser's
 * send-side bandwidth estimation has what it needs. Owned by the transport's loop.
 */
final class TransportCcRecorder {
    private static final int WINDOW = 1024;
    private static final int MASK = WINDOW - 1;

    private final long[] arrivalMicros = new long[WINDOW];
    private final boolean[] arrived = new boolean[WINDOW];
    private final TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
    private boolean started;
    private long highest;
    private long nextToReport;
    private int feedbackCount;

    void onPacket(int sequenceNumber, long nowNanos) {
        long extended;
        if (!started) {
            started = true;
            extended = sequenceNumber;
            nextToReport = extended;
            highest = extended;
        } else {
            // Unwrap against the highest seen: the closest value with these low 16 bits.
            long candidate = (highest & ~0xFFFFL) | sequenceNumber;
            if (candidate - highest > 0x8000) {
                candidate -= 0x10000;
            } else if (highest - candidate > 0x8000) {
                candidate += 0x10000;
            }
            extended = candidate;
        }
        if (extended < nextToReport || extended - nextToReport >= WINDOW) {
            if (extended > highest) {
                // A jump past the window: the gap cannot be reported, start again from here.
                nextToReport = extended;
                highest = extended;
            } else {
                return;
            }
        }
        int slot = (int) (extended & MASK);
        arrivalMicros[slot] = nowNanos / 1000;
        arrived[slot] = true;
        if (extended > highest) {
            highest = extended;
        }
    }

    /** Writes feedback for everything since the last call, or returns 0 when nothing arrived. */
    int writeFeedback(byte[] out, int off, int senderSsrc, int mediaSsrc) {
        if (!started || nextToReport > highest) {
            return 0;
        }
        boolean begun = false;
        for (long seq = nextToReport; seq <= highest; seq++) {
            int slot = (int) (seq & MASK);
            if (!arrived[slot]) {
                continue;
            }
            if (!begun) {
                builder.reset((int) (nextToReport & 0xFFFF), arrivalMicros[slot]);
                begun = true;
            }
            builder.addReceived((int) (seq & 0xFFFF), arrivalMicros[slot]);
            arrived[slot] = false;
        }
        nextToReport = highest + 1;
        if (!begun) {
            return 0;
        }
        int len = builder.write(out, off, senderSsrc, mediaSsrc, feedbackCount);
        feedbackCount = (feedbackCount + 1) & 0xFF;
        return len;
    }
}
