package org.sanke.classroom.access;

/**
 * Where access events go: failed and successful logins, locks, password changes, second factors. Each event
 * names people by opaque id only. The safety work keeps them in the audit trail; until then they are logged.
 */
public interface AccessAudit {
    enum Event {
        ACCOUNT_CREATED, LOGIN, LOGIN_FAILED, ACCOUNT_LOCKED, PASSWORD_CHANGED, SECOND_FACTOR_SET,
        RECOVERY_CODE_USED
    }

    /** @param subject the person's id, or a grant's id; never a name, a login name or an address */
    void record(Event event, String subject, String detail);

    /** Logs each event at INFO with opaque ids. */
    static AccessAudit logging() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("org.sanke.audit.access");
        return (event, subject, detail) -> log.info("{} {} {}", event, subject, detail == null ? "" : detail);
    }
}
