package org.sanke.classroom;

import java.time.Instant;

/** One thing attendance records as a lesson runs: a join, a leave or a quality sample, kept in order in a batch. */
public sealed interface AttendanceWrite {
    /** Makes the change through the store's single-write methods. */
    void applyTo(AttendanceStore store);

    /** What the write does, for a log line ("record the join of p1 in demo"). */
    String what();

    /** Whether it may be dropped first when the queue is full: a quality sample, not a join or a leave. */
    default boolean expendable() {
        return false;
    }

    record Joined(String lessonId, Participant participant, Instant at) implements AttendanceWrite {
        @Override
        public void applyTo(AttendanceStore store) {
            store.joined(lessonId, participant, at);
        }

        @Override
        public String what() {
            return "record the join of " + participant.id() + " in " + lessonId;
        }
    }

    record Left(String lessonId, String participantId, Instant at, String reason) implements AttendanceWrite {
        @Override
        public void applyTo(AttendanceStore store) {
            store.left(lessonId, participantId, at, reason);
        }

        @Override
        public String what() {
            return "record the leave of " + participantId + " from " + lessonId;
        }
    }

    record Sampled(QualitySample sample) implements AttendanceWrite {
        @Override
        public void applyTo(AttendanceStore store) {
            store.sample(sample);
        }

        @Override
        public String what() {
            return "record a quality sample of " + sample.participantId() + " in " + sample.lessonId();
        }

        @Override
        public boolean expendable() {
            return true;
        }
    }
}
