package org.sanke.classroom.access;

import java.time.Instant;
import java.time.ZoneOffset;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.SchoolRegistry;
import org.sanke.classroom.SettableClock;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcAccountStore;
import org.sanke.classroom.store.JdbcSchoolRegistry;

/** People and accounts on a private H2 database, a cheap hash cost and a clock the test moves. */
final class AccessFixture {
    final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC);
    final Database database = Database.open("jdbc:h2:mem:access-" + System.nanoTime(), "sa", "");
    final SchoolRegistry people = new JdbcSchoolRegistry(database);
    final JdbcAccountStore store = new JdbcAccountStore(database);
    final java.util.List<String> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Accounts accounts = new Accounts(store, people, new Passwords(64, 1),
            (event, subject, detail) -> audit.add(event + " " + subject), clock);

    AccessFixture() {
        people.add(new School("s1", "Hill School"));
        people.add(new School("s2", "River School"));
    }

    Person person(String id, String schoolId, PersonRole role) {
        Person person = new Person(id, schoolId, "Person " + id, role);
        people.add(person);
        return person;
    }
}
