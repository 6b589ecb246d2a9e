package org.sanke.media.sfu;

/** The wall clock as a 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900 in the high word, fraction low. */
final class NtpTime {
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private NtpTime() {
    }

    static long fromMillis(long unixMillis) {
        long seconds = unixMillis / 1000 + SECONDS_1900_TO_1970;
        long fraction = ((unixMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }
}
