-- 0870 (PostgreSQL): retiring an indicator (issue 17, `gemis indicator
-- retire`).  retired_from is the first year the indicator is no longer
-- reported (NULL: in force); the catalog sync (store/store.c) never
-- rewrites it, so a built-in indicator stays retired.  indicator_log takes
-- the retirements and their undoing, with the year (the SQLite twin
-- rebuilds the table, which cannot change a CHECK constraint there).
ALTER TABLE indicators ADD COLUMN retired_from INTEGER;
ALTER TABLE indicator_log DROP CONSTRAINT indicator_log_action_check;
ALTER TABLE indicator_log ADD CONSTRAINT indicator_log_action_check
	CHECK (action IN ('add', 'retire', 'unretire'));
ALTER TABLE indicator_log ADD COLUMN year INTEGER;
