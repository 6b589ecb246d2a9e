package org.sanke.classroom.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what is older than its {@link Retention} once a day, on a thread of its own (never an event loop or a
 * lesson's loop), and audits what it removed. The audit trail is checked first: a broken chain is not purged, so
 * that a purge never removes the evidence; the head it found is logged, for the operator to keep elsewhere and give
 * {@code ./sanke verify-audit --anchor} later.
 */
public final class RetentionPurge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final AuditTrail audit;
    private final LiveRecords live;
    private final Retention retention;
    private final Clock clock;
    private ScheduledExecutorService daily;

    public RetentionPurge(AuditTrail audit, LiveRecords live, Retention retention, Clock clock) {
        this.audit = audit;
        this.live = live;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * What one run did.
     *
     * @param auditRemoved audit entries removed
     * @param liveRemoved  live-content records removed
     * @param checked      the audit trail as found before the purge
     */
    public record Result(long auditRemoved, long liveRemoved, AuditVerifier.Report checked) {
    }

    /** One purge, now. Blocks: the audit trail is walked whole. */
    public Result runOnce() {
        Instant now = clock.instant();
        AuditVerifier.Report checked = audit.verify(null);
        long auditRemoved = 0;
        if (checked.intact()) {
            auditRemoved = audit.purgeBefore(now.minus(retention.audit()));
            LOG.info("audit trail intact before the purge, head {}:{}; {} entries older than {} days removed",
                    checked.headSeq(), checked.headHash(), auditRemoved, retention.audit().toDays());
        } else {
            LOG.error("the audit trail is not purged: {}", checked.summary());
            audit.record(AuditActor.SERVER, "audit_purge_refused", Outcome.FAILURE, null, checked.problem());
        }
        Instant liveCutoff = now.minus(retention.liveRecords());
        long liveRemoved = live.purgeBefore(liveCutoff);
        if (liveRemoved > 0) {
            audit.record(AuditActor.SERVER, "live_records_purged", Outcome.SUCCESS, null, liveRemoved
                    + " records older than " + retention.liveRecords().toDays() + " days (before " + liveCutoff + ")");
        }
        return new Result(auditRemoved, liveRemoved, checked);
    }

    /** Audits the settings this run starts with, then purges a minute from now and every day after. */
    public synchronized void startDaily() {
        audit.record(AuditActor.SERVER, "retention_configured", Outcome.SUCCESS, null, "audit "
                + retention.audit().toDays() + " days, live-content records " + retention.liveRecords().toDays()
                + " days");
        daily = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("retention-purge")
                .daemon().unstarted(r));
        daily.scheduleWithFixedDelay(this::runLogged, Duration.ofMinutes(1).toMillis(), Duration.ofDays(1).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("the retention purge failed; it runs again tomorrow: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (daily != null) {
            daily.shutdownNow();
        }
    }
}
