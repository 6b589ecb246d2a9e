package org.sanke.classroom.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Replays in memory, for tests and the demo: lost at restart. Thread-safe (one lock: the rates are human). */
public final class MemoryReplayStore implements ReplayStore {
    private static final Comparator<Replay> NEWEST_LESSON_FIRST = Comparator
            .comparing((Replay r) -> r.lesson().startedAt()).thenComparing(Replay::id).reversed();

    private final Map<String, Replay> replays = new LinkedHashMap<>();
    private final List<ReplayReport> reports = new ArrayList<>();
    private final Map<String, RawRecording> raw = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(Replay replay) {
        if (ofLesson(replay.lesson().lessonId()).isPresent() || replays.containsKey(replay.id())) {
            return false;
        }
        replays.put(replay.id(), replay);
        return true;
    }

    @Override
    public synchronized Optional<Replay> find(String id) {
        return Optional.ofNullable(replays.get(id));
    }

    @Override
    public synchronized Optional<Replay> ofLesson(String lessonId) {
        return replays.values().stream().filter(r -> r.lesson().lessonId().equals(lessonId)).findFirst();
    }

    @Override
    public synchronized boolean replace(Replay expected, Replay next) {
        Replay stored = replays.get(expected.id());
        if (stored == null || stored.state() != expected.state() || stored.version() != expected.version()) {
            return false;
        }
        replays.put(next.id(), next);
        return true;
    }

    @Override
    public synchronized boolean replaceReporting(Replay expected, Replay next, ReplayReport report) {
        if (!replace(expected, next)) {
            return false;
        }
        reports.add(report);
        return true;
    }

    @Override
    public synchronized Optional<List<ReplayReport>> replaceDeciding(Replay expected, Replay next) {
        if (!replace(expected, next)) {
            return Optional.empty();
        }
        List<ReplayReport> closed = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ReplayReport r = reports.get(i);
            if (r.replayId().equals(next.id()) && r.open()) {
                ReplayReport decided = r.closed(next.state(), next.decidedAt());
                reports.set(i, decided);
                closed.add(decided);
            }
        }
        return Optional.of(closed);
    }

    @Override
    public synchronized List<ReplayReport> openReports(String replayId) {
        return reports.stream().filter(r -> r.replayId().equals(replayId) && r.open()).toList();
    }

    @Override
    public synchronized List<Replay> awaitingReview(int limit) {
        return replays.values().stream().filter(r -> r.state().awaitsReview())
                .sorted(Comparator.comparing(Replay::changedAt).thenComparing(Replay::id)).limit(limit).toList();
    }

    @Override
    public synchronized List<Replay> published(ReplaySearch search, Replay after, int limit) {
        Predicate<Replay> matches = r -> r.state() == ReplayState.APPROVED
                && (search.schoolId() == null || search.schoolId().equals(r.lesson().schoolId()))
                && (search.teacherPersonId() == null
                        || search.teacherPersonId().equals(r.lesson().teacherPersonId()))
                && (search.subject() == null || search.subject().equals(r.lesson().subject()))
                && (search.from() == null || !r.lesson().startedAt().isBefore(search.from()))
                && (search.until() == null || r.lesson().startedAt().isBefore(search.until()))
                && (after == null || NEWEST_LESSON_FIRST.compare(r, after) > 0);
        return replays.values().stream().filter(matches).sorted(NEWEST_LESSON_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized List<Replay> ofTeacher(String teacherPersonId, int limit) {
        return replays.values().stream().filter(r -> r.state() != ReplayState.DELETED
                        && r.lesson().teacherPersonId().equals(teacherPersonId))
                .sorted(NEWEST_LESSON_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized List<Replay> rejectedBy(Instant instant) {
        return replays.values().stream().filter(r -> r.state() == ReplayState.REJECTED && r.files() != null
                && !r.decidedAt().isAfter(instant)).toList();
    }

    @Override
    public synchronized List<Replay> deletedWithFiles() {
        return replays.values().stream().filter(r -> r.state() == ReplayState.DELETED && r.files() != null)
                .toList();
    }

    @Override
    public synchronized void addRawRecording(RawRecording recording) {
        raw.putIfAbsent(recording.directory(), recording);
    }

    @Override
    public synchronized List<RawRecording> rawRecordings(String lessonId) {
        return raw.values().stream().filter(r -> r.lessonId().equals(lessonId)).toList();
    }

    @Override
    public synchronized List<RawRecording> rawRecordingsEndedBy(Instant instant) {
        return raw.values().stream().filter(r -> r.kept() && !r.endedAt().isAfter(instant)).toList();
    }

    @Override
    public synchronized void rawRecordingDeleted(String directory, Instant at) {
        raw.computeIfPresent(directory, (d, r) -> r.kept() ? new RawRecording(r.lessonId(), d, r.startedAt(),
                r.endedAt(), Objects.requireNonNull(at)) : r);
    }
}
