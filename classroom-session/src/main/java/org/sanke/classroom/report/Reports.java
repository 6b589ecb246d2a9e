package org.sanke.classroom.report;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.sanke.classroom.audit.QueuedWriter;

/**
 * The staff's queue of reports (S14). Filing one only queues it (a lesson's thread never waits on the database);
 * staff read and decide on workers.
 */
public final class Reports implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReportStore store;
    private final Clock clock;
    private final QueuedWriter<Report> writer;

    public Reports(ReportStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.writer = new QueuedWriter<>("reports", 10_000, store::add);
    }

    /** Files a report; its id. */
    public String file(String lessonId, String lessonTitle, Report.Kind kind, String reporterName,
                       String reporterPersonId, String targetParticipantId, String targetName, String targetPersonId,
                       String targetClassroomId, String reason, String message, byte[] frameJpeg) {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        String reportId = "r" + HexFormat.of().formatHex(id);
        writer.add(new Report(reportId, lessonId, lessonTitle, kind, reporterName, reporterPersonId,
                targetParticipantId, targetName, targetPersonId, targetClassroomId, reason, message, frameJpeg,
                clock.instant(), null, null, null));
        return reportId;
    }

    /** The queue, newest first; from a worker. */
    public List<Report> list(boolean openOnly, int limit) {
        writer.flush(Duration.ofSeconds(5));
        return store.list(openOnly, limit);
    }

    public Optional<Report> find(String id) {
        writer.flush(Duration.ofSeconds(5));
        return store.find(id);
    }

    /** Staff decide: {@code dismissed} or {@code acted}, with a note. */
    public Optional<Report> decide(String id, String outcome, String by, String note) {
        Optional<Report> report = find(id).filter(Report::open);
        report.ifPresent(r -> store.decide(id, outcome, by, note, clock.instant()));
        return report.map(r -> r.decided(outcome, by, note));
    }

    @Override
    public void close() {
        writer.close();
    }
}
