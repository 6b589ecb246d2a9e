package org.sanke.classroom.report;

import java.util.List;
import java.util.Optional;

/** Where reports are kept for staff. */
public interface ReportStore {
    void add(List<Report> reports);

    /** The newest first, open ones only or all, at most {@code limit}. */
    List<Report> list(boolean openOnly, int limit);

    Optional<Report> find(String id);

    void decide(String id, String outcome, String by, String note, java.time.Instant at);
}
