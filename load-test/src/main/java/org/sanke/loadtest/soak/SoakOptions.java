package org.sanke.loadtest.soak;

import java.time.Duration;

/**
 * How a soak plays a compressed school day: several lessons at once, classrooms that come and go, lessons that end
 * and start again.
 *
 * @param lessons      lessons at once, each with its teacher
 * @param meanStay     how long a classroom stays, on average (exponentially distributed)
 * @param rejoinGap    after a classroom leaves, how long until the next one takes its place
 * @param lessonLength how long a lesson lasts before its teacher ends it and a new one starts; zero for lessons that
 *                     last the whole run
 * @param sampleEvery  how often the server's /metrics are read
 */
public record SoakOptions(int lessons, Duration meanStay, Duration rejoinGap, Duration lessonLength,
                          Duration sampleEvery) {
    public static final SoakOptions DEFAULT = new SoakOptions(4, Duration.ofSeconds(60), Duration.ofSeconds(2),
            Duration.ofMinutes(20), Duration.ofSeconds(10));

    /** Whether lessons end and start again during the run. */
    public boolean lessonsRotate() {
        return !lessonLength.isZero();
    }
}
