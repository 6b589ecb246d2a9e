package org.sanke.classroom;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lessons a platform has scheduled, refusing any that would put a classroom or a teacher in two lessons at
 * once. Synchronized; kept in memory until the repository comes.
 */
public final class Timetable {
    private final List<TimetableEntry> entries = new ArrayList<>();

    /** A clash: who would be in two lessons at once, and when. */
    public record Conflict(String with, String who, LocalDateTime at) {
        public String message() {
            return who + " is already in lesson " + with + " at " + at;
        }
    }

    /** Adds the entry, or returns the first clash and adds nothing. */
    public synchronized Optional<Conflict> add(TimetableEntry entry) {
        Optional<Conflict> conflict = conflictOf(entry);
        if (conflict.isEmpty()) {
            entries.add(entry);
        }
        return conflict;
    }

    public synchronized Optional<Conflict> conflictOf(TimetableEntry entry) {
        for (TimetableEntry other : entries) {
            if (other.id().equals(entry.id())) {
                continue;
            }
            String who = sharedParticipant(entry, other);
            if (who == null) {
                continue;
            }
            for (LocalDateTime start : entry.starts()) {
                LocalDateTime end = start.plus(entry.duration());
                for (LocalDateTime otherStart : other.starts()) {
                    if (start.isBefore(otherStart.plus(other.duration())) && otherStart.isBefore(end)) {
                        return Optional.of(new Conflict(other.id(), who, start));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String sharedParticipant(TimetableEntry a, TimetableEntry b) {
        if (a.teacherId().equals(b.teacherId())) {
            return "teacher " + a.teacherId();
        }
        Set<String> rooms = a.classrooms();
        for (String room : b.classrooms()) {
            if (rooms.contains(room)) {
                return "classroom " + room;
            }
        }
        return null;
    }

    public synchronized List<TimetableEntry> entries() {
        return List.copyOf(entries);
    }
}
