-- 0106 (PostgreSQL): turning the second step on or off changes what a
-- session may do (http/router.c asks enrolment of the roles that need
-- it), so it moves the accounts version like a password does (see 0101).
CREATE TRIGGER account_totp_changed AFTER INSERT OR UPDATE OF confirmed_at, secret OR DELETE
	ON account_totp FOR EACH ROW EXECUTE FUNCTION accounts_changed();
