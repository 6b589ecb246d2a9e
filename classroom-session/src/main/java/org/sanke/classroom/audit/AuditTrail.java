package org.sanke.classroom.audit;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.sanke.classroom.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's audit trail: security events (logins, locks, second factors), staff reads of minors' data, changes
 * to identity and permissions, data requests and their decisions. Kept in the store, read only by the auditor
 * (S34), and logged as well. The store blocks: call it from worker threads.
 */
public final class AuditTrail {
    /** The most one page of the trail holds. */
    public static final int MAX_PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger("org.sanke.audit");

    private final AuditStore store;
    private final Clock clock;

    public AuditTrail(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records what {@code actor} (null: nobody signed in) did to {@code subject}. */
    public void record(Person actor, String action, String subject, String detail) {
        record(actor == null ? null : actor.id(), actor == null ? null : actor.role().wireName(), action, subject,
                detail);
    }

    public void record(String actorId, String actorRole, String action, String subject, String detail) {
        String code = action.toLowerCase(Locale.ROOT);
        LOG.info("{} by {}/{} on {} {}", code, actorId, actorRole, subject, detail == null ? "" : detail);
        store.append(new AuditEvent(0, clock.instant(), actorId, actorRole, code, subject, detail));
    }

    /** A page of the trail, newest first. */
    public List<AuditEvent> newestFirst(int limit, Long beforeId) {
        return store.newestFirst(Math.max(1, Math.min(limit, MAX_PAGE)), beforeId);
    }
}
