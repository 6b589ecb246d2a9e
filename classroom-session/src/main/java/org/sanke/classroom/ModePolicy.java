package org.sanke.classroom;

import java.util.Set;

/**
 * What a lesson mode allows: how many two-way classrooms, how large a receive-only audience, and which roles make
 * up that audience. "Scientifically set the sending end's reach and reasonably control the number of receiving
 * ends": these caps are enforced by the server.
 *
 * @param maxClassrooms most receiving classrooms (two-way) at once
 * @param maxAudience   most receive-only participants at once
 * @param audienceRoles the roles that count as audience in this mode; others (except teacher, classroom and
 *                      inspector) are refused
 * @param stageRoles    the audience roles the teacher may bring on stage (they raise hands and, while on stage,
 *                      publish their camera); classrooms always may
 */
public record ModePolicy(int maxClassrooms, int maxAudience, Set<Role> audienceRoles, Set<Role> stageRoles) {
    /** A policy whose audience only receives. */
    public ModePolicy(int maxClassrooms, int maxAudience, Set<Role> audienceRoles) {
        this(maxClassrooms, maxAudience, audienceRoles, Set.of());
    }

    public ModePolicy {
        audienceRoles = Set.copyOf(audienceRoles);
        stageRoles = Set.copyOf(stageRoles);
        if (!audienceRoles.containsAll(stageRoles)) {
            throw new IllegalArgumentException("only audience roles are brought on stage");
        }
        if (maxClassrooms < 0 || maxAudience < 0) {
            throw new IllegalArgumentException("caps cannot be negative");
        }
        if (audienceRoles.contains(Role.TEACHER) || audienceRoles.contains(Role.CLASSROOM)) {
            throw new IllegalArgumentException("teachers and classrooms are not audience");
        }
    }
}
