/*
 * drafts.c: reading and writing drafts and their gender checks (see
 * drafts.h).
 */
#include "drafts.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/workflow.h"
#include "util/i18n.h"

#include "util/banned.h"

/* --- the checklist ------------------------------------------------------------ */

enum gemis_err gc_checklist_load(struct db *db, int version, struct arena *mem, struct gc_checklist *out,
				 struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct gc_question *q = NULL;
	size_t cap = 0;
	long long latest = 0;
	bool found = false;
	enum gemis_err err = GEMIS_OK;

	memset(out, 0, sizeof(*out));
	if (version <= 0) {
		err = db_query_int(db, e, &latest, &found, "SELECT MAX(version) FROM gender_check_questions", "");
		version = (int)latest;
	}
	if (!err)
		err = db_prepare(db, &st, e,
				 "SELECT id, kind, required, text_vi, text_en, source FROM gender_check_questions"
				 " WHERE version = ? ORDER BY ord, id");
	if (err)
		return err;
	db_bind_int(st, 1, version);
	while (db_next(st)) {
		struct gc_question *x;

		q = store_grow(mem, q, out->n, &cap, sizeof(*q));
		if (!q) {
			db_finalize(st, NULL);
			return store_no_memory(e);
		}
		x = &q[out->n++];
		x->id = store_dup(mem, db_col_text(st, 0));
		x->yesno = db_col_text(st, 1) && strcmp(db_col_text(st, 1), "yesno") == 0;
		x->required = db_col_int(st, 2) != 0;
		x->text_vi = store_dup(mem, db_col_text(st, 3));
		x->text_en = store_dup(mem, db_col_text(st, 4));
		x->source = store_dup(mem, db_col_text(st, 5));
	}
	err = db_finalize(st, e);
	if (!err && !out->n)
		return err_set(e, GEMIS_ENOTFOUND, _("there is no version %d of the gender checklist"), version);
	out->version = version;
	out->q = q;
	return err;
}

/* --- reading ------------------------------------------------------------------ */

#define DRAFT_COLS \
	"id, unit_id, year, kind, number, title, drafted_on, agency, checklist_version, state, review, issued_no," \
	" issued_on, version, created_by, updated_by, updated_at"

/* A store_read_fn: the draft of a row of DRAFT_COLS into out. */
static int read_draft(struct db_stmt *st, const struct tree *t, struct arena *mem, void *out)
{
	struct draft *x = out;
	const char *ag = db_col_text(st, 7);

	memset(x, 0, sizeof(*x));
	x->id = db_col_int(st, 0);
	x->unit = tree_find_id(t, db_col_int(st, 1));
	x->year = (int)db_col_int(st, 2);
	x->f.kind = draft_kind_parse(db_col_text(st, 3));
	x->f.number = store_dup(mem, db_col_text(st, 4));
	x->f.title = store_dup(mem, db_col_text(st, 5));
	x->f.drafted_on = store_day(db_col_text(st, 6));
	x->f.agency = agency_find(ag ? ag : "");
	x->checklist_version = (int)db_col_int(st, 8);
	x->state = wf_state_find(&wf_draft, db_col_text(st, 9) ? db_col_text(st, 9) : "");
	x->review = store_dup(mem, db_col_text(st, 10));
	x->issued_no = store_dup(mem, db_col_text(st, 11));
	x->issued = x->issued_no != NULL;
	x->issued_on = store_day(db_col_text(st, 12));
	x->version = db_col_int(st, 13);
	x->created_by = store_dup(mem, db_col_text(st, 14));
	x->updated_by = store_dup(mem, db_col_text(st, 15));
	x->updated_at = db_col_int(st, 16);
	return x->unit;
}

enum gemis_err drafts_list(struct db *db, const struct tree *t, int unit, int year, struct arena *mem,
			   struct draft **out, size_t *n, struct errctx *e)
{
	void *v = NULL;
	enum gemis_err err;

	err = store_unit_list(db, t, unit, year,
			      "SELECT " DRAFT_COLS " FROM drafts WHERE year = ? AND unit_id = ? ORDER BY drafted_on, id",
			      "SELECT " DRAFT_COLS " FROM drafts WHERE year = ? ORDER BY drafted_on, id", read_draft,
			      sizeof(**out), mem, &v, n, e);
	*out = v;
	return err;
}

static enum gemis_err get_one(struct db *db, const struct tree *t, int unit, long long id, struct arena *mem,
			      struct draft *out, struct errctx *e)
{
	return store_unit_get(db, t, unit, id, "SELECT " DRAFT_COLS " FROM drafts WHERE id = ? AND unit_id = ?", read_draft,
			      mem, out, e, _("%s has no draft %lld"), t->units[unit].code, id);
}

/* The stored answers of draft x, in the order of its checklist. */
static enum gemis_err load_answers(struct db *db, struct arena *mem, struct draft *x, struct errctx *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT a.question, a.answer FROM draft_answers a LEFT JOIN gender_check_questions q"
			 " ON q.version = ? AND q.id = a.question WHERE a.draft_id = ? ORDER BY q.ord, a.question");
	if (err)
		return err;
	db_bindv(st, "ii", (long long)x->checklist_version, x->id);
	while (db_next(st)) {
		x->answers = store_grow(mem, x->answers, x->nanswers, &cap, sizeof(*x->answers));
		if (!x->answers) {
			db_finalize(st, NULL);
			return store_no_memory(e);
		}
		x->answers[x->nanswers].question = store_dup(mem, db_col_text(st, 0));
		x->answers[x->nanswers].answer = store_dup(mem, db_col_text(st, 1));
		x->nanswers++;
	}
	return db_finalize(st, e);
}

enum gemis_err draft_get(struct db *db, const struct tree *t, int unit, long long id, struct arena *mem,
			 struct draft *out, struct errctx *e)
{
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	err = get_one(db, t, unit, id, mem, out, e);
	if (!err)
		err = load_answers(db, mem, out, e);
	if (!err)
		err = store_steps_load(db, mem,
				       "SELECT action, state, comment, by_name, at FROM draft_steps WHERE draft_id = ? ORDER BY id",
				       out->id, &out->steps, &out->nsteps, e);
	return err;
}

/* --- writing ------------------------------------------------------------------ */

static enum gemis_err refuse_issued(const struct draft *x, struct errctx *e)
{
	char on[DATE_TEXT_LEN];

	date_format_dmy(x->issued_on, on);
	return err_set(e, GEMIS_ECONFLICT, _("this draft was issued as %s on %s: it and its gender check are kept as they stood"),
		       x->issued_no ? x->issued_no : "?", on);
}

static enum gemis_err step(struct db *db, long long draft, int a, int state, const char *comment, const char *by,
			   long long now, struct errctx *e)
{
	return db_run(db, e,
		      "INSERT INTO draft_steps (draft_id, action, state, comment, by_name, at) VALUES (?, ?, ?, ?, ?, ?)",
		      "itttti", draft, wf_action_id(&wf_draft, a), wf_state_id(&wf_draft, state),
		      comment && *comment ? comment : NULL, by, now);
}

/* The stored answers of cur with the given ones laid over them ("" clears
 * one), in mem: what the check holds once saved. */
static enum gemis_err merge_answers(const struct draft *cur, const struct draft_answer *a, size_t na,
				    struct arena *mem, struct draft_answer **out, size_t *n, struct errctx *e)
{
	struct draft_answer *v = arena_alloc(mem, (cur->nanswers + na + 1) * sizeof(*v));
	size_t i, j;

	*n = 0;
	*out = v;
	if (!v)
		return store_no_memory(e);
	for (i = 0; i < cur->nanswers; i++) {
		for (j = 0; j < na; j++) {
			if (a[j].question && strcmp(a[j].question, cur->answers[i].question) == 0)
				break;
		}
		if (j == na)
			v[(*n)++] = cur->answers[i];
	}
	for (j = 0; j < na; j++) {
		if (a[j].answer && *a[j].answer)
			v[(*n)++] = a[j];
	}
	return GEMIS_OK;
}

static enum gemis_err write_answers(struct db *db, long long id, const struct draft_answer *a, size_t n,
				    struct errctx *e)
{
	enum gemis_err err = db_run(db, e, "DELETE FROM draft_answers WHERE draft_id = ?", "i", id);
	size_t i;

	for (i = 0; !err && i < n; i++)
		err = db_run(db, e, "INSERT INTO draft_answers (draft_id, question, answer) VALUES (?, ?, ?)", "itt", id,
			     a[i].question, a[i].answer);
	return err;
}

static void bind_fields(struct db_stmt *st, const struct draft_fields *f, int first)
{
	char on[DATE_TEXT_LEN];

	date_format_iso(f->drafted_on, on);
	db_bind_int(st, first, f->drafted_on.y);
	db_bind_text(st, first + 1, draft_kind_id(f->kind));
	db_bind_text(st, first + 2, f->number && *f->number ? f->number : NULL);
	db_bind_text(st, first + 3, f->title);
	db_bind_text(st, first + 4, on);
	db_bind_text(st, first + 5, agency_kinds[f->agency].id);
}

static enum gemis_err insert(struct db *db, const struct tree *t, struct draft *x, int state, const char *by,
			     long long now, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO drafts (unit_id, year, kind, number, title, drafted_on, agency, checklist_version,"
			 " state, version, created_by, created_at, updated_by, updated_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[x->unit].id);
	bind_fields(st, &x->f, 2);
	db_bind_int(st, 8, x->checklist_version);
	db_bind_text(st, 9, wf_state_id(&wf_draft, state));
	err = store_insert_stamped(st, 10, by, now, &x->id, e);
	if (x->id) {
		x->version = 1;
		x->year = x->f.drafted_on.y;
		x->state = state;
	}
	return err;
}

static enum gemis_err update(struct db *db, struct draft *x, int state, const char *by, long long now,
			     long long cur_version, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "UPDATE drafts SET year = ?, kind = ?, number = ?, title = ?, drafted_on = ?, agency = ?,"
			 " state = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND version = ?");
	if (err)
		return err;
	bind_fields(st, &x->f, 1);
	db_bind_text(st, 7, wf_state_id(&wf_draft, state));
	db_bind_text(st, 8, by);
	db_bind_int(st, 9, now);
	db_bind_int(st, 10, x->id);
	db_bind_int(st, 11, cur_version);
	err = db_step_done(st, e);
	if (!err && db_changes(st) != 1)
		err = err_set(e, GEMIS_ECONFLICT, "%s", _("this draft changed meanwhile; reload it"));
	db_finalize(st, NULL);
	if (!err) {
		x->version = cur_version + 1;
		x->year = x->f.drafted_on.y;
		x->state = state;
	}
	return err;
}

static enum gemis_err invalid(const struct diags *d, struct errctx *e)
{
	return err_set(e, GEMIS_EINVAL,
		       ngettext_("%zu problem in the draft; nothing was saved", "%zu problems in the draft; nothing was saved",
				 d->total),
		       d->total);
}

/* What a save holds, checked and written inside the transaction: cur is
 * the draft as stored (id 0 and no answers for a new one). */
static enum gemis_err save_locked(struct db *db, const struct tree *t, const struct principal *who, struct draft *x,
				  const struct draft *cur, const struct draft_answer *a, size_t na, int act,
				  struct arena *mem, struct diags *d, struct errctx *e)
{
	struct gc_checklist c;
	struct draft_answer *all = NULL;
	size_t nall = 0;
	int to = -1;
	enum gemis_err err;

	err = wf_check_state(&wf_draft, cur->id ? cur->state : DR_NONE, act, &to, e);
	if (!err && cur->id && cur->version != x->version)
		err = store_stale(cur->updated_by, cur->updated_at, e);
	if (!err)
		err = gc_checklist_load(db, cur->id ? cur->checklist_version : 0, mem, &c, e);
	if (!err)
		err = merge_answers(cur, a, na, mem, &all, &nall, e);
	if (err)
		return err;
	draft_answers_check(&c, a, na, false, d);
	if (act == DR_SUBMIT && d->total == 0)
		draft_answers_check(&c, all, nall, true, d);
	if (d->total > 0)
		return invalid(d, e);
	x->checklist_version = c.version;
	if (!cur->id)
		err = insert(db, t, x, to, who->name, x->updated_at, e);
	else
		err = update(db, x, to, who->name, x->updated_at, cur->version, e);
	if (!err)
		err = write_answers(db, x->id, all, nall, e);
	if (!err)
		err = step(db, x->id, act, to, NULL, who->name, x->updated_at, e);
	return err;
}

/* The draft as stored, and whether who may enter for its agency: cur->id
 * 0 for a new draft. */
static enum gemis_err current(struct db *db, const struct tree *t, const struct principal *who, const struct draft *x,
			      int act, struct arena *mem, struct draft *cur, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;

	memset(cur, 0, sizeof(*cur));
	if (x->id)
		err = draft_get(db, t, x->unit, x->id, mem, cur, e);
	if (!err && cur->issued)
		return refuse_issued(cur, e);
	if (!err && x->id && !wf_permitted(&wf_draft, t, who, act, x->unit, cur->f.agency))
		err = err_set(e, GEMIS_EPERM, "%s", _(wf_draft.not_allowed));
	return err;
}

enum gemis_err draft_save(struct db *db, const struct tree *t, const struct principal *who, struct draft *x,
			  const struct draft_answer *a, size_t na, bool submit, struct date today, long long now,
			  struct diags *d, struct errctx *e)
{
	struct arena mem;
	struct draft cur;
	int act = submit ? DR_SUBMIT : DR_SAVE;
	enum gemis_err err;
	bool own;

	if (x->unit < 0 || (size_t)x->unit >= t->n)
		return err_set(e, GEMIS_EINVAL, "bad draft");
	/* 403 before anything is read or checked: an account that may enter
	 * for no agency of the unit learns nothing */
	if (!wf_permitted(&wf_draft, t, who, act, x->unit, who->role == ROLE_REPORTER ? who->agency : -1))
		return err_set(e, GEMIS_EPERM, "%s", _(wf_draft.not_allowed));
	draft_check(&x->f, today, d);
	if (d->total > 0)
		return invalid(d, e);
	if (!wf_permitted(&wf_draft, t, who, act, x->unit, x->f.agency))
		return err_set(e, GEMIS_EPERM, _("you may not enter drafts of %s"), agency_kinds[x->f.agency].id);
	x->updated_at = now;
	arena_init(&mem, 0);
	err = store_tx_begin(db, &own, e);
	if (!err) {
		err = current(db, t, who, x, act, &mem, &cur, e);
		if (!err)
			err = save_locked(db, t, who, x, &cur, a, na, act, &mem, d, e);
		err = store_tx_end(db, own, err, e);
	}
	arena_release(&mem);
	return err;
}

static enum gemis_err act_locked(struct db *db, const struct tree *t, const struct principal *who, int unit,
				 long long id, int a, long long version, const char *comment, long long now,
				 struct arena *mem, struct errctx *e)
{
	struct draft x;
	int to = -1;
	enum gemis_err err;

	err = get_one(db, t, unit, id, mem, &x, e);
	if (!err && !access_draft_review(t, who, unit, x.f.agency))
		err = err_set(e, GEMIS_EPERM, "%s",
			      _("the agency that wrote a draft does not review its own gender check: the focal point does"));
	if (!err && x.issued)
		err = refuse_issued(&x, e);
	if (!err)
		err = wf_check_state(&wf_draft, x.state, a, &to, e);
	if (!err && x.version != version)
		err = store_stale(x.updated_by, x.updated_at, e);
	if (!err)
		err = db_run(db, e,
			     "UPDATE drafts SET state = ?, review = ?, version = version + 1, updated_by = ?, updated_at = ?"
			     " WHERE id = ?",
			     "tttii", wf_state_id(&wf_draft, to), comment, who->name, now, id);
	if (!err)
		err = step(db, id, a, to, comment, who->name, now, e);
	return err;
}

enum gemis_err draft_act(struct db *db, const struct tree *t, const struct principal *who, int unit, long long id,
			 int a, long long version, const char *comment, long long now, struct errctx *e)
{
	struct arena mem;
	enum gemis_err err;
	bool own;

	if (a != DR_RETURN && a != DR_REVIEW)
		return err_set_at(e, GEMIS_EINVAL, "action", "%s", _("unknown action: return or review"));
	err = wf_check_request(&wf_draft, t, who, a, unit, -1, comment, e);
	if (err)
		return err;
	if (strlen(comment) > DRAFT_REVIEW_MAX)
		return err_set_at(e, GEMIS_EINVAL, "comment", _("longer than %d bytes"), DRAFT_REVIEW_MAX);
	arena_init(&mem, 0);
	err = store_tx_begin(db, &own, e);
	if (!err)
		err = store_tx_end(db, own, act_locked(db, t, who, unit, id, a, version, comment, now, &mem, e), e);
	arena_release(&mem);
	return err;
}

static enum gemis_err issue_locked(struct db *db, const struct tree *t, const struct principal *who, int unit,
				   long long id, long long version, const char *no, struct date on, struct date today,
				   long long now, struct arena *mem, struct diags *d, struct errctx *e)
{
	char day[DATE_TEXT_LEN];
	struct draft x;
	int to = -1;
	enum gemis_err err;

	err = get_one(db, t, unit, id, mem, &x, e);
	if (!err && x.issued)
		err = refuse_issued(&x, e);
	if (!err)
		err = wf_check_state(&wf_draft, x.state, DR_ISSUE, &to, e);
	if (!err && x.version != version)
		err = store_stale(x.updated_by, x.updated_at, e);
	if (err)
		return err;
	draft_issue_check(no, on, x.f.drafted_on, today, d);
	if (d->total > 0)
		return invalid(d, e);
	date_format_iso(on, day);
	err = db_run(db, e,
		     "UPDATE drafts SET issued_no = ?, issued_on = ?, version = version + 1, updated_by = ?, updated_at = ?"
		     " WHERE id = ?",
		     "tttii", no, day, who->name, now, id);
	if (!err)
		err = step(db, id, DR_ISSUE, to, no, who->name, now, e);
	return err;
}

enum gemis_err draft_issue(struct db *db, const struct tree *t, const struct principal *who, int unit, long long id,
			   long long version, const char *no, struct date on, struct date today, long long now,
			   struct diags *d, struct errctx *e)
{
	struct arena mem;
	enum gemis_err err;
	bool own;

	err = wf_check_request(&wf_draft, t, who, DR_ISSUE, unit, -1, NULL, e);
	if (err)
		return err;
	arena_init(&mem, 0);
	err = store_tx_begin(db, &own, e);
	if (!err)
		err = store_tx_end(db, own, issue_locked(db, t, who, unit, id, version, no, on, today, now, &mem, d, e), e);
	arena_release(&mem);
	return err;
}

void drafts_sum(const struct draft *v, size_t n, struct draft_sum *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < n; i++) {
		const struct draft *x = &v[i];

		s->drafts++;
		if (x->f.kind >= 0 && x->f.kind < DK_COUNT)
			s->by_kind[x->f.kind]++;
		s->waiting += x->state == DR_SUBMITTED;
		s->reviewed += x->state == DR_REVIEWED;
		if (x->issued) {
			s->issued++;
			s->issued_reviewed += x->state == DR_REVIEWED;
		}
	}
}
