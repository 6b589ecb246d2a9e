-- Timetabled lessons whose teacher ended them before their time: nobody joins them again, even after a restart.
CREATE TABLE lesson_ended_early (
    lesson_id VARCHAR(80) PRIMARY KEY,
    ended_at TIMESTAMP NOT NULL
);
