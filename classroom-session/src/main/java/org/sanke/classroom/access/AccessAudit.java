package org.sanke.classroom.access;

import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.Outcome;

/**
 * Where access events go: failed and successful logins, logouts, locks, password changes, second factors. Each
 * event names people by opaque id only, with the address the request came from where there is one. They go into
 * the audit trail.
 */
public interface AccessAudit {
    enum Event {
        ACCOUNT_CREATED, LOGIN, LOGIN_FAILED, ACCOUNT_LOCKED, PASSWORD_CHANGED, SECOND_FACTOR_SET,
        RECOVERY_CODE_USED, LOGOUT;

        /** A failed login and the lock it brings are failures; the rest record what succeeded. */
        public Outcome outcome() {
            return this == LOGIN_FAILED || this == ACCOUNT_LOCKED ? Outcome.FAILURE : Outcome.SUCCESS;
        }
    }

    /** @param subject the person's id, or a grant's id; never a name, a login name or an address */
    void record(Event event, String subject, String detail);

    /** As {@link #record(Event, String, String)}, from the source {@code address} (null: none at hand). */
    default void record(Event event, String subject, String detail, String address) {
        record(event, subject, detail);
    }

    /** Into the audit trail (which logs too); the actor of an access event is its subject. */
    static AccessAudit into(org.sanke.classroom.audit.AuditTrail trail) {
        return new AccessAudit() {
            @Override
            public void record(Event event, String subject, String detail) {
                record(event, subject, detail, null);
            }

            @Override
            public void record(Event event, String subject, String detail, String address) {
                trail.record(new AuditActor(subject, null, address), event.name(), event.outcome(), subject, detail);
            }
        };
    }

    /** Logs each event at INFO with opaque ids. */
    static AccessAudit logging() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("org.sanke.audit.access");
        return (event, subject, detail) -> log.info("{} {} {}", event, subject, detail == null ? "" : detail);
    }
}
