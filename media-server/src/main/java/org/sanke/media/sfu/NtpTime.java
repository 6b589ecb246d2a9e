package org.sanke.media.sfu;

/** The wall clock as a 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900 in the high word, fraction low. */
final class NtpTime {
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private NtpTime() {
    }

    /** The middle 32 bits (16.16 seconds), as in a report block's LSR and DLSR. */
    static int compact(long ntp) {
        return (int) (ntp >>> 16);
    }

    /**
     * The round trip from a report block (RFC 3550 §6.4.1): its arrival time minus our sender report's time (LSR)
     * minus the time the receiver held it (DLSR), all in compact NTP; -1 when the block has no LSR or the result
     * is negative (clocks or a forged block).
     */
    static long roundTripNanos(int arrivalCompact, int lastSenderReport, int delaySinceLastSenderReport) {
        if (lastSenderReport == 0) {
            return -1;
        }
        int rtt = arrivalCompact - lastSenderReport - delaySinceLastSenderReport;
        return rtt < 0 ? -1 : (rtt * 1_000_000_000L) >> 16;
    }

    static long fromMillis(long unixMillis) {
        long seconds = unixMillis / 1000 + SECONDS_1900_TO_1970;
        long fraction = ((unixMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }
}
