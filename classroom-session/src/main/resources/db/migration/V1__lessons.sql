-- Lessons as created through the REST API or the demo seed. Portable SQL: the same migration runs on H2 and
-- PostgreSQL.
CREATE TABLE lesson (
    id             VARCHAR(64)  PRIMARY KEY,
    title          VARCHAR(100) NOT NULL,
    mode           VARCHAR(32)  NOT NULL,
    max_classrooms INTEGER      NOT NULL CHECK (max_classrooms >= 0),
    created_at     TIMESTAMP    NOT NULL
);
