-- 0701 (PostgreSQL): the budget's audit trail is only ever added to.  One
-- file per dialect, as 0512; TRUNCATE, which skips row triggers, is
-- refused too.
CREATE FUNCTION budget_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER budget_log_no_change BEFORE UPDATE OR DELETE ON budget_log
	FOR EACH ROW EXECUTE FUNCTION budget_log_refuse();
CREATE TRIGGER budget_log_no_truncate BEFORE TRUNCATE ON budget_log
	FOR EACH STATEMENT EXECUTE FUNCTION budget_log_refuse();
