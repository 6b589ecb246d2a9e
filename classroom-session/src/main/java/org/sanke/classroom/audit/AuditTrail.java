package org.sanke.classroom.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.sanke.classroom.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's audit trail: security events (logins and their failures, logouts, locks, second factors), staff
 * reads of minors' data, changes to identity and permissions, data requests and their decisions, exports of the
 * trail, and what lessons report (joins and refusals, publishing, moderation). Each entry says when, who, what,
 * success or failure and from which address; the store keeps them as a hash chain (S22), read only by the auditor
 * (S34), and each is logged as well.
 *
 * <p>Recording never blocks: entries go into a queue that one writer thread appends to the store, in order, so an
 * event loop or a lesson's loop may record. Reads first wait for what is queued, then read the store: call them
 * from worker threads.
 */
public final class AuditTrail implements AutoCloseable {
    /** The most one page of the trail holds. */
    public static final int MAX_PAGE = 500;
    /** How long a read waits for queued entries to be written before it reads anyway. */
    private static final Duration READ_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger("org.sanke.audit");

    private final AuditStore store;
    private final Clock clock;
    private final QueuedWriter<AuditEvent> writer;

    public AuditTrail(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.writer = new QueuedWriter<>("audit", 10_000, store::append);
    }

    /** Records what {@code actor} (null: nobody signed in) did to {@code subject}, with success. */
    public void record(Person actor, String action, String subject, String detail) {
        record(actor == null ? null : actor.id(), actor == null ? null : actor.role().wireName(), action, subject,
                detail);
    }

    /** Records a successful action of the server's own work or of a caller whose address is not at hand. */
    public void record(String actorId, String actorRole, String action, String subject, String detail) {
        record(new AuditActor(actorId, actorRole, null), action, Outcome.SUCCESS, subject, detail);
    }

    /**
     * Records what {@code actor} did or tried, from their address. Lessons call this for joins and refusals,
     * publishing, moderation and one-key actions, and cut-offs ({@code subject}: the lesson's id).
     *
     * @param action a lower-case code, e.g. {@code lesson_joined}
     * @param detail a short note without personal data (cut at 200 characters), or null
     */
    public void record(AuditActor actor, String action, Outcome outcome, String subject, String detail) {
        String code = action.toLowerCase(Locale.ROOT);
        LOG.info("{} by {}/{} on {} {} [{} from {}]", code, actor.id(), actor.role(), subject,
                detail == null ? "" : detail, outcome.wireName(), actor.address());
        // Microseconds: what both databases keep, so that the hash is over what is stored.
        writer.add(AuditEvent.of(clock.instant().truncatedTo(ChronoUnit.MICROS), actor, code, outcome, subject,
                detail));
    }

    /** A page of the trail, newest first. */
    public List<AuditEvent> newestFirst(int limit, Long beforeId) {
        writer.flush(READ_WAIT);
        return store.newestFirst(page(limit), beforeId);
    }

    /** A page of the entries that match, newest first. */
    public List<AuditEvent> search(AuditQuery query, int limit, Long beforeId) {
        writer.flush(READ_WAIT);
        return store.search(query, page(limit), beforeId);
    }

    /**
     * Every entry that matches, up to {@code max}, newest first, for an export; the export itself is recorded
     * (S23) after it is read, so it is not in what it exports.
     *
     * @return the entries, or null when more than {@code max} match
     */
    public List<AuditEvent> export(AuditActor by, AuditQuery query, int max) {
        writer.flush(READ_WAIT);
        List<AuditEvent> rows = store.search(query, max + 1, null);
        boolean tooMany = rows.size() > max;
        record(by, "audit_exported", tooMany ? Outcome.FAILURE : Outcome.SUCCESS, null,
                (tooMany ? "more than " + max : rows.size()) + " entries; " + query.describe());
        return tooMany ? null : rows;
    }

    /** Checks the chain (S22): {@link AuditVerifier}. */
    public AuditVerifier.Report verify(AuditVerifier.Anchor anchor) {
        writer.flush(READ_WAIT);
        return AuditVerifier.verify(store, anchor);
    }

    /** Removes the entries older than {@code cutoff} from the front of the chain, leaving a purge entry. */
    long purgeBefore(Instant cutoff) {
        writer.flush(READ_WAIT);
        return store.purgeBefore(cutoff, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** Waits until everything recorded so far is in the store; false if that took longer than {@code timeout}. */
    public boolean flush(Duration timeout) {
        return writer.flush(timeout);
    }

    /** Entries lost because the queue was full or closed. */
    public long dropped() {
        return writer.dropped();
    }

    /** Writes what is queued (for up to 10 s) and takes no more. */
    @Override
    public void close() {
        writer.close();
    }

    private static int page(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }
}
