/*
 * complaints.c: reading and writing a commune's feedback, petitions,
 * complaints and denunciations, sealing the person's data on the way in
 * and opening it for handlers only (see complaints.h).
 */
#include "complaints.h"
#include "store_int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "store.h"
#include "util/alloc.h"
#include "util/i18n.h"

#include "util/banned.h"

#define DOMAIN "gemis-complaint-1"
#define NSEALED 4
static const char *const sealed_names[NSEALED] = {"name", "contact", "text", "answer"};

/* --- the access log ------------------------------------------------------------ */

/* Writes a line of the register's access log: the code, never content. */
static enum gemis_err log_line(const struct cmp_session *s, int unit, const char *action, const char *code,
			       const char *detail, bool allowed, struct errctx *e)
{
	const char *uc = unit >= 0 && (size_t)unit < s->t->n ? s->t->units[unit].code : NULL;
	struct case_log_line l = {0, s->now, s->who->name, role_id(s->who->role), uc, action, code, detail,
				  allowed};

	return cases_log_add(s->db, &l, e);
}

/* Logs a refusal, and answers it the same whether or not the matter
 * exists. */
static enum gemis_err refuse(const struct cmp_session *s, int unit, const char *action, const char *code,
			     const char *why, struct errctx *e)
{
	struct errctx le = {0};

	if (log_line(s, unit, action, code, why, false, &le))
		return err_set(e, le.code, "%s", le.msg);
	if (code)
		return err_set(e, GEMIS_EPERM,
			       _("there is no complaint %s that you handle: only its commune's focal point and the agency handling it may see who brought it, or answer it"),
			       code);
	return err_set(e, GEMIS_EPERM,
		       _("only the focal point of the commune, or a reporter for the agency that handles it, may record a complaint"));
}

/* --- helpers ------------------------------------------------------------------- */

enum gemis_err complaint_limits_load(struct db *db, struct cmp_limit out[CK_COUNT], bool have[CK_COUNT],
				     struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	int k;

	memset(out, 0, sizeof(*out) * CK_COUNT);
	memset(have, 0, sizeof(*have) * CK_COUNT);
	err = db_prepare(db, &st, e,
			 "SELECT kind, accept_days, answer_days, extend_days, source FROM complaint_limits");
	if (err)
		return err;
	while (db_next(st)) {
		k = cmp_kind_parse(db_col_text(st, 0));
		if (k < 0)
			continue;
		out[k].kind = k;
		out[k].accept_days = (int)db_col_int(st, 1);
		out[k].answer_days = (int)db_col_int(st, 2);
		out[k].extend_days = (int)db_col_int(st, 3);
		snprintf(out[k].source, sizeof(out[k].source), "%s", db_col_text(st, 4) ? db_col_text(st, 4) : "");
		have[k] = true;
	}
	return db_finalize(st, e);
}

/* The limit of a kind, checked: a kind the table lacks, or a row that is
 * no limit, is a problem of the field "kind". */
static enum gemis_err limit_of(struct db *db, int kind, struct cmp_limit *l, struct diags *d, struct errctx *e)
{
	struct cmp_limit all[CK_COUNT];
	bool have[CK_COUNT];
	struct diags ld;
	enum gemis_err err = complaint_limits_load(db, all, have, e);

	if (err)
		return err;
	if (!have[kind]) {
		diags_add(d, 0, "kind", _("there is no time limit for the kind %s (table complaint_limits)"),
			  cmp_kind_id(kind));
		return GEMIS_EINVAL;
	}
	*l = all[kind];
	diags_init(&ld, 4);
	cmp_limit_check(l, &ld);
	if (ld.n)
		diags_add(d, 0, "kind", _("the time limit of the kind %s is not valid: %s: %s"), cmp_kind_id(kind),
			  ld.d[0].field, ld.d[0].msg);
	err = ld.total ? GEMIS_EINVAL : GEMIS_OK;
	diags_release(&ld);
	return err;
}

/* --- adding -------------------------------------------------------------------- */

struct sealed {
	struct buf b[NSEALED];
};

static void sealed_release(struct sealed *x)
{
	size_t i;

	for (i = 0; i < NSEALED; i++)
		buf_release(&x->b[i]);
}

static enum gemis_err seal_all(const struct seal_key *key, const char *code, const char *const text[NSEALED],
			       struct sealed *x)
{
	enum gemis_err err = GEMIS_OK;
	size_t i;

	for (i = 0; i < NSEALED; i++)
		buf_init(&x->b[i], CMP_TEXT_MAX * 2);
	for (i = 0; i < NSEALED && !err; i++) {
		if (text[i] && *text[i])
			err = seal_field(key, DOMAIN, code, sealed_names[i], text[i], strlen(text[i]), &x->b[i]);
	}
	return err;
}

static void bind_blob_or_null(struct db_stmt *st, int i, const struct buf *b)
{
	if (b->len)
		db_bind_blob(st, i, b->p, b->len);
	else
		db_bind_null(st, i);
}

/* The next code of the commune's year: "03390-2026-0001". */
static enum gemis_err next_code(const struct cmp_session *s, int unit, int year, char code[CMP_CODE_MAX + 1],
				struct errctx *e)
{
	long long n = 0;
	bool found = false;
	char like[16];
	enum gemis_err err;

	/* the highest number of the commune's year, not the count: a number
	 * is never given twice */
	snprintf(like, sizeof(like), "%04d-%%", year);
	err = db_query_int(s->db, e, &n, &found,
			   "SELECT COALESCE(MAX(CAST(substr(code, length(code) - 3) AS INTEGER)), 0)"
			   " FROM complaints WHERE unit_id = ? AND received LIKE ?",
			   "it", s->t->units[unit].id, like);
	if (!err)
		snprintf(code, CMP_CODE_MAX + 1, "%s-%04d-%04lld", s->t->units[unit].code, year, n + 1);
	return err;
}

static enum gemis_err insert_row(const struct cmp_session *s, int unit, const struct cmp_fields *f,
				 struct date due, const char *code, const struct sealed *x, struct errctx *e)
{
	struct db_stmt *st = NULL;
	char rec[DATE_TEXT_LEN], dd[DATE_TEXT_LEN];
	enum gemis_err err;

	date_format_iso(f->received, rec);
	date_format_iso(due, dd);
	err = db_prepare(s->db, &st, e,
			 "INSERT INTO complaints (code, unit_id, received, channel, kind, field, agency, complex,"
			 " due, status, key_id, name_ct, contact_ct, text_ct, version, created_by, created_at,"
			 " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, 1,"
			 " ?, ?, ?, ?)");
	if (err)
		return err;
	db_bindv(st, "titttttitt", code, s->t->units[unit].id, rec, cmp_channel_id(f->channel),
		 cmp_kind_id(f->kind), goal_id((enum goal)f->field), agency_kinds[f->agency].id,
		 (long long)f->complex, dd, s->key->id);
	db_bind_blob(st, 11, x->b[0].p, x->b[0].len);
	bind_blob_or_null(st, 12, &x->b[1]);
	db_bind_blob(st, 13, x->b[2].p, x->b[2].len);
	db_bind_text(st, 14, s->who->name);
	db_bind_int(st, 15, s->now);
	db_bind_text(st, 16, s->who->name);
	db_bind_int(st, 17, s->now);
	db_next(st);
	return db_finalize(st, e);
}

enum gemis_err complaint_add(const struct cmp_session *s, int unit, const struct cmp_fields *f,
			     char code[CMP_CODE_MAX + 1], struct diags *d, struct errctx *e)
{
	const char *text[NSEALED] = {f->name, f->contact, f->text, NULL};
	struct cmp_limit lim;
	struct sealed x;
	size_t problems = d->total;
	bool own;
	enum gemis_err err;

	code[0] = '\0';
	/* an unknown agency is a problem of the input, not a refusal */
	if (!cmp_may(s->t, s->who, CA_RECEIVE, unit, f->agency >= 0 ? f->agency : s->who->agency))
		return refuse(s, unit, "complaint_add", NULL, "not permitted", e);
	cmp_check(f, s->today, d);
	if (d->total > problems)
		return err_set(e, GEMIS_EINVAL, "%s", _("the complaint was not recorded"));
	err = limit_of(s->db, f->kind, &lim, d, e);
	if (err == GEMIS_EINVAL)
		return err_set(e, GEMIS_EINVAL, "%s", _("the complaint was not recorded"));
	if (err)
		return err;
	err = store_tx_begin(s->db, &own, e);
	if (err)
		return err;
	err = store_key_check(s->db, s->key, e);
	/* two matters recorded at once take turns: each reads the highest
	 * number after the other's is stored (PostgreSQL; SQLite's BEGIN
	 * IMMEDIATE already does) */
	if (!err)
		err = db_lock_table(s->db, "complaints", e);
	if (!err)
		err = next_code(s, unit, f->received.y, code, e);
	memset(&x, 0, sizeof(x));
	if (!err)
		err = seal_all(s->key, code, text, &x);
	if (!err)
		err = insert_row(s, unit, f, cmp_due(f->received, &lim, f->complex), code, &x, e);
	if (!err)
		err = log_line(s, unit, "complaint_add", code, NULL, true, e);
	sealed_release(&x);
	err = store_tx_end(s->db, own, err, e);
	if (err)
		code[0] = '\0';
	return err;
}

/* --- reading ------------------------------------------------------------------- */

#define COLS                                                                                      \
	"SELECT id, code, unit_id, received, channel, kind, field, agency, complex, due, status,"     \
	" answered_on, case_code, version, updated_by, updated_at, name_ct, contact_ct, text_ct,"      \
	" answer_ct FROM complaints"

static void read_row(struct db_stmt *st, const struct tree *t, struct arena *mem, struct complaint *x)
{
	const char *cc = db_col_text(st, 12);

	memset(x, 0, sizeof(*x));
	x->id = db_col_int(st, 0);
	snprintf(x->code, sizeof(x->code), "%s", db_col_text(st, 1));
	x->unit = tree_find_id(t, db_col_int(st, 2));
	x->received = store_day(db_col_text(st, 3));
	x->channel = cmp_channel_parse(db_col_text(st, 4));
	x->kind = cmp_kind_parse(db_col_text(st, 5));
	x->field = goal_parse(db_col_text(st, 6));
	x->agency = agency_find(db_col_text(st, 7));
	x->complex = db_col_int(st, 8) != 0;
	x->due = store_day(db_col_text(st, 9));
	x->status = cmp_status_parse(db_col_text(st, 10));
	x->answered_on = store_day(db_col_text(st, 11));
	x->case_code = cc ? arena_strdup(mem, cc) : NULL;
	x->version = db_col_int(st, 13);
	x->updated_by = arena_strdup(mem, db_col_text(st, 14));
	x->updated_at = db_col_int(st, 15);
}

/* Opens the sealed fields of the row st is on into mem; the opened text is
 * wiped from the working buffer. */
static enum gemis_err open_row(const struct cmp_session *s, struct db_stmt *st, struct arena *mem,
			       struct complaint *x, struct errctx *e)
{
	const char **dst[NSEALED] = {&x->name, &x->contact, &x->text, &x->answer};
	struct buf b;
	enum gemis_err err = GEMIS_OK;
	size_t i, len;
	const void *p;

	buf_init(&b, CMP_TEXT_MAX * 2);
	for (i = 0; i < NSEALED && !err; i++) {
		p = db_col_blob(st, 16 + (int)i, &len);
		*dst[i] = NULL;
		if (!p || !len)
			continue;
		if (!seal_open(s->key, DOMAIN, x->code, sealed_names[i], p, len, &b))
			err = err_set(e, GEMIS_EFORMAT,
				      _("a field of complaint %s does not open with this key (wrong key, or the data was altered)"),
				      x->code);
		else if (!(*dst[i] = arena_strdup(mem, buf_str(&b))))
			err = GEMIS_ENOMEM;
	}
	seal_wipe_buf(&b);
	buf_release(&b);
	x->opened = !err;
	return err;
}

enum gemis_err complaints_list(const struct cmp_session *s, int unit, int year, struct arena *mem,
			       struct complaint **out, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct complaint *v = NULL, *nv;
	size_t cap = 0;
	enum gemis_err err;
	int u;

	*out = NULL;
	*n = 0;
	if (unit < 0 || (s->who && !access_in_scope(s->t, s->who, unit)))
		return err_set(e, GEMIS_EPERM, "%s", _("this unit is outside your scope"));
	err = db_prepare(s->db, &st, e, COLS " WHERE (? = 0 OR substr(received, 1, 4) = ?) ORDER BY received DESC, code DESC");
	if (err)
		return err;
	{
		char y[8];

		snprintf(y, sizeof(y), "%04d", year);
		db_bindv(st, "it", (long long)year, y);
	}
	while (db_next(st) && !err) {
		u = tree_find_id(s->t, db_col_int(st, 2));
		if (u < 0 || !tree_contains(s->t, unit, u))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			nv = arena_alloc(mem, cap * sizeof(*v));
			if (!nv) {
				err = GEMIS_ENOMEM;
				break;
			}
			if (*n)
				memcpy(nv, v, *n * sizeof(*v));
			v = nv;
		}
		read_row(st, s->t, mem, &v[(*n)++]);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	*out = v;
	return db_finalize(st, e);
}

enum gemis_err complaint_get(const struct cmp_session *s, const char *code, bool open, struct arena *mem,
			     struct complaint *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	bool found = false, may = false;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	err = db_prepare(s->db, &st, e, COLS " WHERE code = ?");
	if (err)
		return err;
	db_bind_text(st, 1, code);
	if (db_next(st)) {
		found = true;
		read_row(st, s->t, mem, out);
		may = open ? cmp_may(s->t, s->who, CA_HANDLE, out->unit, out->agency)
			   : cmp_may(s->t, s->who, CA_LIST, out->unit, -1);
		if (may && open)
			err = store_key_check(s->db, s->key, e);
		if (may && open && !err)
			err = open_row(s, st, mem, out, e);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	err = db_finalize(st, e);
	if (err)
		return err;
	if (!found || !may) {
		if (open)
			return refuse(s, found ? out->unit : s->who->unit, "complaint_read", code,
				      found ? "not permitted" : "no such complaint", e);
		return err_set(e, GEMIS_ENOTFOUND, _("there is no complaint %s in your scope"), code);
	}
	return open ? log_line(s, out->unit, "complaint_read", code, NULL, true, e) : GEMIS_OK;
}

/* --- changing ---------------------------------------------------------------------- */

/* The matter of a code for a change by a handler: refused (and logged)
 * otherwise; a closed one or a stale version is a conflict. */
static enum gemis_err for_change(const struct cmp_session *s, const char *code, long long version,
				 const char *action, struct arena *mem, struct complaint *x, struct errctx *e)
{
	struct complaint c;
	enum gemis_err err = complaint_get(s, code, false, mem, &c, e);

	if (err == GEMIS_ENOTFOUND || (!err && !cmp_may(s->t, s->who, CA_HANDLE, c.unit, c.agency)))
		return refuse(s, err ? s->who->unit : c.unit, action, code,
			      err ? "no such complaint" : "not permitted", e);
	if (err)
		return err;
	if (c.version != version)
		return err_set(e, GEMIS_ECONFLICT,
			       _("complaint %s was changed by %s meanwhile: reload it and try again"), code,
			       c.updated_by);
	if (!cmp_open(c.status))
		return err_set(e, GEMIS_ECONFLICT, _("complaint %s is %s: it can no longer change"), code,
			       cmp_status_name(c.status));
	*x = c;
	return GEMIS_OK;
}

static enum gemis_err write_answer(const struct cmp_session *s, const struct complaint *c, int status,
				   struct date on, const char *answer, struct errctx *e)
{
	const char *text[NSEALED] = {NULL, NULL, NULL, status == CS_ANSWERED ? answer : NULL};
	char day[DATE_TEXT_LEN];
	struct sealed x;
	struct db_stmt *st = NULL;
	enum gemis_err err;

	memset(&x, 0, sizeof(x));
	err = store_key_check(s->db, s->key, e);
	if (!err)
		err = seal_all(s->key, c->code, text, &x);
	if (!err)
		err = db_prepare(s->db, &st, e,
				 "UPDATE complaints SET status = ?, answered_on = ?, answer_ct = ?,"
				 " version = version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND version = ?");
	if (!err) {
		date_format_iso(on, day);
		db_bindv(st, "tt", cmp_status_id(status), status == CS_ANSWERED ? day : NULL);
		bind_blob_or_null(st, 3, &x.b[3]);
		db_bind_text(st, 4, s->who->name);
		db_bind_int(st, 5, s->now);
		db_bind_int(st, 6, c->id);
		db_bind_int(st, 7, c->version);
		db_next(st);
		if (db_changes(st) != 1)
			err = err_set(e, GEMIS_ECONFLICT, _("complaint %s was changed meanwhile: reload it and try again"),
				      c->code);
		if (err)
			db_finalize(st, NULL);
		else
			err = db_finalize(st, e);
	}
	sealed_release(&x);
	return err;
}

enum gemis_err complaint_answer(const struct cmp_session *s, const char *code, long long version, int status,
				struct date on, const char *answer, struct diags *d, struct errctx *e)
{
	struct arena mem;
	struct complaint c;
	size_t problems = d->total;
	enum gemis_err err;

	arena_init(&mem, 1 << 20);
	err = db_begin(s->db, e);
	if (err)
		goto out;
	err = for_change(s, code, version, "complaint_answer", &mem, &c, e);
	if (!err && (status < 0 || status == CS_RECEIVED || status >= CS_COUNT)) {
		diags_add(d, 0, "status", "%s", _("a complaint moves to handling, answered or withdrawn"));
		err = err_set(e, GEMIS_EINVAL, "%s", _("the complaint was not changed"));
	}
	if (!err && status == CS_ANSWERED) {
		cmp_answer_check(c.received, on, answer, s->today, d);
		if (d->total > problems)
			err = err_set(e, GEMIS_EINVAL, "%s", _("the complaint was not changed"));
	}
	if (!err)
		err = write_answer(s, &c, status, on, answer, e);
	if (!err)
		err = log_line(s, c.unit, "complaint_answer", code, cmp_status_id(status), true, e);
	err = store_tx_end(s->db, true, err, e);
out:
	arena_release(&mem);
	return err;
}

/* The case code names a case of the commune (nothing of it is read). */
static enum gemis_err case_of_commune(const struct cmp_session *s, const struct complaint *c, const char *case_code,
				      struct errctx *e)
{
	bool found = false, closed = false;
	long long id = 0, unit_id = 0;
	enum gemis_err err;

	if (!cmp_case_code_ok(case_code))
		return err_set_at(e, GEMIS_EINVAL, "case", "%s", _("not a case code"));
	err = cases_find(s->db, case_code, &found, &id, &unit_id, &closed, e);
	if (err)
		return err;
	if (!found || unit_id != s->t->units[c->unit].id)
		return err_set_at(e, GEMIS_EINVAL, "case", _("there is no case %s of this commune in the case register"),
				  case_code);
	return GEMIS_OK;
}

enum gemis_err complaint_refer(const struct cmp_session *s, const char *code, long long version,
			       const char *case_code, struct errctx *e)
{
	struct arena mem;
	struct complaint c;
	enum gemis_err err;

	arena_init(&mem, 1 << 20);
	err = db_begin(s->db, e);
	if (err)
		goto out;
	err = for_change(s, code, version, "complaint_refer", &mem, &c, e);
	if (!err)
		err = case_of_commune(s, &c, case_code, e);
	if (!err)
		err = db_run(s->db, e,
			     "UPDATE complaints SET case_code = ?, version = version + 1, updated_by = ?,"
			     " updated_at = ? WHERE id = ?",
			     "ttii", case_code, s->who->name, s->now, c.id);
	if (!err)
		err = log_line(s, c.unit, "complaint_refer", code, case_code, true, e);
	err = store_tx_end(s->db, true, err, e);
out:
	arena_release(&mem);
	return err;
}

/* --- sums ---------------------------------------------------------------------------- */

void complaints_sum(const struct complaint *v, size_t n, struct date today, struct cmp_sum *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < n; i++) {
		const struct complaint *c = &v[i];

		s->total++;
		if (c->field >= 0 && c->field < GOAL_COUNT && c->channel >= 0 && c->channel < CH_COUNT)
			s->by[c->field][c->channel]++;
		if (c->kind >= 0 && c->kind < CK_COUNT)
			s->by_kind[c->kind]++;
		if (cmp_open(c->status))
			s->open++;
		if (cmp_overdue(c->status, c->due, today))
			s->overdue++;
		if (c->status == CS_ANSWERED) {
			s->answered++;
			if (date_cmp(c->answered_on, c->due) > 0)
				s->answered_late++;
		}
		if (c->status == CS_WITHDRAWN)
			s->withdrawn++;
		if (c->case_code)
			s->referred++;
	}
}

enum gemis_err complaints_count(struct db *db, const struct tree *t, int unit, int year, struct date today,
				struct cmp_sum *sum, struct errctx *e)
{
	struct cmp_session s = {db, t, NULL, NULL, today, 0};
	struct arena mem;
	struct complaint *v = NULL;
	size_t n = 0;
	enum gemis_err err;

	arena_init(&mem, 0);
	err = complaints_list(&s, unit, year, &mem, &v, &n, e);
	complaints_sum(v, n, today, sum);
	arena_release(&mem);
	return err;
}

/* --- retention ------------------------------------------------------------------- */

/* A matter whose person is to be erased. */
struct old_matter {
	long long id;
	int unit;
	char code[CMP_CODE_MAX + 1];
};

/* The matters that still hold a person and are past retention on today. */
static enum gemis_err old_matters(const struct cmp_session *s, int days, struct old_matter **out, size_t *n,
				  struct errctx *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	enum gemis_err err;

	*n = 0;
	err = db_prepare(s->db, &st, e,
			 "SELECT id, code, unit_id, status, answered_on, updated_at FROM complaints"
			 " WHERE length(name_ct) > 0 AND status IN ('answered', 'withdrawn') ORDER BY id");
	while (!err && db_next(st)) {
		int status = cmp_status_parse(db_col_text(st, 3));
		/* a withdrawn matter closed the day it was last changed */
		struct date closed = status == CS_ANSWERED ? store_day(db_col_text(st, 4)) : vn_date(db_col_int(st, 5));
		struct old_matter *m;

		if (!cmp_past_retention(status, closed, s->today, days))
			continue;
		if (*n == cap) {
			struct old_matter *v = gemis_realloc(*out, (cap ? cap * 2 : 16) * sizeof(*v));

			if (!v) {
				err = err_set(e, GEMIS_ENOMEM, "%s", err_name(GEMIS_ENOMEM));
				break;
			}
			*out = v;
			cap = cap ? cap * 2 : 16;
		}
		m = &(*out)[(*n)++];
		m->id = db_col_int(st, 0);
		m->unit = tree_find_id(s->t, db_col_int(st, 2));
		snprintf(m->code, sizeof(m->code), "%s", db_col_text(st, 1));
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

enum gemis_err complaints_erase_old(const struct cmp_session *s, int retention_days, size_t *erased,
				    struct errctx *e)
{
	struct old_matter *v = NULL;
	size_t n = 0, i;
	enum gemis_err err;

	*erased = 0;
	if (s->who->role != ROLE_ADMIN) {
		struct errctx le = {0};

		if (log_line(s, s->who->unit, "complaint_erase", NULL, "not permitted", false, &le))
			return err_set(e, le.code, "%s", le.msg);
		return err_set(e, GEMIS_EPERM, "%s", _("only an admin may erase old complaints"));
	}
	if (retention_days < 0)
		return err_set_at(e, GEMIS_EINVAL, "--retention-days", "%s", _("must be a number of days"));
	/* nothing erased may stay readable in the database file */
	err = db_secure_delete(s->db, e);
	if (!err)
		err = db_begin(s->db, e);
	if (err)
		return err;
	err = old_matters(s, retention_days, &v, &n, e);
	for (i = 0; !err && i < n; i++) {
		err = db_run(s->db, e,
			     "UPDATE complaints SET name_ct = substr(name_ct, 1, 0), contact_ct = NULL,"
			     " text_ct = substr(text_ct, 1, 0), answer_ct = NULL, version = version + 1,"
			     " updated_by = ?, updated_at = ? WHERE id = ?",
			     "tii", s->who->name, s->now, v[i].id);
		if (!err)
			err = log_line(s, v[i].unit, "complaint_erase", v[i].code, "retention", true, e);
	}
	err = store_tx_end(s->db, true, err, e);
	if (!err) {
		*erased = n;
		err = db_checkpoint(s->db, e);
	}
	free(v);
	return err;
}
