-- 0002_accounts.sql: accounts, API tokens, the forms agencies submit and the
-- comments they give.  Shared by the web application, reports and the case
-- register; sessions and login throttling belong to the web migrations.

-- An account is scoped to a unit and sees nothing outside its subtree.
--   admin      the whole system (unit VN)
--   province   a province and its communes
--   focal      a commune's culture-social office: plan, agencies, users, approval
--   reporter   one agency of one commune: enters its assigned indicators
--   viewer     reads a unit and below
--   caseworker a commune's gender-based-violence case register
CREATE TABLE users (
	id {{ID}},
	name TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'province', 'focal', 'reporter', 'viewer', 'caseworker')),
	unit_id BIGINT NOT NULL REFERENCES units(id),
	agency TEXT,
	full_name TEXT,
	password_hash TEXT,
	password_changed_at BIGINT,
	created_at BIGINT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0
);

-- API tokens: only a hash is stored (BLAKE2b-256, hex); the token is shown once.
CREATE TABLE api_tokens (
	id {{ID}},
	user_id BIGINT NOT NULL REFERENCES users(id),
	token_hash TEXT NOT NULL UNIQUE,
	label TEXT,
	created_at BIGINT NOT NULL,
	last_used_at BIGINT,
	revoked_at BIGINT
);

-- A form: what one agency of one commune reports for one period.
--   draft -> submitted -> approved (locked) | returned (with a comment) -> submitted ...
--   approved -> draft when reopened by the focal point.
-- version increases at every change, so that a save based on an old version
-- is refused instead of silently overwriting a concurrent one.
CREATE TABLE submissions (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	agency TEXT NOT NULL,
	period TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
	version INTEGER NOT NULL DEFAULT 1,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	updated_by TEXT NOT NULL,
	submitted_at BIGINT,
	submitted_by TEXT,
	decided_at BIGINT,
	decided_by TEXT,
	comment TEXT,
	UNIQUE (unit_id, agency, period)
);

-- Every step of a form's workflow.
CREATE TABLE submission_events (
	id {{ID}},
	submission_id BIGINT NOT NULL REFERENCES submissions(id),
	action TEXT NOT NULL CHECK (action IN ('save', 'submit', 'approve', 'return', 'reopen')),
	by_user TEXT NOT NULL,
	at BIGINT NOT NULL,
	comment TEXT
);
CREATE INDEX submission_events_sub ON submission_events(submission_id);

-- Why a figure is what it is: an agency's explanation of an indicator for a
-- period ("no new cases detected", "survey delayed"), shown in reports.
CREATE TABLE value_comments (
	unit_id BIGINT NOT NULL REFERENCES units(id),
	period TEXT NOT NULL,
	indicator TEXT NOT NULL REFERENCES indicators(id),
	comment TEXT NOT NULL,
	by_user TEXT NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (unit_id, period, indicator)
);
