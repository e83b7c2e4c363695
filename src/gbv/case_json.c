/*
 * case_json.c: the case register's JSON: a case read from the JSON of
 * cases.h (every field checked, unknown keys refused, messages that name
 * the field and never repeat what was written in it), and cases, lists and
 * the access log written as JSON.  The operations that read and check
 * access are cases.c's; this file only reads and writes the text.
 */
#include "cases_int.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "util/i18n.h"

#include "util/banned.h"

/* --- a case from JSON ------------------------------------------------------- */

static enum gemis_err want_enum(json_t *o, const char *key, const char *field,
				const char *const *list, size_t n, bool required,
				const char **out, struct errctx *e)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return case_bad(e, field, _("is required"));
		return GEMIS_OK;
	}
	if (!json_is_string(v) || case_code_find(list, n, json_string_value(v)) < 0) {
		char allowed[512] = "";
		size_t i, len = 0;

		for (i = 0; i < n; i++) {
			int w = snprintf(allowed + len, sizeof(allowed) - len, "%s%s", i ? ", " : "",
					 list[i]);

			if (w < 0 || (size_t)w >= sizeof(allowed) - len)
				break;
			len += (size_t)w;
		}
		return err_set_at(e, GEMIS_EINVAL, field, _("must be one of: %s"), allowed);
	}
	*out = json_string_value(v);
	return GEMIS_OK;
}

static enum gemis_err want_bool(json_t *o, const char *key, bool dflt, bool *out,
				struct errctx *e)
{
	json_t *v = json_object_get(o, key);

	*out = dflt;
	if (!v || json_is_null(v))
		return GEMIS_OK;
	if (!json_is_boolean(v))
		return case_bad(e, key, _("must be true or false"));
	*out = json_is_true(v);
	return GEMIS_OK;
}

static enum gemis_err only_keys(json_t *o, const char *const *keys, size_t n, const char *where,
				struct errctx *e)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		char list[256] = "";
		size_t i, at = 0;

		(void)v;
		if (case_code_find(keys, n, k) >= 0)
			continue;
		/* the key is not repeated: what someone typed there may be
		 * anything, a name too */
		for (i = 0; i < n && at < sizeof(list); i++)
			at += (size_t)snprintf(list + at, sizeof(list) - at, "%s%s", i ? ", " : "", keys[i]);
		return err_set_at(e, GEMIS_EINVAL, where, _("an unknown key: the keys here are %s"), list);
	}
	return GEMIS_OK;
}

/* "context": one of the contexts or a list of them, kept as
 * "domestic,intimate_partner". */
static enum gemis_err parse_context(json_t *v, struct case_in *c, struct errctx *e)
{
	bool seen[NELEM(case_contexts)] = {false};
	size_t i, k, len = 0;
	json_t *x;

	if (json_is_string(v)) {
		int ci = case_code_find(case_contexts, NELEM(case_contexts), json_string_value(v));

		if (ci < 0)
			return case_bad(e, "context", _("must be \"domestic\", \"intimate_partner\" or a list of them"));
		seen[ci] = true;
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			int ci = json_is_string(x)
					 ? case_code_find(case_contexts, NELEM(case_contexts), json_string_value(x))
					 : -1;

			if (ci < 0)
				return case_bad(e, "context", _("must be \"domestic\", \"intimate_partner\" or a list of them"));
			seen[ci] = true;
		}
	} else {
		return case_bad(e, "context", _("must be \"domestic\", \"intimate_partner\" or a list of them"));
	}
	for (k = 0; k < NELEM(case_contexts); k++) {
		if (seen[k]) {
			int w = snprintf(c->context + len, sizeof(c->context) - len, "%s%s",
					 len ? "," : "", case_contexts[k]);

			if (w > 0)
				len += (size_t)w;
		}
	}
	c->has_context = len > 0;
	return GEMIS_OK;
}

/* "perpetrator": an object (sex, age_group, relation, prosecuted). */
static enum gemis_err parse_perpetrator(json_t *pv, struct case_in *c, struct errctx *e)
{
	static const char *const perp[] = {"sex", "age_group", "relation", "prosecuted"};
	static const char *const sexes[] = {"F", "M"};
	enum gemis_err err;

	if (!json_is_object(pv))
		return case_bad(e, "perpetrator", _("must be an object or null"));
	c->has_perp = true;
	err = only_keys(pv, perp, NELEM(perp), "perpetrator", e);
	if (!err)
		err = want_enum(pv, "sex", "perpetrator.sex", sexes, NELEM(sexes), true,
				&c->perp_sex, e);
	if (!err)
		err = want_enum(pv, "age_group", "perpetrator.age_group", case_ages, NELEM(case_ages), false,
				&c->perp_age, e);
	if (!err)
		err = want_enum(pv, "relation", "perpetrator.relation", case_relations,
				NELEM(case_relations), false, &c->perp_rel, e);
	if (!err)
		err = want_bool(pv, "prosecuted", false, &c->prosecuted, e);
	return err;
}

enum gemis_err case_parse(json_t *root, struct case_in *c, struct errctx *e)
{
	static const char *const top[] = {"detected", "source", "survivor", "type", "context",
					  "perpetrator", "trafficking_return", "in_need",
					  "consent_statistics", "notes"};
	static const char *const surv[] = {"sex", "age_group"};
	static const char *const sexes[] = {"F", "M"};
	json_t *v, *sv, *pv;
	enum gemis_err err;
	struct date day;

	memset(c, 0, sizeof(*c));
	if (!json_is_object(root))
		return case_bad(e, "", _("a case is a JSON object"));
	err = only_keys(root, top, NELEM(top), "case", e);
	if (err)
		return err;
	v = json_object_get(root, "detected");
	if (!json_is_string(v) || !case_date_ok(json_string_value(v)))
		return case_bad(e, "detected", _("must be a date YYYY-MM-DD, not in the future"));
	c->detected = json_string_value(v);
	case_date_parse(c->detected, &day);
	c->year = day.y;
	err = want_enum(root, "source", "source", case_sources, NELEM(case_sources), true, &c->source, e);
	if (err)
		return err;
	sv = json_object_get(root, "survivor");
	if (!json_is_object(sv))
		return case_bad(e, "survivor", _("is required: {\"sex\": \"F\" or \"M\", \"age_group\": ...}"));
	err = only_keys(sv, surv, NELEM(surv), "survivor", e);
	if (!err)
		err = want_enum(sv, "sex", "survivor.sex", sexes, NELEM(sexes), true, &c->surv_sex, e);
	if (!err)
		err = want_enum(sv, "age_group", "survivor.age_group", case_ages, NELEM(case_ages), true,
				&c->surv_age, e);
	if (!err)
		err = want_enum(root, "type", "type", case_types, NELEM(case_types), false, &c->type, e);
	if (!err)
		err = want_bool(root, "trafficking_return", false, &c->trafficking, e);
	if (!err)
		err = want_bool(root, "in_need", true, &c->in_need, e);
	if (err)
		return err;
	if (!json_is_boolean(json_object_get(root, "consent_statistics")))
		return case_bad(e, "consent_statistics", _("is required: true or false"));
	c->consent = json_is_true(json_object_get(root, "consent_statistics"));
	if (!c->type && !c->trafficking)
		return case_bad(e, "type", _("is required unless the case is a trafficking return"));
	v = json_object_get(root, "context");
	if (v && !json_is_null(v)) {
		err = parse_context(v, c, e);
		if (err)
			return err;
	}
	pv = json_object_get(root, "perpetrator");
	if (pv && !json_is_null(pv)) {
		err = parse_perpetrator(pv, c, e);
		if (err)
			return err;
	}
	v = json_object_get(root, "notes");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v))
			return case_bad(e, "notes", _("must be text"));
		if (json_string_length(v) > CASE_NOTE_MAX)
			return case_bad(e, "notes", _("is too long (at most 16384 bytes)"));
		if (json_string_length(v) > 0)
			c->notes = json_string_value(v);
	}
	return GEMIS_OK;
}

/* --- a case as JSON ----------------------------------------------------------- */

static enum gemis_err json_str(struct buf *b, const char *s, bool null)
{
	enum gemis_err err;

	if (null)
		return buf_puts(b, "null");
	err = buf_putc(b, '"');
	if (!err)
		err = buf_json_escape(b, s, strlen(s));
	if (!err)
		err = buf_putc(b, '"');
	return err;
}

struct events_out {
	struct case_session *s;
	const char *code;
	struct buf *b, v;
	bool first;
};

static enum gemis_err event_json(void *ctx, const struct case_event_stored *ev, struct errctx *e)
{
	static const char *const names[] = {"service", "date", "note"};
	struct events_out *x = ctx;
	enum gemis_err err;
	char field[40];
	bool null;
	int k;

	err = buf_printf(x->b, "%s\n    {\"seq\": %lld, \"kind\": ", x->first ? "" : ",", ev->seq);
	x->first = false;
	if (!err)
		err = json_str(x->b, ev->kind, false);
	for (k = 0; k < 3 && !err; k++) {
		snprintf(field, sizeof(field), "event/%lld/%s", ev->seq, names[k]);
		err = case_unseal_field(x->s, ev->ct[k], x->code, field, &x->v, &null, e);
		if (!err)
			err = buf_printf(x->b, ", \"%s\": ", names[k]);
		if (!err)
			err = json_str(x->b, buf_str(&x->v), null);
	}
	if (!err)
		err = buf_putc(x->b, '}');
	return err;
}

enum gemis_err case_json_events(struct case_session *s, long long id, const char *code, struct buf *b,
				struct errctx *e)
{
	struct events_out x = {s, code, b, {0}, true};
	enum gemis_err err;

	buf_init(&x.v, CASE_NOTE_MAX + 64);
	err = buf_puts(b, "[");
	if (!err)
		err = cases_events_each(s->db, id, event_json, &x, e);
	if (!err)
		err = buf_puts(b, x.first ? "]" : "\n  ]");
	if (x.v.p)
		sodium_memzero(x.v.p, x.v.cap);
	buf_release(&x.v);
	return err;
}

enum gemis_err case_json_case(struct case_session *s, const struct case_stored *c, int unit,
			      struct buf *b, struct errctx *e)
{
	struct case_opened o;
	enum gemis_err err;

	case_opened_init(&o);
	err = case_open_row(s, c, &o, CASE_SEALED, e);
	if (err)
		goto out;
	/* the fields, appended one after the other: b remembers the first error */
	buf_puts(b, "{\n  \"code\": ");
	json_str(b, c->code, false);
	buf_printf(b, ",\n  \"unit\": \"%s\",\n  \"detected\": ", s->t->units[unit].code);
	json_str(b, buf_str(&o.f[0]), o.null[0]);
	buf_puts(b, ",\n  \"source\": ");
	json_str(b, buf_str(&o.f[1]), o.null[1]);
	buf_puts(b, ",\n  \"survivor\": {\"sex\": ");
	json_str(b, c->survivor_sex, false);
	buf_puts(b, ", \"age_group\": ");
	json_str(b, buf_str(&o.f[2]), o.null[2]);
	buf_puts(b, "},\n  \"type\": ");
	json_str(b, buf_str(&o.f[3]), o.null[3]);
	buf_puts(b, ",\n  \"context\": ");
	if (o.null[4]) {
		buf_puts(b, "[]");
	} else {
		/* stored as "domestic,intimate_partner" */
		const char *p = buf_str(&o.f[4]);

		buf_puts(b, "[\"");
		for (; *p; p++)
			*p == ',' ? buf_puts(b, "\", \"") : buf_putc(b, *p);
		buf_puts(b, "\"]");
	}
	buf_puts(b, ",\n  \"perpetrator\": ");
	if (!c->perpetrator_sex) {
		buf_puts(b, "null");
	} else {
		buf_puts(b, "{\"sex\": ");
		json_str(b, c->perpetrator_sex, false);
		buf_puts(b, ", \"age_group\": ");
		json_str(b, buf_str(&o.f[5]), o.null[5]);
		buf_puts(b, ", \"relation\": ");
		json_str(b, buf_str(&o.f[6]), o.null[6]);
		buf_printf(b, ", \"prosecuted\": %s}", c->prosecuted ? "true" : "false");
	}
	buf_printf(b, ",\n  \"trafficking_return\": %s,\n  \"in_need\": %s,"
		   "\n  \"consent_statistics\": %s,\n  \"notes\": ",
		   c->trafficking_return ? "true" : "false",
		   !c->trafficking_return ? "null" : c->in_need ? "true" : "false",
		   c->consent ? "true" : "false");
	json_str(b, buf_str(&o.f[7]), o.null[7]);
	buf_puts(b, ",\n  \"closed_on\": ");
	json_str(b, c->closed_on ? c->closed_on : "", !c->closed_on);
	buf_puts(b, ",\n  \"closure_note\": ");
	json_str(b, buf_str(&o.f[8]), o.null[8]);
	buf_puts(b, ",\n  \"events\": ");
	err = buf_error(b);
out:
	case_opened_release(&o);
	return err;
}

/* --- lists and the log --------------------------------------------------------- */

enum gemis_err case_json_summary(struct buf *b, bool first, const struct case_summary *c)
{
	/* appended one after the other: b remembers the first error */
	buf_puts(b, first ? "[{\"code\": " : ",\n {\"code\": ");
	json_str(b, c->code, false);
	buf_puts(b, ", \"detected\": ");
	json_str(b, c->detected ? c->detected : "", !c->detected);
	buf_puts(b, ", \"survivor_sex\": ");
	json_str(b, c->survivor_sex, false);
	buf_puts(b, ", \"type\": ");
	json_str(b, c->type ? c->type : "", !c->type);
	buf_printf(b, ", \"services\": %lld, \"referrals\": %lld, \"counselling\": %lld,"
		      " \"closed_on\": ", c->services, c->referrals, c->counselling);
	json_str(b, c->closed_on ? c->closed_on : "", !c->closed_on);
	buf_putc(b, '}');
	return buf_error(b);
}

enum gemis_err case_json_log_line(struct buf *b, bool first, const struct case_log_line *l)
{
	static const char *const keys[] = {"user", "role", "unit", "action", "case", "detail"};
	const char *f[6] = {l->user, l->role, l->unit, l->action, l->case_code, l->detail};
	char when[32];
	int k;

	case_log_when(l->at, when);
	buf_printf(b, "%s\n  {\"id\": %lld, \"at\": \"%s\"", first ? "[" : ",", l->id, when);
	for (k = 0; k < 6; k++) {
		buf_printf(b, ", \"%s\": ", keys[k]);
		json_str(b, f[k] ? f[k] : "", !f[k]);
	}
	buf_printf(b, ", \"allowed\": %s}", l->allowed ? "true" : "false");
	return buf_error(b);
}
