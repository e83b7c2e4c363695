-- 0800: inspections and supervision of a commune's gender equality work
-- (core/oversight.h, store/inspections.h): the yearly inspection plan (who
-- inspects: the commune, the Fatherland Front, the province; what: an
-- agency or a village; when), each inspection's day and findings, the
-- recommendations it issues to an agency with a deadline, and every step
-- of their follow-up (core/workflow.h, wf_recommendation).  Days are
-- 'YYYY-MM-DD'.
CREATE TABLE inspections (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	year INTEGER NOT NULL,
	body TEXT NOT NULL CHECK (body IN ('commune', 'front', 'province')),
	agency TEXT,
	subject TEXT NOT NULL,
	planned_from TEXT NOT NULL,
	planned_to TEXT NOT NULL,
	held_on TEXT,
	findings TEXT,
	version INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX inspections_unit_year ON inspections(unit_id, year);

CREATE TABLE recommendations (
	id {{ID}},
	inspection_id BIGINT NOT NULL REFERENCES inspections(id),
	unit_id BIGINT NOT NULL REFERENCES units(id),
	text TEXT NOT NULL,
	agency TEXT NOT NULL,
	due TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('issued', 'followed_up', 'closed')),
	comment TEXT,
	version INTEGER NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX recommendations_inspection ON recommendations(inspection_id);
CREATE INDEX recommendations_unit ON recommendations(unit_id);

CREATE TABLE recommendation_steps (
	id {{ID}},
	recommendation_id BIGINT NOT NULL REFERENCES recommendations(id),
	action TEXT NOT NULL,
	state TEXT NOT NULL,
	comment TEXT,
	by_name TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX recommendation_steps_rec ON recommendation_steps(recommendation_id);
