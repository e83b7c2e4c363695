/*
 * task_progress.c: records of agencies on their tasks, their evidence and
 * the lock of an approved year (see task_progress.h).
 */
#include "task_progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attachments.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/workflow.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

/* A form in this state holds official results: core/workflow's wf_form
 * says which states lock (WF_LOCKED), as it does for the form's values. */
static bool form_status_locks(const char *status)
{
	int s = status ? wf_state_find(&wf_form, status) : -1;

	return s >= 0 && (wf_state_flags(&wf_form, s) & WF_LOCKED);
}

enum gemis_err task_year_locked(struct db *db, const struct tree *t, int unit, const char *agency, int year,
				bool *locked, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	char per[16];

	*locked = false;
	period_format(period_year_code(year), per, sizeof(per));
	err = db_prepare(db, &st, e, "SELECT status FROM submissions WHERE unit_id = ? AND agency = ? AND period = ?");
	if (err)
		return err;
	db_bindv(st, "itt", t->units[unit].id, agency, per);
	if (db_next(st))
		*locked = form_status_locks(db_col_text(st, 0));
	return db_finalize(st, e);
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

/* The latest record of (unit, uid, agency, period): its id (0 none), who
 * and when. */
static enum gemis_err latest(struct db *db, long long unit_id, const char *uid, const char *agency,
			     const char *per, long long *id, char *by, size_t nby, long long *at,
			     struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*id = 0;
	err = db_prepare(db, &st, e,
			 "SELECT id, recorded_by, recorded_at FROM task_progress WHERE unit_id = ? AND task_uid = ?"
			 " AND agency = ? AND period = ? ORDER BY id DESC LIMIT 1");
	if (err)
		return err;
	db_bindv(st, "ittt", unit_id, uid, agency, per);
	if (db_next(st)) {
		*id = db_col_int(st, 0);
		snprintf(by, nby, "%s", db_col_text(st, 1));
		*at = db_col_int(st, 2);
	}
	return db_finalize(st, e);
}

/* What a record of progress must be: from an agency with a part in the
 * task, for a year or a quarter, with a known status, a reason when the
 * task was not done, short texts and acceptable files (their kinds into
 * kinds).  Problems go to d. */
static void check_record(struct task_list *tl, const struct task *x, const char *agency, const struct task_update *u,
			 enum att_kind kinds[TASK_FILES_MAX], struct diags *d)
{
	size_t i;

	if (task_role(x, agency) == 0)
		diags_add(d, 0, "agency", _("%s has no part in task %s"), agency, task_label(&tl->mem, x));
	if (period_kind(u->period) == PERIOD_MONTH)
		diags_add(d, 0, "period", _("progress is recorded for a year or a quarter"));
	if ((unsigned)u->status >= TS_COUNT)
		diags_add(d, 0, "status", _("unknown status"));
	if (u->status == TS_NOT_DONE && blank(u->reason))
		diags_add(d, 0, "reason", _("say why the task could not be done"));
	if (u->reason && text_chars(u->reason) > TASK_REASON_MAX)
		diags_add(d, 0, "reason", _("the reason is longer than %d characters"), TASK_REASON_MAX);
	if (u->note && text_chars(u->note) > TASK_NOTE_MAX)
		diags_add(d, 0, "note", _("the note is longer than %d characters"), TASK_NOTE_MAX);
	if (u->nfiles > TASK_FILES_MAX)
		diags_add(d, 0, "file", _("at most %d files at once"), TASK_FILES_MAX);
	for (i = 0; i < u->nfiles && i < TASK_FILES_MAX; i++) {
		struct errctx fe = {0};

		if (attachment_check(u->files[i].name, u->files[i].data, u->files[i].len, &kinds[i], &fe))
			diags_add(d, 0, "file", "%s", fe.msg);
	}
}

/* The record's row; *id is its id. */
static enum gemis_err insert_record(struct db *db, long long unit_id, const struct task_update *u, const char *agency,
				    const char *per, int year, const char *by, long long now, long long *id,
				    struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO task_progress (unit_id, task_uid, agency, period, year, status, reason,"
			 " note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bindv(st, "itttitttti", unit_id, u->uid, agency, per, (long long)year, task_status_id(u->status),
		 blank(u->reason) ? NULL : u->reason, blank(u->note) ? NULL : u->note, by, now);
	if (db_next(st))
		*id = db_col_int(st, 0);
	return db_finalize(st, e);
}

enum gemis_err task_record(struct db *db, const struct tree *t, const struct principal *who, int unit,
			   const struct task_update *u, long long now, struct diags *d, long long *id,
			   struct errctx *e)
{
	struct task_list tl;
	const struct task *x;
	enum att_kind kinds[TASK_FILES_MAX];
	const char *agency;
	char per[16], by[65] = "";
	long long last = 0, at = 0;
	enum gemis_err err;
	bool own_tx = !db->in_tx, locked;
	size_t i;
	int year;

	*id = 0;
	memset(&tl, 0, sizeof(tl));
	if (unit < 0 || (size_t)unit >= t->n || u->agency < 0 || (size_t)u->agency >= agency_kind_count)
		return err_set(e, GEMIS_EINVAL, "bad task record");
	agency = agency_kinds[u->agency].id;
	if (!access_allows(t, who, ACT_ENTER, unit, u->agency))
		return err_set(e, GEMIS_EPERM, _("you may not record progress for %s of %s"), agency,
			       t->units[unit].code);
	err = tasks_of_unit(db, t, unit, &tl, e);
	if (err)
		goto out;
	x = task_find(&tl, u->uid);
	if (!x) {
		err = err_set(e, GEMIS_ENOTFOUND, _("no such task in the plan in force"));
		goto out;
	}
	check_record(&tl, x, agency, u, kinds, d);
	if (d->total > 0) {
		err = err_set(e, GEMIS_EINVAL,
			      ngettext_("%zu problem in the record; nothing was saved",
					"%zu problems in the record; nothing was saved", d->total),
			      d->total);
		goto out;
	}
	year = period_year(u->period);
	period_format(u->period, per, sizeof(per));
	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			goto out;
	}
	/* writers take turns from here on, so that the version read is still
	 * the latest when the record is added */
	err = db_lock_table(db, "task_progress", e);
	if (!err)
		err = task_year_locked(db, t, unit, agency, year, &locked, e);
	if (!err && locked)
		err = err_set(e, GEMIS_ECONFLICT,
			      _("the results of %s for %d went up with its approved form and are locked: the "
				"focal point must reopen the form first"),
			      agency, year);
	if (!err)
		err = latest(db, t->units[unit].id, u->uid, agency, per, &last, by, sizeof(by), &at, e);
	if (!err && last != u->version) {
		char when[64];

		vn_format_time(at, when, sizeof(when));
		err = last == 0 ? err_set(e, GEMIS_ECONFLICT, _("this task changed since you opened it; reload it"))
				: err_set(e, GEMIS_ECONFLICT,
					  _("%s recorded progress on this task at %s, after you opened it; "
					    "yours was not saved: reload the task to see theirs"),
					  by, when);
	}
	if (!err)
		err = insert_record(db, t->units[unit].id, u, agency, per, year, who->name, now, id, e);
	for (i = 0; !err && i < u->nfiles; i++) {
		long long att;
		const char *name = u->files[i].name && *u->files[i].name ? u->files[i].name
									  : attachment_ext(kinds[i]);

		err = attachment_put(db, kinds[i], u->files[i].data, u->files[i].len, who->name, now, &att, e);
		if (!err)
			err = db_run(db, e,
				     "INSERT INTO task_evidence (progress_id, attachment_id, filename) VALUES (?, ?, ?)"
				     " ON CONFLICT DO NOTHING",
				     "iit", *id, att, name);
	}
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	if (err)
		*id = 0;
out:
	task_list_release(&tl);
	return err;
}

/* --- reading ------------------------------------------------------------------ */

void task_recs_release(struct task_recs *rs)
{
	arena_release(&rs->mem);
	free(rs->r);
	memset(rs, 0, sizeof(*rs));
}

static const char *dup(struct task_recs *rs, const char *s)
{
	return s ? arena_strdup(&rs->mem, s) : NULL;
}

enum gemis_err task_records(struct db *db, const struct tree *t, int unit, const char *uid, int year,
			    struct task_recs *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t cap = 0, i = 0;

	memset(out, 0, sizeof(*out));
	arena_init(&out->mem, 0);
	err = db_prepare(db, &st, e,
			 "SELECT id, task_uid, agency, period, status, reason, note, recorded_by, recorded_at"
			 " FROM task_progress WHERE unit_id = ? AND (? = 0 OR year <= ?)"
			 " AND COALESCE(?, task_uid) = task_uid ORDER BY id");
	if (err)
		return err;
	db_bindv(st, "iiit", t->units[unit].id, (long long)year, (long long)year, uid);
	while (db_next(st)) {
		struct task_rec *r;
		period_t p;
		const char *ps = db_col_text(st, 3);
		int s = task_status_parse(db_col_text(st, 4));

		if (!ps || !period_parse(ps, strlen(ps), &p) || s < 0)
			continue;
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct task_rec *nv = realloc(out->r, ncap * sizeof(*nv));

			if (!nv) {
				err = GEMIS_ENOMEM;
				break;
			}
			out->r = nv;
			cap = ncap;
		}
		r = &out->r[out->n];
		memset(r, 0, sizeof(*r));
		r->id = db_col_int(st, 0);
		snprintf(r->uid, sizeof(r->uid), "%s", db_col_text(st, 1));
		r->agency_id = dup(out, db_col_text(st, 2));
		r->agency = r->agency_id ? agency_find(r->agency_id) : -1;
		r->period = p;
		r->status = (enum task_status)s;
		r->reason = dup(out, db_col_text(st, 5));
		r->note = dup(out, db_col_text(st, 6));
		snprintf(r->by, sizeof(r->by), "%s", db_col_text(st, 7));
		r->at = db_col_int(st, 8);
		if (!r->agency_id) {
			err = GEMIS_ENOMEM;
			break;
		}
		out->n++;
	}
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	if (err || out->n == 0)
		return err;
	/* the files, record by record (ids ascending on both sides) */
	err = db_prepare(db, &st, e,
			 "SELECT v.progress_id, v.attachment_id, v.filename, a.kind, a.size FROM task_evidence v"
			 " JOIN task_progress p ON p.id = v.progress_id JOIN attachments a ON a.id = v.attachment_id"
			 " WHERE p.unit_id = ? AND (? = 0 OR p.year <= ?) AND COALESCE(?, p.task_uid) = p.task_uid"
			 " ORDER BY v.progress_id, v.attachment_id");
	if (err)
		return err;
	db_bindv(st, "iiit", t->units[unit].id, (long long)year, (long long)year, uid);
	while (db_next(st)) {
		long long pid = db_col_int(st, 0);
		struct task_rec *r;
		struct task_file *f;
		int k = attachment_kind_parse(db_col_text(st, 3));

		while (i < out->n && out->r[i].id < pid)
			i++;
		if (i == out->n || out->r[i].id != pid)
			continue;
		r = &out->r[i];
		f = arena_alloc(&out->mem, (r->nfiles + 1) * sizeof(*f));
		if (!f) {
			err = GEMIS_ENOMEM;
			break;
		}
		if (r->nfiles)
			memcpy(f, r->files, r->nfiles * sizeof(*f));
		r->files = f;
		f = &r->files[r->nfiles++];
		f->id = db_col_int(st, 1);
		f->name = dup(out, db_col_text(st, 2));
		f->kind = k >= 0 ? (enum att_kind)k : ATT_PDF;
		f->size = db_col_int(st, 4);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

/* Due once, before `year` began: its state carries over the years. */
static bool due_before(const struct task *x, int year)
{
	return x->tt.has_deadline && x->tt.dl.every == DEADLINE_ONCE && x->tt.dl.to.y < year;
}

const struct task_rec *task_state(const struct task_recs *rs, const struct task *x, const char *agency,
				  int year)
{
	const struct task_rec *best = NULL, *before = NULL;
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct task_rec *r = &rs->r[i];
		int y = period_year(r->period);

		if (strcmp(r->uid, x->uid) != 0 || strcmp(r->agency_id, agency) != 0 || y > year)
			continue;
		/* records come oldest first: the last one seen wins */
		if (y == year)
			best = r;
		else
			before = r;
	}
	if (best)
		return best;
	return due_before(x, year) ? before : NULL;
}

enum task_status task_overall(const struct task_recs *rs, const struct task *x, int year)
{
	enum task_status st[TASK_MAX_AGENCIES * 2];
	size_t n = 0, i, k;
	bool all = false;

	for (k = 0; k < x->nlead; k++) {
		const struct task_rec *r;

		if (strcmp(x->lead[k], "all") == 0) {
			all = true;
			continue;
		}
		r = task_state(rs, x, x->lead[k], year);
		st[n++] = r ? r->status : TS_NOT_STARTED;
	}
	/* led by every agency: those that recorded anything count */
	for (i = 0; all && i < rs->n && n < sizeof(st) / sizeof(st[0]); i++) {
		const struct task_rec *r = &rs->r[i], *s;
		bool seen = false;

		if (strcmp(r->uid, x->uid) != 0 || task_role(x, r->agency_id) == 1)
			continue;
		for (k = 0; k < x->nlead; k++)
			seen |= strcmp(x->lead[k], r->agency_id) == 0;
		for (k = 0; k < i; k++)
			seen |= strcmp(rs->r[k].uid, x->uid) == 0 && strcmp(rs->r[k].agency_id, r->agency_id) == 0;
		if (seen)
			continue;
		s = task_state(rs, x, r->agency_id, year);
		if (s)
			st[n++] = s->status;
	}
	return task_status_combine(st, n);
}

enum gemis_err task_evidence_in_unit(struct db *db, const struct tree *t, int unit, long long att, char *name,
				     size_t n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool found = false;

	err = db_prepare(db, &st, e,
			 "SELECT v.filename FROM task_evidence v JOIN task_progress p ON p.id = v.progress_id"
			 " WHERE p.unit_id = ? AND v.attachment_id = ? ORDER BY v.progress_id LIMIT 1");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[unit].id, att);
	if (db_next(st)) {
		found = true;
		snprintf(name, n, "%s", db_col_text(st, 0));
	}
	err = db_finalize(st, e);
	if (!err && !found)
		err = GEMIS_ENOTFOUND;
	return err;
}
