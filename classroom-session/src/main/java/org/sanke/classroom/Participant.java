package org.sanke.classroom;

/**
 * Someone (or some room) in a live lesson.
 *
 * @param id          unique within the server, opaque
 * @param role        teacher or classroom
 * @param displayName what the others see, 1 to 64 characters
 * @param classroomId the classroom a terminal joined as, or null
 * @param realNameVerified whether the person who joined has a verified real name (S4)
 * @param personId    the signed-in person whose grant let it in, or null (a link, a terminal): attendance is then
 *                    theirs, to see and to have deleted (S39)
 */
public record Participant(String id, Role role, String displayName, String classroomId, boolean realNameVerified,
                          String personId) {
    public Participant(String id, Role role, String displayName) {
        this(id, role, displayName, null, false, null);
    }

    public Participant(String id, Role role, String displayName, String classroomId) {
        this(id, role, displayName, classroomId, false, null);
    }
}
