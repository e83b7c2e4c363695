/*
 * cases.c: the case register's operations: recording a case and its
 * steps, reading, listing, the access log, retention and erasure, each
 * checked by policy.c and written to the access log.  The fields are
 * sealed here (casekey.c); the rows are store/cases.c's.  The codes and
 * dates of a case are codes.c's, its JSON case_json.c's, the export
 * export.c's (cases_int.h).
 */
#include "cases_int.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "core/date.h"
#include "store/cases.h"
#include "store/register.h"
#include "store/store.h"
#include "util/i18n.h"

#include "util/banned.h"

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

enum gemis_err case_refuse(struct case_session *s, int unit, enum case_action a, const char *code,
			   const char *why, struct errctx *e)
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
		return case_refuse(s, s->who->unit, a, code, "no such case", e);
	if (!case_may(s->t, s->who, a, row->unit))
		return case_refuse(s, row->unit, a, code, "not permitted", e);
	return GEMIS_OK;
}

/* --- adding a case -------------------------------------------------------------- */

enum gemis_err case_add(struct case_session *s, int unit, const char *json, size_t len,
			char code[CASE_CODE_CHARS + 1], struct errctx *e)
{
	struct case_in c;
	json_error_t jerr;
	json_t *root = NULL;
	struct case_new row;
	struct case_sealed x;
	bool tx = false;
	enum gemis_err err;
	int attempt;

	case_sealed_init(&x);
	code[0] = '\0';
	if (!case_may(s->t, s->who, CASE_ADD, unit)) {
		err = case_refuse(s, unit, CASE_ADD, NULL, "not permitted", e);
		goto out;
	}
	err = case_check_key(s, e);
	if (err)
		goto out;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		/* jansson's text can quote the input: give the position only */
		err = err_set_at(e, GEMIS_EINVAL, "case", _("not valid JSON (line %d, column %d)"),
				 jerr.line, jerr.column);
		goto out;
	}
	err = case_parse(root, &c, e);
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
	err = case_seal_field(s, &x, &row.ct[0], code, "detected", c.detected);
	if (!err)
		err = case_seal_field(s, &x, &row.ct[1], code, "source", c.source);
	if (!err)
		err = case_seal_field(s, &x, &row.ct[2], code, "survivor_age", c.surv_age);
	if (!err)
		err = case_seal_field(s, &x, &row.ct[3], code, "type", c.type);
	if (!err)
		err = case_seal_field(s, &x, &row.ct[4], code, "context", c.has_context ? c.context : NULL);
	if (!err)
		err = case_seal_field(s, &x, &row.ct[5], code, "perpetrator_age", c.perp_age);
	if (!err)
		err = case_seal_field(s, &x, &row.ct[6], code, "perpetrator_relation", c.perp_rel);
	if (!err)
		err = case_seal_field(s, &x, &row.ct[7], code, "notes", c.notes);
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
	case_sealed_release(&x);
	return err;
}

/* --- events and closure ---------------------------------------------------- */

/* What a step of a case (a service, a referral, counselling, the closure)
 * checks before it is written: its date and note, and that the case is
 * still open. */
static enum gemis_err step_inputs(const struct case_row *row, const char *code, const char *date,
				  const char *note, struct errctx *e)
{
	if (!case_date_ok(date))
		return case_bad(e, "--date", _("must be a date YYYY-MM-DD, not in the future"));
	if (note && strlen(note) > CASE_NOTE_MAX)
		return case_bad(e, "note", _("is too long (at most 16384 bytes)"));
	if (row->closed)
		return err_set(e, GEMIS_ECONFLICT, _("case %s is closed"), code);
	return GEMIS_OK;
}

enum gemis_err case_add_event(struct case_session *s, const char *code, enum case_event kind,
			      int service, const char *date, const char *note, struct errctx *e)
{
	struct case_row row;
	struct case_blob ct[3];
	struct case_sealed x;
	char field[3][40], detail[64];
	long long seq = 0, now = (long long)time(NULL);
	bool tx = false;
	enum gemis_err err;

	case_sealed_init(&x);
	err = open_case(s, code, CASE_UPDATE, &row, e);
	if (!err)
		err = case_check_key(s, e);
	if (err)
		goto out;
	if (kind != CASE_EV_COUNSELLING && (service < 0 || service >= CASE_SERVICE_COUNT)) {
		err = case_bad(e, "--service", _("unknown service"));
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
	err = case_seal_field(s, &x, &ct[0], code, field[0], kind == CASE_EV_COUNSELLING ? NULL : case_services[service]);
	if (!err)
		err = case_seal_field(s, &x, &ct[1], code, field[1], date);
	if (!err)
		err = case_seal_field(s, &x, &ct[2], code, field[2], note && *note ? note : NULL);
	if (!err)
		err = cases_event_insert(s->db, row.id, seq, case_event_kinds[kind], now, s->who->name, ct, e);
	/* the log says what kind of step, not which service: that is sealed */
	snprintf(detail, sizeof(detail), "%s", case_event_kinds[kind]);
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
	case_sealed_release(&x);
	return err;
}

enum gemis_err case_close(struct case_session *s, const char *code, const char *date,
			  const char *note, struct errctx *e)
{
	struct case_row row;
	struct case_blob closure;
	struct case_sealed x;
	bool tx = false;
	enum gemis_err err;

	case_sealed_init(&x);
	err = open_case(s, code, CASE_UPDATE, &row, e);
	if (!err)
		err = case_check_key(s, e);
	if (err)
		goto out;
	err = step_inputs(&row, code, date, note, e);
	if (err)
		goto out;
	err = db_begin(s->db, e);
	if (err)
		goto out;
	tx = true;
	err = case_seal_field(s, &x, &closure, code, "closure", note && *note ? note : NULL);
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
	case_sealed_release(&x);
	return err;
}

/* --- reading ------------------------------------------------------------------- */

struct show {
	struct case_session *s;
	const struct case_row *row;
	struct buf *b;
	bool seen;
};

static enum gemis_err show_one(void *ctx, const struct case_stored *c, struct errctx *e)
{
	struct show *x = ctx;

	x->seen = true;
	return case_json_case(x->s, c, x->row->unit, x->b, e);
}

enum gemis_err case_show(struct case_session *s, const char *code, struct buf *b,
			 struct errctx *e)
{
	struct case_row row;
	struct show x = {s, &row, b, false};
	enum gemis_err err;

	err = open_case(s, code, CASE_READ, &row, e);
	if (!err)
		err = case_check_key(s, e);
	if (!err)
		err = case_log(s->db, s->t, s->who, row.unit, CASE_READ, code, NULL, true, e);
	if (!err)
		err = cases_get(s->db, row.id, show_one, &x, e);
	if (!err && !x.seen)
		err = err_set(e, GEMIS_ENOTFOUND, _("case %s vanished while being read"), code);
	if (!err)
		err = case_json_events(s, row.id, code, b, e);
	if (!err)
		err = buf_puts(b, "\n}\n");
	return err;
}

/* Counts a case's events by kind. */
static enum gemis_err event_counts(struct db *db, long long id, long long n[3], struct errctx *e)
{
	return cases_event_counts(db, id, case_event_kinds, NELEM(case_event_kinds), n, e);
}

struct each {
	struct case_session *s;
	size_t upto, count;
	struct case_opened o;
	case_fn fn;
	void *ctx;
};

static enum gemis_err each_one(void *ctx, const struct case_stored *c, struct errctx *e)
{
	struct each *x = ctx;
	enum gemis_err err = case_open_row(x->s, c, &x->o, x->upto, e);

	if (!err)
		err = x->fn(x->s, c, &x->o, x->ctx, e);
	x->count++;
	return err;
}

enum gemis_err case_each(struct case_session *s, int unit, size_t upto, case_fn fn, void *ctx, size_t *count,
			 struct errctx *e)
{
	struct each x = {s, upto, 0, {{{0}}}, fn, ctx};
	enum gemis_err err;

	case_opened_init(&x.o);
	err = cases_each(s->db, s->t->units[unit].id, each_one, &x, e);
	case_opened_release(&x.o);
	*count = x.count;
	return err;
}

struct summaries {
	case_summary_fn fn;
	void *ctx;
};

static enum gemis_err summary_one(struct case_session *s, const struct case_stored *c, struct case_opened *o,
				  void *ctx, struct errctx *e)
{
	struct summaries *x = ctx;
	long long n[3];
	struct case_summary sum;
	enum gemis_err err = event_counts(s->db, c->id, n, e);

	if (err)
		return err;
	sum = (struct case_summary){c->code, o->null[0] ? NULL : buf_str(&o->f[0]), c->survivor_sex,
				    o->null[3] ? NULL : buf_str(&o->f[3]), c->closed_on, n[0], n[1], n[2]};
	return x->fn(x->ctx, &sum, e);
}

enum gemis_err case_list_each(struct case_session *s, int unit, case_summary_fn fn, void *ctx, size_t *count,
			      struct errctx *e)
{
	struct summaries x = {fn, ctx};
	enum gemis_err err;

	*count = 0;
	if (!case_may(s->t, s->who, CASE_LIST, unit))
		return case_refuse(s, unit, CASE_LIST, NULL, "not permitted", e);
	err = case_check_key(s, e);
	if (!err)
		err = case_log(s->db, s->t, s->who, unit, CASE_LIST, NULL, NULL, true, e);
	if (!err)
		err = case_each(s, unit, 4, summary_one, &x, count, e);
	return err;
}

/* --- the log, retention -------------------------------------------------------- */

enum gemis_err case_log_each(struct db *db, const struct tree *t, const struct principal *who, size_t limit,
			     case_log_fn fn, void *ctx, struct errctx *e)
{
	enum gemis_err err;

	if (!case_may(t, who, CASE_LOG, -1)) {
		struct errctx le = {0};

		if (case_log(db, t, who, who->unit, CASE_LOG, NULL, "not permitted", false, &le))
			return err_set(e, le.code, "%s", le.msg);
		return err_set(e, GEMIS_EPERM, _("only an admin may read the case access log"));
	}
	err = case_log(db, t, who, who->unit, CASE_LOG, NULL, NULL, true, e);
	if (!err)
		err = cases_log_each(db, limit, fn, ctx, e);
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
	long closed = case_days_of(closed_on);

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
	struct due d = {case_days_of(today), retention_days, NULL, 0, 0};
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

/* --- lists and the log as JSON ------------------------------------------------ */

struct json_out {
	struct buf *b;
	bool first;
};

static enum gemis_err list_json_one(void *ctx, const struct case_summary *c, struct errctx *e)
{
	struct json_out *x = ctx;
	enum gemis_err err = case_json_summary(x->b, x->first, c);

	(void)e;
	x->first = false;
	return err;
}

enum gemis_err case_list_json(struct case_session *s, int unit, struct buf *out, struct errctx *e)
{
	struct json_out x = {out, true};
	size_t n = 0;
	enum gemis_err err = case_list_each(s, unit, list_json_one, &x, &n, e);

	if (!err)
		err = buf_puts(out, x.first ? "[]\n" : "]\n");
	return err;
}

static enum gemis_err log_json_one(void *ctx, const struct case_log_line *l, struct errctx *e)
{
	struct json_out *x = ctx;
	enum gemis_err err = case_json_log_line(x->b, x->first, l);

	(void)e;
	x->first = false;
	return err;
}

enum gemis_err case_log_json(struct db *db, const struct tree *t, const struct principal *who, size_t limit,
			     struct buf *out, struct errctx *e)
{
	struct json_out x = {out, true};
	enum gemis_err err = case_log_each(db, t, who, limit, log_json_one, &x, e);

	if (!err)
		err = buf_puts(out, x.first ? "[]\n" : "\n]\n");
	return err;
}
