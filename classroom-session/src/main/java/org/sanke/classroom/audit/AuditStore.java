package org.sanke.classroom.audit;

import java.time.Instant;
import java.util.List;

/**
 * Where the audit trail is kept: a hash chain (S22) appended to by one writer, read newest first and searched,
 * walked by the verifier, and cut at the front only by the retention purge (S23). Every call blocks.
 */
public interface AuditStore {
    /** Chains the events after the current head, in order, and stores them all or none. */
    void append(List<AuditEvent> events);

    /** Up to {@code limit} events, newest first, older than {@code beforeId} (all when null). */
    List<AuditEvent> newestFirst(int limit, Long beforeId);

    /** Up to {@code limit} events that match, newest first, older than {@code beforeId} (all when null). */
    List<AuditEvent> search(AuditQuery query, int limit, Long beforeId);

    /** Sees each entry of the chain in chain order; false stops the walk. */
    interface ChainVisitor {
        /** @param recomputed the hash the entry's fields as stored give now */
        boolean visit(AuditEvent stored, String recomputed);
    }

    /** Walks the chain in order of {@link AuditEvent#seq}. */
    void walk(ChainVisitor visitor);

    /** The row ids of up to {@code limit} entries that have no place in the chain. */
    List<Long> unchained(int limit);

    /**
     * Removes the chain's front: every entry before the first one at or after {@code cutoff}; then, in the same
     * transaction, appends an {@link AuditChain#PURGED} entry at {@code now} naming the last entry removed and its
     * hash, so that the verifier can tell this cut from tampering.
     *
     * @return how many entries were removed
     */
    long purgeBefore(Instant cutoff, Instant now);
}
