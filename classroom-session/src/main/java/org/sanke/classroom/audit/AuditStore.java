package org.sanke.classroom.audit;

import java.util.List;

/** Where the audit trail is kept: appended to, read newest first, never changed. */
public interface AuditStore {
    void append(AuditEvent event);

    /** Up to {@code limit} events, newest first, older than {@code beforeId} (all when null). */
    List<AuditEvent> newestFirst(int limit, Long beforeId);
}
