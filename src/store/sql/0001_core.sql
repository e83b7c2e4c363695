-- 0001_core.sql: the administrative tree, the indicator catalog, plans with
-- their targets and assignments, reported values and their audit trail.
-- Times are Unix seconds (BIGINT); dates are ISO text 'YYYY-MM-DD'.

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- Units carry validity dates: a merge ends a unit (valid_to) and starts
-- another, so that history keeps the units as they were.
CREATE TABLE units (
	id {{ID}},
	code TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('nation', 'province', 'commune', 'ward', 'special_zone')),
	name TEXT NOT NULL,
	short_name TEXT NOT NULL,
	parent_id BIGINT REFERENCES units(id),
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	UNIQUE (code, valid_from)
);
CREATE INDEX units_parent ON units(parent_id);
CREATE UNIQUE INDEX units_current_code ON units(code) WHERE valid_to IS NULL;

-- A mirror of the catalog compiled into the binary, rewritten at start.
CREATE TABLE indicators (
	id TEXT PRIMARY KEY,
	goal TEXT NOT NULL,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	unit TEXT NOT NULL,
	polarity TEXT NOT NULL,
	kind TEXT NOT NULL,
	factor DOUBLE PRECISION NOT NULL,
	by_sex INTEGER NOT NULL,
	share INTEGER NOT NULL,
	space_agg TEXT NOT NULL,
	national_direction TEXT,
	national_value DOUBLE PRECISION,
	national_year INTEGER
);

-- The agencies of each commune or ward.
CREATE TABLE agencies (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	UNIQUE (unit_id, kind)
);

-- A unit's plan.  Loading a new plan supersedes the one in force; old plans
-- stay for the history.
CREATE TABLE plans (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	number TEXT,
	doc_date TEXT,
	title TEXT,
	period_from INTEGER NOT NULL,
	period_to INTEGER NOT NULL,
	signer_name TEXT,
	signer_title TEXT,
	deadline_day INTEGER,
	deadline_month INTEGER,
	deadline_year INTEGER,
	deadline_to TEXT,
	source TEXT NOT NULL,
	demo INTEGER NOT NULL DEFAULT 0,
	loaded_by TEXT NOT NULL,
	loaded_at BIGINT NOT NULL,
	superseded_at BIGINT
);
CREATE UNIQUE INDEX plans_current ON plans(unit_id) WHERE superseded_at IS NULL;

CREATE TABLE targets (
	id {{ID}},
	plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	indicator TEXT NOT NULL REFERENCES indicators(id),
	direction TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most', 'achieve')),
	value DOUBLE PRECISION,
	year INTEGER NOT NULL,
	baseline_value DOUBLE PRECISION,
	baseline_year INTEGER,
	text TEXT
);
CREATE INDEX targets_plan ON targets(plan_id);

-- Agencies given duties by the plan, and the indicators tied to each.
CREATE TABLE plan_agencies (
	plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	agency TEXT NOT NULL,
	PRIMARY KEY (plan_id, agency)
);
CREATE TABLE assignments (
	plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	agency TEXT NOT NULL,
	indicator TEXT NOT NULL REFERENCES indicators(id),
	PRIMARY KEY (plan_id, agency, indicator)
);

-- One reported value per unit, period, indicator, part and sex.
CREATE TABLE datavalues (
	unit_id BIGINT NOT NULL REFERENCES units(id),
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	indicator TEXT NOT NULL REFERENCES indicators(id),
	part TEXT NOT NULL CHECK (part IN ('num', 'den', 'value')),
	sex TEXT NOT NULL CHECK (sex IN ('F', 'M', 'T')),
	value DOUBLE PRECISION NOT NULL,
	source TEXT NOT NULL,
	entered_by TEXT NOT NULL,
	entered_at BIGINT NOT NULL,
	PRIMARY KEY (unit_id, period, indicator, part, sex)
);
CREATE INDEX datavalues_year ON datavalues(year);

-- Every change of a value: old NULL for a new value, new NULL for a removal.
CREATE TABLE value_audit (
	id {{ID}},
	unit_id BIGINT NOT NULL,
	period TEXT NOT NULL,
	indicator TEXT NOT NULL,
	part TEXT NOT NULL,
	sex TEXT NOT NULL,
	old_value DOUBLE PRECISION,
	new_value DOUBLE PRECISION,
	source TEXT NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at BIGINT NOT NULL
);
CREATE INDEX value_audit_key ON value_audit(unit_id, indicator, period);
