/*
 * budget.c: reading and writing budget lines and their trail (budget.h).
 */
#include "budget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "core/period.h"
#include "core/workflow.h"
#include "tasks.h"
#include "util/i18n.h"
#include "util/number.h"
#include "util/text.h"

#include "util/banned.h"

#define LINE_COLS                                                                                      \
	"l.id, u.code, l.year, l.agency, l.task_uid, l.source, l.title, l.estimate, l.appraised, l.approved," \
	" l.decision_no, l.decision_date, l.spent, l.note, l.status, l.version, l.updated_by, l.updated_at"

/* --- reading ------------------------------------------------------------------ */

static const char *dup(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static long long amount_col(struct db_stmt *st, int i)
{
	return db_col_null(st, i) ? BUDGET_NONE : db_col_int(st, i);
}

/* The row of LINE_COLS into *l, its texts in a. */
static void read_line(struct db_stmt *st, const struct tree *t, struct arena *a, struct budget_line *l)
{
	memset(l, 0, sizeof(*l));
	l->id = db_col_int(st, 0);
	l->unit = tree_find(t, db_col_text(st, 1));
	l->year = (int)db_col_int(st, 2);
	l->agency_id = dup(a, db_col_text(st, 3));
	l->agency = agency_find(l->agency_id);
	l->task_uid = dup(a, db_col_text(st, 4));
	l->goals = "";
	l->source = dup(a, db_col_text(st, 5));
	l->title = dup(a, db_col_text(st, 6));
	l->estimate = db_col_int(st, 7);
	l->appraised = amount_col(st, 8);
	l->approved = amount_col(st, 9);
	l->decision_no = dup(a, db_col_text(st, 10));
	l->decision_date = dup(a, db_col_text(st, 11));
	l->spent = amount_col(st, 12);
	l->note = dup(a, db_col_text(st, 13));
	l->status = wf_state_find(&wf_estimate, db_col_text(st, 14));
	l->version = db_col_int(st, 15);
	l->by = dup(a, db_col_text(st, 16));
	l->at = db_col_int(st, 17);
}

static enum gemis_err load_sources(struct db *db, struct budget_list *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t cap = 16;

	out->src = arena_alloc(&out->mem, cap * sizeof(*out->src));
	if (!out->src)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	err = db_prepare(db, &st, e, "SELECT id, name_vi, name_en FROM budget_sources ORDER BY ord, id");
	if (err)
		return err;
	while (db_next(st) && out->nsrc < cap) {
		struct budget_source *s = &out->src[out->nsrc++];

		s->id = dup(&out->mem, db_col_text(st, 0));
		s->name_vi = dup(&out->mem, db_col_text(st, 1));
		s->name_en = dup(&out->mem, db_col_text(st, 2));
	}
	return db_finalize(st, e);
}

static enum gemis_err push_line(struct budget_list *out, size_t *cap, const struct budget_line *l,
				struct errctx *e)
{
	if (out->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		struct budget_line *p = realloc(out->l, nc * sizeof(*p));

		if (!p)
			return err_set(e, GEMIS_ENOMEM, "out of memory");
		out->l = p;
		*cap = nc;
	}
	out->l[out->n++] = *l;
	return GEMIS_OK;
}

/* The labels and goals of the lines of one unit, from its plan in force
 * (a task of an older plan keeps its uid and no label). */
static enum gemis_err label_tasks(struct db *db, const struct tree *t, struct budget_list *out, size_t from,
				  size_t to, struct errctx *e)
{
	struct task_list tl;
	enum gemis_err err;
	size_t i;

	err = tasks_of_unit(db, t, out->l[from].unit, &tl, e);
	for (i = from; !err && i < to; i++) {
		const struct task *x = out->l[i].task_uid ? task_find(&tl, out->l[i].task_uid) : NULL;

		if (x) {
			out->l[i].task_label = dup(&out->mem, task_label(&tl.mem, x));
			out->l[i].goals = dup(&out->mem, x->goals);
		}
	}
	task_list_release(&tl);
	return err;
}

enum gemis_err budget_load(struct db *db, const struct tree *t, int unit, int year, struct budget_list *out,
			   struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool one = t->units[unit].level >= LEVEL_COMMUNE;
	size_t cap = 0, i, from = 0;

	memset(out, 0, sizeof(*out));
	arena_init(&out->mem, 0);
	err = load_sources(db, out, e);
	if (err)
		return err;
	err = db_prepare(db, &st, e,
			 one ? "SELECT " LINE_COLS " FROM budget_lines l JOIN units u ON u.id = l.unit_id"
			       " WHERE (? = 0 OR l.year = ?) AND l.unit_id = ? ORDER BY u.code, l.year, l.id"
			     : "SELECT " LINE_COLS " FROM budget_lines l JOIN units u ON u.id = l.unit_id"
			       " WHERE (? = 0 OR l.year = ?) AND ? > 0 ORDER BY u.code, l.year, l.id");
	if (err)
		return err;
	db_bindv(st, "iii", (long long)year, (long long)year, t->units[unit].id);
	while (!err && db_next(st)) {
		struct budget_line l;

		read_line(st, t, &out->mem, &l);
		if (l.unit >= 0 && tree_contains(t, unit, l.unit))
			err = push_line(out, &cap, &l, e);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	err = db_finalize(st, e);
	for (i = 1; !err && i <= out->n; i++) {
		if (i == out->n || out->l[i].unit != out->l[from].unit) {
			err = label_tasks(db, t, out, from, i, e);
			from = i;
		}
	}
	return err;
}

void budget_list_release(struct budget_list *l)
{
	arena_release(&l->mem);
	free(l->l);
	memset(l, 0, sizeof(*l));
}

const struct budget_line *budget_find(const struct budget_list *l, long long id)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->l[i].id == id)
			return &l->l[i];
	}
	return NULL;
}

const char *budget_source_name(const struct budget_list *l, const char *id, bool english)
{
	size_t i;

	for (i = 0; id && i < l->nsrc; i++) {
		if (strcmp(l->src[i].id, id) == 0)
			return english ? l->src[i].name_en : l->src[i].name_vi;
	}
	return id ? id : "?";
}

/* --- checking what people wrote ------------------------------------------------ */

static bool blank(const char *s)
{
	while (s && (*s == ' ' || *s == '\t'))
		s++;
	return !s || !*s;
}

static void check_text(const char *s, const char *field, size_t max, bool one_line, struct diags *d)
{
	if (!s)
		return;
	if (strlen(s) > max)
		diags_add(d, 0, field, _("longer than %zu bytes"), max);
	else if (one_line && strpbrk(s, "\r\n\t"))
		diags_add(d, 0, field, "%s", _("one line, please"));
}

/* The amount written in s into *v; a problem goes to d under field. */
static void check_amount(const char *s, const char *field, long long *v, struct diags *d)
{
	enum dong_problem p = dong_parse(s ? s : "", s ? strlen(s) : 0, v);

	if (p != DONG_OK) {
		char msg[256];

		dong_problem_text(p, s ? s : "", s ? strlen(s) : 0, msg, sizeof(msg));
		diags_add(d, 0, field, "%s", msg);
	}
}

static enum gemis_err source_known(struct db *db, const char *id, bool *known, struct errctx *e)
{
	long long n = 0;

	return db_query_int(db, e, &n, known, "SELECT 1 FROM budget_sources WHERE id = ?", "t", id);
}

/* The task people name: its number or uid (task_named()), or the label
 * the task lists show ("2.2" for the duties of an agency, which the plan
 * numbers under its implementation section). */
static const struct task *find_task(struct task_list *tl, const char *ref)
{
	const struct task *x = task_named(tl, ref);
	size_t i;

	for (i = 0; !x && i < tl->n; i++) {
		if (strcmp(task_label(&tl->mem, &tl->t[i]), ref) == 0)
			x = &tl->t[i];
	}
	return x;
}

/* Applies the fields given in f to *l (texts copied into a): the task
 * must be one of the unit's plan in force. */
static enum gemis_err apply_fields(struct db *db, const struct tree *t, struct arena *a, const struct budget_fields *f,
				   struct budget_line *l, struct diags *d, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;

	if (f->source) {
		bool known = false;

		err = source_known(db, f->source, &known, e);
		if (err)
			return err;
		if (!known)
			diags_add(d, 0, "source", _("unknown source '%s'"), f->source);
		l->source = dup(a, f->source);
	}
	if (f->task) {
		struct task_list tl;
		const struct task *x = NULL;

		l->task_uid = NULL;
		l->task_label = NULL;
		if (!blank(f->task)) {
			err = tasks_of_unit(db, t, l->unit, &tl, e);
			if (err)
				return err;
			x = find_task(&tl, f->task);
			if (!x)
				diags_add(d, 0, "task", _("no task '%s' in the plan in force of %s"), f->task,
					  t->units[l->unit].code);
			else
				l->task_uid = dup(a, x->uid);
			if (x && (!l->title || !*l->title) && (!f->title || blank(f->title)))
				l->title = dup(a, x->title);
			task_list_release(&tl);
		}
	}
	if (f->title) {
		check_text(f->title, "title", BUDGET_TITLE_MAX, true, d);
		if (!blank(f->title))
			l->title = dup(a, f->title);
	}
	if (!l->title || blank(l->title))
		diags_add(d, 0, "title", "%s", _("say what the money is for (or choose a task)"));
	if (f->estimate)
		check_amount(f->estimate, "estimate", &l->estimate, d);
	if (f->note) {
		check_text(f->note, "note", BUDGET_NOTE_MAX, false, d);
		l->note = blank(f->note) ? NULL : dup(a, f->note);
	}
	return GEMIS_OK;
}

/* --- writing ----------------------------------------------------------------- */

static void bind_amount(struct db_stmt *st, int i, long long v)
{
	if (v == BUDGET_NONE)
		db_bind_null(st, i);
	else
		db_bind_int(st, i, v);
}

static enum gemis_err write_log(struct db *db, const struct budget_line *l, const char *action, const char *comment,
				struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO budget_log (line_id, version, action, status, estimate, appraised, approved, spent,"
			 " decision_no, decision_date, comment, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (err)
		return err;
	db_bindv(st, "iitti", l->id, l->version, action, wf_state_id(&wf_estimate, l->status), l->estimate);
	bind_amount(st, 6, l->appraised);
	bind_amount(st, 7, l->approved);
	bind_amount(st, 8, l->spent);
	db_bind_text(st, 9, l->decision_no);
	db_bind_text(st, 10, l->decision_date);
	db_bind_text(st, 11, blank(comment) ? NULL : comment);
	db_bind_text(st, 12, l->by);
	db_bind_int(st, 13, l->at);
	err = db_step_done(st, e);
	db_finalize(st, NULL);
	return err;
}

static enum gemis_err insert_line(struct db *db, const struct tree *t, struct budget_line *l, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO budget_lines (unit_id, year, agency, task_uid, source, title, estimate, note, status,"
			 " version, created_by, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"
			 " RETURNING id");
	if (err)
		return err;
	db_bindv(st, "iittttitttti", t->units[l->unit].id, (long long)l->year, l->agency_id, l->task_uid, l->source,
		 l->title, l->estimate, l->note, wf_state_id(&wf_estimate, l->status), l->by, l->by, l->at);
	if (db_next(st))
		l->id = db_col_int(st, 0);
	l->version = 1;
	return db_finalize(st, e);
}

static enum gemis_err update_line(struct db *db, const struct budget_line *l, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "UPDATE budget_lines SET task_uid = ?, source = ?, title = ?, estimate = ?, appraised = ?,"
			 " approved = ?, decision_no = ?, decision_date = ?, spent = ?, note = ?, status = ?, version = ?,"
			 " updated_by = ?, updated_at = ? WHERE id = ?");
	if (err)
		return err;
	db_bindv(st, "ttti", l->task_uid, l->source, l->title, l->estimate);
	bind_amount(st, 5, l->appraised);
	bind_amount(st, 6, l->approved);
	db_bind_text(st, 7, l->decision_no);
	db_bind_text(st, 8, l->decision_date);
	bind_amount(st, 9, l->spent);
	db_bind_text(st, 10, l->note);
	db_bind_text(st, 11, wf_state_id(&wf_estimate, l->status));
	db_bind_int(st, 12, l->version);
	db_bind_text(st, 13, l->by);
	db_bind_int(st, 14, l->at);
	db_bind_int(st, 15, l->id);
	err = db_step_done(st, e);
	db_finalize(st, NULL);
	return err;
}

static enum gemis_err problems(struct diags *d, struct errctx *e)
{
	return err_set(e, GEMIS_EINVAL,
		       ngettext_("%zu problem in the budget line; nothing was saved",
				 "%zu problems in the budget line; nothing was saved", d->total),
		       d->total);
}

/* Runs the writes of a checked line in one transaction. */
static enum gemis_err commit_line(struct db *db, const struct tree *t, struct budget_line *l, bool is_new,
				  const char *action, const char *comment, struct errctx *e)
{
	bool own_tx = !db->in_tx;
	enum gemis_err err = GEMIS_OK;

	if (own_tx)
		err = db_begin(db, e);
	if (!err)
		err = is_new ? insert_line(db, t, l, e) : update_line(db, l, e);
	if (!err)
		err = write_log(db, l, action, comment, e);
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	return err;
}

enum gemis_err budget_add(struct db *db, const struct tree *t, const struct principal *who, int unit,
			  const struct budget_fields *f, bool submit, long long now, struct diags *d, long long *id,
			  struct errctx *e)
{
	int act = wf_action_find(&wf_estimate, submit ? "submit" : "save");
	int agency = f->agency ? agency_find(f->agency) : -1;
	struct budget_line l;
	struct arena a;
	enum gemis_err err;
	long y = 0;

	*id = 0;
	if (unit < 0 || (size_t)unit >= t->n)
		return err_set(e, GEMIS_ENOTFOUND, "%s", _("unknown unit"));
	/* who may enter is asked first: a reporter for its own agency */
	if (!wf_permitted(&wf_estimate, t, who, act, unit, agency >= 0 ? agency : who->agency))
		return err_set(e, GEMIS_EPERM, "%s", _(wf_estimate.not_allowed));
	arena_init(&a, 0);
	memset(&l, 0, sizeof(l));
	l.unit = unit;
	l.agency = agency;
	l.agency_id = f->agency;
	l.appraised = l.approved = l.spent = BUDGET_NONE;
	if (agency < 0)
		diags_add(d, 0, "agency", _("unknown agency '%s'"), f->agency ? f->agency : "");
	if (!f->year || !text_parse_long(f->year, strlen(f->year), &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		diags_add(d, 0, "year", "%s", _("a year from 1990 to 2047"));
	l.year = (int)y;
	if (!f->source)
		diags_add(d, 0, "source", "%s", _("missing: which funding source?"));
	if (!f->estimate)
		diags_add(d, 0, "estimate", "%s", _("the amount is empty"));
	err = apply_fields(db, t, &a, f, &l, d, e);
	if (!err && d->total > 0)
		err = problems(d, e);
	if (!err) {
		l.status = wf_next(&wf_estimate, 0, act);
		l.by = who->name;
		l.at = now;
		err = commit_line(db, t, &l, true, wf_action_id(&wf_estimate, act), NULL, e);
	}
	if (!err)
		*id = l.id;
	arena_release(&a);
	return err;
}

/* Line id of the unit into *l (texts in a): GEMIS_ENOTFOUND when none. */
static enum gemis_err read_one(struct db *db, const struct tree *t, int unit, long long id, struct arena *a,
			       struct budget_line *l, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool found = false;

	err = db_prepare(db, &st, e,
			 "SELECT " LINE_COLS " FROM budget_lines l JOIN units u ON u.id = l.unit_id"
			 " WHERE l.id = ? AND l.unit_id = ?");
	if (err)
		return err;
	db_bindv(st, "ii", id, t->units[unit].id);
	if (db_next(st)) {
		read_line(st, t, a, l);
		found = true;
	}
	err = db_finalize(st, e);
	if (!err && !found)
		err = err_set(e, GEMIS_ENOTFOUND, "%s", _("no such budget line"));
	return err;
}

/* The decision approving a line: its number and day (ISO into iso). */
static void check_decision(const struct budget_step *s, char iso[DATE_TEXT_LEN], struct diags *d)
{
	struct date day;
	const char *ds = s->decision_date;

	if (blank(s->decision_no))
		diags_add(d, 0, "decision_no", "%s", _("the number of the committee's decision approving it"));
	else
		check_text(s->decision_no, "decision_no", BUDGET_DECISION_MAX, true, d);
	if (blank(ds))
		diags_add(d, 0, "decision_date", "%s", _("the day of the committee's decision (dd/mm/yyyy)"));
	else if (!date_parse_iso(ds, strlen(ds), &day) && !date_parse_dmy(ds, strlen(ds), &day))
		diags_add(d, 0, "decision_date", _("'%s' is not a day (dd/mm/yyyy)"), ds);
	else
		date_format_iso(day, iso);
}

/* What the step changes on the line, by action; problems to d. */
static enum gemis_err step_fields(struct db *db, const struct tree *t, struct arena *a, const struct budget_step *s,
				  struct budget_line *l, struct diags *d, struct errctx *e)
{
	const char *act = s->action;
	char iso[DATE_TEXT_LEN] = "";

	if (strcmp(act, "save") == 0 || strcmp(act, "submit") == 0)
		return apply_fields(db, t, a, &s->fields, l, d, e);
	if (strcmp(act, "appraise") == 0) {
		check_amount(s->amount, "appraised", &l->appraised, d);
	} else if (strcmp(act, "approve") == 0) {
		if (!blank(s->amount))
			check_amount(s->amount, "approved", &l->approved, d);
		else if (l->appraised != BUDGET_NONE)
			l->approved = l->appraised;
		else
			diags_add(d, 0, "approved", "%s", _("the amount is empty"));
		check_decision(s, iso, d);
		l->decision_no = dup(a, s->decision_no);
		l->decision_date = dup(a, iso);
	} else if (strcmp(act, "spend") == 0) {
		check_amount(s->amount, "spent", &l->spent, d);
		if (s->fields.note) {
			check_text(s->fields.note, "note", BUDGET_NOTE_MAX, false, d);
			l->note = blank(s->fields.note) ? NULL : dup(a, s->fields.note);
		}
	} else if (strcmp(act, "reopen") == 0) {
		/* what the committee approved stays in the trail, not on the line */
		l->approved = BUDGET_NONE;
		l->decision_no = l->decision_date = NULL;
	}
	return GEMIS_OK;
}

/* Refuses a step on a version older than the line's, naming who changed it. */
static enum gemis_err check_version(const struct budget_line *l, long long version, struct errctx *e)
{
	char when[64];

	if (l->version == version)
		return GEMIS_OK;
	vn_format_time(l->at, when, sizeof(when));
	return err_set(e, GEMIS_ECONFLICT,
		       _("%s changed this budget line at %s, after you opened it; yours was not saved: reload it"),
		       l->by ? l->by : "?", when);
}

enum gemis_err budget_act(struct db *db, const struct tree *t, const struct principal *who, int unit, long long id,
			  const struct budget_step *s, long long now, struct diags *d, struct errctx *e)
{
	int act = s->action ? wf_action_find(&wf_estimate, s->action) : -1, to = -1;
	bool own_tx = !db->in_tx;
	struct budget_line l;
	struct arena a;
	enum gemis_err err;

	if (unit < 0 || (size_t)unit >= t->n || !access_in_scope(t, who, unit))
		return err_set(e, GEMIS_EPERM, "%s", _(wf_estimate.not_allowed));
	if (act < 0)
		return err_set_at(e, GEMIS_EINVAL, "action", _("unknown action '%s'"), s->action ? s->action : "");
	/* asked before anything is read: an account that may take the step
	 * on no line of the unit learns nothing of its lines (the line's own
	 * agency is asked again below) */
	if (!wf_permitted(&wf_estimate, t, who, act, unit, who->agency))
		return err_set(e, GEMIS_EPERM, "%s", _(wf_estimate.not_allowed));
	arena_init(&a, 0);
	err = own_tx ? db_begin(db, e) : GEMIS_OK;
	/* writers take turns from here, so that the version read is the latest */
	if (!err)
		err = db_lock_table(db, "budget_lines", e);
	if (!err)
		err = read_one(db, t, unit, id, &a, &l, e);
	if (!err)
		err = wf_check_request(&wf_estimate, t, who, act, unit, l.agency, s->comment, e);
	if (!err)
		err = wf_check_state(&wf_estimate, l.status, act, &to, e);
	if (!err)
		err = check_version(&l, s->version, e);
	if (!err)
		err = step_fields(db, t, &a, s, &l, d, e);
	if (!err && d->total > 0)
		err = problems(d, e);
	if (!err) {
		l.status = to;
		l.version++;
		l.by = who->name;
		l.at = now;
		err = commit_line(db, t, &l, false, s->action, s->comment, e);
	}
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	arena_release(&a);
	return err;
}

enum gemis_err budget_history(struct db *db, const struct tree *t, int unit, long long id, struct budget_list *l,
			      struct budget_event **out, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	err = db_prepare(db, &st, e,
			 "SELECT g.version, g.action, g.status, g.estimate, g.appraised, g.approved, g.spent, g.decision_no,"
			 " g.decision_date, g.comment, g.by_name, g.at FROM budget_log g JOIN budget_lines l ON l.id ="
			 " g.line_id WHERE g.line_id = ? AND l.unit_id = ? ORDER BY g.id");
	if (err)
		return err;
	db_bindv(st, "ii", id, t->units[unit].id);
	while (db_next(st)) {
		struct budget_event *v;

		if (*n == cap) {
			struct budget_event *p = arena_alloc(&l->mem, (cap ? cap * 2 : 16) * sizeof(*p));

			if (!p)
				break;
			if (*n)
				memcpy(p, *out, *n * sizeof(*p));
			*out = p;
			cap = cap ? cap * 2 : 16;
		}
		v = &(*out)[(*n)++];
		v->version = db_col_int(st, 0);
		v->action = dup(&l->mem, db_col_text(st, 1));
		v->status = dup(&l->mem, db_col_text(st, 2));
		v->estimate = db_col_int(st, 3);
		v->appraised = amount_col(st, 4);
		v->approved = amount_col(st, 5);
		v->spent = amount_col(st, 6);
		v->decision_no = dup(&l->mem, db_col_text(st, 7));
		v->decision_date = dup(&l->mem, db_col_text(st, 8));
		v->comment = dup(&l->mem, db_col_text(st, 9));
		v->by = dup(&l->mem, db_col_text(st, 10));
		v->at = db_col_int(st, 11);
	}
	return db_finalize(st, e);
}
