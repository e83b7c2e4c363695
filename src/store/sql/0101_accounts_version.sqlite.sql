-- 0101 (SQLite): the accounts version, moved whenever a credential may stop
-- being good, so that servers remembering who a session or token belongs
-- to (src/http/authcache.c) forget it in time, whichever process made the
-- change.  Triggers rather than calls, so that no path can forget; one file
-- per dialect for the trigger syntax (see migrate.h).
-- Recording use (sessions.last_seen_at, api_tokens.last_used_at, each at
-- most once a minute) moves nothing: it would empty every server's memory
-- of every credential as often.
INSERT INTO meta (key, value) VALUES ('accounts_version', '1') ON CONFLICT (key) DO NOTHING;
CREATE TRIGGER users_changed AFTER UPDATE OF name, role, unit_id, agency, full_name, password_hash,
	disabled ON users
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
CREATE TRIGGER users_deleted AFTER DELETE ON users
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
CREATE TRIGGER api_tokens_changed AFTER UPDATE OF user_id, token_hash, revoked_at ON api_tokens
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
CREATE TRIGGER api_tokens_deleted AFTER DELETE ON api_tokens
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
CREATE TRIGGER sessions_changed AFTER UPDATE OF token_hash, user_id, csrf, created_at, expires_at ON sessions
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
