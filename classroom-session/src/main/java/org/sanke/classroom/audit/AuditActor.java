package org.sanke.classroom.audit;

import org.sanke.classroom.Person;

/**
 * Who did what an audit entry records, and from where.
 *
 * @param id      the person's opaque id, or null for nobody signed in (a failed login of an unknown name)
 * @param role    their role's wire name then, or null
 * @param address the source address the request came from (behind a proxy of this machine, the one it forwards
 *                for), or null for the server's own work
 */
public record AuditActor(String id, String role, String address) {
    /** The server itself: the retention purge, the start. */
    public static final AuditActor SERVER = new AuditActor("sanke", null, null);

    public static AuditActor of(Person person, String address) {
        return new AuditActor(person.id(), person.role().wireName(), address);
    }

    /** Nobody signed in, from {@code address}. */
    public static AuditActor anonymous(String address) {
        return new AuditActor(null, null, address);
    }
}
