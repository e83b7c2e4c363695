-- 0851 (SQLite): the values of local indicators are only ever added, as
-- task progress (0512): who recorded what, and when, is kept whole.
CREATE TRIGGER local_values_no_update BEFORE UPDATE ON local_values
BEGIN
	SELECT RAISE(ABORT, 'local_values is append-only');
END;
CREATE TRIGGER local_values_no_delete BEFORE DELETE ON local_values
BEGIN
	SELECT RAISE(ABORT, 'local_values is append-only');
END;
