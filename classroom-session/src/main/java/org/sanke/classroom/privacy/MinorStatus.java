package org.sanke.classroom.privacy;

import java.time.Instant;

/**
 * A person's age band and, for an under-14, the guardian's consent to appear in lessons (publish) and in recordings.
 *
 * @param consentBy who consented (a guardian, or the school administrator recording a signed form), or null
 * @param changedBy who set this state last
 */
public record MinorStatus(String personId, AgeBand band, String consentBy, Instant consentAt, String changedBy,
                          Instant changedAt) {
    public boolean consented() {
        return consentBy != null;
    }

    /** Whether the person's camera and microphone may go out to a lesson. */
    public boolean mayPublish() {
        return band != AgeBand.UNDER_14 || consented();
    }

    /** Whether the person may be in a recording. */
    public boolean mayBeRecorded() {
        return mayPublish();
    }
}
