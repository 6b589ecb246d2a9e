package org.sanke.classroom;

import java.util.List;
import org.sanke.classroom.SchoolRegistry.Kind;

/**
 * Changes to schools, classrooms and people after they were added: renames, a person's new school or role, and taking
 * one off the lists (archived, never erased, so the lessons given keep their names). Who may do it is the access
 * rules' business; what may be done without breaking the timetable is decided here.
 */
public final class SchoolEdits {
    private final SchoolRegistry registry;
    private final Scheduling scheduling;

    public SchoolEdits(SchoolRegistry registry, Scheduling scheduling) {
        this.registry = registry;
        this.scheduling = scheduling;
    }

    /** An edit that cannot be made: a wire code, the field it concerns (or null) and why, in English for logs. */
    public static final class Refused extends Exception {
        public final String code;
        public final String field;

        Refused(String code, String field, String message) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }

    public School renameSchool(String id, String name) throws Refused {
        School school = registry.school(id).orElseThrow(() -> notFound("school", id));
        if (!school.name().equals(name) && registry.schools().stream()
                .anyMatch(s -> !s.id().equals(id) && Names.same(s.name(), name))) {
            throw new Refused("duplicate_name", "name", "a school is already called " + name);
        }
        School renamed = new School(id, name);
        registry.update(renamed);
        return renamed;
    }

    public Classroom renameClassroom(String id, String name) throws Refused {
        Classroom room = registry.classroom(id).orElseThrow(() -> notFound("classroom", id));
        if (registry.classrooms(room.schoolId()).stream()
                .anyMatch(c -> !c.id().equals(id) && Names.same(c.name(), name))) {
            throw new Refused("duplicate_name", "name", "this school already has a classroom called " + name);
        }
        Classroom renamed = new Classroom(id, room.schoolId(), name);
        registry.update(renamed);
        return renamed;
    }

    /**
     * A person's new name, school or role. A teacher with lessons to come stays a lead teacher until they are given
     * to someone else; a guardian's link to their ward is not a role that can be switched on or off here.
     */
    public Person changePerson(Person before, Person after) throws Refused {
        if (after.role() != before.role()) {
            if (before.role() == PersonRole.GUARDIAN || after.role() == PersonRole.GUARDIAN) {
                throw new Refused("invalid_field", "role", "a guardian is added for a ward, not made by a role change");
            }
            if (before.role() == PersonRole.LEAD_TEACHER && !scheduling.comingLessonsOf(before.id()).isEmpty()) {
                throw comingLessons("role", before.name() + " teaches lessons still to come");
            }
        }
        if (after.schoolId() != null && registry.school(after.schoolId()).isEmpty()) {
            throw notFound("school", after.schoolId());
        }
        registry.update(after);
        return after;
    }

    /** Takes a school off the lists: only once it has no classroom and nobody left on its lists. */
    public void archiveSchool(String id) throws Refused {
        registry.school(id).orElseThrow(() -> notFound("school", id));
        if (!registry.classrooms(id).isEmpty() || !registry.people(id).isEmpty()) {
            throw new Refused("school_not_empty", "id", "the school still has classrooms or people");
        }
        registry.archive(Kind.SCHOOL, id);
    }

    /** Takes a classroom off the lists; its terminal's device token stops working. */
    public void archiveClassroom(String id) throws Refused {
        Classroom room = registry.classroom(id).orElseThrow(() -> notFound("classroom", id));
        refuseWithComingLessons(id, room.name());
        registry.archive(Kind.CLASSROOM, id);
    }

    /** Takes a person off the lists: they can no longer log in or be scheduled. */
    public Person archivePerson(String id) throws Refused {
        Person person = registry.person(id).orElseThrow(() -> notFound("person", id));
        refuseWithComingLessons(id, person.name());
        registry.archive(Kind.PERSON, id);
        return person;
    }

    private void refuseWithComingLessons(String id, String name) throws Refused {
        List<TimetableEntry> coming = scheduling.comingLessonsOf(id);
        if (!coming.isEmpty()) {
            throw comingLessons("id", name + " has lessons still to come (" + coming.get(0).subject()
                    + "): withdraw them from the timetable or give them to another first");
        }
    }

    private static Refused comingLessons(String field, String message) {
        return new Refused("has_coming_lessons", field, message);
    }

    private static Refused notFound(String what, String id) {
        return new Refused(what + "_not_found", "id", "no " + what + " has the id " + id);
    }
}
