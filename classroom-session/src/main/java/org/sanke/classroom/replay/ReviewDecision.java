package org.sanke.classroom.replay;

import java.util.List;

/** A decision taken on a replay, and the reporters to tell of it (the caller delivers the notices). */
public record ReviewDecision(Replay replay, List<ReplayNotice> notices) {
    public ReviewDecision {
        notices = List.copyOf(notices);
    }
}
