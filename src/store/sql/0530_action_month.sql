-- 0530: the Action Month for gender equality and against gender-based
-- violence (15/11 - 15/12): the theme a commune gives its campaign of a
-- year, set by its focal point (store/action_month.h).  Its activities are
-- the activity log's, flagged action_month (0520).
CREATE TABLE action_months (
	unit_id BIGINT NOT NULL REFERENCES units(id),
	year INTEGER NOT NULL,
	theme TEXT NOT NULL,
	set_by TEXT NOT NULL,
	set_at BIGINT NOT NULL,
	PRIMARY KEY (unit_id, year)
);
