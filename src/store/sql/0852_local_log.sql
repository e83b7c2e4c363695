-- 0852: who changed which agency owes a local indicator, and when (0850):
-- one row per change, never updated.  The agency decides who may record
-- its values, so a change of it is kept.
CREATE TABLE local_log (
	id {{ID}},
	local_id BIGINT NOT NULL REFERENCES local_indicators(id),
	action TEXT NOT NULL CHECK (action IN ('assign')),
	agency_before TEXT NOT NULL,
	agency TEXT NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at BIGINT NOT NULL
);
CREATE INDEX local_log_local ON local_log(local_id);
