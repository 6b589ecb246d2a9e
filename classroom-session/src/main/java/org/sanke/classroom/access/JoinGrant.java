package org.sanke.classroom.access;

import java.time.Instant;
import org.sanke.classroom.Role;

/**
 * Leave to join one lesson in one role, signed by the server.
 *
 * @param personId the signed-in person it was issued to; null for an invitation, which anyone holding the link may
 *                 use (a teacher's link for the receiving classrooms of a lesson of hers)
 * @param name     the person's name, shown in the lesson; null for an invitation (the room gives its own)
 */
public record JoinGrant(String id, String lessonId, Role role, String personId, String name, Instant issuedAt,
                        Instant expiresAt) {
    public boolean invitation() {
        return personId == null;
    }

    @Override
    public String toString() {
        return "JoinGrant[" + id + " " + lessonId + " " + role.wireName() + "]";
    }
}
