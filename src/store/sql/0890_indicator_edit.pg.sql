-- 0890 (PostgreSQL): editing an indicator (issue 17, `gemis indicator
-- edit`).  version counts the indicator's versions: 1 as added (every
-- built-in row, which the strategy fixes), one more per edit; a process
-- that holds an older version reads the row again (store/indicators.c).
-- indicator_log takes the edits, with the version they made and what
-- changed from what to what in detail (a line per field).
ALTER TABLE indicators ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE indicator_log DROP CONSTRAINT indicator_log_action_check;
ALTER TABLE indicator_log ADD CONSTRAINT indicator_log_action_check
	CHECK (action IN ('add', 'retire', 'unretire', 'edit'));
ALTER TABLE indicator_log ADD COLUMN version INTEGER;
ALTER TABLE indicator_log ADD COLUMN detail TEXT;
