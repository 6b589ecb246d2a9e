-- Lesson replays and their review (S19-S21), viewers' reports on them (S20), raw recording folders (S18).
-- The lesson's facts are copied: a replay keeps the caption it was published with.
CREATE TABLE replay (
    id                VARCHAR(16)  PRIMARY KEY,
    lesson_id         VARCHAR(64)  NOT NULL UNIQUE,
    lesson_title      VARCHAR(100) NOT NULL,
    lesson_mode       VARCHAR(16)  NOT NULL,
    school_id         VARCHAR(64)  NOT NULL,
    teacher_person_id VARCHAR(64)  NOT NULL,
    teacher_name      VARCHAR(64)  NOT NULL,
    subject           VARCHAR(100),
    lesson_started_at TIMESTAMP    NOT NULL,
    -- LESSON_ONLY, OPEN_TO_SCHOOLS (the schools in replay_audience, kind OPEN_SCHOOL) or OPEN_TO_ALL_SIGNED_IN
    opening           VARCHAR(32)  NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    content_version   INTEGER      NOT NULL,
    mp4_path          VARCHAR(300),
    hls_path          VARCHAR(300),
    poster_path       VARCHAR(300),
    duration_millis   BIGINT,
    decided_by        VARCHAR(64),
    decided_at        TIMESTAMP,
    reason            VARCHAR(200),
    error             VARCHAR(500),
    changed_at        TIMESTAMP    NOT NULL
);
CREATE INDEX replay_queue ON replay (state, changed_at);
CREATE INDEX replay_library ON replay (state, lesson_started_at);
CREATE INDEX replay_teacher ON replay (teacher_person_id);

-- Chapters in their order.
CREATE TABLE replay_chapter (
    replay_id     VARCHAR(16)  NOT NULL REFERENCES replay (id),
    seq           INTEGER      NOT NULL,
    offset_millis BIGINT       NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    label         VARCHAR(100) NOT NULL,
    PRIMARY KEY (replay_id, seq)
);

-- Who may watch: kind CLASSROOM, LEARNER, SCHOOL (schools involved) or OPEN_SCHOOL (opened to).
CREATE TABLE replay_audience (
    replay_id VARCHAR(16) NOT NULL REFERENCES replay (id),
    kind      VARCHAR(16) NOT NULL,
    member_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (replay_id, kind, member_id)
);

-- A viewer's report; open while outcome is null, then the state the next decision left the replay in.
CREATE TABLE replay_report (
    id                 VARCHAR(16)  PRIMARY KEY,
    replay_id          VARCHAR(16)  NOT NULL REFERENCES replay (id),
    content_version    INTEGER      NOT NULL,
    reporter_person_id VARCHAR(64)  NOT NULL,
    reason             VARCHAR(200) NOT NULL,
    reported_at        TIMESTAMP    NOT NULL,
    outcome            VARCHAR(16),
    decided_at         TIMESTAMP
);
CREATE INDEX replay_report_open ON replay_report (replay_id, outcome);

-- A lesson's raw recording folder, relative to the recordings' root; deleted_at set when the retention deletes it.
CREATE TABLE raw_recording (
    directory  VARCHAR(300) PRIMARY KEY,
    lesson_id  VARCHAR(64)  NOT NULL,
    started_at TIMESTAMP    NOT NULL,
    ended_at   TIMESTAMP    NOT NULL,
    deleted_at TIMESTAMP
);
CREATE INDEX raw_recording_lesson ON raw_recording (lesson_id);
CREATE INDEX raw_recording_kept ON raw_recording (deleted_at, ended_at);
