package org.sanke.classroom.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.sanke.classroom.Classroom;
import org.sanke.classroom.DeviceTokens;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.SchoolRegistry;

/** Schools, classrooms and people in the database. Thread-safe: every call uses its own connection. */
public final class JdbcSchoolRegistry implements SchoolRegistry {
    private final Database database;

    public JdbcSchoolRegistry(Database database) {
        this.database = database;
    }

    private <T> T with(String what, Jdbc.Work<T> work) {
        return Jdbc.with(database, what, work);
    }

    @Override
    public void add(School s) {
        with("add school " + s.id(), c -> {
            Jdbc.update(c, "INSERT INTO school (id, name) VALUES (?, ?)", s.id(), s.name());
            return null;
        });
    }

    @Override
    public void add(Classroom r) {
        with("add classroom " + r.id(), c -> {
            Jdbc.update(c, "INSERT INTO classroom (id, school_id, name) VALUES (?, ?, ?)", r.id(), r.schoolId(),
                    r.name());
            return null;
        });
    }

    @Override
    public void add(Person p) {
        with("add person " + p.id(), c -> {
            Jdbc.update(c, "INSERT INTO person (id, school_id, name, role) VALUES (?, ?, ?, ?)", p.id(), p.schoolId(),
                    p.name(), p.role().name());
            return null;
        });
    }

    @Override
    public void rename(String personId, String name) {
        with("rename person " + personId, c -> {
            Jdbc.update(c, "UPDATE person SET name = ? WHERE id = ?", name, personId);
            return null;
        });
    }

    @Override
    public void update(School s) {
        with("rename school " + s.id(), c -> {
            Jdbc.update(c, "UPDATE school SET name = ? WHERE id = ?", s.name(), s.id());
            return null;
        });
    }

    @Override
    public void update(Classroom r) {
        with("rename classroom " + r.id(), c -> {
            Jdbc.update(c, "UPDATE classroom SET name = ? WHERE id = ?", r.name(), r.id());
            return null;
        });
    }

    @Override
    public void update(Person p) {
        with("change person " + p.id(), c -> {
            Jdbc.update(c, "UPDATE person SET name = ?, school_id = ?, role = ? WHERE id = ?", p.name(), p.schoolId(),
                    p.role().name(), p.id());
            return null;
        });
    }

    @Override
    public void archive(Kind kind, String id) {
        String clearToken = kind == Kind.CLASSROOM ? ", device_token_hash = NULL" : "";
        with("archive " + kind.table + " " + id, c -> {
            Jdbc.update(c, "UPDATE " + kind.table + " SET archived_at = ?" + clearToken
                    + " WHERE id = ? AND archived_at IS NULL", java.sql.Timestamp.from(java.time.Instant.now()), id);
            return null;
        });
    }

    @Override
    public java.util.Map<String, String> names(java.util.Collection<String> ids) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        Object[] args = ids.toArray();
        with("read names", c -> {
            for (Kind kind : Kind.values()) {
                for (String[] row : Jdbc.query(c, "SELECT id, name FROM " + kind.table + " WHERE id IN (" + marks
                        + ")", r -> new String[] {r.getString(1), r.getString(2)}, args)) {
                    names.put(row[0], row[1]);
                }
            }
            return null;
        });
        return names;
    }

    @Override
    public Optional<School> school(String id) {
        return with("read school " + id, c -> Jdbc.one(c,
                "SELECT id, name FROM school WHERE id = ? AND archived_at IS NULL",
                row -> new School(row.getString(1), row.getString(2)), id));
    }

    @Override
    public Optional<Classroom> classroom(String id) {
        return with("read classroom " + id, c -> Jdbc.one(c,
                "SELECT id, school_id, name FROM classroom WHERE id = ? AND archived_at IS NULL",
                row -> new Classroom(row.getString(1), row.getString(2), row.getString(3)), id));
    }

    @Override
    public Optional<Person> person(String id) {
        return with("read person " + id, c -> Jdbc.one(c, "SELECT id, school_id, name, role FROM person WHERE id = ?"
                + " AND archived_at IS NULL",
                JdbcSchoolRegistry::person, id));
    }

    @Override
    public List<School> schools() {
        return with("list schools", c -> Jdbc.query(c, "SELECT id, name FROM school WHERE archived_at IS NULL"
                + " ORDER BY name, id",
                row -> new School(row.getString(1), row.getString(2))));
    }

    @Override
    public List<Classroom> classrooms(String schoolId) {
        String sql = "SELECT id, school_id, name FROM classroom"
                + " WHERE archived_at IS NULL" + (schoolId == null ? "" : " AND school_id = ?") + " ORDER BY name, id";
        return with("list classrooms", c -> Jdbc.query(c, sql,
                row -> new Classroom(row.getString(1), row.getString(2), row.getString(3)),
                schoolId == null ? new Object[0] : new Object[] {schoolId}));
    }

    @Override
    public List<Person> people(String schoolId) {
        String sql = "SELECT id, school_id, name, role FROM person"
                + " WHERE archived_at IS NULL" + (schoolId == null ? "" : " AND school_id = ?") + " ORDER BY name, id";
        return with("list people", c -> Jdbc.query(c, sql, JdbcSchoolRegistry::person,
                schoolId == null ? new Object[0] : new Object[] {schoolId}));
    }

    @Override
    public void setDeviceTokenHash(String classroomId, String hash) {
        with("set the device token of " + classroomId, c -> {
            Jdbc.update(c, "UPDATE classroom SET device_token_hash = ? WHERE id = ?", hash, classroomId);
            return null;
        });
    }

    @Override
    public boolean checkDeviceToken(String classroomId, String token) {
        String stored = with("check the device token of " + classroomId, c -> Jdbc.one(c,
                "SELECT device_token_hash FROM classroom WHERE id = ?", row -> row.getString(1), classroomId)
                .orElse(null));
        return DeviceTokens.matches(token, stored);
    }

    private static Person person(java.sql.ResultSet row) throws SQLException {
        return new Person(row.getString(1), row.getString(2), row.getString(3), PersonRole.valueOf(row.getString(4)));
    }
}
