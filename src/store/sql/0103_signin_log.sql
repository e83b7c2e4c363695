-- 0103_signin_log.sql: the audit log of sign-ins (store/signin_log.c).
-- Every check of a password (signing in, the password change, the case
-- export's), its result, and signing out, once or everywhere: who (the name
-- given, and the account when one has it), when, from which address.
-- Never the password.  user_id is NULL for a name no account has, so that
-- such rows are shown only to admins of the whole country.  Rows are kept
-- for a year (signin_log_purge()).
CREATE TABLE signin_log (
	id {{ID}},
	at BIGINT NOT NULL,
	name TEXT NOT NULL,
	user_id BIGINT REFERENCES users(id),
	ip TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('signin', 'password', 'export', 'signout', 'signout_all')),
	result TEXT NOT NULL CHECK (result IN ('ok', 'wrong', 'throttled'))
);
CREATE INDEX signin_log_at ON signin_log(at);
CREATE INDEX signin_log_user ON signin_log(user_id, at);
