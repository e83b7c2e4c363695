-- 0511_task_progress.sql: what agencies record on their tasks (docs/tasks.md).
--
-- A record is one agency's status of one task for one period (a year
-- '2026' or a quarter '2026Q3'), with a note of what was done and, for
-- "could not be done", the reason.  Records are only ever added: the
-- latest of (unit, task, agency, period) is the state, the ones before it
-- its history (who, when, what); migration 0512 refuses changes.  A task
-- is named by its uid (0510), so that records go on across the plans of
-- the unit.
CREATE TABLE task_progress (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	task_uid TEXT NOT NULL,
	agency TEXT NOT NULL,
	period TEXT NOT NULL,
	year INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'not_done')),
	reason TEXT,
	note TEXT,
	recorded_by TEXT NOT NULL,
	recorded_at BIGINT NOT NULL
);
CREATE INDEX task_progress_key ON task_progress(unit_id, task_uid, agency, period);
CREATE INDEX task_progress_year ON task_progress(unit_id, year);

-- The evidence files that came with a record (bytes in attachments).
CREATE TABLE task_evidence (
	progress_id BIGINT NOT NULL REFERENCES task_progress(id),
	attachment_id BIGINT NOT NULL REFERENCES attachments(id),
	filename TEXT NOT NULL,
	PRIMARY KEY (progress_id, attachment_id)
);
CREATE INDEX task_evidence_attachment ON task_evidence(attachment_id);
