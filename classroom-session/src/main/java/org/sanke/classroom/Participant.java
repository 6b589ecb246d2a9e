package org.sanke.classroom;

/**
 * Someone (or some room) in a live lesson.
 *
 * @param id          unique within the server, opaque
 * @param role        teacher or classroom
 * @param displayName what the others see, 1 to 64 characters
 * @param classroomId the classroom a terminal joined as, or null
 */
public record Participant(String id, Role role, String displayName, String classroomId) {
    public Participant(String id, Role role, String displayName) {
        this(id, role, displayName, null);
    }
}
