-- 0512 (SQLite): task progress and its evidence are only ever added: the
-- history of who recorded what, and when, is kept whole.  One file per
-- dialect, as 0301.
CREATE TRIGGER task_progress_no_update BEFORE UPDATE ON task_progress
BEGIN
	SELECT RAISE(ABORT, 'task_progress is append-only');
END;
CREATE TRIGGER task_progress_no_delete BEFORE DELETE ON task_progress
BEGIN
	SELECT RAISE(ABORT, 'task_progress is append-only');
END;
CREATE TRIGGER task_evidence_no_update BEFORE UPDATE ON task_evidence
BEGIN
	SELECT RAISE(ABORT, 'task_evidence is append-only');
END;
CREATE TRIGGER task_evidence_no_delete BEFORE DELETE ON task_evidence
BEGIN
	SELECT RAISE(ABORT, 'task_evidence is append-only');
END;
