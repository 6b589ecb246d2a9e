package org.sanke.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueuedAttendanceWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");

    /** Memory attendance whose batch writes wait for a gate, as a stalled database would. */
    private static final class GatedStore implements AttendanceStore {
        final MemoryAttendanceStore memory = new MemoryAttendanceStore();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> writers = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void write(List<AttendanceWrite> writes) {
            attempts.incrementAndGet();
            writers.add(Thread.currentThread().getName());
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the database is away");
            }
            memory.write(writes);
        }

        @Override
        public void joined(String lessonId, Participant participant, Instant at) {
            memory.joined(lessonId, participant, at);
        }

        @Override
        public void left(String lessonId, String participantId, Instant at, String reason) {
            memory.left(lessonId, participantId, at, reason);
        }

        @Override
        public void sample(QualitySample sample) {
            memory.sample(sample);
        }

        @Override
        public List<AttendanceRecord> lesson(String lessonId) {
            return memory.lesson(lessonId);
        }

        @Override
        public java.util.Map<RoomInLesson, Instant> firstJoins(java.util.Set<String> classroomIds, Instant from,
                                                             Instant to) {
            return memory.firstJoins(classroomIds, from, to);
        }
    }

    private static QueuedAttendanceWriter.Settings settings(int capacity) {
        return new QueuedAttendanceWriter.Settings(capacity, 500, Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofMillis(300));
    }

    private static Participant room(String id) {
        return new Participant(id, Role.CLASSROOM, "Room " + id);
    }

    private static QualitySample sample(String participantId, int second) {
        return new QualitySample("lesson", participantId, T0.plusSeconds(second), 1.0, 0, 800);
    }

    @Test
    void callersOnlyQueueAndTheWriterThreadWritesInOrderWhenTheStoreComesBack() throws Exception {
        GatedStore store = new GatedStore();
        try (QueuedAttendanceWriter writer = new QueuedAttendanceWriter(store, settings(100))) {
            writer.joined("lesson", room("first"), T0);
            assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                writer.joined("lesson", room("p" + i), T0.plusSeconds(i));
                writer.sample(sample("p" + i, 100 + i));
                writer.left("lesson", "p" + i, T0.plusSeconds(200 + i), "left");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("nobody waited on the store")
                    .isLessThan(Duration.ofMillis(50));
            assertThat(writer.pending()).isEqualTo(61);

            store.gate.countDown();
            assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();
            List<AttendanceRecord> records = store.lesson("lesson");
            assertThat(records).hasSize(21);
            assertThat(records.subList(1, 21)).allSatisfy(r -> {
                assertThat(r.leftAt()).as("the leave came after its join").isNotNull();
                assertThat(r.samples()).isEqualTo(1);
            });
            assertThat(store.writers).containsOnly("attendance-writer");
            assertThat(store.attempts.get()).as("the 60 queued behind the first went as one batch").isEqualTo(2);
        }
    }

    @Test
    void aFullQueueDropsSamplesFirstAndCountsTheJoinsAndLeavesItCannotTake() throws Exception {
        GatedStore store = new GatedStore();
        QueuedAttendanceWriter writer = new QueuedAttendanceWriter(store, settings(3));
        writer.joined("lesson", room("j0"), T0);
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue(); // j0 is being written; the queue is empty
        writer.sample(sample("j0", 1));
        writer.sample(sample("j0", 2));
        writer.joined("lesson", room("j1"), T0.plusSeconds(3));
        writer.sample(sample("j0", 4)); // full: refused
        writer.joined("lesson", room("j2"), T0.plusSeconds(5)); // pushes out the first sample
        writer.joined("lesson", room("j3"), T0.plusSeconds(6)); // and the second
        writer.left("lesson", "j1", T0.plusSeconds(7), "left"); // nothing left to push out: dropped, logged
        assertThat(writer.droppedSamples()).isEqualTo(3);
        assertThat(writer.droppedJoinsAndLeaves()).isEqualTo(1);

        store.gate.countDown();
        writer.close();
        assertThat(store.lesson("lesson")).extracting(AttendanceRecord::participantId)
                .containsExactly("j0", "j1", "j2", "j3");
        assertThat(store.lesson("lesson")).allSatisfy(r -> assertThat(r.samples()).isZero())
                .allSatisfy(r -> assertThat(r.leftAt()).isNull());
        writer.left("lesson", "j0", T0.plusSeconds(9), "left");
        assertThat(writer.droppedJoinsAndLeaves()).as("refused after close").isEqualTo(2);
    }

    @Test
    void aFailedBatchIsRetriedFirstSoNothingIsLostOrReordered() {
        GatedStore store = new GatedStore();
        store.gate.countDown();
        store.failuresLeft.set(3);
        try (QueuedAttendanceWriter writer = new QueuedAttendanceWriter(store, settings(100))) {
            writer.joined("lesson", room("p"), T0);
            writer.left("lesson", "p", T0.plusSeconds(60), "left");
            assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(store.lesson("lesson")).singleElement()
                    .satisfies(r -> assertThat(r.leftAt()).isEqualTo(T0.plusSeconds(60)));
            assertThat(store.attempts.get()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void closeGivesUpAfterItsWaitWhenTheStoreNeverComesBack() {
        GatedStore store = new GatedStore();
        store.gate.countDown();
        store.failuresLeft.set(Integer.MAX_VALUE);
        QueuedAttendanceWriter writer = new QueuedAttendanceWriter(store, settings(100));
        writer.joined("lesson", room("p"), T0);
        assertThat(writer.flush(Duration.ofMillis(100))).isFalse();
        long started = System.nanoTime();
        writer.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(writer.pending()).isEqualTo(1);
        assertThat(store.lesson("lesson")).isEmpty();
    }
}
