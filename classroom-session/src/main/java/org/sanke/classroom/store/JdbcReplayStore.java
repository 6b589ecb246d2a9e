package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.replay.RawRecording;
import org.sanke.classroom.replay.RecordedLesson;
import org.sanke.classroom.replay.Replay;
import org.sanke.classroom.replay.ReplayAudience;
import org.sanke.classroom.replay.ReplayChapter;
import org.sanke.classroom.replay.ReplayFiles;
import org.sanke.classroom.replay.ReplayReport;
import org.sanke.classroom.replay.ReplaySearch;
import org.sanke.classroom.replay.ReplayState;
import org.sanke.classroom.replay.ReplayStore;

/**
 * Replays in the database: one row each, their chapters and audience in child tables read in one query per page of
 * replays, never one per replay. Changes are compare-and-set on state and version, in one transaction with their
 * children and reports.
 */
public final class JdbcReplayStore implements ReplayStore {
    private static final String COLUMNS = "id, lesson_id, lesson_title, lesson_mode, school_id, teacher_person_id,"
            + " teacher_name, subject, lesson_started_at, opening, state, content_version, mp4_path, hls_path,"
            + " poster_path, duration_millis, decided_by, decided_at, reason, error, changed_at";
    private static final String REPORT_COLUMNS = "id, replay_id, content_version, reporter_person_id, reason,"
            + " reported_at, outcome, decided_at";
    private static final String RAW_COLUMNS = "lesson_id, directory, started_at, ended_at, deleted_at";
    private static final String NEWEST_LESSON_FIRST = " ORDER BY lesson_started_at DESC, id DESC";

    private final Database database;

    public JdbcReplayStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean add(Replay r) {
        return Jdbc.inTransaction(database, "add replay of lesson " + r.lesson().lessonId(), c -> {
            if (Jdbc.one(c, "SELECT id FROM replay WHERE lesson_id = ? OR id = ?", row -> row.getString(1),
                    r.lesson().lessonId(), r.id()).isPresent()) {
                return false;
            }
            RecordedLesson l = r.lesson();
            Jdbc.update(c, "INSERT INTO replay (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?)", r.id(), l.lessonId(), l.title(), l.mode().name(), l.schoolId(),
                    l.teacherPersonId(), l.teacherName(), l.subject(), Timestamp.from(l.startedAt()),
                    opening(r.audience().opening()), r.state().name(), r.version(), mp4(r), hls(r), poster(r),
                    millis(r.duration()), r.decidedBy(), timestamp(r.decidedAt()), r.reason(), r.error(),
                    Timestamp.from(r.changedAt()));
            writeChapters(c, r);
            writeAudience(c, r);
            return true;
        });
    }

    @Override
    public Optional<Replay> find(String id) {
        return Jdbc.with(database, "read replay " + id, c -> first(load(c, " WHERE id = ?", id)));
    }

    @Override
    public Optional<Replay> ofLesson(String lessonId) {
        return Jdbc.with(database, "read the replay of lesson " + lessonId,
                c -> first(load(c, " WHERE lesson_id = ?", lessonId)));
    }

    @Override
    public boolean replace(Replay expected, Replay next) {
        return Jdbc.inTransaction(database, "change replay " + next.id(), c -> replaced(c, expected, next));
    }

    @Override
    public boolean replaceReporting(Replay expected, Replay next, ReplayReport r) {
        return Jdbc.inTransaction(database, "report replay " + next.id(), c -> {
            if (!replaced(c, expected, next)) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO replay_report (" + REPORT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)",
                    r.id(), r.replayId(), r.version(), r.reporterPersonId(), r.reason(), Timestamp.from(r.at()));
            return true;
        });
    }

    @Override
    public Optional<List<ReplayReport>> replaceDeciding(Replay expected, Replay next) {
        return Jdbc.inTransaction(database, "decide replay " + next.id(), c -> {
            if (!replaced(c, expected, next)) {
                return Optional.empty();
            }
            List<ReplayReport> open = Jdbc.query(c, "SELECT " + REPORT_COLUMNS + " FROM replay_report"
                    + " WHERE replay_id = ? AND outcome IS NULL ORDER BY reported_at, id", JdbcReplayStore::report,
                    next.id());
            Jdbc.update(c, "UPDATE replay_report SET outcome = ?, decided_at = ? WHERE replay_id = ?"
                    + " AND outcome IS NULL", next.state().name(), Timestamp.from(next.decidedAt()), next.id());
            return Optional.of(open.stream().map(r -> new ReplayReport(r.id(), r.replayId(), r.version(),
                    r.reporterPersonId(), r.reason(), r.at(), next.state(), next.decidedAt())).toList());
        });
    }

    @Override
    public List<ReplayReport> openReports(String replayId) {
        return Jdbc.with(database, "list reports on replay " + replayId, c -> Jdbc.query(c, "SELECT "
                + REPORT_COLUMNS + " FROM replay_report WHERE replay_id = ? AND outcome IS NULL"
                + " ORDER BY reported_at, id", JdbcReplayStore::report, replayId));
    }

    @Override
    public List<Replay> awaitingReview(int limit) {
        return Jdbc.with(database, "list replays awaiting review", c -> load(c, " WHERE state IN (?, ?)"
                + " ORDER BY changed_at, id" + first(limit), ReplayState.PENDING.name(),
                ReplayState.REPORTED.name()));
    }

    @Override
    public List<Replay> published(ReplaySearch search, Replay after, int limit) {
        StringBuilder where = new StringBuilder(" WHERE state = ?");
        List<Object> values = new ArrayList<>(List.of(ReplayState.APPROVED.name()));
        criterion(where, values, "school_id = ?", search.schoolId());
        criterion(where, values, "teacher_person_id = ?", search.teacherPersonId());
        criterion(where, values, "subject = ?", search.subject());
        criterion(where, values, "lesson_started_at >= ?", timestamp(search.from()));
        criterion(where, values, "lesson_started_at < ?", timestamp(search.until()));
        if (after != null) {
            Timestamp started = Timestamp.from(after.lesson().startedAt());
            where.append(" AND (lesson_started_at < ? OR (lesson_started_at = ? AND id < ?))");
            values.addAll(List.of(started, started, after.id()));
        }
        return Jdbc.with(database, "search replays", c -> load(c, where + NEWEST_LESSON_FIRST + first(limit),
                values.toArray()));
    }

    @Override
    public List<Replay> ofTeacher(String teacherPersonId, int limit) {
        return Jdbc.with(database, "list a teacher's replays", c -> load(c, " WHERE teacher_person_id = ?"
                + " AND state <> ?" + NEWEST_LESSON_FIRST + first(limit), teacherPersonId,
                ReplayState.DELETED.name()));
    }

    @Override
    public List<Replay> rejectedBy(Instant instant) {
        return Jdbc.with(database, "list rejected replays due", c -> load(c, " WHERE state = ?"
                + " AND decided_at <= ? AND mp4_path IS NOT NULL ORDER BY decided_at, id",
                ReplayState.REJECTED.name(), Timestamp.from(instant)));
    }

    @Override
    public List<Replay> deletedWithFiles() {
        return Jdbc.with(database, "list deleted replays' files", c -> load(c, " WHERE state = ?"
                + " AND mp4_path IS NOT NULL ORDER BY changed_at, id", ReplayState.DELETED.name()));
    }

    @Override
    public void addRawRecording(RawRecording r) {
        Jdbc.inTransaction(database, "record raw recording " + r.directory(), c -> {
            if (Jdbc.one(c, "SELECT directory FROM raw_recording WHERE directory = ?", row -> row.getString(1),
                    r.directory()).isEmpty()) {
                Jdbc.update(c, "INSERT INTO raw_recording (" + RAW_COLUMNS + ") VALUES (?, ?, ?, ?, NULL)",
                        r.lessonId(), r.directory(), Timestamp.from(r.startedAt()), Timestamp.from(r.endedAt()));
            }
            return null;
        });
    }

    @Override
    public List<RawRecording> rawRecordings(String lessonId) {
        return Jdbc.with(database, "list raw recordings of lesson " + lessonId, c -> Jdbc.query(c, "SELECT "
                + RAW_COLUMNS + " FROM raw_recording WHERE lesson_id = ? ORDER BY started_at, directory",
                JdbcReplayStore::raw, lessonId));
    }

    @Override
    public List<RawRecording> rawRecordingsEndedBy(Instant instant) {
        return Jdbc.with(database, "list raw recordings due", c -> Jdbc.query(c, "SELECT " + RAW_COLUMNS
                + " FROM raw_recording WHERE deleted_at IS NULL AND ended_at <= ? ORDER BY ended_at, directory",
                JdbcReplayStore::raw, Timestamp.from(instant)));
    }

    @Override
    public void rawRecordingDeleted(String directory, Instant at) {
        Jdbc.with(database, "mark raw recording " + directory + " deleted", c -> {
            Jdbc.update(c, "UPDATE raw_recording SET deleted_at = ? WHERE directory = ? AND deleted_at IS NULL",
                    Timestamp.from(at), directory);
            return null;
        });
    }

    private static boolean replaced(Connection c, Replay expected, Replay r) throws SQLException {
        int changed = Jdbc.updateCount(c, "UPDATE replay SET opening = ?, state = ?, content_version = ?,"
                        + " mp4_path = ?, hls_path = ?, poster_path = ?, duration_millis = ?, decided_by = ?,"
                        + " decided_at = ?, reason = ?, error = ?, changed_at = ?"
                        + " WHERE id = ? AND state = ? AND content_version = ?", opening(r.audience().opening()),
                r.state().name(), r.version(), mp4(r), hls(r), poster(r), millis(r.duration()), r.decidedBy(),
                timestamp(r.decidedAt()), r.reason(), r.error(), Timestamp.from(r.changedAt()), expected.id(),
                expected.state().name(), expected.version());
        if (changed == 0) {
            return false;
        }
        if (!expected.chapters().equals(r.chapters())) {
            Jdbc.update(c, "DELETE FROM replay_chapter WHERE replay_id = ?", r.id());
            writeChapters(c, r);
        }
        if (!expected.audience().equals(r.audience())) {
            Jdbc.update(c, "DELETE FROM replay_audience WHERE replay_id = ?", r.id());
            writeAudience(c, r);
        }
        return true;
    }

    private static void writeChapters(Connection c, Replay r) throws SQLException {
        int seq = 0;
        for (ReplayChapter chapter : r.chapters()) {
            Jdbc.update(c, "INSERT INTO replay_chapter (replay_id, seq, offset_millis, kind, label)"
                    + " VALUES (?, ?, ?, ?, ?)", r.id(), seq++, chapter.offsetMillis(), chapter.kind().name(),
                    chapter.label());
        }
    }

    private static void writeAudience(Connection c, Replay r) throws SQLException {
        ReplayAudience a = r.audience();
        Map<String, Set<String>> members = Map.of("CLASSROOM", a.classroomIds(), "LEARNER", a.learnerIds(),
                "SCHOOL", a.schoolIds(), "OPEN_SCHOOL", a.opening() instanceof ReplayAudience.OpenToSchools open
                        ? open.schoolIds() : Set.of());
        for (Map.Entry<String, Set<String>> kind : members.entrySet()) {
            for (String member : kind.getValue()) {
                Jdbc.update(c, "INSERT INTO replay_audience (replay_id, kind, member_id) VALUES (?, ?, ?)", r.id(),
                        kind.getKey(), member);
            }
        }
    }

    /** A replay's own columns, before its children are read. */
    private record Row(String id, RecordedLesson lesson, String opening, ReplayState state, int version,
                       ReplayFiles files, Duration duration, String decidedBy, Instant decidedAt, String reason,
                       String error, Instant changedAt) {
    }

    /** The replays {@code clause} selects, in its order, with their chapters and audiences. */
    private static List<Replay> load(Connection c, String clause, Object... values) throws SQLException {
        List<Row> rows = Jdbc.query(c, "SELECT " + COLUMNS + " FROM replay" + clause, JdbcReplayStore::row, values);
        if (rows.isEmpty()) {
            return List.of();
        }
        Object[] ids = rows.stream().map(Row::id).toArray();
        String in = " IN (" + String.join(", ", Collections.nCopies(ids.length, "?")) + ")";
        Map<String, List<ReplayChapter>> chapters = new HashMap<>();
        Jdbc.query(c, "SELECT replay_id, offset_millis, kind, label FROM replay_chapter WHERE replay_id" + in
                + " ORDER BY replay_id, seq", row -> chapters.computeIfAbsent(row.getString(1),
                k -> new ArrayList<>()).add(new ReplayChapter(row.getLong(2),
                ReplayChapter.Kind.valueOf(row.getString(3)), row.getString(4))), ids);
        Map<String, Map<String, Set<String>>> audiences = new HashMap<>();
        Jdbc.query(c, "SELECT replay_id, kind, member_id FROM replay_audience WHERE replay_id" + in,
                row -> audiences.computeIfAbsent(row.getString(1), k -> new HashMap<>())
                        .computeIfAbsent(row.getString(2), k -> new HashSet<>()).add(row.getString(3)), ids);
        List<Replay> replays = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Set<String>> members = audiences.getOrDefault(r.id(), Map.of());
            ReplayAudience audience = new ReplayAudience(members.getOrDefault("CLASSROOM", Set.of()),
                    members.getOrDefault("LEARNER", Set.of()), members.getOrDefault("SCHOOL", Set.of()),
                    opening(r.opening(), members.getOrDefault("OPEN_SCHOOL", Set.of())));
            replays.add(new Replay(r.id(), r.lesson(), audience, r.state(), r.version(), r.files(), r.duration(),
                    chapters.getOrDefault(r.id(), List.of()), r.decidedBy(), r.decidedAt(), r.reason(), r.error(),
                    r.changedAt()));
        }
        return replays;
    }

    private static Row row(ResultSet row) throws SQLException {
        RecordedLesson lesson = new RecordedLesson(row.getString(2), row.getString(3),
                LessonMode.valueOf(row.getString(4)), row.getString(5), row.getString(6), row.getString(7),
                row.getString(8), row.getTimestamp(9).toInstant());
        String mp4 = row.getString(13);
        ReplayFiles files = mp4 == null ? null : new ReplayFiles(mp4, row.getString(14), row.getString(15));
        long duration = row.getLong(16);
        Duration length = row.wasNull() ? null : Duration.ofMillis(duration);
        return new Row(row.getString(1), lesson, row.getString(10), ReplayState.valueOf(row.getString(11)),
                row.getInt(12), files, length, row.getString(17), instant(row.getTimestamp(18)), row.getString(19),
                row.getString(20), row.getTimestamp(21).toInstant());
    }

    private static ReplayReport report(ResultSet row) throws SQLException {
        String outcome = row.getString(7);
        return new ReplayReport(row.getString(1), row.getString(2), row.getInt(3), row.getString(4),
                row.getString(5), row.getTimestamp(6).toInstant(), outcome == null ? null
                : ReplayState.valueOf(outcome), instant(row.getTimestamp(8)));
    }

    private static RawRecording raw(ResultSet row) throws SQLException {
        return new RawRecording(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                row.getTimestamp(4).toInstant(), instant(row.getTimestamp(5)));
    }

    private static String opening(ReplayAudience.Opening opening) {
        return switch (opening) {
            case ReplayAudience.LessonOnly none -> "LESSON_ONLY";
            case ReplayAudience.OpenToSchools schools -> "OPEN_TO_SCHOOLS";
            case ReplayAudience.OpenToAllSignedIn all -> "OPEN_TO_ALL_SIGNED_IN";
        };
    }

    private static ReplayAudience.Opening opening(String name, Set<String> openSchools) {
        return switch (name) {
            case "OPEN_TO_SCHOOLS" -> new ReplayAudience.OpenToSchools(openSchools);
            case "OPEN_TO_ALL_SIGNED_IN" -> new ReplayAudience.OpenToAllSignedIn();
            default -> new ReplayAudience.LessonOnly();
        };
    }

    private static void criterion(StringBuilder where, List<Object> values, String condition, Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            values.add(value);
        }
    }

    private static String first(int limit) {
        return " FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY";
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private static String mp4(Replay r) {
        return r.files() == null ? null : r.files().mp4();
    }

    private static String hls(Replay r) {
        return r.files() == null ? null : r.files().hlsPlaylist();
    }

    private static String poster(Replay r) {
        return r.files() == null ? null : r.files().poster();
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
