-- The pairs of an account and an address that have signed in.  The
-- address-wide throttle of password checks (sessions.c, login_throttled)
-- spares them, so that an address many people share (a proxy without
-- --trust-proxy, an office behind one NAT address) is not shut for its
-- regular users by someone failing from it; the throttle per account and
-- address still applies to everyone.
CREATE TABLE login_known (
	name TEXT NOT NULL,
	ip TEXT NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (name, ip)
);
