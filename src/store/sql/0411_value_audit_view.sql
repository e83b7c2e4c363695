-- 0411: the audit trail as it read before 0410, one row an event: old
-- NULL for a value's first entry.  A first entry is a stored row whose
-- batch did not change it, or the replaced value of a change whose own
-- entry was no change.  Events of one key sort by batch.
CREATE VIEW value_audit AS
SELECT c.unit_id, c.period, c.indicator, c.part, c.sex, c.old_value, c.new_value,
       b.source, b.changed_by, b.changed_at, c.batch
  FROM value_changes c JOIN value_batches b ON b.id = c.batch
UNION ALL
SELECT c.unit_id, c.period, c.indicator, c.part, c.sex, NULL, c.old_value,
       b.source, b.changed_by, b.changed_at, c.old_batch
  FROM value_changes c JOIN value_batches b ON b.id = c.old_batch
 WHERE NOT EXISTS (SELECT 1 FROM value_changes p
		    WHERE p.unit_id = c.unit_id AND p.indicator = c.indicator AND p.period = c.period
		      AND p.part = c.part AND p.sex = c.sex AND p.batch = c.old_batch
		      AND p.new_value IS NOT NULL)
UNION ALL
SELECT d.unit_id, d.period, d.indicator, d.part, d.sex, NULL, d.value,
       b.source, b.changed_by, b.changed_at, d.batch
  FROM datavalues d JOIN value_batches b ON b.id = d.batch
 WHERE NOT EXISTS (SELECT 1 FROM value_changes p
		    WHERE p.unit_id = d.unit_id AND p.indicator = d.indicator AND p.period = d.period
		      AND p.part = d.part AND p.sex = d.sex AND p.batch = d.batch
		      AND p.new_value IS NOT NULL);
