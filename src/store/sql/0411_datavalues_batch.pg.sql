-- 0411 (PostgreSQL): datavalues names its batch (0410) instead of carrying
-- its source, user and time, and the per-row audit table goes; PostgreSQL
-- alters datavalues in place.  Its foreign keys go as in SQLite
-- (0411_datavalues_batch.sqlite.sql says why); here each is also a trigger
-- run for every row: two thirds of a COPY's time.
ALTER TABLE datavalues ADD COLUMN batch BIGINT,
	DROP CONSTRAINT datavalues_unit_id_fkey, DROP CONSTRAINT datavalues_indicator_fkey;
UPDATE datavalues d SET batch = b.id FROM value_batches b
	WHERE b.source = d.source AND b.changed_by = d.entered_by AND b.changed_at = d.entered_at;

DROP INDEX value_batches_old;
DROP TABLE value_audit;
ALTER TABLE datavalues ALTER COLUMN batch SET NOT NULL,
	DROP COLUMN source, DROP COLUMN entered_by, DROP COLUMN entered_at;
DROP INDEX datavalues_year;

-- Every change of a stored value is kept, whatever writes it.
CREATE FUNCTION datavalues_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO value_changes (unit_id, period, indicator, part, sex, batch, old_value, old_batch, new_value)
		VALUES (OLD.unit_id, OLD.period, OLD.indicator, OLD.part, OLD.sex, NEW.batch,
			OLD.value, OLD.batch, NEW.value);
	RETURN NULL;
END
$$;
CREATE TRIGGER datavalues_changed AFTER UPDATE OF value ON datavalues
	FOR EACH ROW WHEN (OLD.value IS DISTINCT FROM NEW.value)
	EXECUTE FUNCTION datavalues_changed();
