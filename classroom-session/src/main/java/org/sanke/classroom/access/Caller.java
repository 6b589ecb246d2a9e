package org.sanke.classroom.access;

import org.sanke.classroom.Person;

/** Who is asking: a signed-in person, or nobody known. */
public record Caller(Person person) {
    public static final Caller ANONYMOUS = new Caller(null);

    public static Caller of(Person person) {
        return new Caller(person);
    }

    public boolean signedIn() {
        return person != null;
    }

    /** For logs: an opaque id and a role, never a name. */
    @Override
    public String toString() {
        return person == null ? "anonymous" : person.id() + "/" + person.role().wireName();
    }
}
