package org.sanke.classroom.audit;

import java.time.Instant;
import java.util.List;

/** Where live-content records are kept (S35). Every call blocks. */
public interface LiveRecordStore {
    void append(List<LiveRecord> records);

    /** A lesson's records, oldest first. */
    List<LiveRecord> lesson(String lessonId);

    /** Removes every record older than {@code cutoff}; returns how many. */
    long purgeBefore(Instant cutoff);
}
