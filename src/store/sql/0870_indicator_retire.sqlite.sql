-- 0870 (SQLite): retiring an indicator (issue 17, `gemis indicator retire`).
-- retired_from is the first year the indicator is no longer reported (NULL:
-- in force).  The catalog sync (store/store.c) rewrites a built-in row's
-- other columns at every start but never this one, so a built-in indicator
-- stays retired.  indicator_log takes the retirements and their undoing,
-- with the year; SQLite cannot change a CHECK constraint, so the log is
-- rebuilt (the PostgreSQL twin alters it in place).
ALTER TABLE indicators ADD COLUMN retired_from INTEGER;

CREATE TABLE indicator_log_new (
	id {{ID}},
	indicator TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('add', 'retire', 'unretire')),
	year INTEGER,
	changed_by TEXT NOT NULL,
	changed_at BIGINT NOT NULL
);
INSERT INTO indicator_log_new (id, indicator, action, changed_by, changed_at)
	SELECT id, indicator, action, changed_by, changed_at FROM indicator_log;
DROP TABLE indicator_log;
ALTER TABLE indicator_log_new RENAME TO indicator_log;
