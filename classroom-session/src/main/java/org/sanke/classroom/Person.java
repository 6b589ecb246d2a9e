package org.sanke.classroom;

/** Someone on the platform; {@code schoolId} is null for platform-wide people (inspectors, platform admins). */
public record Person(String id, String schoolId, String name, PersonRole role) {
    public Person {
        Names.check("name", name, 64);
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
    }
}
