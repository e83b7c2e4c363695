-- 0412: the audit trail as it read before 0410, one row an event: old
-- NULL for a first entry.  value_changes holds the replaced values in the
-- order they were replaced (its id), and the first entries that nothing
-- else shows (old_value NULL: kept from the trail of before 0410).  A
-- first entry not held there is shown from what followed it: the value a
-- change replaced, when no earlier change of the key left it standing
-- (none, or a removal); the stored value, when the key's last change
-- (if any) was a removal.  Order events of a key by batch: batches are
-- numbered in the order of the writes.
CREATE VIEW value_audit AS
SELECT c.unit_id, c.period, c.indicator, c.part, c.sex, c.old_value, c.new_value,
       b.source, b.changed_by, b.changed_at, c.batch
  FROM value_changes c JOIN value_batches b ON b.id = c.batch
UNION ALL
SELECT c.unit_id, c.period, c.indicator, c.part, c.sex, NULL, c.old_value,
       b.source, b.changed_by, b.changed_at, c.old_batch
  FROM value_changes c JOIN value_batches b ON b.id = c.old_batch
 WHERE c.old_value IS NOT NULL
   AND COALESCE((SELECT p.new_value IS NULL FROM value_changes p
		  WHERE p.unit_id = c.unit_id AND p.indicator = c.indicator AND p.period = c.period
		    AND p.part = c.part AND p.sex = c.sex AND p.id < c.id
		  ORDER BY p.id DESC LIMIT 1), TRUE)
UNION ALL
SELECT d.unit_id, d.period, d.indicator, d.part, d.sex, NULL, d.value,
       b.source, b.changed_by, b.changed_at, d.batch
  FROM datavalues d JOIN value_batches b ON b.id = d.batch
 WHERE COALESCE((SELECT p.new_value IS NULL FROM value_changes p
		  WHERE p.unit_id = d.unit_id AND p.indicator = d.indicator AND p.period = d.period
		    AND p.part = d.part AND p.sex = d.sex
		  ORDER BY p.id DESC LIMIT 1), TRUE);
