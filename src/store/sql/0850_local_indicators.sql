-- 0850: a commune's own indicators (issue 17, docs/local-indicators.md).
--
-- A plan's numeric target on something outside the catalog ("custom" in
-- the plan JSON) becomes an indicator of that unit alone: the plan's
-- wording is its name, with the plan's unit, direction and goal, owed by
-- one agency.  It is named by (unit, name), so that the unit's next plan
-- with the same wording keeps it, its values and its history; a plan
-- without it leaves it out of force, not deleted.  Local indicators never
-- roll up: each is read for its own unit only, outside the engine.
CREATE TABLE local_indicators (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	seq INTEGER NOT NULL,              -- 1, 2, ... within the unit: "L1", "L2"
	name TEXT NOT NULL,
	goal TEXT NOT NULL,
	unit TEXT NOT NULL,
	polarity TEXT NOT NULL CHECK (polarity IN ('higher', 'lower')),
	agency TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (unit_id, name),
	UNIQUE (unit_id, seq)
);

-- A plan's target on a local indicator (beside `targets`, which names the
-- catalog's).
CREATE TABLE local_targets (
	plan_id BIGINT NOT NULL REFERENCES plans(id),
	local_id BIGINT NOT NULL REFERENCES local_indicators(id),
	direction TEXT NOT NULL,
	value DOUBLE PRECISION,
	year INTEGER NOT NULL,
	baseline_value DOUBLE PRECISION,
	baseline_year INTEGER,
	text TEXT,
	PRIMARY KEY (plan_id, local_id, year)
);
CREATE INDEX local_targets_local ON local_targets(local_id);

-- The values agencies record, only ever added: the latest of (local, year)
-- is the value, the ones before it its history (who, when).
CREATE TABLE local_values (
	id {{ID}},
	local_id BIGINT NOT NULL REFERENCES local_indicators(id),
	year INTEGER NOT NULL,
	value DOUBLE PRECISION NOT NULL,
	note TEXT,
	agency TEXT NOT NULL,
	recorded_by TEXT NOT NULL,
	recorded_at BIGINT NOT NULL
);
CREATE INDEX local_values_key ON local_values(local_id, year);
