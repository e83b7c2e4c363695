-- 0201: the reporting chain's periods and deadlines.  A unit that receives
-- reports (a province from its communes, the nation from the provinces)
-- sets, for a year, the period the reports cover and the day they are due
-- (core/chainperiod.h; Decree 09/2019/NĐ-CP's period when none is set).
-- Dates are ISO (YYYY-MM-DD); due is NULL when no deadline is set.
CREATE TABLE chain_periods (
	unit_id BIGINT NOT NULL REFERENCES units(id),
	year INTEGER NOT NULL,
	period_from TEXT NOT NULL,
	period_to TEXT NOT NULL,
	due TEXT,
	set_by TEXT NOT NULL,
	set_at BIGINT NOT NULL,
	PRIMARY KEY (unit_id, year)
);
