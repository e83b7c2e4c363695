/*
 * tasks.c: checking, storing and loading the tasks of plans (see tasks.h).
 */
#include "tasks.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

/* --- checking -------------------------------------------------------------- */

static const char *str_of(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* agencies: 0 for ids that are no agencies, 1 for a commune's agencies,
 * 2 for a province's too */
static void check_ids(const json_t *o, const char *key, const char *path, int agencies,
		      struct diags *d)
{
	const json_t *a = json_object_get(o, key), *x;
	size_t i;
	char p[96];

	if (!a || json_is_null(a))
		return;
	snprintf(p, sizeof(p), "%s.%s", path, key);
	if (!json_is_array(a)) {
		diags_add(d, 0, p, _("must be an array"));
		return;
	}
	json_array_foreach(a, i, x) {
		const char *s = json_is_string(x) ? json_string_value(x) : NULL;

		snprintf(p, sizeof(p), "%s.%s[%zu]", path, key, i);
		if (agencies && (!s || !plan_agency_known(s, agencies == 2)))
			diags_add(d, 0, p, _("unknown agency '%s'"), s ? s : "");
		else if (!agencies && key[0] == 'i' && (!s || catalog_find(s) < 0))
			diags_add(d, 0, p, _("unknown indicator '%s'"), s ? s : "");
		else if (!s)
			diags_add(d, 0, p, _("must be a string"));
	}
}

static void check_text(const json_t *o, const char *key, const char *path, bool required, size_t max,
		       struct diags *d)
{
	const json_t *v = json_object_get(o, key);
	char p[96];

	snprintf(p, sizeof(p), "%s.%s", path, key);
	if (!v || json_is_null(v)) {
		if (required)
			diags_add(d, 0, p, _("missing"));
		return;
	}
	if (!json_is_string(v))
		diags_add(d, 0, p, _("must be a string or null"));
	else if (json_string_length(v) > max)
		diags_add(d, 0, p, _("is longer than %zu bytes"), max);
}

static void check_task(const json_t *x, const char *path, int depth, bool province, size_t *count,
		       struct diags *d)
{
	const json_t *v;
	const char *s;
	char p[96];

	if (!json_is_object(x)) {
		diags_add(d, 0, path, _("must be an object"));
		return;
	}
	if (++*count > TASKS_MAX) {
		if (*count == TASKS_MAX + 1)
			diags_add(d, 0, path, _("a plan may have at most %d tasks"), TASKS_MAX);
		return;
	}
	check_text(x, "number", path, false, 32, d);
	check_text(x, "parent", path, false, 32, d);
	check_text(x, "title", path, true, TASK_TITLE_MAX, d);
	s = str_of(x, "title");
	if (s && !*s) {
		snprintf(p, sizeof(p), "%s.title", path);
		diags_add(d, 0, p, _("must not be empty"));
	}
	check_text(x, "text", path, false, TASK_TEXT_MAX, d);
	check_text(x, "timeframe", path, false, 1000, d);
	check_ids(x, "lead", path, province ? 2 : 1, d);
	check_ids(x, "partners", path, province ? 2 : 1, d);
	check_ids(x, "goals", path, 0, d);
	check_ids(x, "indicators", path, 0, d);
	s = str_of(x, "timeframe_kind");
	if (json_object_get(x, "timeframe_kind") && !json_is_null(json_object_get(x, "timeframe_kind")) &&
	    (!s || task_time_kind_parse(s) < 0)) {
		snprintf(p, sizeof(p), "%s.timeframe_kind", path);
		diags_add(d, 0, p, _("unknown kind of time '%s'"), s ? s : "");
	}
	s = str_of(x, "due");
	if (json_object_get(x, "due") && !json_is_null(json_object_get(x, "due"))) {
		struct date day;

		if (!s || !date_parse_iso(s, strlen(s), &day)) {
			snprintf(p, sizeof(p), "%s.due", path);
			diags_add(d, 0, p, _("must be a date YYYY-MM-DD or null"));
		}
	}
	s = str_of(x, "source");
	if (json_object_get(x, "source") && (!s || (strcmp(s, "tasks") != 0 && strcmp(s, "duties") != 0))) {
		snprintf(p, sizeof(p), "%s.source", path);
		diags_add(d, 0, p, _("must be \"tasks\" or \"duties\""));
	}
	v = json_object_get(x, "subtasks");
	if (v && !json_is_null(v)) {
		const json_t *y;
		size_t i;

		snprintf(p, sizeof(p), "%s.subtasks", path);
		if (!json_is_array(v)) {
			diags_add(d, 0, p, _("must be an array"));
		} else if (depth > 0) {
			diags_add(d, 0, p, _("a sub-task cannot have sub-tasks"));
		} else {
			json_array_foreach(v, i, y) {
				snprintf(p, sizeof(p), "%s.subtasks[%zu]", path, i);
				check_task(y, p, depth + 1, province, count, d);
			}
		}
	}
}

void tasks_check(const json_t *tasks, bool province, struct diags *d)
{
	const json_t *x;
	size_t i, count = 0;

	if (!tasks || json_is_null(tasks))
		return;
	if (!json_is_array(tasks)) {
		diags_add(d, 0, "tasks", _("must be an array"));
		return;
	}
	json_array_foreach(tasks, i, x) {
		char path[48];

		snprintf(path, sizeof(path), "tasks[%zu]", i);
		check_task(x, path, 0, province, &count, d);
	}
}

/* --- storing ---------------------------------------------------------------- */

struct old_task {
	char uid[TASK_UID_CHARS + 1];
	char *key;   /* source, group, number, title */
	char *title; /* source, title */
	bool used;
};

static char *join_key(const char *a, const char *b, const char *c, const char *t)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(t) + 4;
	char *k = malloc(n);

	if (k)
		snprintf(k, n, "%s\x1f%s\x1f%s\x1f%s", a, b, c, t);
	return k;
}

static enum gemis_err load_previous(struct db *db, long long plan_id, long long unit_id, struct old_task **out,
				    size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct old_task *v = NULL;
	size_t cap = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	err = db_prepare(db, &st, e,
			 "SELECT uid, source, COALESCE(grp, ''), number, title FROM tasks"
			 " WHERE plan_id = (SELECT MAX(id) FROM plans WHERE unit_id = ? AND id < ?) ORDER BY seq");
	if (err)
		return err;
	db_bind_int(st, 1, unit_id);
	db_bind_int(st, 2, plan_id);
	while (db_next(st)) {
		struct old_task *o;

		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct old_task *nv = realloc(v, ncap * sizeof(*nv));

			if (!nv) {
				err = GEMIS_ENOMEM;
				break;
			}
			v = nv;
			cap = ncap;
		}
		o = &v[(*n)++];
		memset(o, 0, sizeof(*o));
		snprintf(o->uid, sizeof(o->uid), "%s", db_col_text(st, 0));
		o->key = join_key(db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4));
		o->title = join_key(db_col_text(st, 1), "", "", db_col_text(st, 4));
		if (!o->key || !o->title)
			err = GEMIS_ENOMEM;
	}
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	*out = v;
	return err;
}

static void free_previous(struct old_task *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].title);
	}
	free(v);
}

/* The uid of the task of the plan before with the same key, else title,
 * else a new one. */
static void uid_for(struct old_task *old, size_t nold, const char *source, const char *grp, const char *number,
		    const char *title, char uid[TASK_UID_CHARS + 1])
{
	char *key = join_key(source, grp, number, title), *tk = join_key(source, "", "", title);
	unsigned char raw[TASK_UID_CHARS / 2];
	size_t i;
	int pass;

	for (pass = 0; key && tk && pass < 2; pass++) {
		for (i = 0; i < nold; i++) {
			if (!old[i].used && strcmp(pass == 0 ? old[i].key : old[i].title, pass == 0 ? key : tk) == 0) {
				old[i].used = true;
				memcpy(uid, old[i].uid, sizeof(old[i].uid));
				free(key);
				free(tk);
				return;
			}
		}
	}
	free(key);
	free(tk);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(uid, TASK_UID_CHARS + 1, raw, sizeof(raw));
}

/* Comma-separated strings of an array; NULL when memory runs out. */
static char *comma_list(const json_t *a)
{
	struct buf b;
	const json_t *x;
	size_t i;

	buf_init(&b, 1 << 16);
	json_array_foreach(a, i, x) {
		if (!json_is_string(x))
			continue;
		if (b.len)
			buf_putc(&b, ',');
		buf_puts(&b, json_string_value(x));
	}
	if (!b.len)
		buf_puts(&b, "");
	if (buf_error(&b)) {
		/* never a list cut short: the caller fails out of memory */
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

struct store_ctx {
	struct db *db;
	struct db_stmt *task, *ag;
	long long plan_id, unit_id;
	struct old_task *old;
	size_t nold;
	int seq;
};

static enum gemis_err store_one(struct store_ctx *c, const json_t *x, int parent_seq, const char *grp_default,
				struct errctx *e)
{
	const char *source = str_of(x, "source") ? str_of(x, "source") : "tasks";
	const char *grp = str_of(x, "parent") ? str_of(x, "parent") : grp_default;
	const char *number = str_of(x, "number") ? str_of(x, "number") : "";
	const char *title = str_of(x, "title");
	char uid[TASK_UID_CHARS + 1], *goals = NULL, *inds = NULL;
	const json_t *v, *sub;
	enum gemis_err err;
	long long id = 0;
	size_t i;
	int seq = ++c->seq;

	uid_for(c->old, c->nold, source, grp ? grp : "", number, title, uid);
	goals = comma_list(json_object_get(x, "goals"));
	inds = comma_list(json_object_get(x, "indicators"));
	if (!goals || !inds) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	db_bindv(c->task, "iitiittttttt", c->plan_id, c->unit_id, uid, (long long)seq, (long long)parent_seq,
		 source, grp, number, title, str_of(x, "text") ? str_of(x, "text") : "", str_of(x, "timeframe"),
		 goals);
	if (parent_seq == 0)
		db_bind_null(c->task, 5);
	db_bind_text(c->task, 13, inds);
	if (json_is_integer(json_object_get(x, "line")))
		db_bind_int(c->task, 14, json_integer_value(json_object_get(x, "line")));
	else
		db_bind_null(c->task, 14);
	if (db_next(c->task))
		id = db_col_int(c->task, 0);
	err = db_stmt_error(c->task, e);
	db_reset(c->task);
	if (err)
		goto out;
	for (i = 0; i < 2 && !err; i++) {
		const json_t *list = json_object_get(x, i == 0 ? "lead" : "partners");
		size_t k;

		json_array_foreach(list, k, v) {
			db_bindv(c->ag, "itti", id, json_string_value(v), i == 0 ? "lead" : "partner",
				 (long long)(i * TASK_MAX_AGENCIES * 4 + k));
			err = db_step_done(c->ag, e);
			if (err)
				break;
		}
	}
	json_array_foreach(json_object_get(x, "subtasks"), i, sub) {
		if (!err)
			err = store_one(c, sub, seq, number, e);
	}
out:
	free(goals);
	free(inds);
	return err;
}

enum gemis_err tasks_store(struct db *db, long long plan_id, long long unit_id, const json_t *tasks,
			   struct errctx *e)
{
	struct store_ctx c = {db, NULL, NULL, plan_id, unit_id, NULL, 0, 0};
	const json_t *x;
	enum gemis_err err;
	size_t i;

	if (!json_is_array(tasks) || json_array_size(tasks) == 0)
		return GEMIS_OK;
	err = load_previous(db, plan_id, unit_id, &c.old, &c.nold, e);
	if (!err)
		err = db_prepare(db, &c.task, e,
				 "INSERT INTO tasks (plan_id, unit_id, uid, seq, parent_seq, source, grp, number,"
				 " title, body, timeframe, goals, indicators, line)"
				 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (!err)
		err = db_prepare(db, &c.ag, e,
				 "INSERT INTO task_agencies (task_id, agency, role, ord) VALUES (?, ?, ?, ?)"
				 " ON CONFLICT DO NOTHING");
	json_array_foreach(tasks, i, x) {
		if (!err)
			err = store_one(&c, x, 0, NULL, e);
	}
	if (c.task)
		db_finalize(c.task, NULL);
	if (c.ag)
		db_finalize(c.ag, NULL);
	free_previous(c.old, c.nold);
	return err;
}

/* --- loading ----------------------------------------------------------------- */

void task_list_release(struct task_list *l)
{
	arena_release(&l->mem);
	free(l->t);
	memset(l, 0, sizeof(*l));
}

static const char *dup(struct task_list *l, const char *s)
{
	return s ? arena_strdup(&l->mem, s) : NULL;
}

enum gemis_err tasks_of_unit(struct db *db, const struct tree *t, int unit, struct task_list *out,
			     struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t cap = 0, i;
	int *pseq = NULL;
	bool found;

	memset(out, 0, sizeof(*out));
	arena_init(&out->mem, 0);
	err = db_query_int(db, e, &out->plan_id, &found,
			   "SELECT id FROM plans WHERE unit_id = ? AND superseded_at IS NULL", "i", t->units[unit].id);
	if (err || !found) {
		out->plan_id = 0;
		return err;
	}
	err = db_prepare(db, &st, e,
			 "SELECT id, uid, seq, parent_seq, source, grp, number, title, body, timeframe, goals,"
			 " indicators, line FROM tasks WHERE plan_id = ? ORDER BY seq");
	if (err)
		return err;
	db_bind_int(st, 1, out->plan_id);
	while (db_next(st)) {
		struct task *x;

		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct task *nv = realloc(out->t, ncap * sizeof(*nv));
			int *np = realloc(pseq, ncap * sizeof(*np));

			if (np)
				pseq = np;
			if (!nv || !np) {
				if (nv)
					out->t = nv;
				err = GEMIS_ENOMEM;
				break;
			}
			out->t = nv;
			cap = ncap;
		}
		x = &out->t[out->n];
		memset(x, 0, sizeof(*x));
		x->id = db_col_int(st, 0);
		snprintf(x->uid, sizeof(x->uid), "%s", db_col_text(st, 1));
		pseq[out->n] = db_col_null(st, 3) ? 0 : (int)db_col_int(st, 3);
		x->parent = -1;
		x->duties = strcmp(db_col_text(st, 4), "duties") == 0;
		x->grp = dup(out, db_col_text(st, 5));
		x->number = dup(out, db_col_text(st, 6));
		x->title = dup(out, db_col_text(st, 7));
		x->body = dup(out, db_col_text(st, 8));
		x->timeframe = dup(out, db_col_text(st, 9));
		x->goals = dup(out, db_col_text(st, 10));
		x->indicators = dup(out, db_col_text(st, 11));
		x->line = db_col_null(st, 12) ? 0 : (long)db_col_int(st, 12);
		if (!x->number || !x->title || !x->body || !x->goals || !x->indicators) {
			err = GEMIS_ENOMEM;
			break;
		}
		task_time_read(x->timeframe ? x->timeframe : "", x->timeframe ? strlen(x->timeframe) : 0, &x->tt);
		out->n++;
	}
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	/* seq runs from 1 in list order: a parent's index is its seq - 1 */
	for (i = 0; !err && i < out->n; i++)
		out->t[i].parent = pseq[i] >= 1 && (size_t)pseq[i] <= out->n ? pseq[i] - 1 : -1;
	free(pseq);
	if (err)
		return err;
	err = db_prepare(db, &st, e,
			 "SELECT a.task_id, a.agency, a.role FROM task_agencies a JOIN tasks t ON t.id = a.task_id"
			 " WHERE t.plan_id = ? ORDER BY t.seq, a.ord");
	if (err)
		return err;
	db_bind_int(st, 1, out->plan_id);
	i = 0;
	while (db_next(st)) {
		long long tid = db_col_int(st, 0);
		const char *ag = dup(out, db_col_text(st, 1));
		bool lead = strcmp(db_col_text(st, 2), "lead") == 0;

		while (i < out->n && out->t[i].id != tid)
			i++;
		if (i == out->n || !ag)
			break;
		if (lead && out->t[i].nlead < TASK_MAX_AGENCIES)
			out->t[i].lead[out->t[i].nlead++] = ag;
		else if (!lead && out->t[i].npartners < TASK_MAX_AGENCIES)
			out->t[i].partners[out->t[i].npartners++] = ag;
	}
	return db_finalize(st, e);
}

const struct task *task_find(const struct task_list *l, const char *uid)
{
	size_t i;

	for (i = 0; uid && i < l->n; i++) {
		if (strcmp(l->t[i].uid, uid) == 0)
			return &l->t[i];
	}
	return NULL;
}

int task_role(const struct task *x, const char *agency)
{
	size_t i;

	for (i = 0; i < x->nlead; i++) {
		if (strcmp(x->lead[i], agency) == 0 || strcmp(x->lead[i], "all") == 0)
			return 2;
	}
	for (i = 0; i < x->npartners; i++) {
		if (strcmp(x->partners[i], agency) == 0 || strcmp(x->partners[i], "all") == 0)
			return 1;
	}
	return 0;
}

const struct task *task_named(const struct task_list *tl, const char *ref)
{
	struct arena a;
	size_t i;
	const struct task *hit = NULL;

	arena_init(&a, 0);
	for (i = 0; i < tl->n && !hit; i++) {
		const struct task *x = &tl->t[i];

		if (strcmp(x->uid, ref) == 0 || (!x->duties && (strcmp(task_label(&a, x), ref) == 0 ||
								(!x->grp && strcmp(x->number, ref) == 0))))
			hit = x;
	}
	arena_release(&a);
	return hit;
}

const char *task_label(struct arena *a, const struct task *x)
{
	size_t gl = x->grp ? strlen(x->grp) : 0;

	if (!x->grp || !*x->grp || (strncmp(x->number, x->grp, gl) == 0 && x->number[gl] == '.'))
		return x->number;
	return arena_printf(a, "%s.%s", x->grp, x->number);
}

enum gemis_err tasks_units(struct db *db, const struct tree *t, unsigned char *mark, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err = db_prepare(db, &st, e, "SELECT DISTINCT unit_id FROM tasks");

	if (err)
		return err;
	while (db_next(st)) {
		int u = tree_find_id(t, db_col_int(st, 0));

		if (u >= 0)
			mark[u] = 1;
	}
	return db_finalize(st, e);
}
