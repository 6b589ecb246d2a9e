package org.sanke.loadtest.soak;

import java.time.Duration;

/**
 * One of the lessons a soak keeps going at once: a lesson, and when it has lasted its length the teacher ends it and
 * a new one starts (a new lesson id, so a new router on the server), until the run stops.
 */
final class LessonSlot implements Runnable {
    /** How often the lesson looks whether its teacher is still connected. */
    private static final Duration TEACHER_CHECK = Duration.ofSeconds(1);

    private final Churn churn;
    private final int number;

    /** @param number from 1 */
    LessonSlot(Churn churn, int number) {
        this.churn = churn;
        this.number = number;
    }

    @Override
    public void run() {
        try {
            for (int held = 1; !churn.stopping(); held++) {
                SoakLesson lesson = SoakLesson.start(churn, "lesson " + number + "." + held);
                if (lesson == null) {
                    churn.awaitStop(churn.soak.rejoinGap()); // the failure is counted; try a new lesson after a gap
                    continue;
                }
                lesson.fillSeats(held == 1 ? this::firstDelay : seat -> churn.soak.rejoinGap().multipliedBy(seat + 1));
                lesson.end(!holdUntilOver(lesson));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Holds the lesson for its length (or the whole run), rejoining its teacher whenever the server lost her; true
     * when the run stopped.
     */
    private boolean holdUntilOver(SoakLesson lesson) throws InterruptedException {
        long end = churn.soak.lessonsRotate() ? System.nanoTime() + churn.soak.lessonLength().toNanos()
                : Long.MAX_VALUE;
        while (System.nanoTime() - end < 0) {
            Duration step = Duration.ofNanos(Math.min(TEACHER_CHECK.toNanos(), end - System.nanoTime()));
            if (churn.awaitStop(step)) {
                return true;
            }
            lesson.keepTeacher();
        }
        return false;
    }

    /** The first classrooms of all lessons join evenly over the ramp-up, not all at once. */
    private Duration firstDelay(int seat) {
        int perLesson = churn.options.classrooms();
        long order = (long) (number - 1) * perLesson + seat;
        return churn.options.rampUp().multipliedBy(order).dividedBy((long) churn.soak.lessons() * perLesson);
    }
}
