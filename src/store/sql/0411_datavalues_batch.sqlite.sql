-- 0411 (SQLite): datavalues names its batch (0410) instead of carrying its
-- source, user and time, and the per-row audit table goes.
--
-- SQLite changes a table's shape only by rebuilding it (lang_altertable.html;
-- migrate.c runs this with foreign keys off and checks them before commit).
-- datavalues becomes WITHOUT ROWID: its primary key is the table, not an
-- index beside it.  The index on year goes: nothing reads values by year
-- but an export, which can scan.  Its foreign keys go too: a lookup in
-- units, indicators and value_batches for every value cost a fifth of an
-- import, and the writer (values.c, values_stream.c) already checks every
-- unit and indicator against the tree and the catalog read from those
-- tables, which keep every row they ever had (units end, with valid_to;
-- they are never deleted), and writes the batch first, in the same
-- transaction.
CREATE TABLE datavalues_new (
	unit_id BIGINT NOT NULL,
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	indicator TEXT NOT NULL,
	part TEXT NOT NULL CHECK (part IN ('num', 'den', 'value')),
	sex TEXT NOT NULL CHECK (sex IN ('F', 'M', 'T')),
	value DOUBLE PRECISION NOT NULL,
	batch BIGINT NOT NULL,
	PRIMARY KEY (unit_id, period, indicator, part, sex)
) WITHOUT ROWID;
INSERT INTO datavalues_new
	SELECT d.unit_id, d.period, d.year, d.indicator, d.part, d.sex, d.value, b.id
	FROM datavalues d JOIN value_batches b
	  ON b.source = d.source AND b.changed_by = d.entered_by AND b.changed_at = d.entered_at
	ORDER BY d.unit_id, d.period, d.indicator, d.part, d.sex;

DROP INDEX value_batches_old;
DROP TABLE value_audit;
DROP TABLE datavalues;
ALTER TABLE datavalues_new RENAME TO datavalues;

-- Every change of a stored value is kept, whatever writes it.  Nothing
-- removes values; a removal would need its own batch.
CREATE TRIGGER datavalues_changed AFTER UPDATE OF value ON datavalues
	WHEN OLD.value IS NOT NEW.value
BEGIN
	INSERT INTO value_changes (unit_id, period, indicator, part, sex, batch, old_value, old_batch, new_value)
		VALUES (OLD.unit_id, OLD.period, OLD.indicator, OLD.part, OLD.sex, NEW.batch,
			OLD.value, OLD.batch, NEW.value);
END;
