-- 0600_mail.sql: e-mail reminders (mail/remind.c, docs/reminders.md).
-- An account's e-mail address lives beside the account, not in it, so that
-- the accounts table keeps its shape; it is personal data, shown only to
-- those who manage the account and never written to a log.  mail_log has
-- one row per account, day (in Vietnam) and kind of mail, so that running
-- `gemis remind` twice the same day sends nothing twice.
CREATE TABLE mail_addresses (
	user_id BIGINT PRIMARY KEY REFERENCES users(id),
	email TEXT NOT NULL
);
CREATE TABLE mail_log (
	day TEXT NOT NULL,
	user_id BIGINT NOT NULL REFERENCES users(id),
	kind TEXT NOT NULL CHECK (kind IN ('remind', 'digest')),
	sent_at BIGINT NOT NULL,
	items INTEGER NOT NULL,
	PRIMARY KEY (day, user_id, kind)
);
