package org.sanke.loadtest.soak;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the churn has done so far; written by the seats and lessons, read by the sampler. */
final class ChurnCounts {
    final AtomicLong classroomJoins = new AtomicLong();
    final AtomicLong classroomLeaves = new AtomicLong();
    /** Classrooms and teachers whose join failed, the lesson's creation included. */
    final AtomicLong failedJoins = new AtomicLong();
    final AtomicInteger classroomsConnected = new AtomicInteger();
    final AtomicLong lessonsStarted = new AtomicLong();
    final AtomicLong lessonsEndedByTeacher = new AtomicLong();
    /** Teachers whose connection the server closed mid-lesson (media timed out) and who joined again. */
    final AtomicLong teacherRejoins = new AtomicLong();
}
