/*
 * activities.c: the activity log, its history, its import and the
 * indicators it gives (see activities.h).
 */
#include "activities.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "store.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

/* --- checks ---------------------------------------------------------------- */

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

void activity_check(const struct activity *a, struct date today, long line, struct diags *d)
{
	if (!date_valid(a->day))
		diags_add(d, line, "date", _("not a date"));
	else if (date_cmp(a->day, today) > 0)
		diags_add(d, line, "date", _("%02d/%02d/%04d is after today: log what was done"), a->day.d, a->day.m,
			  a->day.y);
	else if (a->day.y < PERIOD_MIN_YEAR)
		diags_add(d, line, "date", _("a year from %d on"), PERIOD_MIN_YEAR);
	if ((unsigned)a->kind >= AK_COUNT)
		diags_add(d, line, "kind", _("unknown kind of activity"));
	if ((unsigned)a->channel >= AC_COUNT)
		diags_add(d, line, "channel", _("unknown channel"));
	if (blank(a->title))
		diags_add(d, line, "title", _("say what it was (a title)"));
	if (!text_valid_utf8(a->title, strlen(a->title)) || !text_valid_utf8(a->place, strlen(a->place)))
		diags_add(d, line, "title", _("not UTF-8 text"));
	if (a->women > ACT_PEOPLE_MAX || a->men > ACT_PEOPLE_MAX)
		diags_add(d, line, a->women > ACT_PEOPLE_MAX ? "women" : "men", _("more than %d people"), ACT_PEOPLE_MAX);
	if (a->women < -1 || a->men < -1)
		diags_add(d, line, a->women < -1 ? "women" : "men", _("a number of people cannot be negative"));
	if (a->agency < 0 || (size_t)a->agency >= agency_kind_count)
		diags_add(d, line, "agency", _("unknown agency"));
}

/* The task must be one of the plan in force that the agency has a part in. */
static void check_task(const struct task_list *tl, const struct activity *a, long line, struct diags *d)
{
	const struct task *x;

	if (!a->task_uid[0] || a->agency < 0 || (size_t)a->agency >= agency_kind_count)
		return;
	x = task_find(tl, a->task_uid);
	if (!x)
		diags_add(d, line, "task", _("no such task in the plan in force"));
	else if (!task_role(x, agency_kinds[a->agency].id))
		diags_add(d, line, "task", _("%s has no part in task %s"), agency_kinds[a->agency].id, x->number);
}

/* --- writing ------------------------------------------------------------------ */

static char *what_json(const struct tree *t, const struct activity *a)
{
	char day[DATE_TEXT_LEN];
	json_t *o;
	char *s;

	date_format_iso(a->day, day);
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "unit", t->units[a->unit].code, "agency",
		      agency_kinds[a->agency].id, "date", day, "kind", act_kind_id(a->kind), "channel",
		      act_channel_id(a->channel), "title", a->title, "place", a->place);
	if (!o)
		return NULL;
	json_object_set_new(o, "women", a->women >= 0 ? json_integer(a->women) : json_null());
	json_object_set_new(o, "men", a->men >= 0 ? json_integer(a->men) : json_null());
	json_object_set_new(o, "task", a->task_uid[0] ? json_string(a->task_uid) : json_null());
	json_object_set_new(o, "action_month", json_boolean(a->action_month));
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static enum gemis_err history(struct db *db, const struct tree *t, const struct activity *a, const char *action,
			      const char *by, long long now, struct errctx *e)
{
	char *what = what_json(t, a);
	enum gemis_err err;

	if (!what)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	err = db_run(db, e, "INSERT INTO activity_history (activity_id, action, by_user, at, what) VALUES (?, ?, ?, ?, ?)",
		     "ittit", a->id, action, by, now, what);
	free(what);
	return err;
}

static void bind_fields(struct db_stmt *st, const struct activity *a, int from)
{
	char day[DATE_TEXT_LEN];

	date_format_iso(a->day, day);
	db_bind_text(st, from, agency_kinds[a->agency].id);
	db_bind_text(st, from + 1, day);
	db_bind_int(st, from + 2, a->day.y);
	db_bind_int(st, from + 3, (a->day.m - 1) / 3 + 1);
	db_bind_text(st, from + 4, act_kind_id(a->kind));
	db_bind_text(st, from + 5, act_channel_id(a->channel));
	db_bind_text(st, from + 6, a->title);
	db_bind_text(st, from + 7, a->place[0] ? a->place : NULL);
	if (a->women >= 0)
		db_bind_int(st, from + 8, a->women);
	else
		db_bind_null(st, from + 8);
	if (a->men >= 0)
		db_bind_int(st, from + 9, a->men);
	else
		db_bind_null(st, from + 9);
	db_bind_text(st, from + 10, a->task_uid[0] ? a->task_uid : NULL);
	db_bind_int(st, from + 11, a->action_month);
}

/* The activity the unit stored with a->client_key, if any: a->id and
 * a->version become its own and a->was_there true. */
static enum gemis_err stored_by_key(struct db *db, const struct tree *t, struct activity *a, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	a->was_there = false;
	if (!a->client_key[0])
		return GEMIS_OK;
	/* The same entry sent twice at once (a retry racing the first send)
	 * would both find nothing, and the second fail on the key's index
	 * (PostgreSQL): the second waits, then finds the first. */
	err = db_lock_table(db, "activities", e);
	if (err)
		return err;
	err = db_prepare(db, &st, e, "SELECT id, version FROM activities WHERE unit_id = ? AND client_key = ?");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[a->unit].id);
	db_bind_text(st, 2, a->client_key);
	if (db_next(st)) {
		a->id = db_col_int(st, 0);
		a->version = db_col_int(st, 1);
		a->was_there = true;
	}
	return db_finalize(st, e);
}

static enum gemis_err insert(struct db *db, const struct tree *t, struct activity *a, const char *by, long long now,
			     const char *action, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO activities (unit_id, agency, day, year, quarter, kind, channel, title, place,"
			 " women, men, task_uid, action_month, version, created_by, created_at, updated_by, updated_at,"
			 " client_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[a->unit].id);
	bind_fields(st, a, 2);
	db_bind_text(st, 14, by);
	db_bind_int(st, 15, now);
	db_bind_text(st, 16, by);
	db_bind_int(st, 17, now);
	db_bind_text(st, 18, a->client_key[0] ? a->client_key : NULL);
	if (db_next(st))
		a->id = db_col_int(st, 0);
	err = db_finalize(st, e);
	a->version = 1;
	if (!err)
		err = history(db, t, a, action, by, now, e);
	return err;
}

static enum gemis_err read_row(struct db_stmt *st, const struct tree *t, struct activity *a)
{
	const char *day = db_col_text(st, 3);
	int k = act_kind_parse(db_col_text(st, 4)), c = act_channel_parse(db_col_text(st, 5));

	memset(a, 0, sizeof(*a));
	a->id = db_col_int(st, 0);
	a->unit = tree_find_id(t, db_col_int(st, 1));
	a->agency = agency_find(db_col_text(st, 2));
	if (!day || !date_parse_iso(day, strlen(day), &a->day) || k < 0 || c < 0)
		return GEMIS_EDB;
	a->kind = (enum act_kind)k;
	a->channel = (enum act_channel)c;
	snprintf(a->title, sizeof(a->title), "%s", db_col_text(st, 6));
	snprintf(a->place, sizeof(a->place), "%s", db_col_text(st, 7) ? db_col_text(st, 7) : "");
	a->women = db_col_null(st, 8) ? -1 : (int)db_col_int(st, 8);
	a->men = db_col_null(st, 9) ? -1 : (int)db_col_int(st, 9);
	snprintf(a->task_uid, sizeof(a->task_uid), "%s", db_col_text(st, 10) ? db_col_text(st, 10) : "");
	a->action_month = db_col_int(st, 11) != 0;
	a->version = db_col_int(st, 12);
	snprintf(a->created_by, sizeof(a->created_by), "%s", db_col_text(st, 13));
	a->created_at = db_col_int(st, 14);
	snprintf(a->updated_by, sizeof(a->updated_by), "%s", db_col_text(st, 15));
	a->updated_at = db_col_int(st, 16);
	return GEMIS_OK;
}

#define COLUMNS                                                                                          \
	"id, unit_id, agency, day, kind, channel, title, place, women, men, task_uid, action_month, version," \
	" created_by, created_at, updated_by, updated_at"

enum gemis_err activity_get(struct db *db, const struct tree *t, int unit, long long id, struct activity *out,
			    struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool found = false;

	err = db_prepare(db, &st, e,
			 "SELECT " COLUMNS " FROM activities WHERE id = ? AND unit_id = ? AND deleted_at IS NULL");
	if (err)
		return err;
	db_bindv(st, "ii", id, t->units[unit].id);
	if (db_next(st)) {
		found = true;
		err = read_row(st, t, out);
	}
	if (err) {
		db_finalize(st, NULL);
		return err_set(e, err, "a stored activity cannot be read");
	}
	err = db_finalize(st, e);
	return !err && !found ? GEMIS_ENOTFOUND : err;
}

static enum gemis_err changed_since(const struct activity *cur, long long version, struct errctx *e)
{
	char when[64];

	if (cur->version == version)
		return GEMIS_OK;
	vn_format_time(cur->updated_at, when, sizeof(when));
	return err_set(e, GEMIS_ECONFLICT,
		       _("%s changed this activity at %s, after you opened it; your change was not saved: reload it"),
		       cur->updated_by, when);
}

enum gemis_err activity_save(struct db *db, const struct tree *t, const struct principal *who,
			     struct activity *a, struct date today, long long now, struct diags *d,
			     struct errctx *e)
{
	struct task_list tl;
	struct activity cur;
	enum gemis_err err;
	bool own_tx = !db->in_tx;

	memset(&tl, 0, sizeof(tl));
	if (a->unit < 0 || (size_t)a->unit >= t->n)
		return err_set(e, GEMIS_EINVAL, "bad activity");
	if (a->agency < 0 || (size_t)a->agency >= agency_kind_count || !access_allows(t, who, ACT_ENTER, a->unit, a->agency))
		return err_set(e, GEMIS_EPERM, _("you may not log activities of %s for %s"),
			       a->agency >= 0 && (size_t)a->agency < agency_kind_count ? agency_kinds[a->agency].id : "?",
			       t->units[a->unit].code);
	activity_check(a, today, 0, d);
	if (a->task_uid[0]) {
		err = tasks_of_unit(db, t, a->unit, &tl, e);
		if (err)
			return err;
		check_task(&tl, a, 0, d);
		task_list_release(&tl);
	}
	if (d->total > 0)
		return err_set(e, GEMIS_EINVAL,
			       ngettext_("%zu problem in the activity; nothing was saved",
					 "%zu problems in the activity; nothing was saved", d->total),
			       d->total);
	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			return err;
	}
	if (a->id == 0) {
		err = stored_by_key(db, t, a, e);
		if (!err && !a->was_there)
			err = insert(db, t, a, who->name, now, "create", e);
	} else {
		err = activity_get(db, t, a->unit, a->id, &cur, e);
		/* an activity of another agency is not the account's to change */
		if (!err && !access_allows(t, who, ACT_ENTER, a->unit, cur.agency))
			err = err_set(e, GEMIS_EPERM, _("you may not log activities of %s for %s"),
				      agency_kinds[cur.agency].id, t->units[a->unit].code);
		if (!err)
			err = changed_since(&cur, a->version, e);
		if (!err) {
			struct db_stmt *st = NULL;

			err = db_prepare(db, &st, e,
					 "UPDATE activities SET agency = ?, day = ?, year = ?, quarter = ?, kind = ?,"
					 " channel = ?, title = ?, place = ?, women = ?, men = ?, task_uid = ?,"
					 " action_month = ?, version = version + 1, updated_by = ?, updated_at = ?"
					 " WHERE id = ? AND version = ?");
			if (!err) {
				bind_fields(st, a, 1);
				db_bind_text(st, 13, who->name);
				db_bind_int(st, 14, now);
				db_bind_int(st, 15, a->id);
				db_bind_int(st, 16, cur.version);
				err = db_step_done(st, e);
				if (!err && db_changes(st) != 1)
					err = err_set(e, GEMIS_ECONFLICT, _("this activity changed since you opened it; reload it"));
				db_finalize(st, NULL);
			}
			a->version = cur.version + 1;
		}
		if (!err)
			err = history(db, t, a, "update", who->name, now, e);
	}
	if (!err) {
		long long uid = t->units[a->unit].id;

		err = store_values_changed(db, &uid, 1, e);
	}
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	return err;
}

enum gemis_err activity_delete(struct db *db, const struct tree *t, const struct principal *who, int unit,
			       long long id, long long version, long long now, struct errctx *e)
{
	struct activity cur;
	enum gemis_err err;
	bool own_tx = !db->in_tx;

	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			return err;
	}
	err = activity_get(db, t, unit, id, &cur, e);
	if (!err && !access_allows(t, who, ACT_ENTER, unit, cur.agency))
		err = err_set(e, GEMIS_EPERM, _("you may not log activities of %s for %s"), agency_kinds[cur.agency].id,
			      t->units[unit].code);
	if (!err)
		err = changed_since(&cur, version, e);
	if (!err)
		err = db_run(db, e,
			     "UPDATE activities SET deleted_at = ?, version = version + 1, updated_by = ?, updated_at = ?"
			     " WHERE id = ?",
			     "itii", now, who->name, now, id);
	if (!err)
		err = history(db, t, &cur, "delete", who->name, now, e);
	if (!err) {
		long long uid = t->units[unit].id;

		err = store_values_changed(db, &uid, 1, e);
	}
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	return err;
}

/* --- reading ------------------------------------------------------------------- */

void activity_list_release(struct activity_list *l)
{
	free(l->a);
	memset(l, 0, sizeof(*l));
}

enum gemis_err activities_list(struct db *db, const struct tree *t, int unit, int year, int quarter, int agency,
			       struct activity_list *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	err = db_prepare(db, &st, e,
			 "SELECT " COLUMNS " FROM activities WHERE unit_id = ? AND year = ? AND deleted_at IS NULL"
			 " AND (? = 0 OR quarter = ?) AND COALESCE(?, agency) = agency ORDER BY day DESC, id DESC");
	if (err)
		return err;
	db_bindv(st, "iiiit", t->units[unit].id, (long long)year, (long long)quarter, (long long)quarter,
		 agency >= 0 && (size_t)agency < agency_kind_count ? agency_kinds[agency].id : NULL);
	while (db_next(st)) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct activity *nv = realloc(out->a, ncap * sizeof(*nv));

			if (!nv) {
				err = GEMIS_ENOMEM;
				break;
			}
			out->a = nv;
			cap = ncap;
		}
		if (read_row(st, t, &out->a[out->n]) == GEMIS_OK)
			out->n++;
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

enum gemis_err activity_history(struct db *db, const struct tree *t, int unit, long long id,
				enum gemis_err (*fn)(void *ctx, const struct activity_change *c), void *ctx,
				struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT h.action, h.by_user, h.at, h.what FROM activity_history h JOIN activities a"
			 " ON a.id = h.activity_id WHERE h.activity_id = ? AND a.unit_id = ? ORDER BY h.id");
	if (err)
		return err;
	db_bindv(st, "ii", id, t->units[unit].id);
	while (!err && db_next(st)) {
		struct activity_change c;

		snprintf(c.action, sizeof(c.action), "%s", db_col_text(st, 0));
		snprintf(c.by, sizeof(c.by), "%s", db_col_text(st, 1));
		c.at = db_col_int(st, 2);
		c.what = db_col_text(st, 3);
		err = fn(ctx, &c);
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

/* --- importing ------------------------------------------------------------------ */

enum gemis_err activities_import(struct db *db, const struct tree *t, const struct principal *who,
				 struct activity *rows, const long *lines, size_t n, bool dry_run, struct date today,
				 long long now, struct diags *d, size_t *added, struct errctx *e)
{
	struct task_list tl;
	long long *units = NULL;
	size_t i, nu = 0;
	int last = -1;
	enum gemis_err err = GEMIS_OK;
	bool own_tx = !db->in_tx;

	*added = 0;
	memset(&tl, 0, sizeof(tl));
	if (n > ACTIVITIES_IMPORT_MAX)
		return err_set(e, GEMIS_ELIMIT, _("a file may hold at most %d activities"), ACTIVITIES_IMPORT_MAX);
	for (i = 0; i < n && !err; i++) {
		struct activity *a = &rows[i];

		if (a->unit < 0 || (size_t)a->unit >= t->n) {
			diags_add(d, lines[i], "unit", _("unknown unit"));
			continue;
		}
		if (a->agency >= 0 && (size_t)a->agency < agency_kind_count &&
		    !access_allows(t, who, ACT_ENTER, a->unit, a->agency)) {
			diags_add(d, lines[i], "agency", _("you may not log activities of %s for %s"),
				  agency_kinds[a->agency].id, t->units[a->unit].code);
			continue;
		}
		activity_check(a, today, lines[i], d);
		if (a->task_uid[0]) {
			if (a->unit != last) {
				task_list_release(&tl);
				err = tasks_of_unit(db, t, a->unit, &tl, e);
				last = a->unit;
			}
			if (!err)
				check_task(&tl, a, lines[i], d);
		}
	}
	task_list_release(&tl);
	if (err)
		return err;
	if (d->total > 0)
		return err_set(e, GEMIS_EINVAL,
			       ngettext_("%zu problem in the file; nothing was imported",
					 "%zu problems in the file; nothing was imported", d->total),
			       d->total);
	*added = n;
	if (dry_run || n == 0)
		return GEMIS_OK;
	units = malloc(n * sizeof(*units));
	if (!units)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	if (own_tx) {
		err = db_begin(db, e);
		if (err) {
			free(units);
			return err;
		}
	}
	for (i = 0; i < n && !err; i++) {
		rows[i].id = 0;
		err = insert(db, t, &rows[i], who->name, now, "import", e);
		if (!nu || units[nu - 1] != t->units[rows[i].unit].id)
			units[nu++] = t->units[rows[i].unit].id;
	}
	if (!err)
		err = store_values_changed(db, units, nu, e);
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	if (err)
		*added = 0;
	free(units);
	return err;
}

enum gemis_err activities_from_rows(struct db *db, const struct tree *t, int default_unit, int default_agency,
				    const struct act_row *rows, size_t n, struct activity **out, long **lines,
				    struct diags *d, struct errctx *e)
{
	struct task_list tl;
	int last = -1;
	size_t i;
	enum gemis_err err = GEMIS_OK;

	memset(&tl, 0, sizeof(tl));
	*out = calloc(n ? n : 1, sizeof(**out));
	*lines = calloc(n ? n : 1, sizeof(**lines));
	if (!*out || !*lines) {
		free(*out);
		free(*lines);
		*out = NULL;
		*lines = NULL;
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	}
	for (i = 0; i < n && !err; i++) {
		const struct act_row *r = &rows[i];
		struct activity *a = &(*out)[i];

		(*lines)[i] = r->line;
		a->unit = r->unit[0] ? tree_find(t, r->unit) : default_unit;
		if (a->unit < 0 && r->unit[0])
			diags_add(d, r->line, "unit", _("unknown unit '%s'"), r->unit);
		else if (a->unit < 0)
			diags_add(d, r->line, "unit", _("missing: which commune?"));
		a->agency = r->agency >= 0 ? r->agency : default_agency;
		if (a->agency < 0)
			diags_add(d, r->line, "agency", _("missing: which agency?"));
		a->day = r->day;
		a->kind = (enum act_kind)r->kind;
		a->channel = r->channel >= 0 ? (enum act_channel)r->channel : act_kind_channel(a->kind);
		snprintf(a->title, sizeof(a->title), "%s", r->title);
		snprintf(a->place, sizeof(a->place), "%s", r->place);
		a->women = r->women;
		a->men = r->men;
		a->action_month = r->action_month >= 0 ? r->action_month != 0 : act_in_action_month(r->day);
		if (r->task[0] && a->unit >= 0) {
			const struct task *x;

			if (a->unit != last) {
				task_list_release(&tl);
				err = tasks_of_unit(db, t, a->unit, &tl, e);
				last = a->unit;
			}
			x = err ? NULL : task_named(&tl, r->task);
			if (x)
				snprintf(a->task_uid, sizeof(a->task_uid), "%s", x->uid);
			else if (!err)
				diags_add(d, r->line, "task", _("no task '%s' in the plan in force of %s"), r->task,
					  t->units[a->unit].code);
		}
	}
	task_list_release(&tl);
	return err;
}

/* --- the indicators from the log ---------------------------------------------------- */

struct facts {
	struct date *days;
	enum act_kind *kinds;
	size_t n, cap;
};

static enum gemis_err facts_add(struct facts *f, struct date d, enum act_kind k)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;
		struct date *nd = realloc(f->days, cap * sizeof(*nd));
		enum act_kind *nk;

		if (!nd)
			return GEMIS_ENOMEM;
		f->days = nd;
		nk = realloc(f->kinds, cap * sizeof(*nk));
		if (!nk)
			return GEMIS_ENOMEM;
		f->kinds = nk;
		f->cap = cap;
	}
	f->days[f->n] = d;
	f->kinds[f->n++] = k;
	return GEMIS_OK;
}

struct put_ctx {
	struct dataset *ds;
	struct unit_values *v;
	int unit;
};

static int put_cell(void *ctx, period_t p, int ind, int part, int sex, double value)
{
	struct put_ctx *c = ctx;

	if (c->v)
		return unit_values_put(c->v, p, ind, part, sex, value);
	return dataset_put(c->ds, c->unit, p, ind, part, sex, value);
}

/* Every activity of every unit (unit_id 0) or of one, unit by unit. */
static enum gemis_err load(struct db *db, const struct tree *t, long long unit_id, struct dataset *ds,
			   struct unit_values *v, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct facts f = {0};
	long long cur = -1;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 unit_id ? "SELECT unit_id, day, kind FROM activities WHERE deleted_at IS NULL AND unit_id = ?"
				   " ORDER BY unit_id"
				 : "SELECT unit_id, day, kind FROM activities WHERE deleted_at IS NULL ORDER BY unit_id");
	if (err)
		return err;
	if (unit_id)
		db_bind_int(st, 1, unit_id);
	for (;;) {
		bool more = db_next(st);
		long long uid = more ? db_col_int(st, 0) : -2;

		if (uid != cur && f.n > 0) {
			struct put_ctx c = {ds, v, tree_find_id(t, cur)};

			if (c.unit >= 0 && act_log_values(f.days, f.kinds, f.n, put_cell, &c) != 0)
				err = GEMIS_ENOMEM;
			f.n = 0;
		}
		if (!more || err)
			break;
		cur = uid;
		{
			const char *day = db_col_text(st, 1);
			int k = act_kind_parse(db_col_text(st, 2));
			struct date d;

			if (day && k >= 0 && date_parse_iso(day, strlen(day), &d))
				err = facts_add(&f, d, (enum act_kind)k);
		}
	}
	free(f.days);
	free(f.kinds);
	if (err) {
		db_finalize(st, NULL);
		return err_set(e, err, "out of memory");
	}
	return db_finalize(st, e);
}

enum gemis_err activities_load(struct db *db, const struct tree *t, struct dataset *ds, struct errctx *e)
{
	return load(db, t, 0, ds, NULL, e);
}

enum gemis_err activities_load_unit(struct db *db, const struct tree *t, struct unit_values *v,
				    struct errctx *e)
{
	if (v->unit < 0 || (size_t)v->unit >= t->n || !t->units[v->unit].id)
		return GEMIS_EINVAL;
	return load(db, t, t->units[v->unit].id, NULL, v, e);
}

struct compare_ctx {
	struct log_quarter *q;
	int year;
	int news, monthly;
};

static int compare_put(void *ctx, period_t p, int ind, int part, int sex, double value)
{
	struct compare_ctx *c = ctx;
	int qi;

	(void)sex;
	if (period_year(p) != c->year || period_kind(p) == PERIOD_YEAR)
		return 0;
	qi = period_kind(p) == PERIOD_QUARTER ? period_index(p) - 1 : (period_index(p) - 1) / 3;
	c->q[qi].kept = true;
	if (ind == c->news)
		c->q[qi].news = (unsigned)value;
	else if (ind == c->monthly && part == PART_NUM)
		c->q[qi].programmes += value > 0;
	else if (ind == c->monthly && part == PART_DEN)
		c->q[qi].months++;
	return 0;
}

enum gemis_err activity_log_compare(struct db *db, const struct tree *t, int unit, int year,
				    struct log_quarter q[4], struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct facts f = {0};
	struct compare_ctx c = {q, year, catalog_find("news_items_per_quarter"), catalog_find("monthly_programs")};
	enum gemis_err err;

	memset(q, 0, 4 * sizeof(*q));
	err = db_prepare(db, &st, e,
			 "SELECT day, kind FROM activities WHERE deleted_at IS NULL AND unit_id = ? AND year = ?");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[unit].id, (long long)year);
	while (!err && db_next(st)) {
		const char *day = db_col_text(st, 0);
		int k = act_kind_parse(db_col_text(st, 1));
		struct date d;

		if (day && k >= 0 && date_parse_iso(day, strlen(day), &d))
			err = facts_add(&f, d, (enum act_kind)k);
	}
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	if (!err)
		act_log_values(f.days, f.kinds, f.n, compare_put, &c);
	free(f.days);
	free(f.kinds);
	if (err)
		return err;
	/* what was typed: reported values of the quarters, whatever their source */
	err = db_prepare(db, &st, e,
			 "SELECT period, value FROM datavalues WHERE unit_id = ? AND indicator = 'news_items_per_quarter'"
			 " AND part = 'value' AND sex = 'T' AND year = ?");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[unit].id, (long long)year);
	while (db_next(st)) {
		const char *ps = db_col_text(st, 0);
		period_t p;

		if (!ps || !period_parse(ps, strlen(ps), &p) || period_kind(p) != PERIOD_QUARTER)
			continue;
		q[period_index(p) - 1].typed = true;
		q[period_index(p) - 1].typed_news = db_col_double(st, 1);
	}
	err = db_finalize(st, e);
	for (int i = 0; i < 4; i++)
		q[i].differs = q[i].kept && q[i].typed && fabs(q[i].typed_news - q[i].news) > 1e-9;
	return err;
}

enum gemis_err activities_units(struct db *db, const struct tree *t, int year, unsigned char *mark,
				struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = db_prepare(db, &st, e, "SELECT DISTINCT unit_id FROM activities WHERE year = ?");

	if (err)
		return err;
	db_bindv(st, "i", (long long)year);
	while (db_next(st)) {
		int u = tree_find_id(t, db_col_int(st, 0));

		if (u >= 0)
			mark[u] = 1;
	}
	return db_finalize(st, e);
}
