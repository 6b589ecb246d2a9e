package org.sanke.classroom;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lessons a platform has scheduled, refusing any that would put a classroom or a teacher in two lessons at
 * once. Synchronized; the store keeps the entries, this keeps them checkable.
 *
 * <p>Each teacher and classroom has a calendar of the occurrences booked for it, by start. Nobody is booked twice
 * at once, so in a calendar a later start has a later end: a new occurrence [s, e) overlaps exactly the bookings
 * that start before e and end after s, found by walking back from the last start before e until one ends by s.
 * Checking an entry of k occurrences against n bookings costs O(k log n).
 */
public final class Timetable {
    private final List<TimetableEntry> entries = new ArrayList<>();
    /** Who ("teacher wang", "classroom village-1") is booked from which start. */
    private final Map<String, NavigableMap<LocalDateTime, Booking>> calendars = new HashMap<>();

    private record Booking(LocalDateTime end, String entryId) {
    }

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
            for (String who : participants(entry)) {
                NavigableMap<LocalDateTime, Booking> calendar = calendars.computeIfAbsent(who, key -> new TreeMap<>());
                for (LocalDateTime start : entry.starts()) {
                    calendar.put(start, new Booking(start.plus(entry.duration()), entry.id()));
                }
            }
        }
        return conflict;
    }

    /** The clash at the entry's earliest clashing occurrence, the teacher's before a classroom's; else none. */
    public synchronized Optional<Conflict> conflictOf(TimetableEntry entry) {
        List<String> participants = participants(entry);
        for (LocalDateTime start : entry.starts()) {
            LocalDateTime end = start.plus(entry.duration());
            for (String who : participants) {
                NavigableMap<LocalDateTime, Booking> calendar = calendars.get(who);
                if (calendar == null) {
                    continue;
                }
                for (Booking booked : calendar.headMap(end, false).descendingMap().values()) {
                    if (!booked.end().isAfter(start)) {
                        break; // this one and every earlier one ended by the new start
                    }
                    if (!booked.entryId().equals(entry.id())) {
                        return Optional.of(new Conflict(booked.entryId(), who, start));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The calendars an entry books: its teacher's, then its classrooms' in a stable order. */
    private static List<String> participants(TimetableEntry entry) {
        List<String> who = new ArrayList<>();
        who.add("teacher " + entry.teacherId());
        who.add("classroom " + entry.sendingClassroomId());
        for (String room : new TreeSet<>(entry.receivingClassroomIds())) {
            who.add("classroom " + room);
        }
        return who;
    }

    /** Takes an entry and its bookings off the timetable; false when it was not on it. */
    public synchronized boolean remove(String entryId) {
        boolean removed = entries.removeIf(e -> e.id().equals(entryId));
        if (removed) {
            for (NavigableMap<LocalDateTime, Booking> calendar : calendars.values()) {
                calendar.values().removeIf(booking -> booking.entryId().equals(entryId));
            }
        }
        return removed;
    }

    public synchronized List<TimetableEntry> entries() {
        return List.copyOf(entries);
    }
}
