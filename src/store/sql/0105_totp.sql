-- 0105: the second step of signing in (util/totp.h, store/totp.h).
-- An account has at most one authenticator: its secret, kept from the
-- moment enrolment starts; confirmed_at is set when the person has typed a
-- first right code, and only then is the second step asked at sign-in.
-- last_step is the last 30-second step a code was used for: a code works
-- once.  Recovery codes are kept as BLAKE2b-256 hashes (hex), each good
-- once, for a lost phone.
CREATE TABLE account_totp (
	user_id BIGINT PRIMARY KEY REFERENCES users(id),
	secret {{BLOB}} NOT NULL,
	created_at BIGINT NOT NULL,
	confirmed_at BIGINT,
	last_step BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE account_recovery (
	id {{ID}},
	user_id BIGINT NOT NULL REFERENCES users(id),
	code_hash TEXT NOT NULL,
	used_at BIGINT
);
CREATE INDEX account_recovery_user ON account_recovery(user_id);
