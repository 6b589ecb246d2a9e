package org.sanke.media.sfu;

import java.util.Arrays;

/**
 * How many bytes one consumer may resend: over a sliding window of {@link #WINDOW_NANOS}, retransmitted payload
 * may not exceed {@link #SHARE_PERCENT}% of the payload forwarded in the same window, plus {@link #BURST_BYTES}
 * for a lossy moment on a stream that has only just started. So however a subscriber NACKs, what it makes the
 * server send stays proportional to the stream it receives. The window slides in {@link #BUCKETS} steps.
 * Allocation-free; owned by the consumer's loop.
 */
final class RetransmissionBudget {
    static final long WINDOW_NANOS = 1_000_000_000L;
    static final int SHARE_PERCENT = 50;
    static final int BURST_BYTES = 10_000;
    private static final int BUCKETS = 10;
    private static final long BUCKET_NANOS = WINDOW_NANOS / BUCKETS;
    private static final long NEVER = Long.MIN_VALUE;

    private final long[] forwarded = new long[BUCKETS];
    private final long[] resent = new long[BUCKETS];
    private long forwardedInWindow;
    private long resentInWindow;
    private long bucket = NEVER;

    void onForwarded(int bytes, long now) {
        slide(now);
        forwarded[index()] += bytes;
        forwardedInWindow += bytes;
    }

    /** Charges a retransmission of {@code bytes} and returns true, or returns false when it would exceed the budget. */
    boolean tryResend(int bytes, long now) {
        slide(now);
        if (resentInWindow + bytes > forwardedInWindow * SHARE_PERCENT / 100 + BURST_BYTES) {
            return false;
        }
        resent[index()] += bytes;
        resentInWindow += bytes;
        return true;
    }

    private int index() {
        return Math.floorMod(bucket, BUCKETS);
    }

    /** Moves the window to {@code now}, emptying the buckets that fell out of it. */
    private void slide(long now) {
        long current = Math.floorDiv(now, BUCKET_NANOS);
        if (current <= bucket) {
            return;
        }
        if (bucket == NEVER || current - bucket >= BUCKETS) {
            Arrays.fill(forwarded, 0);
            Arrays.fill(resent, 0);
            forwardedInWindow = 0;
            resentInWindow = 0;
        } else {
            for (long b = bucket + 1; b <= current; b++) {
                int i = Math.floorMod(b, BUCKETS);
                forwardedInWindow -= forwarded[i];
                resentInWindow -= resent[i];
                forwarded[i] = 0;
                resent[i] = 0;
            }
        }
        bucket = current;
    }
}
