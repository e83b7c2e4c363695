/*
 * cases.c: the case register: recording, reading, exporting and erasing
 * cases, each step checked by policy.c and written to the access log.
 * The fields are sealed here (casekey.c); the rows are store/cases.c's.
 */
#include "cases.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "core/date.h"
#include "store/cases.h"
#include "store/register.h"
#include "store/sessions.h"
#include "store/store.h"
#include "store/users.h"
#include "util/i18n.h"

#include "util/banned.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const sources[] = {"hotline", "trusted_address", "police", "health_station",
				      "school", "village"};
static const char *const types[] = {"rape", "sexual_assault", "physical_assault",
				    "forced_marriage", "denial_of_resources", "psychological_abuse"};
static const char *const contexts[] = {"domestic", "intimate_partner"};
static const char *const ages[] = {"0-11", "12-17", "18-24", "25-59", "60+", "unknown"};
static const char *const relations[] = {"spouse", "former_spouse", "intimate_partner", "parent",
					"other_family", "caregiver", "employer", "teacher",
					"neighbour", "acquaintance", "stranger", "other", "unknown"};
static const char *const services[CASE_SERVICE_COUNT] = {
	"health_care", "psychosocial", "legal_aid", "police_protection", "safe_house",
	"economic_support"};
static const char *const event_kinds[] = {"service", "referral", "counselling"};

static int find_id(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++) {
		if (strcmp(list[i], s) == 0)
			return (int)i;
	}
	return -1;
}

const char *case_service_id(int s)
{
	return s >= 0 && s < CASE_SERVICE_COUNT ? services[s] : "?";
}

int case_service_parse(const char *s)
{
	return find_id(services, NELEM(services), s);
}

/* --- dates ------------------------------------------------------------------ */

/* A date of the register: a day (core/date.h) of a year the counts can
 * hold as a period. */
static bool case_date(const char *s, struct date *d)
{
	return s && date_parse_iso(s, strlen(s), d) && d->y >= PERIOD_MIN_YEAR && d->y <= PERIOD_MAX_YEAR;
}

bool case_date_valid(const char *s)
{
	struct date d;

	return case_date(s, &d);
}

/* Days since 1970-01-01, -1 when s is no date of the register. */
static long days_of(const char *s)
{
	struct date d;

	return case_date(s, &d) ? (long)date_days(d) : -1;
}

void case_today(char out[11])
{
	date_format_iso(vn_date((long long)time(NULL)), out);
}

/* A date of the register: valid and not after today. */
static bool date_ok(const char *s)
{
	char today[11];

	case_today(today);
	return case_date_valid(s) && strcmp(s, today) <= 0;
}

/* --- the access log ----------------------------------------------------------- */

enum gemis_err case_log(struct db *db, const struct tree *t, const struct principal *who, int unit,
			enum case_action a, const char *code, const char *detail, bool allowed,
			struct errctx *e)
{
	const char *uc = unit >= 0 && (size_t)unit < t->n ? t->units[unit].code : NULL;

	struct case_log_line l = {0, (long long)time(NULL), who->name, role_id(who->role), uc,
				  case_action_id(a), code, detail, allowed};

	return cases_log_add(db, &l, e);
}

/* Logs a refusal and answers it the same way whether or not the case exists. */
static enum gemis_err refuse(struct case_session *s, int unit, enum case_action a,
			     const char *code, const char *why, struct errctx *e)
{
	struct errctx le = {0};

	if (case_log(s->db, s->t, s->who, unit, a, code, why, false, &le))
		return err_set(e, le.code, "%s", le.msg);
	if (code)
		return err_set(e, GEMIS_EPERM, _("there is no case %s that you may see or change"),
			       code);
	return err_set(e, GEMIS_EPERM,
		       _("only the case workers of a commune may see or change its cases"));
}

/* --- keys and sealing --------------------------------------------------------- */

static enum gemis_err check_key(struct case_session *s, struct errctx *e)
{
	struct buf id;
	bool found = false;
	enum gemis_err err;

	if (!s->key)
		return err_set(e, GEMIS_EAUTH,
			       _("the case register key is needed: give --case-key FILE or set "
				 "GEMIS_CASE_KEY_FILE (create one with `gemis case keygen FILE`)"));
	buf_init(&id, 64);
	err = store_meta_get(s->db, "case_key_id", &id, &found, e);
	if (!err && !found)
		err = store_meta_set(s->db, "case_key_id", s->key->id, e);
	else if (!err && strcmp(buf_str(&id), s->key->id) != 0)
		err = err_set(e, GEMIS_EAUTH,
			      _("this key (id %s) is not the key of this register (id %s)"),
			      s->key->id, buf_str(&id));
	buf_release(&id);
	return err;
}

struct sealed {
	struct buf b[12];
	size_t n;
};

static void sealed_init(struct sealed *x)
{
	size_t i;

	for (i = 0; i < NELEM(x->b); i++)
		buf_init(&x->b[i], CASE_NOTE_MAX * 2);
	x->n = 0;
}

static void sealed_release(struct sealed *x)
{
	size_t i;

	for (i = 0; i < NELEM(x->b); i++)
		buf_release(&x->b[i]);
}

/* Seals text into *out (text NULL: out stays a NULL). */
static enum gemis_err seal(struct case_session *s, struct sealed *x, struct case_blob *out,
			   const char *code, const char *field, const char *text)
{
	struct buf *b;
	enum gemis_err err;

	out->p = NULL;
	out->len = 0;
	if (!text)
		return GEMIS_OK;
	if (x->n >= NELEM(x->b))
		return GEMIS_ELIMIT;
	b = &x->b[x->n++];
	err = case_seal(s->key, code, field, text, strlen(text), b);
	if (!err) {
		out->p = b->p;
		out->len = b->len;
	}
	return err;
}

static enum gemis_err unseal(struct case_session *s, struct case_blob in, const char *code,
			     const char *field, struct buf *out, bool *null, struct errctx *e)
{
	*null = in.p == NULL;
	buf_reset(out);
	if (*null)
		return GEMIS_OK;
	return case_unseal(s->key, code, field, in.p, in.len, out, e);
}

/* --- case codes and lookup -------------------------------------------------- */

static void new_code(char code[CASE_CODE_CHARS + 1])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; /* Crockford */
	unsigned char r[12];
	size_t i, k = 0;

	randombytes_buf(r, sizeof(r));
	for (i = 0; i < 12; i++) {
		if (i && i % 4 == 0)
			code[k++] = '-';
		code[k++] = alphabet[r[i] & 31];
	}
	code[k] = '\0';
	sodium_memzero(r, sizeof(r));
}

static int unit_of_id(const struct tree *t, long long id)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->units[i].id == id)
			return (int)i;
	}
	return -1;
}

struct case_row {
	long long id;
	int unit;
	bool closed;
};

/* Finds a case and checks that the principal may do a on it; logs and
 * refuses otherwise. */
static enum gemis_err open_case(struct case_session *s, const char *code, enum case_action a,
				struct case_row *row, struct errctx *e)
{
	long long unit_id = 0;
	bool found = false;
	enum gemis_err err;

	memset(row, 0, sizeof(*row));
	row->unit = -1;
	err = cases_find(s->db, code, &found, &row->id, &unit_id, &row->closed, e);
	if (err)
		return err;
	if (found)
		row->unit = unit_of_id(s->t, unit_id);
	if (!found)
		return refuse(s, s->who->unit, a, code, "no such case", e);
	if (!case_may(s->t, s->who, a, row->unit))
		return refuse(s, row->unit, a, code, "not permitted", e);
	return GEMIS_OK;
}

/* --- adding a case -------------------------------------------------------------- */

struct case_in {
	const char *detected, *source, *surv_sex, *surv_age, *type, *perp_sex, *perp_age,
		*perp_rel, *notes;
	char context[40];
	bool has_context, has_perp, prosecuted, trafficking, in_need, consent;
	int year;
};

static enum gemis_err bad(struct errctx *e, const char *field, const char *msg)
{
	return err_set_at(e, GEMIS_EINVAL, field, "%s", msg);
}

static enum gemis_err want_enum(json_t *o, const char *key, const char *field,
				const char *const *list, size_t n, bool required,
				const char **out, struct errctx *e)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return bad(e, field, _("is required"));
		return GEMIS_OK;
	}
	if (!json_is_string(v) || find_id(list, n, json_string_value(v)) < 0) {
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
		return bad(e, key, _("must be true or false"));
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
		if (find_id(keys, n, k) >= 0)
			continue;
		/* the key is not repeated: what someone typed there may be
		 * anything, a name too */
		for (i = 0; i < n && at < sizeof(list); i++)
			at += (size_t)snprintf(list + at, sizeof(list) - at, "%s%s", i ? ", " : "", keys[i]);
		return err_set_at(e, GEMIS_EINVAL, where, _("an unknown key: the keys here are %s"), list);
	}
	return GEMIS_OK;
}

static enum gemis_err parse_case(json_t *root, struct case_in *c, struct errctx *e)
{
	static const char *const top[] = {"detected", "source", "survivor", "type", "context",
					  "perpetrator", "trafficking_return", "in_need",
					  "consent_statistics", "notes"};
	static const char *const surv[] = {"sex", "age_group"};
	static const char *const perp[] = {"sex", "age_group", "relation", "prosecuted"};
	static const char *const sexes[] = {"F", "M"};
	json_t *v, *sv, *pv;
	enum gemis_err err;
	struct date day;

	memset(c, 0, sizeof(*c));
	if (!json_is_object(root))
		return bad(e, "", _("a case is a JSON object"));
	err = only_keys(root, top, NELEM(top), "case", e);
	if (err)
		return err;
	v = json_object_get(root, "detected");
	if (!json_is_string(v) || !date_ok(json_string_value(v)))
		return bad(e, "detected", _("must be a date YYYY-MM-DD, not in the future"));
	c->detected = json_string_value(v);
	case_date(c->detected, &day);
	c->year = day.y;
	err = want_enum(root, "source", "source", sources, NELEM(sources), true, &c->source, e);
	if (err)
		return err;
	sv = json_object_get(root, "survivor");
	if (!json_is_object(sv))
		return bad(e, "survivor", _("is required: {\"sex\": \"F\" or \"M\", \"age_group\": ...}"));
	err = only_keys(sv, surv, NELEM(surv), "survivor", e);
	if (!err)
		err = want_enum(sv, "sex", "survivor.sex", sexes, NELEM(sexes), true, &c->surv_sex, e);
	if (!err)
		err = want_enum(sv, "age_group", "survivor.age_group", ages, NELEM(ages), true,
				&c->surv_age, e);
	if (!err)
		err = want_enum(root, "type", "type", types, NELEM(types), false, &c->type, e);
	if (!err)
		err = want_bool(root, "trafficking_return", false, &c->trafficking, e);
	if (!err)
		err = want_bool(root, "in_need", true, &c->in_need, e);
	if (err)
		return err;
	if (!json_is_boolean(json_object_get(root, "consent_statistics")))
		return bad(e, "consent_statistics", _("is required: true or false"));
	c->consent = json_is_true(json_object_get(root, "consent_statistics"));
	if (!c->type && !c->trafficking)
		return bad(e, "type", _("is required unless the case is a trafficking return"));
	v = json_object_get(root, "context");
	if (v && !json_is_null(v)) {
		bool seen[NELEM(contexts)] = {false};
		size_t i, k, len = 0;
		json_t *x;

		if (json_is_string(v)) {
			int ci = find_id(contexts, NELEM(contexts), json_string_value(v));

			if (ci < 0)
				return bad(e, "context", _("must be \"domestic\", \"intimate_partner\" or a list of them"));
			seen[ci] = true;
		} else if (json_is_array(v)) {
			json_array_foreach(v, i, x) {
				int ci = json_is_string(x) ? find_id(contexts, NELEM(contexts), json_string_value(x)) : -1;

				if (ci < 0)
					return bad(e, "context", _("must be \"domestic\", \"intimate_partner\" or a list of them"));
				seen[ci] = true;
			}
		} else {
			return bad(e, "context", _("must be \"domestic\", \"intimate_partner\" or a list of them"));
		}
		for (k = 0; k < NELEM(contexts); k++) {
			if (seen[k]) {
				int w = snprintf(c->context + len, sizeof(c->context) - len, "%s%s",
						 len ? "," : "", contexts[k]);

				if (w > 0)
					len += (size_t)w;
			}
		}
		c->has_context = len > 0;
	}
	pv = json_object_get(root, "perpetrator");
	if (pv && !json_is_null(pv)) {
		if (!json_is_object(pv))
			return bad(e, "perpetrator", _("must be an object or null"));
		c->has_perp = true;
		err = only_keys(pv, perp, NELEM(perp), "perpetrator", e);
		if (!err)
			err = want_enum(pv, "sex", "perpetrator.sex", sexes, NELEM(sexes), true,
					&c->perp_sex, e);
		if (!err)
			err = want_enum(pv, "age_group", "perpetrator.age_group", ages, NELEM(ages), false,
					&c->perp_age, e);
		if (!err)
			err = want_enum(pv, "relation", "perpetrator.relation", relations,
					NELEM(relations), false, &c->perp_rel, e);
		if (!err)
			err = want_bool(pv, "prosecuted", false, &c->prosecuted, e);
		if (err)
			return err;
	}
	v = json_object_get(root, "notes");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v))
			return bad(e, "notes", _("must be text"));
		if (json_string_length(v) > CASE_NOTE_MAX)
			return bad(e, "notes", _("is too long (at most 16384 bytes)"));
		if (json_string_length(v) > 0)
			c->notes = json_string_value(v);
	}
	return GEMIS_OK;
}

enum gemis_err case_add(struct case_session *s, int unit, const char *json, size_t len,
			char code[CASE_CODE_CHARS + 1], struct errctx *e)
{
	struct case_in c;
	json_error_t jerr;
	json_t *root = NULL;
	struct case_new row;
	struct sealed x;
	bool tx = false;
	enum gemis_err err;
	int attempt;

	sealed_init(&x);
	code[0] = '\0';
	if (!case_may(s->t, s->who, CASE_ADD, unit)) {
		err = refuse(s, unit, CASE_ADD, NULL, "not permitted", e);
		goto out;
	}
	err = check_key(s, e);
	if (err)
		goto out;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		/* jansson's text can quote the input: give the position only */
		err = err_set_at(e, GEMIS_EINVAL, "case", _("not valid JSON (line %d, column %d)"),
				 jerr.line, jerr.column);
		goto out;
	}
	err = parse_case(root, &c, e);
	if (err)
		goto out;
	err = db_begin(s->db, e);
	if (err)
		goto out;
	tx = true;
	for (attempt = 0; attempt < 5; attempt++) {
		bool taken;

		new_code(code);
		err = cases_code_taken(s->db, code, &taken, e);
		if (err || !taken)
			break;
	}
	if (err)
		goto out;
	row = (struct case_new){code, s->t->units[unit].id, c.year, c.surv_sex,
				c.has_perp ? c.perp_sex : NULL, c.type != NULL, c.trafficking,
				c.trafficking && c.in_need, c.prosecuted, c.consent, s->key->id,
				s->who->name, (long long)time(NULL), {{0}}};
	err = seal(s, &x, &row.ct[0], code, "detected", c.detected);
	if (!err)
		err = seal(s, &x, &row.ct[1], code, "source", c.source);
	if (!err)
		err = seal(s, &x, &row.ct[2], code, "survivor_age", c.surv_age);
	if (!err)
		err = seal(s, &x, &row.ct[3], code, "type", c.type);
	if (!err)
		err = seal(s, &x, &row.ct[4], code, "context", c.has_context ? c.context : NULL);
	if (!err)
		err = seal(s, &x, &row.ct[5], code, "perpetrator_age", c.perp_age);
	if (!err)
		err = seal(s, &x, &row.ct[6], code, "perpetrator_relation", c.perp_rel);
	if (!err)
		err = seal(s, &x, &row.ct[7], code, "notes", c.notes);
	if (!err)
		err = cases_insert(s->db, &row, e);
	if (!err)
		err = case_log(s->db, s->t, s->who, unit, CASE_ADD, code, NULL, true, e);
	/* the indicators count it: servers holding a snapshot reload */
	if (!err)
		err = store_data_changed(s->db, e);
	if (!err)
		err = db_commit(s->db, e);
	if (!err)
		tx = false;
out:
	if (tx)
		db_rollback(s->db);
	if (err)
		code[0] = '\0';
	json_decref(root);
	sealed_release(&x);
	return err;
}

/* --- events and closure ---------------------------------------------------- */

/* What a step of a case (a service, a referral, counselling, the closure)
 * checks before it is written: its date and note, and that the case is
 * still open. */
static enum gemis_err step_inputs(const struct case_row *row, const char *code, const char *date,
				  const char *note, struct errctx *e)
{
	if (!date_ok(date))
		return bad(e, "--date", _("must be a date YYYY-MM-DD, not in the future"));
	if (note && strlen(note) > CASE_NOTE_MAX)
		return bad(e, "note", _("is too long (at most 16384 bytes)"));
	if (row->closed)
		return err_set(e, GEMIS_ECONFLICT, _("case %s is closed"), code);
	return GEMIS_OK;
}

enum gemis_err case_add_event(struct case_session *s, const char *code, enum case_event kind,
			      int service, const char *date, const char *note, struct errctx *e)
{
	struct case_row row;
	struct case_blob ct[3];
	struct sealed x;
	char field[3][40], detail[64];
	long long seq = 0, now = (long long)time(NULL);
	bool tx = false;
	enum gemis_err err;

	sealed_init(&x);
	err = open_case(s, code, CASE_UPDATE, &row, e);
	if (!err)
		err = check_key(s, e);
	if (err)
		goto out;
	if (kind != CASE_EV_COUNSELLING && (service < 0 || service >= CASE_SERVICE_COUNT)) {
		err = bad(e, "--service", _("unknown service"));
		goto out;
	}
	err = step_inputs(&row, code, date, note, e);
	if (err)
		goto out;
	err = db_begin(s->db, e);
	if (err)
		goto out;
	tx = true;
	err = cases_event_next(s->db, row.id, &seq, e);
	if (err)
		goto out;
	snprintf(field[0], sizeof(field[0]), "event/%lld/service", seq);
	snprintf(field[1], sizeof(field[1]), "event/%lld/date", seq);
	snprintf(field[2], sizeof(field[2]), "event/%lld/note", seq);
	err = seal(s, &x, &ct[0], code, field[0], kind == CASE_EV_COUNSELLING ? NULL : services[service]);
	if (!err)
		err = seal(s, &x, &ct[1], code, field[1], date);
	if (!err)
		err = seal(s, &x, &ct[2], code, field[2], note && *note ? note : NULL);
	if (!err)
		err = cases_event_insert(s->db, row.id, seq, event_kinds[kind], now, s->who->name, ct, e);
	/* the log says what kind of step, not which service: that is sealed */
	snprintf(detail, sizeof(detail), "%s", event_kinds[kind]);
	if (!err)
		err = case_log(s->db, s->t, s->who, row.unit, CASE_UPDATE, code, detail, true, e);
	if (!err)
		err = store_data_changed(s->db, e);
	if (!err)
		err = db_commit(s->db, e);
	if (!err)
		tx = false;
out:
	if (tx)
		db_rollback(s->db);
	sealed_release(&x);
	return err;
}

enum gemis_err case_close(struct case_session *s, const char *code, const char *date,
			  const char *note, struct errctx *e)
{
	struct case_row row;
	struct case_blob closure;
	struct sealed x;
	bool tx = false;
	enum gemis_err err;

	sealed_init(&x);
	err = open_case(s, code, CASE_UPDATE, &row, e);
	if (!err)
		err = check_key(s, e);
	if (err)
		goto out;
	err = step_inputs(&row, code, date, note, e);
	if (err)
		goto out;
	err = db_begin(s->db, e);
	if (err)
		goto out;
	tx = true;
	err = seal(s, &x, &closure, code, "closure", note && *note ? note : NULL);
	if (!err)
		err = cases_close_row(s->db, row.id, date, closure, (long long)time(NULL), e);
	if (!err)
		err = case_log(s->db, s->t, s->who, row.unit, CASE_UPDATE, code, "close", true, e);
	if (!err)
		err = db_commit(s->db, e);
	if (!err)
		tx = false;
out:
	if (tx)
		db_rollback(s->db);
	sealed_release(&x);
	return err;
}

/* --- reading ------------------------------------------------------------------- */

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

static const char *const ct_fields[CASE_SEALED] = {"detected", "source", "survivor_age", "type",
						   "context", "perpetrator_age",
						   "perpetrator_relation", "notes", "closure"};
#define NCT CASE_SEALED

struct opened {
	struct buf f[NCT];
	bool null[NCT];
};

static void opened_init(struct opened *o)
{
	size_t i;

	for (i = 0; i < NCT; i++)
		buf_init(&o->f[i], CASE_NOTE_MAX + 64);
}

static void opened_release(struct opened *o)
{
	size_t i;

	for (i = 0; i < NCT; i++) {
		if (o->f[i].p)
			sodium_memzero(o->f[i].p, o->f[i].cap);
		buf_release(&o->f[i]);
	}
}

/* Opens the first `upto` sealed fields of a case. */
static enum gemis_err open_row(struct case_session *s, const struct case_stored *c,
			       struct opened *o, size_t upto, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	size_t i;

	for (i = 0; i < upto && !err; i++)
		err = unseal(s, c->ct[i], c->code, ct_fields[i], &o->f[i], &o->null[i], e);
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
		err = unseal(x->s, ev->ct[k], x->code, field, &x->v, &null, e);
		if (!err)
			err = buf_printf(x->b, ", \"%s\": ", names[k]);
		if (!err)
			err = json_str(x->b, buf_str(&x->v), null);
	}
	if (!err)
		err = buf_putc(x->b, '}');
	return err;
}

static enum gemis_err events_json(struct case_session *s, long long id, const char *code,
				  struct buf *b, struct errctx *e)
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

struct show {
	struct case_session *s;
	const struct case_row *row;
	struct buf *b;
	bool seen;
};

static enum gemis_err show_one(void *ctx, const struct case_stored *c, struct errctx *e)
{
	struct show *x = ctx;
	struct buf *b = x->b;
	struct opened o;
	enum gemis_err err;

	x->seen = true;
	opened_init(&o);
	err = open_row(x->s, c, &o, NCT, e);
	if (err)
		goto out;
	/* the fields, appended one after the other: b remembers the first error */
	buf_puts(b, "{\n  \"code\": ");
	json_str(b, c->code, false);
	buf_printf(b, ",\n  \"unit\": \"%s\",\n  \"detected\": ", x->s->t->units[x->row->unit].code);
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
	opened_release(&o);
	return err;
}

enum gemis_err case_show(struct case_session *s, const char *code, struct buf *b,
			 struct errctx *e)
{
	struct case_row row;
	struct show x = {s, &row, b, false};
	enum gemis_err err;

	err = open_case(s, code, CASE_READ, &row, e);
	if (!err)
		err = check_key(s, e);
	if (!err)
		err = case_log(s->db, s->t, s->who, row.unit, CASE_READ, code, NULL, true, e);
	if (!err)
		err = cases_get(s->db, row.id, show_one, &x, e);
	if (!err && !x.seen)
		err = err_set(e, GEMIS_ENOTFOUND, _("case %s vanished while being read"), code);
	if (!err)
		err = events_json(s, row.id, code, b, e);
	if (!err)
		err = buf_puts(b, "\n}\n");
	return err;
}

/* Counts a case's events by kind. */
static enum gemis_err event_counts(struct db *db, long long id, long long n[3], struct errctx *e)
{
	return cases_event_counts(db, id, event_kinds, NELEM(event_kinds), n, e);
}

typedef enum gemis_err (*case_fn)(struct case_session *s, const struct case_stored *c,
				  struct opened *o, void *ctx, struct errctx *e);

struct each {
	struct case_session *s;
	size_t upto, count;
	struct opened o;
	case_fn fn;
	void *ctx;
};

static enum gemis_err each_one(void *ctx, const struct case_stored *c, struct errctx *e)
{
	struct each *x = ctx;
	enum gemis_err err = open_row(x->s, c, &x->o, x->upto, e);

	if (!err)
		err = x->fn(x->s, c, &x->o, x->ctx, e);
	x->count++;
	return err;
}

/* Runs fn on every case of the unit, in order of code, with its first
 * `upto` sealed fields opened. */
static enum gemis_err each_case(struct case_session *s, int unit, size_t upto, case_fn fn,
				void *ctx, size_t *count, struct errctx *e)
{
	struct each x = {s, upto, 0, {{{0}}}, fn, ctx};
	enum gemis_err err;

	opened_init(&x.o);
	err = cases_each(s->db, s->t->units[unit].id, each_one, &x, e);
	opened_release(&x.o);
	*count = x.count;
	return err;
}

static enum gemis_err list_one(struct case_session *s, const struct case_stored *c,
			       struct opened *o, void *ctx, struct errctx *e)
{
	struct buf *b = ctx;
	long long n[3];
	enum gemis_err err = event_counts(s->db, c->id, n, e);

	if (err)
		return err;
	return buf_printf(b, "%-14s  %s  %s  %-20s  %s %lld, %s %lld, %s %lld  %s%s\n", c->code,
			  buf_str(&o->f[0]), c->survivor_sex, o->null[3] ? "-" : buf_str(&o->f[3]),
			  _("services"), n[0], _("referrals"), n[1], _("counselling"), n[2],
			  !c->closed_on ? _("open") : _("closed "), c->closed_on ? c->closed_on : "");
}

enum gemis_err case_list(struct case_session *s, int unit, struct buf *out, struct errctx *e)
{
	size_t n = 0;
	enum gemis_err err;

	if (!case_may(s->t, s->who, CASE_LIST, unit))
		return refuse(s, unit, CASE_LIST, NULL, "not permitted", e);
	err = check_key(s, e);
	if (!err)
		err = case_log(s->db, s->t, s->who, unit, CASE_LIST, NULL, NULL, true, e);
	if (!err)
		err = each_case(s, unit, 4, list_one, out, &n, e);
	if (!err && n == 0)
		err = buf_printf(out, "%s\n", _("No cases."));
	return err;
}

static enum gemis_err list_json_one(struct case_session *s, const struct case_stored *c,
				    struct opened *o, void *ctx, struct errctx *e)
{
	struct buf *b = ctx;
	long long n[3];
	enum gemis_err err = event_counts(s->db, c->id, n, e);

	if (err)
		return err;
	/* appended one after the other: b remembers the first error */
	buf_printf(b, "%s{\"code\": ", b->len > 1 ? ",\n " : "");
	json_str(b, c->code, false);
	buf_puts(b, ", \"detected\": ");
	json_str(b, buf_str(&o->f[0]), o->null[0]);
	buf_puts(b, ", \"survivor_sex\": ");
	json_str(b, c->survivor_sex, false);
	buf_puts(b, ", \"type\": ");
	json_str(b, buf_str(&o->f[3]), o->null[3]);
	buf_printf(b, ", \"services\": %lld, \"referrals\": %lld, \"counselling\": %lld,"
		      " \"closed_on\": ", n[0], n[1], n[2]);
	json_str(b, c->closed_on ? c->closed_on : "", !c->closed_on);
	buf_putc(b, '}');
	return buf_error(b);
}

enum gemis_err case_list_json(struct case_session *s, int unit, struct buf *out, struct errctx *e)
{
	size_t n = 0;
	enum gemis_err err;

	if (!case_may(s->t, s->who, CASE_LIST, unit))
		return refuse(s, unit, CASE_LIST, NULL, "not permitted", e);
	err = check_key(s, e);
	if (!err)
		err = case_log(s->db, s->t, s->who, unit, CASE_LIST, NULL, NULL, true, e);
	if (!err)
		err = buf_putc(out, '[');
	/* list_json_one tells the first element by the buffer's length */
	if (!err)
		err = each_case(s, unit, 4, list_json_one, out, &n, e);
	if (!err)
		err = buf_puts(out, "]\n");
	return err;
}

/* --- export -------------------------------------------------------------------- */

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
	int kind = find_id(event_kinds, NELEM(event_kinds), ev->kind);
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
	err = unseal(x->s, ev->ct[0], x->code, field, &x->v, &null, e);
	if (err)
		return err;
	buf_printf(l, "%s ", buf_str(&x->v));
	snprintf(field, sizeof(field), "event/%lld/date", ev->seq);
	err = unseal(x->s, ev->ct[1], x->code, field, &x->v, &null, e);
	if (err)
		return err;
	buf_puts(l, buf_str(&x->v));
	return buf_error(l);
}

static enum gemis_err export_one(struct case_session *s, const struct case_stored *c,
				 struct opened *o, void *ctx, struct errctx *e)
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
	 * survivor_age (ct_fields[2]), type, context */
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
		return refuse(s, unit, CASE_EXPORT, NULL, "not permitted", e);
	err = password_attempt(s->db, &session_policy_default, s->who->name, s->from, (long long)time(NULL),
			       password ? password : "", &u, &ok, &s->retry_after, e);
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
	err = check_key(s, e);
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
		err = each_case(s, unit, 7, export_one, out, ncases, e);
	if (err)
		return err;
	snprintf(detail, sizeof(detail), "%zu cases", *ncases);
	return case_log(s->db, s->t, s->who, unit, CASE_EXPORT, NULL, detail, true, e);
}

/* --- the log, retention -------------------------------------------------------- */

struct log_out {
	struct buf *b;
	bool json, first;
};

static enum gemis_err log_line(void *ctx, const struct case_log_line *l, struct errctx *e)
{
	struct log_out *x = ctx;
	struct buf *b = x->b;
	time_t at = (time_t)l->at;
	const char *f[6] = {l->user, l->role, l->unit, l->action, l->case_code, l->detail};
	struct tm tm;
	char when[32];
	int k;

	(void)e;
	gmtime_r(&at, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (x->json) {
		static const char *const keys[] = {"user", "role", "unit", "action", "case", "detail"};

		buf_printf(b, "%s\n  {\"id\": %lld, \"at\": \"%s\"", x->first ? "" : ",", l->id, when);
		for (k = 0; k < 6; k++) {
			buf_printf(b, ", \"%s\": ", keys[k]);
			json_str(b, f[k] ? f[k] : "", !f[k]);
		}
		buf_printf(b, ", \"allowed\": %s}", l->allowed ? "true" : "false");
	} else {
		buf_printf(b, "%s  %-20s %-10s %-5s %-7s %-14s %s%s\n", when, f[0] ? f[0] : "",
			   f[1] ? f[1] : "", f[2] ? f[2] : "-", f[3] ? f[3] : "", f[4] ? f[4] : "-",
			   l->allowed ? "" : _("REFUSED "), f[5] ? f[5] : "");
	}
	x->first = false;
	return buf_error(b);
}

enum gemis_err case_log_show(struct db *db, const struct tree *t, const struct principal *who,
			     bool json, size_t limit, struct buf *b, struct errctx *e)
{
	struct log_out x = {b, json, true};
	enum gemis_err err;

	if (!case_may(t, who, CASE_LOG, -1)) {
		struct errctx le = {0};

		if (case_log(db, t, who, who->unit, CASE_LOG, NULL, "not permitted", false, &le))
			return err_set(e, le.code, "%s", le.msg);
		return err_set(e, GEMIS_EPERM, _("only an admin may read the case access log"));
	}
	err = case_log(db, t, who, who->unit, CASE_LOG, NULL, NULL, true, e);
	if (!err && json)
		err = buf_puts(b, "[");
	if (!err)
		err = cases_log_each(db, limit, log_line, &x, e);
	if (!err && json)
		err = buf_puts(b, x.first ? "]\n" : "\n]\n");
	return err;
}

enum gemis_err case_retention_days(struct db *db, int *days, struct errctx *e)
{
	struct buf v;
	bool found = false;
	enum gemis_err err;

	*days = CASE_RETENTION_DEFAULT_DAYS;
	buf_init(&v, 64);
	err = store_meta_get(db, "case_retention_days", &v, &found, e);
	if (!err && found) {
		char *end;
		long d = strtol(buf_str(&v), &end, 10);

		if (*end == '\0' && d >= 0 && d <= 36500)
			*days = (int)d;
	}
	buf_release(&v);
	return err;
}

struct purge_ctx {
	struct db *db;
	const struct tree *t;
	struct errctx *e;
	int unit, year;
	enum gemis_err err;
};

static void purge_part(void *vctx, int ind, int part, int sex)
{
	struct purge_ctx *c = vctx;

	if (c->err || ind < 0)
		return;
	c->err = case_counts_add(c->db, c->t->units[c->unit].id, c->year, catalog[ind].id,
				 part == PART_NUM ? "num" : "den", sex == SEX_M ? "M" : "F", c->e);
}

static void purge_facts(void *vctx, const struct case_facts *f)
{
	struct purge_ctx *c = vctx;

	c->unit = f->unit;
	c->year = f->year;
	register_case_parts(f, purge_part, c);
}

struct due {
	long now;
	int retention_days;
	long long *ids;
	size_t n, cap;
};

/* Keeps the id of a case closed long enough ago to be erased. */
static enum gemis_err due_case(void *ctx, long long id, const char *closed_on)
{
	struct due *d = ctx;
	long closed = days_of(closed_on);

	if (closed < 0 || closed + d->retention_days > d->now)
		return GEMIS_OK;
	if (d->n == d->cap) {
		size_t nc = d->cap ? d->cap * 2 : 64;
		long long *p = realloc(d->ids, nc * sizeof(*p));

		if (!p)
			return GEMIS_ENOMEM;
		d->ids = p;
		d->cap = nc;
	}
	d->ids[d->n++] = id;
	return GEMIS_OK;
}

enum gemis_err case_purge(struct db *db, const struct tree *t, const struct principal *who,
			  int retention_days, const char *today, size_t *purged, struct errctx *e)
{
	struct due d = {days_of(today), retention_days, NULL, 0, 0};
	size_t i;
	bool tx = false;
	char detail[64];
	enum gemis_err err;

	*purged = 0;
	if (!case_may(t, who, CASE_PURGE, -1)) {
		struct errctx le = {0};

		if (case_log(db, t, who, who->unit, CASE_PURGE, NULL, "not permitted", false, &le))
			return err_set(e, le.code, "%s", le.msg);
		return err_set(e, GEMIS_EPERM, _("only an admin may erase cases"));
	}
	if (d.now < 0 || retention_days < 0)
		return err_set_at(e, GEMIS_EINVAL, "--today", _("must be a date YYYY-MM-DD"));
	/* nothing erased may stay readable in the database file */
	err = cases_erase_begin(db, e);
	if (err)
		return err;
	err = db_begin(db, e);
	if (err)
		return err;
	tx = true;
	err = cases_closed_each(db, due_case, &d, e);
	for (i = 0; i < d.n && !err; i++) {
		struct purge_ctx c = {db, t, e, -1, 0, GEMIS_OK};

		err = register_case_facts(db, t, d.ids[i], purge_facts, &c, e);
		if (!err)
			err = c.err;
		if (!err)
			err = cases_erase(db, d.ids[i], e);
	}
	snprintf(detail, sizeof(detail), "%zu cases, retention %d days", d.n, retention_days);
	if (!err)
		err = case_log(db, t, who, who->unit, CASE_PURGE, NULL, detail, true, e);
	if (!err)
		err = db_commit(db, e);
	if (!err) {
		tx = false;
		*purged = d.n;
		err = cases_erase_end(db, e);
	}
	if (tx)
		db_rollback(db);
	free(d.ids);
	return err;
}
