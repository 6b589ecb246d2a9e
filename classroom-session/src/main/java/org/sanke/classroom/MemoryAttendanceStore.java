package org.sanke.classroom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Attendance in memory: lost at restart. Synchronized. */
public final class MemoryAttendanceStore implements AttendanceStore {
    private final List<AttendanceRecord> records = new ArrayList<>();
    private final java.util.Map<String, String> classrooms = new java.util.HashMap<>();
    private final List<QualitySample> samples = new ArrayList<>();

    @Override
    public synchronized void joined(String lessonId, Participant p, Instant at) {
        records.add(new AttendanceRecord(lessonId, p.id(), p.role(), p.displayName(), at, null, null, 0, 0, 0, 0));
        if (p.classroomId() != null) {
            classrooms.put(lessonId + "/" + p.id(), p.classroomId());
        }
    }

    @Override
    public synchronized void left(String lessonId, String participantId, Instant at, String reason) {
        records.replaceAll(r -> r.lessonId().equals(lessonId) && r.participantId().equals(participantId)
                && r.leftAt() == null
                ? new AttendanceRecord(r.lessonId(), r.participantId(), r.role(), r.name(), r.joinedAt(), at, reason,
                0, 0, 0, 0) : r);
    }

    @Override
    public synchronized void sample(QualitySample sample) {
        samples.add(sample);
    }

    @Override
    public synchronized java.util.Map<RoomInLesson, Instant> firstJoins(java.util.Set<String> classroomIds,
                                                                      Instant from, Instant to) {
        java.util.Map<RoomInLesson, Instant> first = new java.util.HashMap<>();
        for (AttendanceRecord r : records) {
            String room = classrooms.get(r.lessonId() + "/" + r.participantId());
            if (room != null && classroomIds.contains(room) && !r.joinedAt().isBefore(from)
                    && r.joinedAt().isBefore(to)) {
                first.merge(new RoomInLesson(r.lessonId(), room), r.joinedAt(),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first;
    }

    @Override
    public synchronized List<AttendanceRecord> lesson(String lessonId) {
        List<AttendanceRecord> result = new ArrayList<>();
        for (AttendanceRecord r : records) {
            if (!r.lessonId().equals(lessonId)) {
                continue;
            }
            List<QualitySample> mine = samples.stream().filter(s -> s.lessonId().equals(lessonId)
                    && s.participantId().equals(r.participantId())).toList();
            result.add(new AttendanceRecord(r.lessonId(), r.participantId(), r.role(), r.name(), r.joinedAt(),
                    r.leftAt(), r.leaveReason(), mine.size(),
                    mine.stream().mapToDouble(QualitySample::lossPercent).average().orElse(0),
                    mine.stream().mapToLong(QualitySample::freezeMs).sum(),
                    mine.stream().mapToInt(QualitySample::kbps).average().orElse(0)));
        }
        return result;
    }
}
