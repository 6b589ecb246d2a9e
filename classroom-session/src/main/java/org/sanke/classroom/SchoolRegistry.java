package org.sanke.classroom;

import java.util.List;
import java.util.Optional;

/** Schools, classrooms and people: who and what a timetable may name. */
public interface SchoolRegistry {
    void add(School school);

    void add(Classroom classroom);

    void add(Person person);

    /** Corrects the name kept for a person. */
    void rename(String personId, String name);

    Optional<School> school(String id);

    Optional<Classroom> classroom(String id);

    Optional<Person> person(String id);

    List<School> schools();

    /** Classrooms of one school, or of all when {@code schoolId} is null. */
    List<Classroom> classrooms(String schoolId);

    List<Person> people(String schoolId);

    /** Keeps the hash of a classroom's new device token (the old one stops working). */
    void setDeviceTokenHash(String classroomId, String hash);

    /** Whether {@code token} is the classroom's current device token. */
    boolean checkDeviceToken(String classroomId, String token);
}
