package org.sanke.classroom.audit;

import java.time.Duration;

/**
 * How long records are kept, never below the law's floors: the audit trail six months (S23), live-content records
 * 60 days (S35). A shorter setting is refused, so that a server never starts with one.
 *
 * @param audit       how long audit entries are kept
 * @param liveRecords how long live-content records are kept
 */
public record Retention(Duration audit, Duration liveRecords) {
    public static final int AUDIT_FLOOR_DAYS = 180;
    public static final int LIVE_RECORDS_FLOOR_DAYS = 60;

    public Retention {
        if (audit.compareTo(Duration.ofDays(AUDIT_FLOOR_DAYS)) < 0) {
            throw new IllegalArgumentException("the audit trail is kept at least " + AUDIT_FLOOR_DAYS
                    + " days (six months, S23), not " + audit.toDays() + " days");
        }
        if (liveRecords.compareTo(Duration.ofDays(LIVE_RECORDS_FLOOR_DAYS)) < 0) {
            throw new IllegalArgumentException("live-content records are kept at least " + LIVE_RECORDS_FLOOR_DAYS
                    + " days (S35), not " + liveRecords.toDays() + " days");
        }
    }

    public static Retention ofDays(int auditDays, int liveRecordsDays) {
        return new Retention(Duration.ofDays(auditDays), Duration.ofDays(liveRecordsDays));
    }

    /** The floors themselves. */
    public static Retention defaults() {
        return ofDays(AUDIT_FLOOR_DAYS, LIVE_RECORDS_FLOOR_DAYS);
    }
}
