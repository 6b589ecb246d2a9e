-- Graded measures against a person or a classroom (S16), lifted ones kept as the record of what was done.
CREATE TABLE sanction (
    id           VARCHAR(16)  PRIMARY KEY,
    subject_kind VARCHAR(16)  NOT NULL,
    subject_id   VARCHAR(64)  NOT NULL,
    measure      VARCHAR(16)  NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    decided_by   VARCHAR(64)  NOT NULL,
    decided_at   TIMESTAMP    NOT NULL,
    until_at     TIMESTAMP,
    lifted_by    VARCHAR(64),
    lifted_at    TIMESTAMP
);
CREATE INDEX sanction_unlifted ON sanction (lifted_at);
