package org.sanke.classroom.audit;

import java.util.List;

/**
 * Walks the audit trail's hash chain and reports the first entry changed, removed or inserted (S22).
 *
 * <p>What it detects: a field of an entry changed (the entry's hash no longer matches its fields); an entry removed
 * from the middle (a gap in the sequence, or the next entry's previous hash names another entry); an entry inserted
 * (a row outside the chain, or one whose previous hash does not name the entry before it); the front removed other
 * than by the retention purge (no purge entry names the entry before the first one left). What it cannot detect on
 * its own: entries removed from the end, or the chain rewritten from some entry on with every hash recomputed;
 * both show against a head recorded outside the database ({@link Anchor}: the purge job logs the head every day).
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /** An entry and its hash as recorded elsewhere earlier ({@code SEQ:HASH}), to check the chain still holds it. */
    public record Anchor(long seq, String hash) {
        public static Anchor parse(String text) {
            int colon = text.indexOf(':');
            try {
                Anchor anchor = new Anchor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
                if (anchor.seq < 1 || !anchor.hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException();
                }
                return anchor;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("an anchor is SEQ:HASH, the entry's number and its 64 hex digits,"
                        + " not '" + text + "'");
            }
        }
    }

    /**
     * @param intact   whether the chain holds together
     * @param entries  entries checked
     * @param firstSeq the first entry left (0 for none)
     * @param headSeq  the last entry (0 for none)
     * @param headHash its hash, to record elsewhere for a later {@link Anchor}
     * @param problem  the first problem found, or null
     */
    public record Report(boolean intact, long entries, long firstSeq, long headSeq, String headHash, String problem) {
        /** One line for the operator. */
        public String summary() {
            if (!intact) {
                return "audit trail TAMPERED: " + problem;
            }
            return entries == 0 ? "audit trail intact: no chained entries yet"
                    : "audit trail intact: " + entries + " entries, " + firstSeq + " to " + headSeq + "; head "
                    + headSeq + ":" + headHash;
        }
    }

    /** Checks the whole chain, and {@code anchor} when given (null for none). */
    public static Report verify(AuditStore store, Anchor anchor) {
        Walk walk = new Walk(anchor == null ? -1 : anchor.seq());
        store.walk(walk::visit);
        if (walk.problem == null) {
            walk.problem = walk.frontProblem();
        }
        if (walk.problem == null) {
            List<Long> outside = store.unchained(5);
            if (!outside.isEmpty() && walk.count > 0) {
                walk.problem = "row id " + outside.get(0) + (outside.size() > 1 ? " and others" : "")
                        + " has no place in the chain: inserted outside it";
            }
        }
        if (walk.problem == null && anchor != null) {
            walk.problem = walk.anchorProblem(anchor);
        }
        return new Report(walk.problem == null, walk.count, walk.firstSeq, walk.last == null ? 0 : walk.last.seq(),
                walk.last == null ? null : walk.last.hash(), walk.problem);
    }

    private static final class Walk {
        long count;
        long firstSeq;
        AuditEvent first;
        AuditEvent last;
        /** The latest purge entry seen: what it says it removed. */
        AuditChain.Purge purge;
        final long anchorSeq;
        String anchorHash;
        String problem;

        Walk(long anchorSeq) {
            this.anchorSeq = anchorSeq;
        }

        boolean visit(AuditEvent e, String recomputed) {
            if (!recomputed.equals(e.hash())) {
                problem = "entry " + e.seq() + " was changed: its fields no longer give its hash";
                return false;
            }
            if (last == null) {
                first = e;
                firstSeq = e.seq();
            } else if (e.seq() != last.seq() + 1) {
                problem = "entries " + (last.seq() + 1) + " to " + (e.seq() - 1) + " were removed: the chain goes"
                        + " from " + last.seq() + " to " + e.seq();
                return false;
            } else if (!last.hash().equals(e.prevHash())) {
                problem = "entry " + e.seq() + " does not follow entry " + last.seq() + ": one of them was replaced,"
                        + " or an entry inserted between them";
                return false;
            }
            if (AuditChain.PURGED.equals(e.action()) && AuditChain.purgeOf(e.detail()) != null) {
                purge = AuditChain.purgeOf(e.detail());
            }
            if (e.seq() == anchorSeq) {
                anchorHash = e.hash();
            }
            last = e;
            count++;
            return true;
        }

        /** Whether the first entry left is the first ever, or the one right after what the last purge removed. */
        String frontProblem() {
            if (first == null) {
                return null;
            }
            if (first.seq() == 1) {
                return AuditChain.GENESIS.equals(first.prevHash()) ? null
                        : "entry 1 does not start the chain: it was replaced";
            }
            if (purge == null) {
                return "entries 1 to " + (first.seq() - 1) + " were removed, and no purge entry records it";
            }
            if (purge.through() != first.seq() - 1 || !purge.lastHash().equals(first.prevHash())) {
                return "entries " + (purge.through() + 1) + " to " + (first.seq() - 1)
                        + " were removed after the last purge, which removed up to " + purge.through();
            }
            return null;
        }

        String anchorProblem(Anchor anchor) {
            if (anchor.seq() < firstSeq) {
                return null; // purged since: nothing left to compare
            }
            if (last == null || anchor.seq() > last.seq()) {
                return "the chain ends at entry " + (last == null ? 0 : last.seq()) + " but entry " + anchor.seq()
                        + " was recorded: entries were removed from the end";
            }
            return anchor.hash().equals(anchorHash) ? null : "entry " + anchor.seq() + " is not the one recorded"
                    + " (hash " + anchor.hash() + ", now " + anchorHash + "): the chain was rewritten from there on";
        }
    }
}
