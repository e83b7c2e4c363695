-- 0203: ad hoc requests ("báo cáo đột xuất", core/adhoc.h).  A province
-- asks its communes, the nation its provinces, for a report by a day: a
-- title, the indicators wanted (a comma list of catalog ids, '' for none)
-- and/or a question.  Every unit directly below the asking one is asked.
-- Each answer goes through core/workflow's wf_report (submitted, returned
-- with a comment, accepted and locked): its text, the indicators' figures
-- as they stood when it was submitted (JSON) and an optional file (bytes
-- in attachments, which migration 0500 makes later: no REFERENCES, as in
-- 0202).  Every step is kept in adhoc_answer_steps.
CREATE TABLE adhoc_requests (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	title TEXT NOT NULL,
	question TEXT,
	indicators TEXT NOT NULL DEFAULT '',
	due TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX adhoc_requests_unit ON adhoc_requests(unit_id);

CREATE TABLE adhoc_answers (
	request_id BIGINT NOT NULL REFERENCES adhoc_requests(id),
	unit_id BIGINT NOT NULL REFERENCES units(id),
	state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
	version INTEGER NOT NULL,
	answer TEXT,
	figures TEXT,
	attachment_id BIGINT,
	filename TEXT,
	first_submitted_at BIGINT,
	submitted_at BIGINT,
	submitted_by TEXT,
	comment TEXT,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (request_id, unit_id)
);

CREATE TABLE adhoc_answer_steps (
	id {{ID}},
	request_id BIGINT NOT NULL REFERENCES adhoc_requests(id),
	unit_id BIGINT NOT NULL REFERENCES units(id),
	action TEXT NOT NULL,
	state TEXT NOT NULL,
	comment TEXT,
	attachment_id BIGINT,
	filename TEXT,
	by_name TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX adhoc_answer_steps_key ON adhoc_answer_steps(request_id, unit_id);
