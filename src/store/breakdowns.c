/*
 * breakdowns.c: breakdowns and their categories (0860), and indicators
 * broken down by them into series (store/indicators.c adds those).
 */
#include "breakdowns.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "core/validate.h"
#include "indicators.h"
#include "util/i18n.h"

#include "util/banned.h"

/* why is an N_() text. */
static enum gemis_err bad(struct errctx *e, const char *field, const char *why)
{
	return err_set_at(e, GEMIS_EINVAL, field, "%s", _(why));
}

/* Reads the categories of the breakdowns in b[0..n). */
static enum gemis_err load_categories(struct db *db, struct arena *mem, struct breakdown_def *b, size_t n,
				      struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT breakdown, code, name_vi, name_en, age_from, age_to FROM breakdown_categories"
			 " ORDER BY breakdown, seq");
	if (err)
		return err;
	while (db_next(st)) {
		const char *code = db_col_text(st, 0);
		struct category_def *c;
		size_t i;

		for (i = 0; i < n && strcmp(b[i].code, code) != 0; i++)
			;
		if (i == n || b[i].ncat == BREAKDOWN_CATS_MAX)
			continue;
		c = &b[i].cat[b[i].ncat++];
		c->code = arena_strdup(mem, db_col_text(st, 1));
		c->name_vi = arena_strdup(mem, db_col_text(st, 2));
		c->name_en = arena_strdup(mem, db_col_text(st, 3));
		c->age_from = db_col_null(st, 4) ? -1 : (int)db_col_int(st, 4);
		c->age_to = db_col_null(st, 5) ? -1 : (int)db_col_int(st, 5);
		if (!c->code || !c->name_vi || !c->name_en) {
			db_finalize(st, NULL);
			return GEMIS_ENOMEM;
		}
	}
	return db_finalize(st, e);
}

/* The breakdowns with code (every one for NULL). */
static enum gemis_err load(struct db *db, struct arena *mem, const char *code, struct breakdown_def **out,
			   size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct breakdown_def *b = NULL;
	size_t cnt = 0, cap = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	err = db_prepare(db, &st, e,
			 "SELECT code, name_vi, name_en, builtin, partial FROM breakdowns WHERE CAST(? AS TEXT) IS NULL OR code = ?"
			 " ORDER BY builtin DESC, added_at, code");
	if (err)
		return err;
	db_bindv(st, "tt", code, code);
	while (!err && db_next(st)) {
		if (cnt == cap) {
			struct breakdown_def *nb;

			cap = cap ? cap * 2 : 8;
			nb = arena_alloc(mem, cap * sizeof(*nb));
			if (!nb) {
				err = GEMIS_ENOMEM;
				break;
			}
			if (cnt)
				memcpy(nb, b, cnt * sizeof(*nb));
			b = nb;
		}
		memset(&b[cnt], 0, sizeof(b[cnt]));
		b[cnt].code = arena_strdup(mem, db_col_text(st, 0));
		b[cnt].name_vi = arena_strdup(mem, db_col_text(st, 1));
		b[cnt].name_en = arena_strdup(mem, db_col_text(st, 2));
		b[cnt].builtin = db_col_int(st, 3) != 0;
		b[cnt].partial = db_col_int(st, 4) != 0;
		if (!b[cnt].code || !b[cnt].name_vi || !b[cnt].name_en)
			err = GEMIS_ENOMEM;
		cnt++;
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	err = db_finalize(st, e);
	if (!err && cnt)
		err = load_categories(db, mem, b, cnt, e);
	if (!err) {
		*out = b;
		*n = cnt;
	}
	return err;
}

enum gemis_err breakdowns_list(struct db *db, struct arena *mem, struct breakdown_def **out, size_t *n,
			       struct errctx *e)
{
	return load(db, mem, NULL, out, n, e);
}

enum gemis_err breakdown_get(struct db *db, struct arena *mem, const char *code, struct breakdown_def *out,
			     struct errctx *e)
{
	struct breakdown_def *b;
	size_t n;
	enum gemis_err err = load(db, mem, code ? code : "", &b, &n, e);

	if (err)
		return err;
	if (n == 0)
		return err_set_at(e, GEMIS_ENOTFOUND, "breakdown", _("%s is not a breakdown (see `gemis breakdown list`)"),
				  code ? code : "");
	*out = b[0];
	return GEMIS_OK;
}

/* Two age groups overlap when each starts before the other ends (an
 * open end, -1, never ends). */
static bool ages_overlap(const struct category_def *a, const struct category_def *b)
{
	return (a->age_to < 0 || b->age_from <= a->age_to) && (b->age_to < 0 || a->age_from <= b->age_to);
}

/* Category i: its code, names and age range, and no earlier one with its
 * code or overlapping ages. */
static enum gemis_err check_category(const struct breakdown_def *b, size_t i, struct errctx *e)
{
	const struct category_def *c = &b->cat[i];
	bool aged = b->cat[0].age_from >= 0;
	char f[64];
	size_t j;

	snprintf(f, sizeof(f), "categories[%zu].code", i + 1);
	if (!catalog_code_ok(c->code))
		return bad(e, f, N_("1 to 63 of a-z, 0-9 and '_', starting with a letter"));
	for (j = 0; j < i; j++) {
		if (strcmp(b->cat[j].code, c->code) == 0)
			return err_set_at(e, GEMIS_EINVAL, f, _("%s is already a category of this breakdown"), c->code);
	}
	snprintf(f, sizeof(f), "categories[%zu].name", i + 1);
	if (!catalog_text_ok(c->name_vi, CATALOG_NAME_MAX) || !catalog_text_ok(c->name_en, CATALOG_NAME_MAX))
		return bad(e, f, N_("missing or not a plain line of text"));
	snprintf(f, sizeof(f), "categories[%zu].age", i + 1);
	if ((c->age_from >= 0) != aged)
		return bad(e, f, N_("either every category is an age group or none is"));
	if (aged && (c->age_from > 150 || c->age_to > 150 || (c->age_to >= 0 && c->age_to < c->age_from)))
		return bad(e, f, N_("not an age range FROM-TO of 0 to 150 years, FROM at most TO"));
	for (j = 0; aged && j < i; j++) {
		if (ages_overlap(&b->cat[j], c))
			return err_set_at(e, GEMIS_EINVAL, f, _("overlaps the age group %s"), b->cat[j].code);
	}
	return GEMIS_OK;
}

enum gemis_err breakdown_check(const struct breakdown_def *b, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	size_t i;

	/* ADX carries a category as an attribute named by its breakdown,
	 * beside these */
	static const char *const reserved[] = {"sex", "value", "period", "comment"};
	size_t r;

	for (r = 0; r < sizeof(reserved) / sizeof(reserved[0]); r++) {
		if (b->code && strcmp(b->code, reserved[r]) == 0)
			return bad(e, "code", N_("sex, value, period and comment are names the exchange formats use"));
	}
	if (!catalog_code_ok(b->code))
		return bad(e, "code", N_("1 to 63 of a-z, 0-9 and '_', starting with a letter"));
	if (!catalog_text_ok(b->name_vi, CATALOG_NAME_MAX))
		return bad(e, "name_vi", N_("missing or not a plain line of text"));
	if (!catalog_text_ok(b->name_en, CATALOG_NAME_MAX))
		return bad(e, "name_en", N_("missing or not a plain line of text"));
	if (b->ncat < 2 || b->ncat > BREAKDOWN_CATS_MAX)
		return err_set_at(e, GEMIS_EINVAL, "categories", _("a breakdown has 2 to %d categories"),
				  BREAKDOWN_CATS_MAX);
	for (i = 0; i < b->ncat && !err; i++)
		err = check_category(b, i, e);
	return err;
}

static enum gemis_err insert_categories(struct db *db, const struct breakdown_def *b, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	size_t i;

	for (i = 0; i < b->ncat && !err; i++) {
		const struct category_def *c = &b->cat[i];
		struct db_stmt *st = NULL;

		err = db_prepare(db, &st, e,
				 "INSERT INTO breakdown_categories (breakdown, code, seq, name_vi, name_en, age_from,"
				 " age_to) VALUES (?, ?, ?, ?, ?, ?, ?)");
		if (err)
			break;
		db_bindv(st, "ttitt", b->code, c->code, (long long)i + 1, c->name_vi, c->name_en);
		if (c->age_from >= 0)
			db_bind_int(st, 6, c->age_from);
		else
			db_bind_null(st, 6);
		if (c->age_to >= 0)
			db_bind_int(st, 7, c->age_to);
		else
			db_bind_null(st, 7);
		err = db_step_done(st, e);
		if (err)
			db_finalize(st, NULL);
		else
			err = db_finalize(st, e);
	}
	return err;
}

/* Whether b's age groups cover every age: from 0, each starting the year
 * after the one before ends, the last open ("60 and over").  True for a
 * breakdown that is not by age (its adder says when it is partial). */
static bool ages_cover(const struct breakdown_def *b)
{
	int next = 0;
	size_t i;

	if (b->cat[0].age_from < 0)
		return true;
	for (;;) {
		/* the categories do not overlap (checked): one starts at next at most */
		for (i = 0; i < b->ncat && b->cat[i].age_from != next; i++)
			;
		if (i == b->ncat)
			return false;
		if (b->cat[i].age_to < 0)
			return true;
		next = b->cat[i].age_to + 1;
	}
}

enum gemis_err breakdown_add(struct db *db, const struct breakdown_def *b, const char *user, struct errctx *e)
{
	enum gemis_err err = breakdown_check(b, e);
	bool taken = false;
	long long one = 0;

	if (!err)
		err = db_begin(db, e);
	if (err)
		return err;
	err = db_query_int(db, e, &one, &taken, "SELECT 1 FROM breakdowns WHERE code = ?", "t", b->code);
	if (!err && taken)
		err = err_set_at(e, GEMIS_ECONFLICT, "code", _("%s is already a breakdown"), b->code);
	if (!err)
		err = db_run(db, e,
			     "INSERT INTO breakdowns (code, name_vi, name_en, builtin, added_by, added_at, partial)"
			     " VALUES (?, ?, ?, 0, ?, ?, ?)",
			     "ttttii", b->code, b->name_vi, b->name_en, user, (long long)time(NULL),
			     (long long)(b->partial || !ages_cover(b)));
	if (!err)
		err = insert_categories(db, b, e);
	if (!err)
		err = db_commit(db, e);
	else
		db_rollback(db);
	return err;
}

/* The series of the parent p on category c of breakdown b, its texts in
 * mem. */
static enum gemis_err series_of(const struct indicator *p, const struct breakdown_def *b,
				const struct category_def *c, struct arena *mem, struct indicator *out,
				struct errctx *e)
{
	*out = *p;
	out->id = arena_printf(mem, "%s__%s_%s", p->id, b->code, c->code);
	out->name_vi = arena_printf(mem, "%s — %s", p->name_vi, c->name_vi);
	out->name_en = arena_printf(mem, "%s — %s", p->name_en, c->name_en);
	if (!out->id || !out->name_vi || !out->name_en)
		return GEMIS_ENOMEM;
	if (strlen(out->id) > 63)
		return err_set_at(e, GEMIS_EINVAL, "parent",
				  _("the series' id %s would be longer than 63 characters"), out->id);
	/* the strategy's target is the parent's, on all of its population */
	out->has_national = out->has_national_2025 = false;
	out->source = SRC_REPORTED; /* a register-sourced parent is refused by name */
	out->parent = p->id;
	out->breakdown = b->code;
	out->category = c->code;
	out->category_vi = c->name_vi;
	out->category_en = c->name_en;
	out->group_partial = b->partial;
	return GEMIS_OK;
}

enum gemis_err indicator_break_down(struct db *db, const char *parent, const char *breakdown, const char *user,
				    size_t *nadded, struct errctx *e)
{
	struct indicator s[BREAKDOWN_CATS_MAX];
	int index[BREAKDOWN_CATS_MAX];
	struct breakdown_def b;
	struct arena mem;
	enum gemis_err err;
	size_t i, n = 0;
	int k = catalog_find(parent);

	*nadded = 0;
	if (k < 0)
		return err_set_at(e, GEMIS_ENOTFOUND, "parent", _("%s is not an indicator"), parent ? parent : "");
	arena_init(&mem, 0);
	err = breakdown_get(db, &mem, breakdown, &b, e);
	for (i = 0; !err && i < b.ncat; i++) {
		if (catalog_series(k, b.code, b.cat[i].code) >= 0)
			continue; /* broken down before: the series stays */
		err = series_of(&catalog[k], &b, &b.cat[i], &mem, &s[n], e);
		n += !err;
	}
	if (!err && n)
		err = indicators_add(db, s, n, user, index, e);
	if (!err)
		*nadded = n;
	arena_release(&mem);
	return err;
}

/* Whether b has a category of that code. */
static bool has_category(const struct breakdown_def *b, const char *code)
{
	size_t i;

	for (i = 0; i < b->ncat; i++) {
		if (strcmp(b->cat[i].code, code) == 0)
			return true;
	}
	return false;
}

/* Whether target i names a breakdown and category that exist, after a
 * problem in d naming its field when not.  A series already there needs
 * no reading. */
static enum gemis_err target_check(struct db *db, const json_t *x, size_t i, struct diags *d, struct errctx *e)
{
	const char *bd = json_string_value(json_object_get(x, "breakdown"));
	const char *cat = json_string_value(json_object_get(x, "category"));
	int k = catalog_find(json_string_value(json_object_get(x, "indicator")));
	struct breakdown_def b;
	struct arena mem;
	enum gemis_err err;
	char path[64];

	if (catalog_series(k, bd, cat) >= 0)
		return GEMIS_OK;
	arena_init(&mem, 0);
	err = breakdown_get(db, &mem, bd, &b, e);
	if (err == GEMIS_ENOTFOUND) {
		snprintf(path, sizeof(path), "targets[%zu].breakdown", i);
		diags_add(d, 0, path, _("unknown breakdown '%s' (see `gemis breakdown list`)"), bd);
		err = GEMIS_OK;
	} else if (!err && !has_category(&b, cat)) {
		snprintf(path, sizeof(path), "targets[%zu].category", i);
		diags_add(d, 0, path, _("'%s' is not a category of the breakdown %s"), cat, bd);
	}
	arena_release(&mem);
	return err;
}

/* The index of the series of target i, added where missing; -1 when its
 * indicator cannot be broken down (counted from the case register). */
static enum gemis_err target_series(struct db *db, const json_t *x, const char *user, int *series,
				    struct errctx *e)
{
	const char *bd = json_string_value(json_object_get(x, "breakdown"));
	const char *cat = json_string_value(json_object_get(x, "category"));
	int k = catalog_find(json_string_value(json_object_get(x, "indicator")));
	enum gemis_err err = GEMIS_OK;
	size_t n;

	*series = catalog_series(k, bd, cat);
	if (*series >= 0 || catalog[k].source != SRC_REPORTED)
		return GEMIS_OK;
	err = indicator_break_down(db, catalog[k].id, bd, user, &n, e);
	*series = err ? -1 : catalog_series(k, bd, cat);
	return err;
}

/* Whether target x is on a category of an indicator of the catalog (not
 * yet on a series): plan_check() named a category without its breakdown
 * and an unknown indicator. */
static bool on_category(const json_t *x)
{
	int k = catalog_find(json_string_value(json_object_get(x, "indicator")));

	return k >= 0 && !catalog[k].parent && json_is_string(json_object_get(x, "breakdown")) &&
	       json_is_string(json_object_get(x, "category"));
}

enum gemis_err breakdowns_resolve_plan(struct db *db, const json_t *plan, const char *user, struct diags *d,
				       json_t **out, size_t *nseries, size_t *nwhole, struct errctx *e)
{
	const json_t *x;
	json_t *copy = NULL;
	enum gemis_err err = GEMIS_OK;
	size_t i, problems = d->total;

	*out = NULL;
	*nseries = *nwhole = 0;
	/* every target checked before any series is added: a refused plan
	 * adds none */
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		if (!err && on_category(x))
			err = target_check(db, x, i, d, e);
	}
	if (err || d->total > problems)
		return err;
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		int s;

		if (!on_category(x))
			continue;
		err = target_series(db, x, user, &s, e);
		if (err)
			break;
		*nwhole += s < 0;
		if (s < 0)
			continue;
		if (!copy && !(copy = json_deep_copy(plan))) {
			err = GEMIS_ENOMEM;
			break;
		}
		json_object_set_new(json_array_get(json_object_get(copy, "targets"), i), "indicator",
				    json_string(catalog[s].id));
		(*nseries)++;
	}
	if (err) {
		json_decref(copy);
		return err;
	}
	*out = copy;
	return GEMIS_OK;
}
