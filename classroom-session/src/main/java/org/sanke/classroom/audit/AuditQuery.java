package org.sanke.classroom.audit;

import java.time.Instant;

/**
 * What staff search the audit trail for (S23); each part null for any.
 *
 * @param from    entries at or after this time
 * @param to      entries before this time
 * @param actorId who did it
 * @param action  the action code
 * @param outcome success or failure
 */
public record AuditQuery(Instant from, Instant to, String actorId, String action, Outcome outcome) {
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

    /** The query as a short note for the audit entry of an export. */
    public String describe() {
        StringBuilder note = new StringBuilder();
        append(note, "from", from);
        append(note, "to", to);
        append(note, "actor", actorId);
        append(note, "action", action);
        append(note, "outcome", outcome == null ? null : outcome.wireName());
        return note.isEmpty() ? "all" : note.toString();
    }

    private static void append(StringBuilder note, String name, Object value) {
        if (value != null) {
            note.append(note.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }
}
