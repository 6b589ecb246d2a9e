-- When the server last said it was alive (one row, written every few seconds): after a crash, the attendance it
-- left open is closed at that time rather than left to grow.
CREATE TABLE server_heartbeat (
    id      INTEGER   PRIMARY KEY,
    beat_at TIMESTAMP NOT NULL
);
