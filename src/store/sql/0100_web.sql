-- 0100_web.sql: what the web application keeps: sign-in sessions, failed
-- sign-ins for throttling, the values of forms until they are approved, and
-- plan documents uploaded through the web that wait to be applied.

-- A browser session.  The cookie carries 256 random bits; only their
-- BLAKE2b-256 hash (hex) is stored, so a copy of the database does not sign
-- anyone in.  csrf is the token every state-changing form must echo.
CREATE TABLE sessions (
	id {{ID}},
	token_hash TEXT NOT NULL UNIQUE,
	user_id BIGINT NOT NULL REFERENCES users(id),
	csrf TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	last_seen_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed sign-ins, by account name and by client address; cleared for a
-- name at its next successful sign-in and forgotten after a day.
CREATE TABLE login_failures (
	id {{ID}},
	name TEXT NOT NULL,
	ip TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX login_failures_name ON login_failures(name, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

-- The values of a form (submissions) while it is a draft, submitted or
-- returned.  Approval writes them into datavalues through the same checks
-- and audit trail as every import; until then they are not official.
CREATE TABLE submission_values (
	submission_id BIGINT NOT NULL REFERENCES submissions(id),
	period TEXT NOT NULL,
	indicator TEXT NOT NULL REFERENCES indicators(id),
	part TEXT NOT NULL CHECK (part IN ('num', 'den', 'value')),
	sex TEXT NOT NULL CHECK (sex IN ('F', 'M', 'T')),
	value DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (submission_id, period, indicator, part, sex)
);

-- A plan uploaded through the web: what the importer made of it (the JSON
-- of docs/plan-json.md, with its lint findings), waiting for the focal
-- point to review and apply it.
CREATE TABLE plan_uploads (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	user_id BIGINT NOT NULL REFERENCES users(id),
	filename TEXT NOT NULL,
	plan_json TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	applied_at BIGINT
);
CREATE INDEX plan_uploads_unit ON plan_uploads(unit_id);
