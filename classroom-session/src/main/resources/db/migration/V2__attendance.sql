-- Who was in a lesson and when (for 质量监测), and the network quality each participant reported.
CREATE TABLE attendance (
    lesson_id      VARCHAR(64)  NOT NULL,
    participant_id VARCHAR(64)  NOT NULL,
    role           VARCHAR(16)  NOT NULL,
    name           VARCHAR(64)  NOT NULL,
    joined_at      TIMESTAMP    NOT NULL,
    left_at        TIMESTAMP,
    leave_reason   VARCHAR(32),
    PRIMARY KEY (lesson_id, participant_id)
);

CREATE TABLE quality_sample (
    lesson_id      VARCHAR(64)  NOT NULL,
    participant_id VARCHAR(64)  NOT NULL,
    sampled_at     TIMESTAMP    NOT NULL,
    loss_percent   DOUBLE PRECISION NOT NULL,
    freeze_ms      INTEGER      NOT NULL,
    kbps           INTEGER      NOT NULL
);

CREATE INDEX quality_sample_by_participant ON quality_sample (lesson_id, participant_id);
