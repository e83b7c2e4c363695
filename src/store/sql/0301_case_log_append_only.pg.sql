-- 0301 (PostgreSQL): the case access log is append-only.  SQLite and
-- PostgreSQL have no common syntax for triggers (SQLite writes the body
-- inline, PostgreSQL calls a function), so this migration has one file per
-- dialect; see migrate.h.  TRUNCATE, which skips row triggers, is refused too.
CREATE FUNCTION case_access_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'case_access_log is append-only';
END
$$;
CREATE TRIGGER case_access_log_no_change BEFORE UPDATE OR DELETE ON case_access_log
	FOR EACH ROW EXECUTE FUNCTION case_access_log_refuse();
CREATE TRIGGER case_access_log_no_truncate BEFORE TRUNCATE ON case_access_log
	FOR EACH STATEMENT EXECUTE FUNCTION case_access_log_refuse();
