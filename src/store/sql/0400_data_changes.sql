-- 0400_data_changes.sql: which units each data version changed, so that a
-- server holding a snapshot applies a change in place (reading those
-- units again) instead of reading the whole country.  unit_id NULL: a
-- change that cannot be applied unit by unit (a plan, a case, or many
-- units at once).  Rows older than a thousand versions are deleted.
CREATE TABLE data_changes (
	version BIGINT NOT NULL,
	unit_id BIGINT
);
CREATE INDEX data_changes_version ON data_changes(version);
