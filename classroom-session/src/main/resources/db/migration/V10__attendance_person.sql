-- Who joined with a grant of their own: their attendance is part of what they see, export and may have deleted
-- (S39). Null for a link's holder or a classroom terminal.
ALTER TABLE attendance ADD COLUMN person_id VARCHAR(64);
CREATE INDEX attendance_person ON attendance (person_id);
