package org.sanke.classroom.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Live-content records (S35): chat, joins and leaves with their source address, permission changes, moderation
 * and one-key actions, streams started and stopped. Recording never blocks (a queue and one writer thread, like the
 * audit trail), so a lesson's loop may call it; reads wait for what is queued first.
 */
public final class LiveRecords implements AutoCloseable {
    private final LiveRecordStore store;
    private final Clock clock;
    private final QueuedWriter<LiveRecord> writer;

    public LiveRecords(LiveRecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.writer = new QueuedWriter<>("live-records", 50_000, store::append);
    }

    /**
     * Records, at the clock's time, what happened in {@code lessonId}.
     *
     * @see LiveRecord
     */
    public void record(String lessonId, LiveRecord.Kind kind, String participantId, String personId,
                       String sourceAddress, String detail) {
        writer.add(new LiveRecord(clock.instant(), lessonId, kind, participantId, personId, sourceAddress, detail));
    }

    /** A lesson's records, oldest first; from a worker thread. */
    public List<LiveRecord> lesson(String lessonId) {
        writer.flush(Duration.ofSeconds(5));
        return store.lesson(lessonId);
    }

    /** Removes the records older than {@code cutoff}; returns how many. */
    long purgeBefore(Instant cutoff) {
        writer.flush(Duration.ofSeconds(5));
        return store.purgeBefore(cutoff);
    }

    /** Waits until everything recorded so far is in the store; false if that took longer than {@code timeout}. */
    public boolean flush(Duration timeout) {
        return writer.flush(timeout);
    }

    @Override
    public void close() {
        writer.close();
    }
}
