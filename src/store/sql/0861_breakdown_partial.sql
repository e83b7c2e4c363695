-- 0861: whether a breakdown's categories cover everybody (issue 17).  The
-- total of an indicator is the sum of its series on a breakdown that does
-- (ethnic group: Kinh and minority are everybody); on one that does not
-- (age groups with a gap, a list of some ethnic groups only) the series add
-- up to at most the total.  core/validate.c checks it on every batch.
ALTER TABLE breakdowns ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
