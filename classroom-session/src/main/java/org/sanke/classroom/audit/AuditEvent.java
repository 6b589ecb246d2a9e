package org.sanke.classroom.audit;

import java.time.Instant;

/**
 * One entry of the audit trail. People appear by opaque id and role only, never by name, login or address.
 *
 * @param id        the store's sequence number, for paging; 0 before it is stored
 * @param actorId   who did it, or null for nobody signed in (a failed login)
 * @param actorRole the actor's role then, or null
 * @param action    what happened, as a lower-case code: {@code login_failed}, {@code minors_data_read}, …
 * @param subject   whom or what it was done to (a person's, lesson's or grant's id), or null
 * @param detail    a short note without personal data, or null
 */
public record AuditEvent(long id, Instant at, String actorId, String actorRole, String action, String subject,
                         String detail) {
}
