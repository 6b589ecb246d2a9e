-- A school, classroom or person taken off the lists is archived, not erased: lessons given, attendance and the audit
-- trail keep naming it. Archived rows are invisible to everything live (lists, joins, logins, scheduling).
ALTER TABLE school ADD COLUMN archived_at TIMESTAMP;
ALTER TABLE classroom ADD COLUMN archived_at TIMESTAMP;
ALTER TABLE person ADD COLUMN archived_at TIMESTAMP;
