package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.TimetableEntry;
import org.sanke.classroom.TimetableStore;

/** Timetable entries in the database; an entry and its receiving classrooms are written in one transaction. */
public final class JdbcTimetableStore implements TimetableStore {
    private final Database database;

    public JdbcTimetableStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(TimetableEntry e, LessonMode mode) {
        write(e, mode, false);
    }

    @Override
    public void replace(TimetableEntry e, LessonMode mode) {
        write(e, mode, true);
    }

    /** Stores an entry in one transaction, first removing the one it replaces. */
    private void write(TimetableEntry e, LessonMode mode, boolean replacing) {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                if (replacing) {
                    Jdbc.update(c, "DELETE FROM timetable_receiver WHERE entry_id = ?", e.id());
                    Jdbc.update(c, "DELETE FROM timetable_entry WHERE id = ?", e.id());
                }
                Jdbc.update(c, "INSERT INTO timetable_entry (id, subject, mode, teacher_id, sending_classroom_id,"
                                + " first_start, duration_minutes, weekly_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        e.id(), e.subject(), mode.name(), e.teacherId(), e.sendingClassroomId(),
                        Timestamp.valueOf(e.firstStart()), (int) e.duration().toMinutes(),
                        e.until() == null ? null : Date.valueOf(e.until()));
                for (String room : e.receivingClassroomIds()) {
                    Jdbc.update(c, "INSERT INTO timetable_receiver (entry_id, classroom_id) VALUES (?, ?)", e.id(),
                            room);
                }
                c.commit();
            } catch (SQLException failure) {
                c.rollback();
                throw failure;
            }
        } catch (SQLException failure) {
            throw new StoreException("could not store timetable entry " + e.id(), failure);
        }
    }

    @Override
    public void remove(String entryId) {
        Jdbc.with(database, "remove timetable entry " + entryId, c -> {
            Jdbc.update(c, "DELETE FROM timetable_receiver WHERE entry_id = ?", entryId);
            Jdbc.update(c, "DELETE FROM timetable_entry WHERE id = ?", entryId);
            return null;
        });
    }

    @Override
    public void endSeries(String entryId, java.time.LocalDate lastDay) {
        Jdbc.with(database, "end the series of timetable entry " + entryId, c -> {
            Jdbc.update(c, "UPDATE timetable_entry SET weekly_until = ? WHERE id = ?", java.sql.Date.valueOf(lastDay),
                    entryId);
            return null;
        });
    }

    @Override
    public void endEarly(String lessonId, java.time.Instant at) {
        try (Connection c = database.connect()) {
            if (Jdbc.query(c, "SELECT lesson_id FROM lesson_ended_early WHERE lesson_id = ?", r -> r.getString(1),
                    lessonId).isEmpty()) {
                Jdbc.update(c, "INSERT INTO lesson_ended_early (lesson_id, ended_at) VALUES (?, ?)", lessonId,
                        Timestamp.from(at));
            }
        } catch (SQLException e) {
            throw new StoreException("could not record that lesson " + lessonId + " ended", e);
        }
    }

    @Override
    public Set<String> endedEarly() {
        try (Connection c = database.connect()) {
            return new HashSet<>(Jdbc.query(c, "SELECT lesson_id FROM lesson_ended_early", r -> r.getString(1)));
        } catch (SQLException e) {
            throw new StoreException("could not read the lessons ended early", e);
        }
    }

    @Override
    public List<Scheduled> all() {
        try (Connection c = database.connect()) {
            List<Scheduled> entries = new ArrayList<>();
            for (Object[] row : Jdbc.query(c, "SELECT id, subject, mode, teacher_id, sending_classroom_id,"
                    + " first_start, duration_minutes, weekly_until FROM timetable_entry ORDER BY first_start, id",
                    r -> new Object[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getTimestamp(6), r.getInt(7), r.getDate(8)})) {
                String id = (String) row[0];
                Set<String> receivers = new HashSet<>(Jdbc.query(c,
                        "SELECT classroom_id FROM timetable_receiver WHERE entry_id = ?", r -> r.getString(1), id));
                Date until = (Date) row[7];
                entries.add(new Scheduled(new TimetableEntry(id, (String) row[1], (String) row[3], (String) row[4],
                        receivers, ((Timestamp) row[5]).toLocalDateTime(), Duration.ofMinutes((Integer) row[6]),
                        until == null ? null : until.toLocalDate()), LessonMode.valueOf((String) row[2])));
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("could not read the timetable", e);
        }
    }
}
