/*
 * export.c: a unit's cases as CSV for the account that gives its password
 * again (cases.h, case_export()): one row a case, the sealed fields opened,
 * the services and referrals listed, the counselling sessions counted; the
 * free-text notes never leave the register.  Logged before the data leaves.
 */
#include "cases_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "store/sessions.h"
#include "store/users.h"
#include "util/i18n.h"

#include "util/banned.h"

static enum gemis_err csv_field(struct buf *b, const char *s, bool last)
{
	enum gemis_err err = buf_putc(b, '"');

	for (; !err && s && *s; s++)
		err = *s == '"' ? buf_puts(b, "\"\"") : buf_putc(b, *s);
	if (!err)
		err = buf_puts(b, last ? "\"\r\n" : "\",");
	return err;
}

struct export_events {
	struct case_session *s;
	const char *code;
	struct buf list[2], v;
	long long counselling;
};

/* Adds an event to the case's list of services or of referrals. */
static enum gemis_err export_event(void *ctx, const struct case_event_stored *ev, struct errctx *e)
{
	struct export_events *x = ctx;
	int kind = case_code_find(case_event_kinds, NELEM(case_event_kinds), ev->kind);
	struct buf *l;
	char field[40];
	bool null;
	enum gemis_err err;

	if (kind == CASE_EV_COUNSELLING) {
		x->counselling++;
		return GEMIS_OK;
	}
	if (kind < 0)
		return GEMIS_OK;
	l = &x->list[kind];
	if (l->len)
		buf_puts(l, "; ");
	snprintf(field, sizeof(field), "event/%lld/service", ev->seq);
	err = case_unseal_field(x->s, ev->ct[0], x->code, field, &x->v, &null, e);
	if (err)
		return err;
	buf_printf(l, "%s ", buf_str(&x->v));
	snprintf(field, sizeof(field), "event/%lld/date", ev->seq);
	err = case_unseal_field(x->s, ev->ct[1], x->code, field, &x->v, &null, e);
	if (err)
		return err;
	buf_puts(l, buf_str(&x->v));
	return buf_error(l);
}

static enum gemis_err export_one(struct case_session *s, const struct case_stored *c,
				 struct case_opened *o, void *ctx, struct errctx *e)
{
	struct buf *b = ctx;
	struct export_events x = {s, c->code, {{0}}, {0}, 0};
	char tmp[32];
	enum gemis_err err;
	int k;

	buf_init(&x.list[0], 1 << 20);
	buf_init(&x.list[1], 1 << 20);
	buf_init(&x.v, 256);
	err = cases_events_each(s->db, c->id, export_event, &x, e);
	if (err)
		goto out;
	/* notes (7) and the closure note (8) never leave the register */
	/* in the order of the header: detected, source, survivor_sex,
	 * survivor_age (sealed field 2), type, context */
	err = csv_field(b, c->code, false);
	for (k = 0; k < 2 && !err; k++)
		err = csv_field(b, buf_str(&o->f[k]), false);
	if (!err)
		err = csv_field(b, c->survivor_sex, false);
	for (k = 2; k < 5 && !err; k++)
		err = csv_field(b, buf_str(&o->f[k]), false);
	if (!err)
		err = csv_field(b, c->perpetrator_sex ? c->perpetrator_sex : "", false);
	for (k = 5; k < 7 && !err; k++)
		err = csv_field(b, buf_str(&o->f[k]), false);
	if (!err)
		err = csv_field(b, !c->perpetrator_sex ? "" : c->prosecuted ? "true" : "false", false);
	if (!err)
		err = csv_field(b, c->trafficking_return ? "true" : "false", false);
	if (!err)
		err = csv_field(b, c->in_need ? "true" : "false", false);
	if (!err)
		err = csv_field(b, c->consent ? "true" : "false", false);
	if (!err)
		err = csv_field(b, buf_str(&x.list[0]), false);
	if (!err)
		err = csv_field(b, buf_str(&x.list[1]), false);
	snprintf(tmp, sizeof(tmp), "%lld", x.counselling);
	if (!err)
		err = csv_field(b, tmp, false);
	if (!err)
		err = csv_field(b, c->closed_on ? c->closed_on : "", true);
out:
	for (k = 0; k < 2; k++) {
		if (x.list[k].p)
			sodium_memzero(x.list[k].p, x.list[k].cap);
		buf_release(&x.list[k]);
	}
	if (x.v.p)
		sodium_memzero(x.v.p, x.v.cap);
	buf_release(&x.v);
	return err;
}

enum gemis_err case_export(struct case_session *s, int unit, const char *password,
			   struct buf *out, size_t *ncases, struct errctx *e)
{
	struct user_rec u;
	char detail[48];
	bool ok = false;
	enum gemis_err err;

	*ncases = 0;
	if (!case_may(s->t, s->who, CASE_EXPORT, unit))
		return case_refuse(s, unit, CASE_EXPORT, NULL, "not permitted", e);
	err = password_attempt(s->db, &session_policy_default, s->who->name, s->from, (long long)time(NULL),
			       password ? password : "", SIGNIN_EXPORT, &u, &ok, &s->retry_after, e);
	if (err)
		return err;
	if (s->retry_after > 0) {
		struct errctx le = {0};

		if (case_log(s->db, s->t, s->who, unit, CASE_EXPORT, NULL, "too many wrong passwords", false, &le))
			return err_set(e, le.code, "%s", le.msg);
		return err_set(e, GEMIS_ELIMIT, _("too many wrong passwords: try again in %ld seconds"),
			       s->retry_after);
	}
	if (!ok) {
		struct errctx le = {0};

		if (case_log(s->db, s->t, s->who, unit, CASE_EXPORT, NULL, "wrong password", false, &le))
			return err_set(e, le.code, "%s", le.msg);
		return err_set(e, GEMIS_EAUTH, _("exporting cases needs your password again; it was wrong"));
	}
	err = case_check_key(s, e);
	if (err)
		return err;
	/* logged before the data leaves: an export that cannot be logged does not happen */
	err = case_log(s->db, s->t, s->who, unit, CASE_EXPORT, NULL, "started", true, e);
	if (!err)
		err = buf_puts(out, "code,detected,source,survivor_sex,survivor_age,type,context,"
				    "perpetrator_sex,perpetrator_age,perpetrator_relation,"
				    "perpetrator_prosecuted,trafficking_return,in_need,"
				    "consent_statistics,services,referrals,counselling_sessions,"
				    "closed_on\r\n");
	if (!err)
		err = case_each(s, unit, 7, export_one, out, ncases, e);
	if (err)
		return err;
	snprintf(detail, sizeof(detail), "%zu cases", *ncases);
	return case_log(s->db, s->t, s->who, unit, CASE_EXPORT, NULL, detail, true, e);
}
