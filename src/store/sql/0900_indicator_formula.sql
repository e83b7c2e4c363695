-- 0900: indicators computed from others (issue 17, core/formula.h).  An
-- added indicator may carry a formula over other indicators' parts
-- ("(a.value + b.value) / c.value"): it takes no value, the engine
-- computes it.  NULL for a reported one, as every compiled indicator is.
ALTER TABLE indicators ADD COLUMN formula TEXT;
