-- 0104 (SQLite): two more roles, ministry and supervisor (core/access.h).
--   ministry   the ministry's staff (unit VN): reads everything, receives
--              the provinces' reports
--   supervisor the Fatherland Front of a commune: reads the commune,
--              keeps its own supervision records
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt
-- (https://sqlite.org/lang_altertable.html, "making other kinds of table
-- schema changes").  migrate.c runs SQLite migrations with foreign keys off
-- and checks them before commit, as that procedure asks.  The triggers of
-- 0101 go with the old table and are made again.
CREATE TABLE users_new (
	id {{ID}},
	name TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'province', 'focal', 'reporter', 'viewer',
		'caseworker', 'ministry', 'supervisor')),
	unit_id BIGINT NOT NULL REFERENCES units(id),
	agency TEXT,
	full_name TEXT,
	password_hash TEXT,
	password_changed_at BIGINT,
	created_at BIGINT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0
);
INSERT INTO users_new (id, name, role, unit_id, agency, full_name, password_hash,
	password_changed_at, created_at, disabled)
	SELECT id, name, role, unit_id, agency, full_name, password_hash, password_changed_at,
		created_at, disabled FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE TRIGGER users_changed AFTER UPDATE OF name, role, unit_id, agency, full_name, password_hash,
	disabled ON users
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
CREATE TRIGGER users_deleted AFTER DELETE ON users
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
