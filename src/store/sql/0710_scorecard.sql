-- 0710_scorecard.sql: the rules of the agencies' scorecard (docs/scorecard.md).
--
-- A version of the rules is the weight of each criterion (core/scorecard.h)
-- for a unit: the nation's default (unit_id NULL) or a province's own,
-- which its communes' scorecards use from since_year on.  A province
-- adjusts its rules by adding a version; versions are kept, so that a
-- past year's scorecard can say which rules it used.
CREATE TABLE scorecard_rules (
	unit_id BIGINT REFERENCES units(id),
	version INTEGER NOT NULL,
	since_year INTEGER NOT NULL,
	criterion TEXT NOT NULL CHECK (criterion IN ('forms_on_time', 'tasks_done', 'indicators_on_track',
						     'activities_logged')),
	weight DOUBLE PRECISION NOT NULL CHECK (weight >= 0),
	set_by TEXT NOT NULL,
	set_at BIGINT NOT NULL
);
CREATE INDEX scorecard_rules_unit ON scorecard_rules(unit_id, version);
INSERT INTO scorecard_rules (unit_id, version, since_year, criterion, weight, set_by, set_at) VALUES
	(NULL, 1, 2026, 'forms_on_time', 30, 'gemis', 0),
	(NULL, 1, 2026, 'tasks_done', 30, 'gemis', 0),
	(NULL, 1, 2026, 'indicators_on_track', 25, 'gemis', 0),
	(NULL, 1, 2026, 'activities_logged', 15, 'gemis', 0);
