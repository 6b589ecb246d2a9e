package org.sanke.signaling.protocol;

/**
 * A token bucket per connection: {@code ratePerSecond} messages a second with bursts up to {@code burst}. A client
 * that keeps sending after being refused this many times in a row is flooding and gets disconnected.
 * Used by the connection's own thread only.
 */
public final class RateLimiter {
    public enum Verdict { ALLOW, REFUSE, FLOOD }

    private final double ratePerNano;
    private final double burst;
    private final int floodRefusals;
    private double tokens;
    private long lastNanos;
    private static final long FLOOD_WINDOW_NANOS = 10_000_000_000L;
    private long windowStart;
    private int refusedInWindow;

    public RateLimiter(double ratePerSecond, int burst, int floodRefusals, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.floodRefusals = floodRefusals;
        this.tokens = burst;
        this.lastNanos = nowNanos;
        this.windowStart = nowNanos;
    }

    public Verdict onMessage(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        if (nowNanos - windowStart > FLOOD_WINDOW_NANOS) {
            windowStart = nowNanos;
            refusedInWindow = 0;
        }
        return ++refusedInWindow >= floodRefusals ? Verdict.FLOOD : Verdict.REFUSE;
    }
}
