-- 0104 (PostgreSQL): two more roles, ministry and supervisor (core/access.h).
--   ministry   the ministry's staff (unit VN): reads everything, receives
--              the provinces' reports
--   supervisor the Fatherland Front of a commune: reads the commune,
--              keeps its own supervision records
-- The column's CHECK has PostgreSQL's default name.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'province', 'focal',
	'reporter', 'viewer', 'caseworker', 'ministry', 'supervisor'));
