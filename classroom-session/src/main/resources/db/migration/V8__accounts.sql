-- Accounts of people (one per person): an Argon2id hash, never the password; failures and the lock they earn;
-- the second factor's secret and the last time step used, so a code works once.
CREATE TABLE account (
    person_id             VARCHAR(64)  PRIMARY KEY REFERENCES person (id),
    login_name            VARCHAR(64)  NOT NULL UNIQUE,
    password_hash         VARCHAR(200) NOT NULL,
    must_change_password  BOOLEAN      NOT NULL,
    failed_logins         INTEGER      NOT NULL,
    locked_until          TIMESTAMP,
    totp_secret           VARCHAR(64),
    totp_last_step        BIGINT       NOT NULL,
    created_at            TIMESTAMP    NOT NULL
);

-- One-time recovery codes for the second factor: only their hashes.
CREATE TABLE recovery_code (
    person_id  VARCHAR(64) NOT NULL REFERENCES account (person_id),
    code_hash  VARCHAR(128) NOT NULL,
    PRIMARY KEY (person_id, code_hash)
);

-- Join grants taken back before they expire (an invitation link withdrawn); kept until they would have expired.
CREATE TABLE revoked_grant (
    grant_id    VARCHAR(64) PRIMARY KEY,
    expires_at  TIMESTAMP   NOT NULL
);

-- A lesson made through the API belongs to the person who made it: its teacher, and its school's.
ALTER TABLE lesson ADD COLUMN owner_id VARCHAR(64);

-- Signed-in sessions, so that a restart of the server does not sign a teacher out in the middle of a lesson. Only
-- the SHA-256 of the browser's session id is kept; the last use is written at most every few minutes.
CREATE TABLE login_session (
    key_hash      VARCHAR(64)  PRIMARY KEY,
    person_id     VARCHAR(64)  NOT NULL REFERENCES person (id),
    pending       VARCHAR(100) NOT NULL,
    opened_at     TIMESTAMP    NOT NULL,
    last_used_at  TIMESTAMP    NOT NULL
);
CREATE INDEX login_session_person ON login_session (person_id);
