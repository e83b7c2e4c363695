-- 0300_cases.sql: the register of gender-based-violence cases (docs/cases.md).
--
-- What is in clear is what the three register indicators count, and nothing
-- more: the commune, the year of detection, the survivor's and the
-- perpetrator's sex, and yes/no flags.  Every other field of a case is a
-- column ending in _ct holding an XChaCha20-Poly1305 ciphertext (a 24-byte
-- nonce followed by the sealed bytes) under a key kept outside the
-- database, bound by its associated data to the case code and the field.

CREATE TABLE cases (
	id {{ID}},
	code TEXT NOT NULL UNIQUE,          -- random, shown to case workers; never a name
	unit_id BIGINT NOT NULL REFERENCES units(id),
	detected_year INTEGER NOT NULL,      -- the period the case is counted in
	survivor_sex TEXT NOT NULL CHECK (survivor_sex IN ('F', 'M')),
	gbv INTEGER NOT NULL,                -- an incident of one of the six GBVIMS types
	trafficking_return INTEGER NOT NULL,
	in_need INTEGER NOT NULL,            -- a returnee in need of support
	perpetrator_sex TEXT CHECK (perpetrator_sex IN ('F', 'M')), -- NULL: no perpetrator recorded
	perpetrator_prosecuted INTEGER NOT NULL,
	consent_statistics INTEGER NOT NULL,
	closed_on TEXT,                      -- 'YYYY-MM-DD'; the retention period runs from it
	key_id TEXT NOT NULL,                -- which key sealed the fields
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	detected_ct {{BLOB}} NOT NULL,
	source_ct {{BLOB}} NOT NULL,
	survivor_age_ct {{BLOB}} NOT NULL,
	type_ct {{BLOB}},
	context_ct {{BLOB}},
	perpetrator_age_ct {{BLOB}},
	perpetrator_relation_ct {{BLOB}},
	notes_ct {{BLOB}},
	closure_ct {{BLOB}}
);
CREATE INDEX cases_unit ON cases(unit_id, detected_year);

-- Services received, referrals made and perpetrator counselling sessions.
-- The kind is in clear because the indicators count it; the service, its
-- date and the note are sealed.
CREATE TABLE case_events (
	id {{ID}},
	case_id BIGINT NOT NULL REFERENCES cases(id),
	seq INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('service', 'referral', 'counselling')),
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL,
	service_ct {{BLOB}},
	date_ct {{BLOB}} NOT NULL,
	note_ct {{BLOB}},
	UNIQUE (case_id, seq)
);

-- What remains of cases erased after the retention period: anonymous
-- counts, by the indicators' parts.
CREATE TABLE case_counts (
	unit_id BIGINT NOT NULL REFERENCES units(id),
	year INTEGER NOT NULL,
	indicator TEXT NOT NULL REFERENCES indicators(id),
	part TEXT NOT NULL CHECK (part IN ('num', 'den')),
	sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
	n BIGINT NOT NULL,
	PRIMARY KEY (unit_id, year, indicator, part, sex)
);

-- Every read, change, export and refusal touching the register.  Holds
-- codes and names of actions, never a case's content.  Append-only: the
-- triggers of 0301 refuse UPDATE and DELETE on both backends.
CREATE TABLE case_access_log (
	id {{ID}},
	at BIGINT NOT NULL,
	user_name TEXT NOT NULL,
	role TEXT NOT NULL,
	unit_code TEXT,
	action TEXT NOT NULL,
	case_code TEXT,
	detail TEXT,
	allowed INTEGER NOT NULL
);
CREATE INDEX case_access_log_at ON case_access_log(at);
