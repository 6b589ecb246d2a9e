package org.sanke.classroom.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.sanke.classroom.audit.LiveRecord;
import org.sanke.classroom.audit.LiveRecordStore;

/** Live-content records in the database (S35): inserted in batches, removed only by age. */
public final class JdbcLiveRecordStore implements LiveRecordStore {
    private final Database database;

    public JdbcLiveRecordStore(Database database) {
        this.database = database;
    }

    @Override
    public void append(List<LiveRecord> records) {
        Jdbc.inTransaction(database, "write live-content records", c -> {
            for (LiveRecord r : records) {
                Jdbc.update(c, "INSERT INTO live_record (at, lesson_id, kind, participant_id, person_id,"
                        + " source_address, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", Timestamp.from(r.at()),
                        r.lessonId(), r.kind().wireName(), r.participantId(), r.personId(), r.sourceAddress(),
                        r.detail());
            }
            return null;
        });
    }

    @Override
    public List<LiveRecord> lesson(String lessonId) {
        return Jdbc.with(database, "read live-content records", c -> Jdbc.query(c, "SELECT at, lesson_id, kind,"
                + " participant_id, person_id, source_address, detail FROM live_record WHERE lesson_id = ?"
                + " ORDER BY at, id", row -> new LiveRecord(row.getTimestamp(1).toInstant(), row.getString(2),
                LiveRecord.Kind.valueOf(row.getString(3).toUpperCase(java.util.Locale.ROOT)), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7)), lessonId));
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return Jdbc.with(database, "purge live-content records", c -> (long) Jdbc.updateCount(c,
                "DELETE FROM live_record WHERE at < ?", Timestamp.from(cutoff)));
    }
}
