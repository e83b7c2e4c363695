-- 0701 (SQLite): the budget's audit trail is only ever added to.  One
-- file per dialect, as 0512.
CREATE TRIGGER budget_log_no_update BEFORE UPDATE ON budget_log
BEGIN
	SELECT RAISE(ABORT, 'budget_log is append-only');
END;
CREATE TRIGGER budget_log_no_delete BEFORE DELETE ON budget_log
BEGIN
	SELECT RAISE(ABORT, 'budget_log is append-only');
END;
