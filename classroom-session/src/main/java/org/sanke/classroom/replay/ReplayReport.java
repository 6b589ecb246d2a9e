package org.sanke.classroom.replay;

import java.time.Instant;

/**
 * A viewer's report on a published replay (S20): open until a reviewer's next decision, which becomes its outcome
 * and is told to the reporter.
 *
 * @param version the replay's version the reporter watched
 * @param outcome null while open; then the state the decision left the replay in (APPROVED, REJECTED or DELETED)
 */
public record ReplayReport(String id, String replayId, int version, String reporterPersonId, String reason,
                           Instant at, ReplayState outcome, Instant decidedAt) {
    public boolean open() {
        return outcome == null;
    }

    ReplayReport closed(ReplayState decided, Instant when) {
        return new ReplayReport(id, replayId, version, reporterPersonId, reason, at, decided, when);
    }
}
