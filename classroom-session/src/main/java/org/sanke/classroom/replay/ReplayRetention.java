package org.sanke.classroom.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.sanke.classroom.Refused;

/**
 * Decides what recordings and replay files are due for deletion (S18, S19); deleting them is the caller's. For each
 * item of a plan the caller marks it first ({@link #markDeleted}, {@link #markPurged}) and deletes the files only
 * when the mark is accepted: a replay trimmed or re-processed since the plan keeps its files, and a re-processing
 * never starts from a folder being deleted. A folder whose deletion then fails is the caller's to log and retry.
 * Blocking (store calls): run it on a worker, once a day.
 */
public final class ReplayRetention {
    private final ReplayStore store;
    private final RetentionPolicy policy;
    private final Clock clock;

    public ReplayRetention(ReplayStore store, RetentionPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /** A lesson's raw recording folder, once its recording ended (also one a restart recovered). */
    public RawRecording recorded(String lessonId, String directory, Instant startedAt, Instant endedAt) {
        RawRecording recording = new RawRecording(lessonId, directory, startedAt.truncatedTo(ChronoUnit.MILLIS),
                endedAt.truncatedTo(ChronoUnit.MILLIS), null);
        store.addRawRecording(recording);
        return recording;
    }

    public RetentionPlan due() {
        return due(clock.instant());
    }

    /**
     * What is due at {@code now}: raw recordings that ended the retention ago or more, except a lesson's whose replay
     * is being composed from them; rejected replays decided the retention ago or more; replays taken down.
     */
    public RetentionPlan due(Instant now) {
        Instant cutoff = now.minus(policy.rawRecordings());
        List<RawRecording> raw = store.rawRecordingsEndedBy(cutoff);
        Set<String> composing = raw.stream().map(RawRecording::lessonId).distinct()
                .filter(lesson -> store.ofLesson(lesson).map(r -> r.state() == ReplayState.PROCESSING).orElse(false))
                .collect(Collectors.toSet());
        List<Replay> files = new java.util.ArrayList<>(store.rejectedBy(cutoff));
        files.addAll(store.deletedWithFiles());
        return new RetentionPlan(raw.stream().filter(r -> !composing.contains(r.lessonId())).toList(), files);
    }

    /** Before deleting a raw recording's folder. */
    public void markDeleted(RawRecording recording) {
        store.rawRecordingDeleted(recording.directory(), now());
    }

    /**
     * Before deleting a replay's files: false when the replay changed since the plan, and then its files must stay.
     */
    public boolean markPurged(Replay replay) {
        try {
            return store.replace(replay, replay.purged(now()));
        } catch (Refused changed) {
            return false;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
