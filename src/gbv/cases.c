/*
 * cases.c: the case register: recording, reading, exporting and erasing
 * cases, each step checked by policy.c and written to the access log.
 */
#include "cases.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "core/date.h"
#include "store/register.h"
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

	return db_run(db, e,
		      "INSERT INTO case_access_log(at, user_name, role, unit_code, action, case_code,"
		      " detail, allowed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		      "itttttti", (long long)time(NULL), who->name, role_id(who->role), uc,
		      case_action_id(a), code, detail, (long long)allowed);
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

/* Seals text (NULL: binds NULL) and binds it at index i. */
static enum gemis_err seal_bind(struct case_session *s, struct sealed *x, struct db_stmt *st, int i,
				const char *code, const char *field, const char *text)
{
	struct buf *b;
	enum gemis_err err;

	if (!text) {
		db_bind_null(st, i);
		return GEMIS_OK;
	}
	if (x->n >= NELEM(x->b))
		return GEMIS_ELIMIT;
	b = &x->b[x->n++];
	err = case_seal(s->key, code, field, text, strlen(text), b);
	if (!err)
		db_bind_blob(st, i, b->p, b->len);
	return err;
}

static enum gemis_err unseal_col(struct case_session *s, struct db_stmt *st, int col,
				 const char *code, const char *field, struct buf *out, bool *null,
				 struct errctx *e)
{
	size_t n = 0;
	const void *p;

	*null = db_col_null(st, col);
	buf_reset(out);
	if (*null)
		return GEMIS_OK;
	p = db_col_blob(st, col, &n);
	return case_unseal(s->key, code, field, p, n, out, e);
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
	struct db_stmt *st = NULL;
	bool found = false;
	enum gemis_err err;

	memset(row, 0, sizeof(*row));
	row->unit = -1;
	err = db_prepare(s->db, &st, e, "SELECT id, unit_id, closed_on FROM cases WHERE code = ?");
	if (err)
		return err;
	db_bind_text(st, 1, code);
	if (db_next(st)) {
		found = true;
		row->id = db_col_int(st, 0);
		row->unit = unit_of_id(s->t, db_col_int(st, 1));
		row->closed = !db_col_null(st, 2);
	}
	err = db_finalize(st, e);
	if (err)
		return err;
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
		(void)v;
		if (find_id(keys, n, k) < 0)
			return err_set_at(e, GEMIS_EINVAL, where, _("unknown key '%s'"), k);
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
	struct db_stmt *st = NULL;
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
		long long dummy;
		bool found;

		new_code(code);
		err = db_query_int(s->db, e, &dummy, &found, "SELECT 1 FROM cases WHERE code = ?", "t",
				   code);
		if (err || !found)
			break;
	}
	if (err)
		goto out;
	err = db_prepare(s->db, &st, e,
			 "INSERT INTO cases(code, unit_id, detected_year, survivor_sex, gbv,"
			 " trafficking_return, in_need, perpetrator_sex, perpetrator_prosecuted,"
			 " consent_statistics, key_id, created_at, created_by, updated_at,"
			 " detected_ct, source_ct, survivor_age_ct, type_ct, context_ct,"
			 " perpetrator_age_ct, perpetrator_relation_ct, notes_ct)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (err)
		goto out;
	db_bindv(st, "tiitiiitiititi", code, s->t->units[unit].id, (long long)c.year, c.surv_sex,
		 (long long)(c.type != NULL), (long long)c.trafficking,
		 (long long)(c.trafficking && c.in_need), c.has_perp ? c.perp_sex : NULL,
		 (long long)c.prosecuted, (long long)c.consent, s->key->id, (long long)time(NULL),
		 s->who->name, (long long)time(NULL));
	err = seal_bind(s, &x, st, 15, code, "detected", c.detected);
	if (!err)
		err = seal_bind(s, &x, st, 16, code, "source", c.source);
	if (!err)
		err = seal_bind(s, &x, st, 17, code, "survivor_age", c.surv_age);
	if (!err)
		err = seal_bind(s, &x, st, 18, code, "type", c.type);
	if (!err)
		err = seal_bind(s, &x, st, 19, code, "context", c.has_context ? c.context : NULL);
	if (!err)
		err = seal_bind(s, &x, st, 20, code, "perpetrator_age", c.perp_age);
	if (!err)
		err = seal_bind(s, &x, st, 21, code, "perpetrator_relation", c.perp_rel);
	if (!err)
		err = seal_bind(s, &x, st, 22, code, "notes", c.notes);
	if (!err)
		err = db_step_done(st, e);
	if (!err)
		err = db_finalize(st, e);
	else
		db_finalize(st, NULL);
	st = NULL;
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
	struct db_stmt *st = NULL;
	struct sealed x;
	char field[3][40], detail[64];
	long long seq = 0;
	bool found, tx = false;
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
	err = db_query_int(s->db, e, &seq, &found,
			   "SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = ?", "i",
			   row.id);
	if (err)
		goto out;
	snprintf(field[0], sizeof(field[0]), "event/%lld/service", seq);
	snprintf(field[1], sizeof(field[1]), "event/%lld/date", seq);
	snprintf(field[2], sizeof(field[2]), "event/%lld/note", seq);
	err = db_prepare(s->db, &st, e,
			 "INSERT INTO case_events(case_id, seq, kind, created_at, created_by,"
			 " service_ct, date_ct, note_ct) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (err)
		goto out;
	db_bindv(st, "iitit", row.id, seq, event_kinds[kind], (long long)time(NULL), s->who->name);
	err = seal_bind(s, &x, st, 6, code, field[0],
			kind == CASE_EV_COUNSELLING ? NULL : services[service]);
	if (!err)
		err = seal_bind(s, &x, st, 7, code, field[1], date);
	if (!err)
		err = seal_bind(s, &x, st, 8, code, field[2], note && *note ? note : NULL);
	if (!err)
		err = db_step_done(st, e);
	if (!err)
		err = db_finalize(st, e);
	else
		db_finalize(st, NULL);
	st = NULL;
	if (!err)
		err = db_run(s->db, e, "UPDATE cases SET updated_at = ? WHERE id = ?", "ii",
			     (long long)time(NULL), row.id);
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
	struct db_stmt *st = NULL;
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
	err = db_prepare(s->db, &st, e,
			 "UPDATE cases SET closed_on = ?, closure_ct = ?, updated_at = ? WHERE id = ?");
	if (err)
		goto out;
	db_bind_text(st, 1, date);
	err = seal_bind(s, &x, st, 2, code, "closure", note && *note ? note : NULL);
	db_bind_int(st, 3, (long long)time(NULL));
	db_bind_int(st, 4, row.id);
	if (!err)
		err = db_step_done(st, e);
	if (!err)
		err = db_finalize(st, e);
	else
		db_finalize(st, NULL);
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

static const char *const case_cols =
	"SELECT c.id, c.code, c.unit_id, c.survivor_sex, c.trafficking_return, c.in_need,"
	" c.perpetrator_sex, c.perpetrator_prosecuted, c.consent_statistics, c.closed_on,"
	" c.detected_ct, c.source_ct, c.survivor_age_ct, c.type_ct, c.context_ct,"
	" c.perpetrator_age_ct, c.perpetrator_relation_ct, c.notes_ct, c.closure_ct FROM cases c";

enum { COL_ID, COL_CODE, COL_UNIT, COL_SSEX, COL_TRAF, COL_NEED, COL_PSEX, COL_PROS, COL_CONS,
       COL_CLOSED, COL_CT };
static const char *const ct_fields[] = {"detected", "source", "survivor_age", "type", "context",
					"perpetrator_age", "perpetrator_relation", "notes",
					"closure"};
#define NCT NELEM(ct_fields)

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

static enum gemis_err open_row(struct case_session *s, struct db_stmt *st, const char *code,
			       struct opened *o, size_t upto, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	size_t i;

	for (i = 0; i < upto && !err; i++)
		err = unseal_col(s, st, COL_CT + (int)i, code, ct_fields[i], &o->f[i], &o->null[i], e);
	return err;
}

static enum gemis_err events_json(struct case_session *s, long long id, const char *code,
				  struct buf *b, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct buf v;
	enum gemis_err err;
	bool first = true;

	buf_init(&v, CASE_NOTE_MAX + 64);
	err = db_prepare(s->db, &st, e,
			 "SELECT seq, kind, service_ct, date_ct, note_ct FROM case_events"
			 " WHERE case_id = ? ORDER BY seq");
	if (err)
		goto out;
	db_bind_int(st, 1, id);
	err = buf_puts(b, "[");
	while (!err && db_next(st)) {
		long long seq = db_col_int(st, 0);
		static const char *const names[] = {"service", "date", "note"};
		char field[40];
		bool null;
		int k;

		err = buf_printf(b, "%s\n    {\"seq\": %lld, \"kind\": ", first ? "" : ",", seq);
		first = false;
		if (!err)
			err = json_str(b, db_col_text(st, 1), false);
		for (k = 0; k < 3 && !err; k++) {
			snprintf(field, sizeof(field), "event/%lld/%s", seq, names[k]);
			err = unseal_col(s, st, 2 + k, code, field, &v, &null, e);
			if (!err)
				err = buf_printf(b, ", \"%s\": ", names[k]);
			if (!err)
				err = json_str(b, buf_str(&v), null);
		}
		if (!err)
			err = buf_putc(b, '}');
	}
	if (!err)
		err = buf_puts(b, first ? "]" : "\n  ]");
	if (!err)
		err = db_finalize(st, e);
	else
		db_finalize(st, NULL);
out:
	if (v.p)
		sodium_memzero(v.p, v.cap);
	buf_release(&v);
	return err;
}

enum gemis_err case_show(struct case_session *s, const char *code, struct buf *b,
			 struct errctx *e)
{
	struct case_row row;
	struct db_stmt *st = NULL;
	struct buf sql;
	struct opened o;
	enum gemis_err err;

	opened_init(&o);
	buf_init(&sql, 4096);
	err = open_case(s, code, CASE_READ, &row, e);
	if (!err)
		err = check_key(s, e);
	if (!err)
		err = case_log(s->db, s->t, s->who, row.unit, CASE_READ, code, NULL, true, e);
	if (!err)
		err = buf_printf(&sql, "%s WHERE c.id = ?", case_cols);
	if (!err)
		err = db_prepare(s->db, &st, e, buf_str(&sql));
	if (err)
		goto out;
	db_bind_int(st, 1, row.id);
	if (!db_next(st)) {
		err = db_finalize(st, e);
		st = NULL;
		if (!err)
			err = err_set(e, GEMIS_ENOTFOUND, _("case %s vanished while being read"), code);
		goto out;
	}
	err = open_row(s, st, code, &o, NCT, e);
	if (err)
		goto out;
	/* the fields, appended one after the other: b remembers the first error */
	buf_puts(b, "{\n  \"code\": ");
	json_str(b, code, false);
	buf_printf(b, ",\n  \"unit\": \"%s\",\n  \"detected\": ", s->t->units[row.unit].code);
	json_str(b, buf_str(&o.f[0]), o.null[0]);
	buf_puts(b, ",\n  \"source\": ");
	json_str(b, buf_str(&o.f[1]), o.null[1]);
	buf_puts(b, ",\n  \"survivor\": {\"sex\": ");
	json_str(b, db_col_text(st, COL_SSEX), false);
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
	if (db_col_null(st, COL_PSEX)) {
		buf_puts(b, "null");
	} else {
		buf_puts(b, "{\"sex\": ");
		json_str(b, db_col_text(st, COL_PSEX), false);
		buf_puts(b, ", \"age_group\": ");
		json_str(b, buf_str(&o.f[5]), o.null[5]);
		buf_puts(b, ", \"relation\": ");
		json_str(b, buf_str(&o.f[6]), o.null[6]);
		buf_printf(b, ", \"prosecuted\": %s}", db_col_int(st, COL_PROS) ? "true" : "false");
	}
	buf_printf(b, ",\n  \"trafficking_return\": %s,\n  \"in_need\": %s,"
		   "\n  \"consent_statistics\": %s,\n  \"notes\": ",
		   db_col_int(st, COL_TRAF) ? "true" : "false",
		   !db_col_int(st, COL_TRAF) ? "null" : db_col_int(st, COL_NEED) ? "true" : "false",
		   db_col_int(st, COL_CONS) ? "true" : "false");
	json_str(b, buf_str(&o.f[7]), o.null[7]);
	buf_puts(b, ",\n  \"closed_on\": ");
	json_str(b, db_col_null(st, COL_CLOSED) ? "" : db_col_text(st, COL_CLOSED),
		 db_col_null(st, COL_CLOSED));
	buf_puts(b, ",\n  \"closure_note\": ");
	json_str(b, buf_str(&o.f[8]), o.null[8]);
	buf_puts(b, ",\n  \"events\": ");
	err = buf_error(b);
	if (err)
		goto out;
	err = db_finalize(st, e);
	st = NULL;
	if (!err)
		err = events_json(s, row.id, code, b, e);
	if (!err)
		err = buf_puts(b, "\n}\n");
out:
	if (st)
		db_finalize(st, NULL);
	opened_release(&o);
	buf_release(&sql);
	return err;
}

/* Counts a case's events by kind. */
static enum gemis_err event_counts(struct db *db, long long id, long long n[3], struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	n[0] = n[1] = n[2] = 0;
	err = db_prepare(db, &st, e, "SELECT kind, COUNT(*) FROM case_events WHERE case_id = ? GROUP BY kind");
	if (err)
		return err;
	db_bind_int(st, 1, id);
	while (db_next(st)) {
		int k = find_id(event_kinds, NELEM(event_kinds), db_col_text(st, 0));

		if (k >= 0)
			n[k] = db_col_int(st, 1);
	}
	return db_finalize(st, e);
}

/* Runs fn on every case of the unit, in order of code. */
static enum gemis_err each_case(struct case_session *s, int unit, size_t upto,
				enum gemis_err (*fn)(struct case_session *s, struct db_stmt *st,
						     struct opened *o, void *ctx, struct errctx *e),
				void *ctx, size_t *count, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct buf sql;
	struct opened o;
	enum gemis_err err;

	*count = 0;
	opened_init(&o);
	buf_init(&sql, 4096);
	err = buf_printf(&sql, "%s WHERE c.unit_id = ? ORDER BY c.code", case_cols);
	if (!err)
		err = db_prepare(s->db, &st, e, buf_str(&sql));
	if (err)
		goto out;
	db_bind_int(st, 1, s->t->units[unit].id);
	while (!err && db_next(st)) {
		const char *code = db_col_text(st, COL_CODE);
		char c[CASE_CODE_CHARS + 1];

		snprintf(c, sizeof(c), "%s", code ? code : "");
		err = open_row(s, st, c, &o, upto, e);
		if (!err)
			err = fn(s, st, &o, ctx, e);
		(*count)++;
	}
	if (!err)
		err = db_finalize(st, e);
	else
		db_finalize(st, NULL);
out:
	opened_release(&o);
	buf_release(&sql);
	return err;
}

static enum gemis_err list_one(struct case_session *s, struct db_stmt *st, struct opened *o,
			       void *ctx, struct errctx *e)
{
	struct buf *b = ctx;
	long long n[3];
	enum gemis_err err = event_counts(s->db, db_col_int(st, COL_ID), n, e);

	if (err)
		return err;
	return buf_printf(b, "%-14s  %s  %s  %-20s  %s %lld, %s %lld, %s %lld  %s%s\n",
			  db_col_text(st, COL_CODE), buf_str(&o->f[0]), db_col_text(st, COL_SSEX),
			  o->null[3] ? "-" : buf_str(&o->f[3]), _("services"), n[0], _("referrals"),
			  n[1], _("counselling"), n[2],
			  db_col_null(st, COL_CLOSED) ? _("open") : _("closed "),
			  db_col_null(st, COL_CLOSED) ? "" : db_col_text(st, COL_CLOSED));
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

static enum gemis_err list_json_one(struct case_session *s, struct db_stmt *st, struct opened *o,
				    void *ctx, struct errctx *e)
{
	struct buf *b = ctx;
	long long n[3];
	enum gemis_err err = event_counts(s->db, db_col_int(st, COL_ID), n, e);

	if (err)
		return err;
	err = buf_printf(b, "%s{\"code\": ", b->len > 1 ? ",\n " : "");
	if (!err)
		err = json_str(b, db_col_text(st, COL_CODE), false);
	if (!err)
		err = buf_puts(b, ", \"detected\": ");
	if (!err)
		err = json_str(b, buf_str(&o->f[0]), o->null[0]);
	if (!err)
		err = buf_puts(b, ", \"survivor_sex\": ");
	if (!err)
		err = json_str(b, db_col_text(st, COL_SSEX), false);
	if (!err)
		err = buf_puts(b, ", \"type\": ");
	if (!err)
		err = json_str(b, buf_str(&o->f[3]), o->null[3]);
	if (!err)
		err = buf_printf(b, ", \"services\": %lld, \"referrals\": %lld, \"counselling\": %lld,"
				    " \"closed_on\": ", n[0], n[1], n[2]);
	if (!err)
		err = json_str(b, db_col_null(st, COL_CLOSED) ? "" : db_col_text(st, COL_CLOSED),
			       db_col_null(st, COL_CLOSED));
	if (!err)
		err = buf_putc(b, '}');
	return err;
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

static enum gemis_err export_one(struct case_session *s, struct db_stmt *st, struct opened *o,
				 void *ctx, struct errctx *e)
{
	struct buf *b = ctx, list[2];
	struct db_stmt *ev = NULL;
	const char *code = db_col_text(st, COL_CODE);
	long long counselling = 0;
	struct buf v;
	char tmp[32];
	enum gemis_err err;
	int k;

	buf_init(&list[0], 1 << 20);
	buf_init(&list[1], 1 << 20);
	buf_init(&v, 256);
	err = db_prepare(s->db, &ev, e,
			 "SELECT seq, kind, service_ct, date_ct FROM case_events WHERE case_id = ?"
			 " ORDER BY seq");
	if (err)
		goto out;
	db_bind_int(ev, 1, db_col_int(st, COL_ID));
	while (!err && db_next(ev)) {
		long long seq = db_col_int(ev, 0);
		int kind = find_id(event_kinds, NELEM(event_kinds), db_col_text(ev, 1));
		char field[40];
		bool null;

		if (kind == CASE_EV_COUNSELLING) {
			counselling++;
			continue;
		}
		if (kind < 0)
			continue;
		if (list[kind].len)
			err = buf_puts(&list[kind], "; ");
		snprintf(field, sizeof(field), "event/%lld/service", seq);
		if (!err)
			err = unseal_col(s, ev, 2, code, field, &v, &null, e);
		if (!err)
			err = buf_printf(&list[kind], "%s ", buf_str(&v));
		snprintf(field, sizeof(field), "event/%lld/date", seq);
		if (!err)
			err = unseal_col(s, ev, 3, code, field, &v, &null, e);
		if (!err)
			err = buf_puts(&list[kind], buf_str(&v));
	}
	if (!err)
		err = db_finalize(ev, e);
	else
		db_finalize(ev, NULL);
	if (err)
		goto out;
	/* notes (7) and the closure note (8) never leave the register */
	err = csv_field(b, code, false);
	for (k = 0; k < 3 && !err; k++)
		err = csv_field(b, buf_str(&o->f[k]), false);
	if (!err)
		err = csv_field(b, db_col_text(st, COL_SSEX), false);
	for (k = 3; k < 5 && !err; k++)
		err = csv_field(b, buf_str(&o->f[k]), false);
	if (!err)
		err = csv_field(b, db_col_null(st, COL_PSEX) ? "" : db_col_text(st, COL_PSEX), false);
	for (k = 5; k < 7 && !err; k++)
		err = csv_field(b, buf_str(&o->f[k]), false);
	if (!err)
		err = csv_field(b, db_col_null(st, COL_PSEX) ? "" : db_col_int(st, COL_PROS) ? "true" : "false", false);
	if (!err)
		err = csv_field(b, db_col_int(st, COL_TRAF) ? "true" : "false", false);
	if (!err)
		err = csv_field(b, db_col_int(st, COL_NEED) ? "true" : "false", false);
	if (!err)
		err = csv_field(b, db_col_int(st, COL_CONS) ? "true" : "false", false);
	if (!err)
		err = csv_field(b, buf_str(&list[0]), false);
	if (!err)
		err = csv_field(b, buf_str(&list[1]), false);
	snprintf(tmp, sizeof(tmp), "%lld", counselling);
	if (!err)
		err = csv_field(b, tmp, false);
	if (!err)
		err = csv_field(b, db_col_null(st, COL_CLOSED) ? "" : db_col_text(st, COL_CLOSED), true);
out:
	for (k = 0; k < 2; k++) {
		if (list[k].p)
			sodium_memzero(list[k].p, list[k].cap);
		buf_release(&list[k]);
	}
	if (v.p)
		sodium_memzero(v.p, v.cap);
	buf_release(&v);
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
	err = users_check_password(s->db, s->who->name, password ? password : "", &u, &ok, e);
	if (err)
		return err;
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

enum gemis_err case_log_show(struct db *db, const struct tree *t, const struct principal *who,
			     bool json, size_t limit, struct buf *b, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool first = true;

	if (!case_may(t, who, CASE_LOG, -1)) {
		struct errctx le = {0};

		if (case_log(db, t, who, who->unit, CASE_LOG, NULL, "not permitted", false, &le))
			return err_set(e, le.code, "%s", le.msg);
		return err_set(e, GEMIS_EPERM, _("only an admin may read the case access log"));
	}
	err = case_log(db, t, who, who->unit, CASE_LOG, NULL, NULL, true, e);
	if (!err)
		err = db_prepare(db, &st, e,
				 "SELECT id, at, user_name, role, unit_code, action, case_code, detail,"
				 " allowed FROM case_access_log ORDER BY id DESC LIMIT ?");
	if (err)
		return err;
	db_bind_int(st, 1, (long long)limit);
	if (json)
		err = buf_puts(b, "[");
	while (!err && db_next(st)) {
		time_t at = (time_t)db_col_int(st, 1);
		struct tm tm;
		char when[32];
		const char *f[6];
		int k;

		gmtime_r(&at, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		for (k = 0; k < 6; k++)
			f[k] = db_col_null(st, 2 + k) ? NULL : db_col_text(st, 2 + k);
		if (json) {
			static const char *const keys[] = {"user", "role", "unit", "action", "case",
							   "detail"};

			err = buf_printf(b, "%s\n  {\"id\": %lld, \"at\": \"%s\"", first ? "" : ",",
					 db_col_int(st, 0), when);
			for (k = 0; k < 6 && !err; k++) {
				err = buf_printf(b, ", \"%s\": ", keys[k]);
				if (!err)
					err = json_str(b, f[k] ? f[k] : "", !f[k]);
			}
			if (!err)
				err = buf_printf(b, ", \"allowed\": %s}",
						 db_col_int(st, 8) ? "true" : "false");
		} else {
			err = buf_printf(b, "%s  %-20s %-10s %-5s %-7s %-14s %s%s\n", when,
					 f[0] ? f[0] : "", f[1] ? f[1] : "", f[2] ? f[2] : "-",
					 f[3] ? f[3] : "", f[4] ? f[4] : "-",
					 db_col_int(st, 8) ? "" : _("REFUSED "), f[5] ? f[5] : "");
		}
		first = false;
	}
	if (!err && json)
		err = buf_puts(b, first ? "]\n" : "\n]\n");
	if (!err)
		err = db_finalize(st, e);
	else
		db_finalize(st, NULL);
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
	c->err = db_run(c->db, c->e,
			"INSERT INTO case_counts(unit_id, year, indicator, part, sex, n)"
			" VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (unit_id, year, indicator, part, sex)"
			" DO UPDATE SET n = case_counts.n + 1",
			"iittt", c->t->units[c->unit].id, (long long)c->year, catalog[ind].id,
			part == PART_NUM ? "num" : "den", sex == SEX_M ? "M" : "F");
}

static void purge_facts(void *vctx, const struct case_facts *f)
{
	struct purge_ctx *c = vctx;

	c->unit = f->unit;
	c->year = f->year;
	register_case_parts(f, purge_part, c);
}

enum gemis_err case_purge(struct db *db, const struct tree *t, const struct principal *who,
			  int retention_days, const char *today, size_t *purged, struct errctx *e)
{
	struct db_stmt *st = NULL;
	long long *ids = NULL;
	size_t n = 0, cap = 0, i;
	long now = days_of(today);
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
	if (now < 0 || retention_days < 0)
		return err_set_at(e, GEMIS_EINVAL, "--today", _("must be a date YYYY-MM-DD"));
	/* freed pages are overwritten with zeros rather than left in the file */
	if (db_kind(db) == DB_SQLITE) {
		err = db_exec(db, e, "PRAGMA secure_delete = ON");
		if (err)
			return err;
	}
	err = db_begin(db, e);
	if (err)
		return err;
	tx = true;
	err = db_prepare(db, &st, e, "SELECT id, closed_on FROM cases WHERE closed_on IS NOT NULL");
	if (err)
		goto out;
	while (db_next(st)) {
		long closed = days_of(db_col_text(st, 1));

		if (closed < 0 || closed + retention_days > now)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			long long *p = realloc(ids, nc * sizeof(*p));

			if (!p) {
				err = GEMIS_ENOMEM;
				break;
			}
			ids = p;
			cap = nc;
		}
		ids[n++] = db_col_int(st, 0);
	}
	if (!err)
		err = db_finalize(st, e);
	else
		db_finalize(st, NULL);
	for (i = 0; i < n && !err; i++) {
		struct purge_ctx c = {db, t, e, -1, 0, GEMIS_OK};

		err = register_facts(db, t, "WHERE c.id = ?", ids[i], purge_facts, &c, e);
		if (!err)
			err = c.err;
		if (!err)
			err = db_run(db, e, "DELETE FROM case_events WHERE case_id = ?", "i", ids[i]);
		if (!err)
			err = db_run(db, e, "DELETE FROM cases WHERE id = ?", "i", ids[i]);
	}
	snprintf(detail, sizeof(detail), "%zu cases, retention %d days", n, retention_days);
	if (!err)
		err = case_log(db, t, who, who->unit, CASE_PURGE, NULL, detail, true, e);
	if (!err)
		err = db_commit(db, e);
	if (!err) {
		tx = false;
		*purged = n;
		if (db_kind(db) == DB_SQLITE)
			err = db_exec(db, e, "PRAGMA wal_checkpoint(TRUNCATE)");
	}
out:
	if (tx)
		db_rollback(db);
	free(ids);
	return err;
}
