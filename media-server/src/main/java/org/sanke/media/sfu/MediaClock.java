package org.sanke.media.sfu;

/**
 * Time as the media plane reads it: a monotonic clock in nanoseconds for every interval (consent, keyframe
 * throttling, reports, retransmission windows) and the wall clock for NTP timestamps. One instance per media server;
 * tests pass one they advance themselves instead of sleeping.
 */
interface MediaClock {
    /** Monotonic nanoseconds, comparable only with each other (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Milliseconds since 1970 (like {@link System#currentTimeMillis()}), for the NTP time in sender reports. */
    long wallMillis();

    MediaClock SYSTEM = new MediaClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }
    };
}
