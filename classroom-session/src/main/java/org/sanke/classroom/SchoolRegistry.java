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

    /** Renames a school. */
    void update(School school);

    /** Renames a classroom (it stays in its school). */
    void update(Classroom classroom);

    /** Changes a person's name, school or role. */
    void update(Person person);

    /**
     * Takes a school, classroom or person off every list for good: it can no longer be scheduled, join or log in,
     * while the records of lessons given keep its name ({@link #names}). A classroom's device token stops working.
     */
    void archive(Kind kind, String id);

    /** The names of schools, classrooms and people by id, archived ones included (for the records). */
    java.util.Map<String, String> names(java.util.Collection<String> ids);

    /** What {@link #archive} archives. */
    enum Kind {
        SCHOOL("school"), CLASSROOM("classroom"), PERSON("person");

        /** The table it is kept in. */
        public final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    /** The school, unless archived; likewise for classrooms and people. */
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
