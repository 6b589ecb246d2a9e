package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.LessonStore;

/** Lessons in the database. Thread-safe: every call uses its own connection. */
public final class JdbcLessonStore implements LessonStore {
    private final Database database;

    public JdbcLessonStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean insert(Lesson lesson) {
        try (Connection c = database.connect()) {
            if (find(c, lesson.id()).isPresent()) {
                return false;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO lesson (id, title, mode, max_classrooms, created_at, owner_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, lesson.id());
                insert.setString(2, lesson.title());
                insert.setString(3, lesson.mode().name());
                insert.setInt(4, lesson.maxClassrooms());
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.setString(6, lesson.ownerId());
                insert.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            // A concurrent insert of the same id loses on the primary key: report it as taken.
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("could not store lesson " + lesson.id(), e);
        }
    }

    @Override
    public Optional<Lesson> find(String id) {
        try (Connection c = database.connect()) {
            return find(c, id);
        } catch (SQLException e) {
            throw new StoreException("could not read lesson " + id, e);
        }
    }

    private static Optional<Lesson> find(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, title, mode, max_classrooms, owner_id FROM lesson WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(lesson(rows)) : Optional.empty();
            }
        }
    }

    @Override
    public List<Lesson> all() {
        try (Connection c = database.connect();
             PreparedStatement select = c.prepareStatement(
                     "SELECT id, title, mode, max_classrooms, owner_id FROM lesson ORDER BY id");
             ResultSet rows = select.executeQuery()) {
            List<Lesson> lessons = new ArrayList<>();
            while (rows.next()) {
                lessons.add(lesson(rows));
            }
            return lessons;
        } catch (SQLException e) {
            throw new StoreException("could not list lessons", e);
        }
    }

    private static Lesson lesson(ResultSet row) throws SQLException {
        return new Lesson(row.getString("id"), row.getString("title"), LessonMode.valueOf(row.getString("mode")),
                row.getInt("max_classrooms"), row.getString("owner_id"));
    }
}
