package org.sanke.classroom.replay;

import java.util.List;

/**
 * What is due for deletion: raw recording folders past their retention, and replays whose files go (rejected past
 * the retention, or taken down). The caller deletes the files and logs each deletion (S18); see
 * {@link ReplayRetention} for the order.
 */
public record RetentionPlan(List<RawRecording> rawRecordings, List<Replay> replayFiles) {
    public RetentionPlan {
        rawRecordings = List.copyOf(rawRecordings);
        replayFiles = List.copyOf(replayFiles);
    }

    public boolean isEmpty() {
        return rawRecordings.isEmpty() && replayFiles.isEmpty();
    }
}
