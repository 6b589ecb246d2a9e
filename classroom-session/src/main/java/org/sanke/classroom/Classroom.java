package org.sanke.classroom;

/** A physical classroom with a terminal (big screen, camera, microphone) in a school. */
public record Classroom(String id, String schoolId, String name) {
    public Classroom {
        Names.check("name", name, 100);
    }
}
