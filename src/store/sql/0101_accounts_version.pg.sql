-- 0101 (PostgreSQL): the accounts version, moved whenever a credential may
-- stop being good, so that servers remembering who a session or token
-- belongs to (src/http/authcache.c) forget it in time, whichever process
-- made the change.  Triggers rather than calls, so that no path can forget;
-- one file per dialect for the trigger syntax (see migrate.h).  Row
-- triggers, as on SQLite: a statement that changes nothing moves nothing.
-- Recording use (sessions.last_seen_at, api_tokens.last_used_at, each at
-- most once a minute) moves nothing: it would empty every server's memory
-- of every credential as often.
INSERT INTO meta (key, value) VALUES ('accounts_version', '1') ON CONFLICT (key) DO NOTHING;
CREATE FUNCTION accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE meta SET value = (CAST(value AS BIGINT) + 1)::TEXT WHERE key = 'accounts_version';
	RETURN NULL;
END
$$;
CREATE TRIGGER users_changed AFTER UPDATE OF name, role, unit_id, agency, full_name, password_hash,
	disabled OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION accounts_changed();
CREATE TRIGGER api_tokens_changed AFTER UPDATE OF user_id, token_hash, revoked_at OR DELETE
	ON api_tokens FOR EACH ROW EXECUTE FUNCTION accounts_changed();
CREATE TRIGGER sessions_changed AFTER UPDATE OF token_hash, user_id, csrf, created_at, expires_at OR DELETE
	ON sessions FOR EACH ROW EXECUTE FUNCTION accounts_changed();
