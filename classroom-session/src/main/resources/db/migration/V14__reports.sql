-- Reports from lessons (S14): who reported whom, why, the message, a still frame (JPEG, base64), staff's decision.
CREATE TABLE lesson_report (
    id                    VARCHAR(16)   PRIMARY KEY,
    lesson_id             VARCHAR(64)   NOT NULL,
    lesson_title          VARCHAR(100)  NOT NULL,
    kind                  VARCHAR(16)   NOT NULL,
    reporter_name         VARCHAR(64)   NOT NULL,
    reporter_person_id    VARCHAR(64),
    target_participant_id VARCHAR(64),
    target_name           VARCHAR(64),
    target_person_id      VARCHAR(64),
    target_classroom_id   VARCHAR(64),
    reason                VARCHAR(200)  NOT NULL,
    message               VARCHAR(500),
    frame_jpeg_base64     VARCHAR(70000),
    reported_at           TIMESTAMP     NOT NULL,
    outcome               VARCHAR(16),
    decided_by            VARCHAR(64),
    note                  VARCHAR(500),
    decided_at            TIMESTAMP
);
CREATE INDEX lesson_report_open ON lesson_report (outcome, reported_at);
