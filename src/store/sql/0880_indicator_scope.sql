-- 0880: a province's own indicators (issue 17).  An added indicator may
-- belong to one province (the unit code of that province): it is owed,
-- shown and reported there and below only.  NULL is a national one, as
-- every compiled indicator is.  Its category series carry the same code.
ALTER TABLE indicators ADD COLUMN scope_unit TEXT;
