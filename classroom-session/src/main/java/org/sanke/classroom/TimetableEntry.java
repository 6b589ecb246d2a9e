package org.sanke.classroom;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A lesson on the timetable (课表): subject, teacher, sending classroom, enrolled receiving classrooms, and when:
 * once, or weekly from the first date until a last date.
 *
 * <p>Every count here is arithmetic on dates, never a walk from the first week to {@code until}, so an entry with a
 * far {@code until} (9999-12-31) costs nothing to build; {@link Scheduling} refuses to schedule one that repeats for
 * longer than {@link #LONGEST_REPEAT}.
 *
 * @param until the last date of a weekly lesson; null for a lesson given once
 */
public record TimetableEntry(String id, String subject, String teacherId, String sendingClassroomId,
                             Set<String> receivingClassroomIds, LocalDateTime firstStart, Duration duration,
                             LocalDate until) {
    /** A weekly lesson's last occurrence is at most this long after its first: one school year. */
    public static final Duration LONGEST_REPEAT = Duration.ofDays(366);
    /** The most occurrences an entry has, whatever its {@code until}: one a week over {@link #LONGEST_REPEAT}. */
    public static final int MOST_OCCURRENCES = (int) (LONGEST_REPEAT.toDays() / 7) + 1;

    public TimetableEntry {
        receivingClassroomIds = Set.copyOf(receivingClassroomIds);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (receivingClassroomIds.contains(sendingClassroomId)) {
            throw new IllegalArgumentException("the sending classroom cannot also receive");
        }
        if (until != null && until.isBefore(firstStart.toLocalDate())) {
            throw new IllegalArgumentException("until is before the first lesson");
        }
        if (until != null && duration.compareTo(Duration.ofDays(7)) >= 0) {
            // its occurrences would overlap one another
            throw new IllegalArgumentException("a weekly lesson must be shorter than a week");
        }
    }

    /** Every classroom the lesson occupies: the sending one and those receiving. */
    public Set<String> classrooms() {
        Set<String> all = new java.util.HashSet<>(receivingClassroomIds);
        all.add(sendingClassroomId);
        return all;
    }

    /** How many weeks {@code until} allows, counted without walking them (may exceed {@link #MOST_OCCURRENCES}). */
    private long weeksUntil() {
        return until == null ? 0 : ChronoUnit.WEEKS.between(firstStart.toLocalDate(), until);
    }

    /** Whether the last occurrence {@code until} asks for is at most {@link #LONGEST_REPEAT} after the first. */
    public boolean repeatsWithinOneSchoolYear() {
        return weeksUntil() * 7 <= LONGEST_REPEAT.toDays();
    }

    /** The latest {@code until} a weekly lesson starting when this one does may have. */
    public LocalDate latestUntil() {
        return firstStart.toLocalDate().plus(LONGEST_REPEAT.toDays(), ChronoUnit.DAYS);
    }

    /** How many occurrences the entry has: those {@code until} allows, at most {@link #MOST_OCCURRENCES}. */
    public int occurrences() {
        return (int) Math.min(weeksUntil() + 1, MOST_OCCURRENCES);
    }

    /**
     * The start of each occurrence: one for a single lesson, one a week until {@code until} for a weekly one, and
     * never more than {@link #MOST_OCCURRENCES} (an entry stored before the cap keeps its first school year).
     */
    public List<LocalDateTime> starts() {
        int count = occurrences();
        List<LocalDateTime> starts = new ArrayList<>(count);
        for (int week = 0; week < count; week++) {
            starts.add(firstStart.plusWeeks(week));
        }
        return starts;
    }

    /** The start of the occurrence on {@code day}, if the entry has one that day. */
    public Optional<LocalDateTime> startOn(LocalDate day) {
        long days = ChronoUnit.DAYS.between(firstStart.toLocalDate(), day);
        if (days < 0 || days % 7 != 0 || days / 7 >= occurrences()) {
            return Optional.empty();
        }
        return Optional.of(firstStart.plusWeeks(days / 7));
    }
}
