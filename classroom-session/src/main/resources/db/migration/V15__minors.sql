-- Learners' minor state (S33): minor or under 14, and a guardian's consent (who, when) for an under-14 to publish
-- and be recorded. A learner without a row is a minor without consent; anyone else without a row is an adult.
CREATE TABLE minor_status (
    person_id   VARCHAR(64)  PRIMARY KEY,
    age_band    VARCHAR(16)  NOT NULL,
    consent_by  VARCHAR(64),
    consent_at  TIMESTAMP,
    changed_by  VARCHAR(64)  NOT NULL,
    changed_at  TIMESTAMP    NOT NULL
);
