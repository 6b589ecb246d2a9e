-- Schools, their classrooms (rooms with a terminal) and people, and the timetable (课表) that links them.
CREATE TABLE school (
    id   VARCHAR(64)  PRIMARY KEY,
    name VARCHAR(100) NOT NULL
);

CREATE TABLE classroom (
    id        VARCHAR(64)  PRIMARY KEY,
    school_id VARCHAR(64)  NOT NULL REFERENCES school (id),
    name      VARCHAR(100) NOT NULL
);

CREATE TABLE person (
    id        VARCHAR(64)  PRIMARY KEY,
    school_id VARCHAR(64)  REFERENCES school (id),
    name      VARCHAR(64)  NOT NULL,
    role      VARCHAR(32)  NOT NULL
);

CREATE TABLE timetable_entry (
    id                   VARCHAR(64)  PRIMARY KEY,
    subject              VARCHAR(100) NOT NULL,
    mode                 VARCHAR(32)  NOT NULL,
    teacher_id           VARCHAR(64)  NOT NULL REFERENCES person (id),
    sending_classroom_id VARCHAR(64)  NOT NULL REFERENCES classroom (id),
    first_start          TIMESTAMP    NOT NULL,
    duration_minutes     INTEGER      NOT NULL CHECK (duration_minutes > 0),
    weekly_until         DATE
);

CREATE TABLE timetable_receiver (
    entry_id     VARCHAR(64) NOT NULL REFERENCES timetable_entry (id),
    classroom_id VARCHAR(64) NOT NULL REFERENCES classroom (id),
    PRIMARY KEY (entry_id, classroom_id)
);
