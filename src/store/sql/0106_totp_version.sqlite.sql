-- 0106 (SQLite): turning the second step on or off changes what a session
-- may do (http/router.c asks enrolment of the roles that need it), so it
-- moves the accounts version like a password does (see 0101).
CREATE TRIGGER account_totp_added AFTER INSERT ON account_totp
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
CREATE TRIGGER account_totp_changed AFTER UPDATE OF confirmed_at, secret ON account_totp
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
CREATE TRIGGER account_totp_deleted AFTER DELETE ON account_totp
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'accounts_version';
END;
