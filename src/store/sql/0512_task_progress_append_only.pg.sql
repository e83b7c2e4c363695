-- 0512 (PostgreSQL): task progress and its evidence are only ever added:
-- the history of who recorded what, and when, is kept whole.  One file per
-- dialect, as 0301; TRUNCATE, which skips row triggers, is refused too.
CREATE FUNCTION task_progress_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER task_progress_no_change BEFORE UPDATE OR DELETE ON task_progress
	FOR EACH ROW EXECUTE FUNCTION task_progress_refuse();
CREATE TRIGGER task_progress_no_truncate BEFORE TRUNCATE ON task_progress
	FOR EACH STATEMENT EXECUTE FUNCTION task_progress_refuse();
CREATE TRIGGER task_evidence_no_change BEFORE UPDATE OR DELETE ON task_evidence
	FOR EACH ROW EXECUTE FUNCTION task_progress_refuse();
CREATE TRIGGER task_evidence_no_truncate BEFORE TRUNCATE ON task_evidence
	FOR EACH STATEMENT EXECUTE FUNCTION task_progress_refuse();
