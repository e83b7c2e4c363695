-- 0890 (SQLite): editing an indicator (issue 17, `gemis indicator edit`).
-- version counts the indicator's versions: 1 as added (every built-in row,
-- which the strategy fixes), one more per edit; a process that holds an
-- older version reads the row again (store/indicators.c).  indicator_log
-- takes the edits, with what changed from what to what in detail (a line
-- per field); SQLite cannot change a CHECK constraint, so the log is
-- rebuilt (the PostgreSQL twin alters it in place).
ALTER TABLE indicators ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE indicator_log_new (
	id {{ID}},
	indicator TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('add', 'retire', 'unretire', 'edit')),
	year INTEGER,
	changed_by TEXT NOT NULL,
	changed_at BIGINT NOT NULL,
	version INTEGER,
	detail TEXT
);
INSERT INTO indicator_log_new (id, indicator, action, year, changed_by, changed_at)
	SELECT id, indicator, action, year, changed_by, changed_at FROM indicator_log;
DROP TABLE indicator_log;
ALTER TABLE indicator_log_new RENAME TO indicator_log;
