package org.sanke.classroom.access;

/**
 * Where access events go: failed and successful logins, locks, password changes, second factors. Each event
 * names people by opaque id only. They go into the audit trail.
 */
public interface AccessAudit {
    enum Event {
        ACCOUNT_CREATED, LOGIN, LOGIN_FAILED, ACCOUNT_LOCKED, PASSWORD_CHANGED, SECOND_FACTOR_SET,
        RECOVERY_CODE_USED
    }

    /** @param subject the person's id, or a grant's id; never a name, a login name or an address */
    void record(Event event, String subject, String detail);

    /** Into the audit trail (which logs too); the actor of an access event is its subject. */
    static AccessAudit into(org.sanke.classroom.audit.AuditTrail trail) {
        return (event, subject, detail) -> trail.record(subject, null, event.name(), subject, detail);
    }

    /** Logs each event at INFO with opaque ids. */
    static AccessAudit logging() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("org.sanke.audit.access");
        return (event, subject, detail) -> log.info("{} {} {}", event, subject, detail == null ? "" : detail);
    }
}
