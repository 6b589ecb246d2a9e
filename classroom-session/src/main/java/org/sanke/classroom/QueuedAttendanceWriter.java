package org.sanke.classroom;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attendance writes off the caller's thread: joins, leaves and quality samples only go into a bounded queue, so a
 * lesson's thread never waits on the database, and one writer thread writes them in order, in batches, through the
 * store's {@link AttendanceStore#write}. Reads go straight to the store (they may miss writes still queued).
 *
 * <p>When the queue is full, quality samples are dropped first (the newest sample is refused; a join or a leave
 * pushes out the oldest queued sample); only when nothing but joins and leaves is queued is a join or leave
 * dropped, and each such drop is logged as an error. Both are counted.
 *
 * <p>Retry policy: a batch the store fails to write (the database is down or stalled past its timeouts) is retried,
 * whole and first, after 100 ms, then twice as long each time up to 5 s, for as long as the writer runs, so order
 * is kept and nothing queued is lost while the server runs. A batch whose fate is unknown (a timeout during commit)
 * may thus be written twice: the second join of a participant is refused by the database and skipped, a leave
 * changes nothing the second time, a quality sample would count twice. {@link #close} writes what is queued,
 * retrying until {@link Settings#closeWait}, then logs what it could not write.
 */
public final class QueuedAttendanceWriter implements AttendanceStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedAttendanceWriter.class);

    /**
     * @param capacity     writes queued at most
     * @param batchSize    writes in one batch at most
     * @param firstRetry   wait before retrying a failed batch, doubled each failure
     * @param longestRetry the longest wait between retries
     * @param closeWait    how long {@link #close} keeps trying to write what is queued
     */
    public record Settings(int capacity, int batchSize, Duration firstRetry, Duration longestRetry,
                           Duration closeWait) {
        public Settings {
            if (capacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("capacity and batch size must be positive");
            }
            if (firstRetry.isNegative() || firstRetry.isZero() || longestRetry.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("retries need a positive first wait, not longer than the longest");
            }
        }

        /** 10,000 writes (minutes of a county's samples), batches of 500, retries 100 ms to 5 s, 10 s to close. */
        public static Settings defaults() {
            return new Settings(10_000, 500, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    private final AttendanceStore store;
    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queuedOrClosing = lock.newCondition();
    private final Condition progressed = lock.newCondition();
    private final ArrayDeque<AttendanceWrite> queue = new ArrayDeque<>();
    private final Thread writer;
    /** Writes accepted, and writes settled (written, or pushed out of the queue): a flush waits for the two to meet. */
    private long accepted;
    private long settled;
    private long droppedSamples;
    private long droppedJoinsAndLeaves;
    private boolean closing;
    /** Set when close gives up: the writer stops retrying. */
    private volatile boolean abandoned;

    public QueuedAttendanceWriter(AttendanceStore store) {
        this(store, Settings.defaults());
    }

    public QueuedAttendanceWriter(AttendanceStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
        this.writer = Thread.ofPlatform().name("attendance-writer").daemon().start(this::writeUntilClosed);
    }

    @Override
    public void joined(String lessonId, Participant participant, Instant at) {
        enqueue(new AttendanceWrite.Joined(lessonId, participant, at));
    }

    @Override
    public void left(String lessonId, String participantId, Instant at, String reason) {
        enqueue(new AttendanceWrite.Left(lessonId, participantId, at, reason));
    }

    @Override
    public void sample(QualitySample sample) {
        enqueue(new AttendanceWrite.Sampled(sample));
    }

    /** Queues the writes, in order. */
    @Override
    public void write(List<AttendanceWrite> writes) {
        writes.forEach(this::enqueue);
    }

    @Override
    public List<AttendanceRecord> lesson(String lessonId) {
        return store.lesson(lessonId);
    }

    @Override
    public Map<RoomInLesson, Instant> firstJoins(Set<String> classroomIds, Instant from, Instant to) {
        return store.firstJoins(classroomIds, from, to);
    }

    private void enqueue(AttendanceWrite write) {
        String lost = null;
        long samplesDropped;
        lock.lock();
        try {
            long samplesBefore = droppedSamples;
            if (closing) {
                lost = drop(write, "the attendance writer is closed");
            } else if (queue.size() >= settings.capacity() && (write.expendable() || !pushOutOldestSample())) {
                lost = drop(write, "the attendance queue is full");
            } else {
                queue.addLast(write);
                accepted++;
                queuedOrClosing.signal();
            }
            samplesDropped = droppedSamples > samplesBefore ? droppedSamples : 0;
        } finally {
            lock.unlock();
        }
        // Logged after the lock, so that no caller waits on another's log line.
        if (lost != null) {
            LOG.error(lost);
        }
        if (samplesDropped == 1 || samplesDropped > 0 && samplesDropped % 1000 == 0) {
            LOG.warn("{} quality samples dropped so far (the attendance queue was full or closed)", samplesDropped);
        }
    }

    /** Counts a write that could not be queued; for a join or a leave, returns the line to log. */
    private String drop(AttendanceWrite write, String why) {
        if (write.expendable()) {
            droppedSamples++;
            return null;
        }
        droppedJoinsAndLeaves++;
        return why + ": could not " + write.what() + " (joins and leaves dropped so far: " + droppedJoinsAndLeaves
                + ")";
    }

    /** Makes room by dropping the oldest queued quality sample; false when only joins and leaves are queued. */
    private boolean pushOutOldestSample() {
        for (Iterator<AttendanceWrite> it = queue.iterator(); it.hasNext(); ) {
            AttendanceWrite queued = it.next();
            if (queued.expendable()) {
                it.remove();
                settled++;
                droppedSamples++;
                return true;
            }
        }
        return false;
    }

    private void writeUntilClosed() {
        List<AttendanceWrite> batch = new ArrayList<>();
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    queuedOrClosing.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closing, and everything is written
                }
                while (batch.size() < settings.batchSize() && !queue.isEmpty()) {
                    batch.add(queue.pollFirst());
                }
            } finally {
                lock.unlock();
            }
            if (!writeRetrying(batch)) {
                return;
            }
            lock.lock();
            try {
                settled += batch.size();
                progressed.signalAll();
            } finally {
                lock.unlock();
            }
            batch.clear();
        }
    }

    /** Writes the batch, retrying with a growing wait until it is written (true) or close gives up (false). */
    private boolean writeRetrying(List<AttendanceWrite> batch) {
        Duration wait = settings.firstRetry();
        for (int failures = 0; ; failures++) {
            if (abandoned) {
                return false;
            }
            try {
                store.write(batch);
                if (failures > 0) {
                    LOG.info("attendance written again after {} failed attempts", failures);
                }
                return true;
            } catch (RuntimeException e) {
                if (failures == 0) {
                    LOG.warn("could not write {} attendance records, retrying: {}", batch.size(), e.toString());
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return false; // only close interrupts, after it gave up
            }
            wait = wait.multipliedBy(2).compareTo(settings.longestRetry()) > 0 ? settings.longestRetry()
                    : wait.multipliedBy(2);
        }
    }

    /** Waits until everything queued before this call is written (or pushed out); false if that took too long. */
    public boolean flush(Duration timeout) {
        lock.lock();
        try {
            long target = accepted;
            long nanos = timeout.toNanos();
            while (settled < target) {
                if (nanos <= 0 || !writer.isAlive()) {
                    return false;
                }
                nanos = progressed.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Writes queued and not yet written, including a batch being written. */
    public long pending() {
        return underLock(() -> accepted - settled);
    }

    public long droppedSamples() {
        return underLock(() -> droppedSamples);
    }

    public long droppedJoinsAndLeaves() {
        return underLock(() -> droppedJoinsAndLeaves);
    }

    private long underLock(java.util.function.LongSupplier count) {
        lock.lock();
        try {
            return count.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses further writes and writes what is queued, retrying for up to {@link Settings#closeWait}; what is
     * still unwritten then is logged and lost.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            queuedOrClosing.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(settings.closeWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            abandoned = true;
            writer.interrupt();
            LOG.error("attendance writer closed with {} writes not written: the database did not take them within {}",
                    pending(), settings.closeWait());
        }
    }
}
