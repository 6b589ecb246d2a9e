package org.sanke.classroom.replay;

import java.time.Instant;

/**
 * What a reporter is told once reviewers decided on the replay they reported (S20, a closed loop): whether it stays
 * published ({@code APPROVED}) or was withdrawn ({@code REJECTED}, {@code DELETED}), and the reviewer's reason for a
 * withdrawal. It names no reviewer.
 */
public record ReplayNotice(String reporterPersonId, String replayId, String lessonTitle, ReplayState outcome,
                           String reason, Instant decidedAt) {
}
