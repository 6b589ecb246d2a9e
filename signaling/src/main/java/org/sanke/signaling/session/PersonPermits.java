package org.sanke.signaling.session;

/**
 * What others decided about a person that a lesson enforces, asked from memory at the seat and before publishing:
 * safety staff's limits (S16) and a guardian's consent (S33).
 */
public interface PersonPermits {
    /** Whether safety staff limited this person or classroom (either id may be null) to watching. */
    boolean limited(String personId, String classroomId);

    /** Whether the person's camera and microphone may go out (an under-14 needs a guardian's consent); null: yes. */
    boolean mayPublish(String personId);
}
