package org.sanke.classroom;

import java.time.Instant;

/**
 * What a participant's client measured of its received media over the last interval.
 *
 * @param lossPercent share of packets lost, 0 to 100
 * @param freezeMs    time its video stood still
 * @param kbps        received bitrate
 */
public record QualitySample(String lessonId, String participantId, Instant at, double lossPercent, int freezeMs,
                            int kbps) {
    public QualitySample {
        if (lossPercent < 0 || lossPercent > 100 || freezeMs < 0 || kbps < 0) {
            throw new IllegalArgumentException("loss must be 0 to 100, freeze time and bitrate not negative");
        }
    }
}
