package org.sanke.classroom;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A lesson on the timetable (课表): subject, teacher, sending classroom, enrolled receiving classrooms, and when:
 * once, or weekly from the first date until a last date.
 *
 * @param until the last date of a weekly lesson; null for a lesson given once
 */
public record TimetableEntry(String id, String subject, String teacherId, String sendingClassroomId,
                             Set<String> receivingClassroomIds, LocalDateTime firstStart, Duration duration,
                             LocalDate until) {
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
    }

    /** Every classroom the lesson occupies: the sending one and those receiving. */
    public Set<String> classrooms() {
        Set<String> all = new java.util.HashSet<>(receivingClassroomIds);
        all.add(sendingClassroomId);
        return all;
    }

    /** The start of each occurrence: one for a single lesson, one a week until {@code until} for a weekly one. */
    public List<LocalDateTime> starts() {
        List<LocalDateTime> starts = new ArrayList<>();
        LocalDateTime next = firstStart;
        do {
            starts.add(next);
            next = next.plusWeeks(1);
        } while (until != null && !next.toLocalDate().isAfter(until));
        return starts;
    }
}
