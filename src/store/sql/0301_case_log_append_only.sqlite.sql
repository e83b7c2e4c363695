-- 0301 (SQLite): the case access log is append-only.  SQLite and PostgreSQL
-- have no common syntax for triggers (SQLite writes the body inline,
-- PostgreSQL calls a function), so this migration has one file per dialect;
-- see migrate.h.
CREATE TRIGGER case_access_log_no_update BEFORE UPDATE ON case_access_log
BEGIN
	SELECT RAISE(ABORT, 'case_access_log is append-only');
END;
CREATE TRIGGER case_access_log_no_delete BEFORE DELETE ON case_access_log
BEGIN
	SELECT RAISE(ABORT, 'case_access_log is append-only');
END;
