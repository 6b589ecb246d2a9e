package org.sanke.signaling.session;

import java.time.Clock;
import org.sanke.classroom.AttendanceStore;
import org.sanke.classroom.Participant;
import org.sanke.classroom.QualitySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes attendance and quality as lessons run. A store failure is logged and never stops a lesson: the media
 * matters more than the report. Thread-safe if the store is.
 */
final class AttendanceRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(AttendanceRecorder.class);

    private final AttendanceStore store;
    private final Clock clock;

    AttendanceRecorder(AttendanceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void joined(String lessonId, Participant participant) {
        run(() -> store.joined(lessonId, participant, clock.instant()));
    }

    void left(String lessonId, String participantId, String reason) {
        run(() -> store.left(lessonId, participantId, clock.instant(), reason));
    }

    void sample(String lessonId, String participantId, double lossPercent, int freezeMs, int kbps) {
        run(() -> store.sample(new QualitySample(lessonId, participantId, clock.instant(), lossPercent, freezeMs,
                kbps)));
    }

    private static void run(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("attendance not recorded: {}", e.toString());
        }
    }
}
