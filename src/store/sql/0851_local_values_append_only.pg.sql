-- 0851 (PostgreSQL): the values of local indicators are only ever added,
-- as task progress (0512); TRUNCATE, which skips row triggers, is refused
-- too.
CREATE FUNCTION local_values_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER local_values_no_change BEFORE UPDATE OR DELETE ON local_values
	FOR EACH ROW EXECUTE FUNCTION local_values_refuse();
CREATE TRIGGER local_values_no_truncate BEFORE TRUNCATE ON local_values
	FOR EACH STATEMENT EXECUTE FUNCTION local_values_refuse();
