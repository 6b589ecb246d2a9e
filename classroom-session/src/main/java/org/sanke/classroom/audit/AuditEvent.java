package org.sanke.classroom.audit;

import java.time.Instant;

/**
 * One entry of the audit trail (S22). People appear by opaque id and role only, never by name or login.
 *
 * @param id            the store's row number, for paging; 0 before it is stored
 * @param seq           its place in the hash chain, from 1; 0 before it is chained
 * @param actorId       who did it, or null for nobody signed in (a failed login)
 * @param actorRole     the actor's role then, or null
 * @param action        what happened, as a lower-case code: {@code login_failed}, {@code minors_data_read}, …
 * @param outcome       whether it succeeded or was refused
 * @param sourceAddress the address the request came from, or null for the server's own work
 * @param subject       whom or what it was done to (a person's, lesson's or grant's id), or null
 * @param detail        a short note without personal data, or null
 * @param prevHash      the hash of the entry before it in the chain (hex SHA-256), or null before it is chained
 * @param hash          its own hash: SHA-256 over its fields and {@code prevHash} ({@link AuditChain})
 */
public record AuditEvent(long id, long seq, Instant at, String actorId, String actorRole, String action,
                         Outcome outcome, String sourceAddress, String subject, String detail, String prevHash,
                         String hash) {
    /** The longest text each field keeps (the table's columns): longer text is cut before it is hashed. */
    static final int ID_LENGTH = 64;
    static final int ROLE_LENGTH = 32;
    static final int ADDRESS_LENGTH = 64;
    static final int DETAIL_LENGTH = 200;

    /** A new event, not yet stored or chained, with every text cut to what the store keeps. */
    public static AuditEvent of(Instant at, AuditActor actor, String action, Outcome outcome, String subject,
                                String detail) {
        return new AuditEvent(0, 0, at, cut(actor.id(), ID_LENGTH), cut(actor.role(), ROLE_LENGTH),
                cut(action, ID_LENGTH), outcome, cut(actor.address(), ADDRESS_LENGTH), cut(subject, ID_LENGTH),
                cut(detail, DETAIL_LENGTH), null, null);
    }

    /** This event at its place in the chain. */
    public AuditEvent chained(long seq, Instant at, String prevHash, String hash) {
        return new AuditEvent(id, seq, at, actorId, actorRole, action, outcome, sourceAddress, subject, detail,
                prevHash, hash);
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
