-- 0410: who wrote a value, from where and when is recorded once per write
-- (a batch: an import, an approved form, an exchange message) instead of on
-- every value and every audit row, and the audit keeps only what the values
-- table cannot: the values that were replaced.  A value's first entry is
-- its row's batch until it is changed; a change keeps the replaced value
-- with its batch.  value_audit stays readable as a view with its old
-- columns (0412).  At national scale this takes the database from about 250
-- bytes a value to under 100 and an import from five B-tree insertions a
-- value to one (issue 13, goal 4).
--
-- This migration, the same on both backends, makes the batches and the
-- changes from the old columns and trail; 0411 (one file per backend)
-- moves datavalues onto its batch and drops what is replaced.
CREATE TABLE value_batches (
	id {{ID}},
	source TEXT NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at BIGINT NOT NULL
);
-- one batch for each (source, user, time) of the old rows, numbered in
-- the order of the old trail (batches number writes in their order); the
-- batches of values with no row in the old trail come after
INSERT INTO value_batches (source, changed_by, changed_at)
	SELECT source, changed_by, changed_at FROM (
		SELECT source, changed_by, changed_at, id AS first FROM value_audit
		UNION ALL SELECT source, entered_by, entered_at, NULL FROM datavalues) w
	GROUP BY source, changed_by, changed_at
	ORDER BY MIN(first) IS NULL, MIN(first), changed_at, source, changed_by;
CREATE INDEX value_batches_old ON value_batches(source, changed_by, changed_at);

-- A replaced value: old_value of batch old_batch (NULL when its entry was
-- never recorded), replaced by new_value (NULL: removed) in batch; from the
-- trail of before, also a first entry (old_value NULL) that the view
-- value_audit (0412) could not show otherwise.  A table with a rowid, whose
-- order is the order of events: the old trail can hold two rows of one key
-- in one batch (the same user, source and second), and changes are few.
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
-- the old trail's changes, in their order, each with the batch of the row
-- before it, and the first entries the view would not show
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
