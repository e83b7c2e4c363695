-- 0202: the reports units send up the chain (core/workflow.h, wf_report):
-- a commune's yearly report to its province, a province's to the nation.
-- One row per unit and year holds the report's state and what it carried
-- when last submitted: the file (the generated DOCX or a signed PDF, bytes
-- in attachments) and the figures as they stood (JSON), so that an
-- accepted report keeps them whatever values change later.  Every step is
-- kept in chain_report_steps, with the file each submission sent.
-- attachment_id names a row of attachments, which migration 0500 makes
-- later in the order: no REFERENCES (PostgreSQL refuses one to a table not
-- there yet); store/chainreports.c writes only ids attachment_put() gave.
CREATE TABLE chain_reports (
	unit_id BIGINT NOT NULL REFERENCES units(id),
	year INTEGER NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
	version INTEGER NOT NULL,
	attachment_id BIGINT,
	filename TEXT,
	generated INTEGER NOT NULL DEFAULT 0,
	figures TEXT,
	first_submitted_at BIGINT,
	submitted_at BIGINT,
	submitted_by TEXT,
	comment TEXT,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (unit_id, year)
);

CREATE TABLE chain_report_steps (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	year INTEGER NOT NULL,
	action TEXT NOT NULL,
	state TEXT NOT NULL,
	comment TEXT,
	attachment_id BIGINT,
	filename TEXT,
	by_name TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX chain_report_steps_key ON chain_report_steps(unit_id, year);
