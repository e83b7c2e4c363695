-- 0410 (PostgreSQL): who wrote a value, from where and when is recorded
-- once per write (a batch) instead of on every value and audit row, and the
-- audit keeps only the values that were replaced; 0410_value_batches.sqlite.sql
-- says why, and why datavalues loses its foreign keys (in PostgreSQL each
-- is a trigger run for every row: two thirds of a COPY's time).
-- PostgreSQL alters datavalues in place.
CREATE TABLE value_batches (
	id {{ID}},
	source TEXT NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at BIGINT NOT NULL
);
INSERT INTO value_batches (source, changed_by, changed_at)
	SELECT source, changed_by, changed_at FROM (
		SELECT source, changed_by, changed_at, id AS first FROM value_audit
		UNION ALL SELECT source, entered_by, entered_at, NULL FROM datavalues) w
	GROUP BY source, changed_by, changed_at
	ORDER BY MIN(first) IS NULL, MIN(first), changed_at, source, changed_by;
CREATE INDEX value_batches_old ON value_batches(source, changed_by, changed_at);

ALTER TABLE datavalues ADD COLUMN batch BIGINT,
	DROP CONSTRAINT datavalues_unit_id_fkey, DROP CONSTRAINT datavalues_indicator_fkey;
UPDATE datavalues d SET batch = b.id FROM value_batches b
	WHERE b.source = d.source AND b.changed_by = d.entered_by AND b.changed_at = d.entered_at;

CREATE TABLE value_changes (
	id {{ID}},
	unit_id BIGINT NOT NULL,
	period TEXT NOT NULL,
	indicator TEXT NOT NULL,
	part TEXT NOT NULL,
	sex TEXT NOT NULL,
	batch BIGINT NOT NULL REFERENCES value_batches(id),
	old_value DOUBLE PRECISION,
	old_batch BIGINT REFERENCES value_batches(id),
	new_value DOUBLE PRECISION
);
CREATE INDEX value_changes_key ON value_changes(unit_id, indicator, period, part, sex);
INSERT INTO value_changes (unit_id, period, indicator, part, sex, batch, old_value, old_batch, new_value)
	SELECT a.unit_id, a.period, a.indicator, a.part, a.sex, b.id, a.old_value,
	       CASE WHEN a.old_value IS NOT NULL THEN
	       (SELECT ob.id FROM value_audit p JOIN value_batches ob
		  ON ob.source = p.source AND ob.changed_by = p.changed_by AND ob.changed_at = p.changed_at
		WHERE p.unit_id = a.unit_id AND p.indicator = a.indicator AND p.period = a.period
		  AND p.part = a.part AND p.sex = a.sex AND p.id < a.id
		ORDER BY p.id DESC LIMIT 1) END,
	       a.new_value
	FROM value_audit a JOIN value_batches b
	  ON b.source = a.source AND b.changed_by = a.changed_by AND b.changed_at = a.changed_at
	WHERE a.old_value IS NOT NULL
	   -- a first entry that the view cannot show from what followed it:
	   -- neither the next row of its key changes its value, nor (being the
	   -- last) is it the stored value
	   OR NOT (COALESCE((SELECT n.old_value FROM value_audit n
			      WHERE n.unit_id = a.unit_id AND n.indicator = a.indicator AND n.period = a.period
				AND n.part = a.part AND n.sex = a.sex AND n.id > a.id
			      ORDER BY n.id LIMIT 1) = a.new_value, FALSE)
		   OR (NOT EXISTS (SELECT 1 FROM value_audit n
				    WHERE n.unit_id = a.unit_id AND n.indicator = a.indicator
				      AND n.period = a.period AND n.part = a.part AND n.sex = a.sex
				      AND n.id > a.id)
		       AND EXISTS (SELECT 1 FROM datavalues d
				    WHERE d.unit_id = a.unit_id AND d.period = a.period
				      AND d.indicator = a.indicator AND d.part = a.part AND d.sex = a.sex
				      AND d.value = a.new_value AND d.source = a.source
				      AND d.entered_by = a.changed_by AND d.entered_at = a.changed_at)))
	ORDER BY a.id;
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
