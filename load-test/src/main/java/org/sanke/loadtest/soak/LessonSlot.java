package org.sanke.loadtest.soak;

import java.time.Duration;

/**
 * One of the lessons a soak keeps going at once: a lesson, and when it has lasted its length the teacher ends it and
 * a new one starts (a new lesson id, so a new router on the server), until the run stops.
 */
final class LessonSlot implements Runnable {
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
                boolean runOver = churn.soak.lessonsRotate() ? churn.awaitStop(churn.soak.lessonLength())
                        : churn.awaitStop(Duration.ofNanos(Long.MAX_VALUE));
                lesson.end(!runOver);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first classrooms of all lessons join evenly over the ramp-up, not all at once. */
    private Duration firstDelay(int seat) {
        int perLesson = churn.options.classrooms();
        long order = (long) (number - 1) * perLesson + seat;
        return churn.options.rampUp().multipliedBy(order).dividedBy((long) churn.soak.lessons() * perLesson);
    }
}
