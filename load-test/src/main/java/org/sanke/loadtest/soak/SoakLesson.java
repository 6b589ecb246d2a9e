package org.sanke.loadtest.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.sanke.loadtest.ServerHttp;
import org.sanke.loadtest.client.SimulatedClassroom;

/**
 * One lesson of a soak, from its creation to its end: a teacher who publishes throughout, and seats that
 * classrooms take one after another (join, stay a random time, leave, a short gap, the next one). The lesson ends
 * with every seat empty and the teacher gone.
 */
final class SoakLesson {
    private static final Duration JOINS_SETTLE = Duration.ofSeconds(40);
    /**
     * How long the classrooms use one invitation before the teacher asks for a new one: an invitation lasts 12
     * hours, and a lesson may last the whole soak.
     */
    static final Duration NEW_INVITATION_AFTER = Duration.ofHours(1);

    private final Churn churn;
    private final String id;
    private final String name;
    /** The invitation the classrooms join with, and when it was issued (System.nanoTime). */
    private String invitation;
    private long invitedAt;
    /** Replaced when the server lost her; read by {@link #end}, written by the lesson's slot only. */
    private volatile SimulatedClassroom teacher;
    /** Her last rejoin failed: she is closed, and the next check tries again. */
    private boolean teacherMissing;
    private final CountDownLatch over = new CountDownLatch(1);
    private final List<Thread> seats = new ArrayList<>();
    /** Joins under way; the lesson ends only once they have come back, so none races the end. */
    private final AtomicInteger joining = new AtomicInteger();
    private volatile boolean ending;

    private SoakLesson(Churn churn, ServerHttp.Lesson lesson, long createdAt, String name,
                       SimulatedClassroom teacher) {
        this.churn = churn;
        this.id = lesson.id();
        this.invitation = lesson.classroomInvitation();
        this.invitedAt = createdAt;
        this.name = name;
        this.teacher = teacher;
    }

    /**
     * Creates a lesson and joins its teacher with a grant of her own, fetched for this join (each new lesson's
     * teacher joins anew); null (counted as a failed join) when either fails.
     */
    static SoakLesson start(Churn churn, String name) {
        ServerHttp.Lesson lesson;
        long createdAt = System.nanoTime();
        try {
            lesson = churn.api.createLesson("Soak: " + name, "dedicated", churn.options.classrooms());
        } catch (Exception e) {
            churn.counts.failedJoins.incrementAndGet();
            churn.stats.fail(e);
            return null;
        }
        SimulatedClassroom teacher = churn.participant(name + " teacher", "teacher");
        if (!churn.join(teacher, lesson.id(), () -> churn.api.teacherGrant(lesson.id()))) {
            churn.drop(teacher);
            return null;
        }
        churn.counts.lessonsStarted.incrementAndGet();
        return new SoakLesson(churn, lesson, createdAt, name, teacher);
    }

    /**
     * When the server closed the teacher's connection (her media timed out: a machine too busy to answer consent
     * checks in time), she joins again with a new grant, as the web page does.
     */
    void keepTeacher() {
        if (ending || !(teacherMissing || teacher.connectionLost())) {
            return;
        }
        churn.drop(teacher);
        SimulatedClassroom again = churn.participant(name + " teacher", "teacher");
        teacherMissing = !churn.join(again, id, () -> churn.api.teacherGrant(id));
        if (teacherMissing) {
            churn.drop(again); // the failure is counted; the next check tries again
        } else {
            churn.counts.teacherRejoins.incrementAndGet();
        }
        teacher = again;
    }

    /** The lesson's invitation for classrooms; a new one once it has been used {@link #NEW_INVITATION_AFTER}. */
    private synchronized String classroomInvitation() throws Exception {
        if (System.nanoTime() - invitedAt > NEW_INVITATION_AFTER.toNanos()) {
            invitation = churn.api.invitation(id, "classroom");
            invitedAt = System.nanoTime();
        }
        return invitation;
    }

    /** Starts every seat; seat {@code i} (from 0) takes its first classroom after {@code firstDelay.apply(i)}. */
    void fillSeats(IntFunction<Duration> firstDelay) {
        for (int i = 0; i < churn.options.classrooms(); i++) {
            int seat = i;
            seats.add(Thread.startVirtualThread(() -> seat(seat + 1, firstDelay.apply(seat))));
        }
    }

    private void seat(int seat, Duration firstDelay) {
        try {
            if (waitUnlessOver(firstDelay)) {
                return;
            }
            for (int occupant = 1; beginJoin(); occupant++) {
                visit(churn.participant(name + " room " + seat + " visit " + occupant, "classroom"));
                if (waitUnlessOver(churn.soak.rejoinGap())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One classroom: joins, stays, leaves; closed and let go of whatever happens. */
    private void visit(SimulatedClassroom classroom) throws InterruptedException {
        try {
            boolean joined;
            try {
                joined = churn.join(classroom, id, this::classroomInvitation);
            } finally {
                joining.decrementAndGet();
            }
            if (joined) {
                churn.counts.classroomJoins.incrementAndGet();
                churn.counts.classroomsConnected.incrementAndGet();
                try {
                    waitUnlessOver(churn.nextStay());
                    classroom.leave();
                } finally {
                    churn.counts.classroomsConnected.decrementAndGet();
                    churn.counts.classroomLeaves.incrementAndGet();
                }
            }
        } finally {
            churn.drop(classroom);
        }
    }

    /** Counts a join under way, unless the lesson is ending (then no more joins start). */
    private boolean beginJoin() {
        joining.incrementAndGet();
        if (ending) {
            joining.decrementAndGet();
            return false;
        }
        return true;
    }

    /** True when the lesson ended before {@code time} passed. */
    private boolean waitUnlessOver(Duration time) throws InterruptedException {
        return over.await(time.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Ends the lesson: once no join is under way, the teacher ends it for everyone ({@code endLesson}) when
     * {@code byTeacher}; then the seats' classrooms leave and the teacher leaves.
     */
    void end(boolean byTeacher) throws InterruptedException {
        ending = true;
        long deadline = System.nanoTime() + JOINS_SETTLE.toNanos();
        while (joining.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (byTeacher) {
            try {
                teacher.endLesson();
                churn.counts.lessonsEndedByTeacher.incrementAndGet();
            } catch (Exception e) {
                churn.stats.fail(e);
            }
        }
        over.countDown();
        for (Thread seat : seats) {
            seat.join(Duration.ofSeconds(15)); // a leave waits 5 s at most
        }
        teacher.leave();
        churn.drop(teacher);
    }
}
