-- The classroom a terminal joined as, for per-school attendance summaries over a date range.
ALTER TABLE attendance ADD COLUMN classroom_id VARCHAR(64);
CREATE INDEX attendance_by_classroom ON attendance (classroom_id, joined_at);
