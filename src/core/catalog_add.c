/*
 * catalog_add.c: indicators added to the catalog at run time (issue 17),
 * after the compiled ones.
 *
 * The catalog is read without a lock from every thread, so an addition
 * never changes an entry a reader may see: it writes the new entry past
 * catalog_total, publishes a larger copy of the array when the current
 * one is full (the old array stays, as readers may hold pointers into it),
 * and only then raises catalog_total.  The one field that changes in a
 * published entry is retired_from (catalog_set_retired()): an int written
 * and read atomically, in the current array (a copy of the compiled set
 * the first time, which is read-only), under the adders' lock so that a
 * larger copy made meanwhile carries it.  An edit (catalog_edit()) writes
 * no published entry either: it publishes a copy of the array with the
 * entry replaced.
 */
#include "catalog.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "formula.h"
#include "period.h"
#include "tree.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

/* Ids, names and units are short texts.  An id fits the 64-byte buffers
 * of the pages and requests that carry one, and is an SDMX code (no '.',
 * the key separator there). */
#define ID_MAX 63
#define UNIT_MAX_BYTES 40

struct block {
	struct block *prev; /* kept: readers may still hold entries of it */
	size_t cap;
	struct indicator a[];
};

static pthread_mutex_t add_mu = PTHREAD_MUTEX_INITIALIZER;
static struct block *current; /* NULL while only the compiled set is there */
_Atomic unsigned catalog_shape;

bool catalog_code_ok(const char *id)
{
	size_t i, n = id ? strlen(id) : 0;

	if (n == 0 || n > ID_MAX || id[0] < 'a' || id[0] > 'z')
		return false;
	for (i = 0; i < n; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

/* A text shown to people: there, not blank, not too long, UTF-8 (the
 * database, XML and JSON take nothing else), no control characters (they
 * would break a CSV line or a terminal). */
bool catalog_text_ok(const char *s, size_t max)
{
	size_t i, n = s ? strlen(s) : 0;
	bool blank = true;

	if (n == 0 || n > max || !text_valid_utf8(s, n))
		return false;
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
		if (s[i] != ' ')
			blank = false;
	}
	return !blank;
}

/* why is an N_() text. */
static enum gemis_err bad(struct errctx *e, const char *field, const char *why)
{
	return err_set_at(e, GEMIS_EINVAL, field, "%s", _(why));
}

static enum gemis_err check_parts(const struct indicator *ind, struct errctx *e)
{
	int np = ind->kind == IND_RATIO ? 2 : 1, p;
	/* named as the command's options name them */
	static const char *const vi[] = {"part_vi", "den_vi"}, *const en[] = {"part_en", "den_en"};
	static const char *const time[] = {"time", "time_den"};

	for (p = 0; p < PART_SLOTS; p++) {
		if (p >= np) {
			if (ind->part_vi[p] || ind->part_en[p])
				return bad(e, vi[p], N_("a value indicator has one part only"));
			continue;
		}
		if (!catalog_text_ok(ind->part_vi[p], CATALOG_NAME_MAX))
			return bad(e, vi[p], N_("what the part counts is missing or not a plain line of text"));
		if (!catalog_text_ok(ind->part_en[p], CATALOG_NAME_MAX))
			return bad(e, en[p], N_("what the part counts is missing or not a plain line of text"));
		if ((unsigned)ind->time[p] > TIME_MEAN)
			return bad(e, time[p], N_("not sum, last or mean"));
	}
	return GEMIS_OK;
}

static enum gemis_err check_target(const struct indicator *ind, struct errctx *e)
{
	if (ind->has_national_2025)
		return bad(e, "national_2025", N_("only the compiled strategy has a 2025 milestone"));
	if (!ind->has_national)
		return GEMIS_OK;
	if ((unsigned)ind->national_dir > DIR_ACHIEVE)
		return bad(e, "national_direction", N_("not at_least, at_most or achieve"));
	if (ind->national_dir != DIR_ACHIEVE && !isfinite(ind->national_value))
		return bad(e, "national_value", N_("not a number"));
	if (ind->national_year < PERIOD_MIN_YEAR || ind->national_year > PERIOD_MAX_YEAR)
		return bad(e, "national_year", N_("not a year gemis keeps"));
	return GEMIS_OK;
}

/* A power of ten: the exchange formats carry a factor as its exponent
 * (SDMX's UNIT_MULT). */
static bool factor_ok(const struct indicator *ind)
{
	double f = 1;
	int k;

	if (ind->kind == IND_VALUE)
		return ind->factor == 1;
	for (k = 0; k <= 15; k++, f *= 10) {
		if (ind->factor == f)
			return true;
	}
	return false;
}

/* A series measures what its parent measures: every field that says how
 * it is computed, rolled up and judged is the parent's. */
static enum gemis_err check_series(const struct indicator *ind, struct errctx *e)
{
	const struct indicator *p;
	int k;

	if (!ind->parent && !ind->breakdown && !ind->category)
		return GEMIS_OK;
	k = catalog_find(ind->parent);
	if (k < 0)
		return bad(e, "parent", N_("not an indicator of the catalog"));
	p = &catalog[k];
	if (p->parent)
		return bad(e, "parent", N_("a category series is not broken down again"));
	if (p->formula)
		return bad(e, "parent", N_("an indicator computed from a formula is not broken down"));
	if (p->source != SRC_REPORTED)
		return bad(e, "parent", N_("the case register does not record this breakdown"));
	if (!catalog_code_ok(ind->breakdown) || !catalog_code_ok(ind->category))
		return bad(e, "category", N_("1 to 63 of a-z, 0-9 and '_', starting with a letter"));
	if (!catalog_text_ok(ind->category_vi, CATALOG_NAME_MAX) || !catalog_text_ok(ind->category_en, CATALOG_NAME_MAX))
		return bad(e, "category", N_("its name is missing or not a plain line of text"));
	if ((ind->scope == NULL) != (p->scope == NULL) || (ind->scope && strcmp(ind->scope, p->scope) != 0))
		return bad(e, "scope", N_("a category series belongs where its parent belongs"));
	if (catalog_series(k, ind->breakdown, ind->category) >= 0)
		return err_set_at(e, GEMIS_ECONFLICT, "category", _("%s already has a series for %s"), p->id,
				  ind->category);
	if (ind->goal != p->goal || ind->kind != p->kind || ind->factor != p->factor ||
	    ind->by_sex != p->by_sex || ind->share != p->share || ind->space != p->space ||
	    ind->polarity != p->polarity || strcmp(ind->unit, p->unit) != 0 ||
	    memcmp(ind->time, p->time, sizeof(ind->time)) != 0)
		return bad(e, "parent", N_("a category series is computed, rolled up and judged as its parent"));
	return GEMIS_OK;
}

/* A formula indicator (core/formula.h) is not itself broken down: its
 * series would take values it never takes. */
static enum gemis_err check_formula(const struct indicator *ind, struct errctx *e)
{
	if (!ind->formula_text)
		return GEMIS_OK;
	if (ind->parent)
		return bad(e, "formula", N_("a category series is reported, not computed from a formula"));
	return formula_check(ind, e);
}

/* Every check but the id's, the catalog's size and a series'. */
static enum gemis_err check_fields(const struct indicator *ind, struct errctx *e)
{
	if ((unsigned)ind->goal >= GOAL_COUNT)
		return bad(e, "goal", N_("not one of the strategy's six fields"));
	if (!catalog_text_ok(ind->name_vi, CATALOG_NAME_MAX))
		return bad(e, "name_vi", N_("missing or not a plain line of text"));
	if (!catalog_text_ok(ind->name_en, CATALOG_NAME_MAX))
		return bad(e, "name_en", N_("missing or not a plain line of text"));
	if (!catalog_text_ok(ind->unit, UNIT_MAX_BYTES))
		return bad(e, "unit", N_("missing or not a plain line of text"));
	if ((unsigned)ind->polarity > POL_LOWER)
		return bad(e, "polarity", N_("not higher or lower"));
	if ((unsigned)ind->kind > IND_VALUE)
		return bad(e, "kind", N_("not ratio or value"));
	if (!factor_ok(ind))
		return bad(e, "factor", N_("a ratio's factor is 1, 10, 100, ... up to 10^15, a value's is 1"));
	if (ind->share && ind->kind != IND_RATIO)
		return bad(e, "share", N_("only a ratio is a share of a whole"));
	if ((unsigned)ind->space > SPACE_NONE)
		return bad(e, "space", N_("not sum, mean or none"));
	if (ind->source != SRC_REPORTED)
		return bad(e, "source", N_("an added indicator is reported by agencies"));
	if (ind->scope && !catalog_text_ok(ind->scope, CATALOG_SCOPE_MAX))
		return bad(e, "scope", N_("not a unit code"));
	/* the strategy's targets hold everywhere; a province sets its own
	 * indicator's target in its plan */
	if (ind->scope && ind->has_national)
		return bad(e, "national_direction", N_("a province's own indicator has no national target: its plan sets one"));
	{
		enum gemis_err err = check_parts(ind, e);

		return err ? err : check_target(ind, e);
	}
}

enum gemis_err catalog_check(const struct indicator *ind, struct errctx *e)
{
	enum gemis_err err;

	if (!catalog_code_ok(ind->id))
		return bad(e, "id", N_("1 to 63 of a-z, 0-9 and '_', starting with a letter"));
	if (catalog_find(ind->id) >= 0)
		return err_set_at(e, GEMIS_ECONFLICT, "id", _("%s is already an indicator"), ind->id);
	err = check_fields(ind, e);
	if (err)
		return err;
	if (catalog_total >= CATALOG_MAX)
		return err_set_at(e, GEMIS_ELIMIT, "id", _("the catalog holds %d indicators at most"),
				  CATALOG_MAX);
	err = check_series(ind, e);
	return err ? err : check_formula(ind, e);
}

enum gemis_err catalog_check_edit(const struct indicator *ind, struct errctx *e)
{
	enum gemis_err err = check_fields(ind, e);

	return err ? err : check_formula(ind, e);
}

/* "a — b" in a string of its own. */
static char *join(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s = malloc(na + nb + sizeof(" — "));

	if (s) {
		memcpy(s, a, na);
		memcpy(s + na, " — ", sizeof(" — ") - 1);
		memcpy(s + na + sizeof(" — ") - 1, b, nb + 1);
	}
	return s;
}

/* A series' short names: its parent's and its category's ("Hoàn thành
 * tiểu học — Dân tộc thiểu số"), kept for the process's life as the
 * entry's other texts. */
static enum gemis_err series_short(struct indicator *s)
{
	const struct indicator *p = &catalog[s->parent_index];

	s->series_short_vi = join(indicator_short_name(p, LANG_VI), s->category_vi);
	s->series_short_en = join(indicator_short_name(p, LANG_EN), s->category_en);
	if (s->series_short_vi && s->series_short_en)
		return GEMIS_OK;
	free((char *)s->series_short_vi);
	free((char *)s->series_short_en);
	return GEMIS_ENOMEM;
}

/* The entry as the catalog keeps it: every text a copy of its own. */
static enum gemis_err copy_entry(struct indicator *to, const struct indicator *from)
{
	char **t[] = {(char **)&to->id, (char **)&to->name_vi, (char **)&to->name_en, (char **)&to->unit,
		      (char **)&to->part_vi[0], (char **)&to->part_vi[1], (char **)&to->part_en[0],
		      (char **)&to->part_en[1], (char **)&to->parent, (char **)&to->breakdown,
		      (char **)&to->category, (char **)&to->category_vi, (char **)&to->category_en, (char **)&to->scope,
		      (char **)&to->formula_text};
	size_t i;

	*to = *from;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (*t[i] && !(*t[i] = strdup(*t[i]))) {
			while (i-- > 0)
				free(*t[i]);
			return GEMIS_ENOMEM;
		}
	}
	to->local = true;
	to->version = to->version ? to->version : 1;
	to->parent_index = to->parent ? catalog_find(to->parent) : 0;
	to->series_short_vi = to->series_short_en = NULL;
	to->formula = NULL;
	if (to->formula_text) {
		enum gemis_err err;

		/* parsed once, kept for the process's life as the texts are */
		to->formula = formula_compile(to, &err);
		if (!to->formula)
			return err;
	}
	return to->parent ? series_short(to) : GEMIS_OK;
}

/* Room for entry n: the current array, or a larger copy of it published
 * in its place. */
/* A copy of the n entries in a new array of cap, entry k replaced by
 * *ent when ent, published in place of the current one once whole. */
static struct block *copy_out(size_t n, size_t cap, int k, const struct indicator *ent)
{
	struct block *b = malloc(sizeof(*b) + cap * sizeof(b->a[0]));

	if (!b)
		return NULL;
	b->prev = current;
	b->cap = cap;
	memcpy(b->a, catalog, n * sizeof(b->a[0]));
	if (ent)
		b->a[k] = *ent;
	atomic_store(&catalog, (const struct indicator *)b->a);
	current = b;
	return b;
}

static struct block *room(size_t n)
{
	size_t cap;

	if (current && n < current->cap)
		return current;
	cap = n < 32 ? 64 : n * 2;
	if (cap > CATALOG_MAX)
		cap = CATALOG_MAX;
	return copy_out(n, cap, 0, NULL);
}

enum gemis_err catalog_add(const struct indicator *ind, int *index, struct errctx *e)
{
	enum gemis_err err;
	struct block *b;
	size_t n;

	pthread_mutex_lock(&add_mu);
	err = catalog_check(ind, e);
	n = catalog_total;
	b = err ? NULL : room(n);
	if (!err && !b)
		err = err_set(e, GEMIS_ENOMEM, "%s", _("no memory for the catalog"));
	if (!err) {
		err = copy_entry(&b->a[n], ind);
		if (err)
			err_set(e, err, "%s", _("no memory for the catalog"));
	}
	if (!err) {
		/* readers see the entry only once it is whole */
		atomic_store(&catalog_total, n + 1);
		catalog_reindex();
		*index = (int)n;
	}
	pthread_mutex_unlock(&add_mu);
	return err;
}

int catalog_retired_from(const struct indicator *ind)
{
	if (ind->parent)
		ind = &catalog[ind->parent_index];
	return __atomic_load_n(&ind->retired_from, __ATOMIC_RELAXED);
}

bool catalog_retired(const struct indicator *ind, int year)
{
	int from = catalog_retired_from(ind);

	return from > 0 && year >= from;
}

enum gemis_err catalog_set_retired(int k, int year)
{
	enum gemis_err err = GEMIS_OK;
	struct block *b;

	pthread_mutex_lock(&add_mu);
	if (k < 0 || (size_t)k >= catalog_total) {
		err = GEMIS_EINVAL;
	} else if (__atomic_load_n(&catalog[k].retired_from, __ATOMIC_RELAXED) != year) {
		/* the compiled array is read-only: the first change copies it */
		b = room(catalog_total);
		if (b)
			__atomic_store_n(&b->a[k].retired_from, year, __ATOMIC_RELAXED);
		else
			err = GEMIS_ENOMEM;
	}
	pthread_mutex_unlock(&add_mu);
	return err;
}

int catalog_series(int parent, const char *breakdown, const char *category)
{
	size_t k, n = catalog_n();

	/* series are few and only added at run time: past the compiled set */
	for (k = catalog_builtin; k < n; k++) {
		const struct indicator *c = &catalog[k];

		if (c->parent && c->parent_index == parent && strcmp(c->breakdown, breakdown) == 0 &&
		    strcmp(c->category, category) == 0)
			return (int)k;
	}
	return -1;
}

void catalog_mark_series(bool *marked)
{
	size_t k, n = catalog_n();

	for (k = catalog_builtin; k < n; k++) {
		if (catalog[k].parent && marked[catalog[k].parent_index])
			marked[k] = true;
	}
}

const char *time_agg_id(enum time_agg t)
{
	switch (t) {
	case TIME_SUM: return "sum";
	case TIME_LAST: return "last";
	case TIME_MEAN: return "mean";
	}
	return "?";
}

int time_agg_parse(const char *s)
{
	if (!s)
		return -1;
	if (strcmp(s, "sum") == 0)
		return TIME_SUM;
	if (strcmp(s, "last") == 0)
		return TIME_LAST;
	if (strcmp(s, "mean") == 0)
		return TIME_MEAN;
	return -1;
}

int ind_kind_parse(const char *s)
{
	return !s ? -1 : strcmp(s, "ratio") == 0 ? IND_RATIO : strcmp(s, "value") == 0 ? IND_VALUE : -1;
}

int polarity_parse(const char *s)
{
	return !s ? -1 : strcmp(s, "higher") == 0 ? POL_HIGHER : strcmp(s, "lower") == 0 ? POL_LOWER : -1;
}

const char *space_agg_id(enum space_agg a)
{
	switch (a) {
	case SPACE_SUM: return "sum";
	case SPACE_MEAN: return "mean";
	case SPACE_NONE: return "none";
	}
	return "?";
}

int space_agg_parse(const char *s)
{
	if (!s)
		return -1;
	if (strcmp(s, "sum") == 0)
		return SPACE_SUM;
	if (strcmp(s, "mean") == 0)
		return SPACE_MEAN;
	if (strcmp(s, "none") == 0)
		return SPACE_NONE;
	return -1;
}

bool indicator_in_scope(const struct tree *t, const struct indicator *ind, int unit)
{
	int p;

	if (!ind->scope)
		return true;
	p = tree_find(t, ind->scope);
	return p >= 0 && unit >= 0 && (size_t)unit < t->n && tree_contains(t, p, unit);
}

/* The editable texts of ind as entry texts of their own in *to. */
static enum gemis_err copy_texts(struct indicator *to, const struct indicator *ind)
{
	const char *from[] = {ind->name_vi, ind->name_en, ind->unit, ind->part_vi[0], ind->part_vi[1],
			      ind->part_en[0], ind->part_en[1]};
	const char **t[] = {&to->name_vi, &to->name_en, &to->unit, &to->part_vi[0], &to->part_vi[1],
			    &to->part_en[0], &to->part_en[1]};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		*t[i] = from[i] ? strdup(from[i]) : NULL;
		if (from[i] && !*t[i]) {
			while (i-- > 0)
				free((char *)*t[i]);
			return GEMIS_ENOMEM;
		}
	}
	return GEMIS_OK;
}

/* Entry k as it is with ind's editable fields; its texts its own. */
static enum gemis_err edited_entry(int k, const struct indicator *ind, struct indicator *to)
{
	enum gemis_err err;

	*to = catalog[k];
	err = copy_texts(to, ind);
	if (err)
		return err;
	to->goal = ind->goal;
	to->polarity = ind->polarity;
	to->kind = ind->kind;
	to->factor = ind->factor;
	to->by_sex = ind->by_sex;
	to->share = ind->share;
	to->space = ind->space;
	memcpy(to->time, ind->time, sizeof(to->time));
	to->has_national = ind->has_national;
	to->national_dir = ind->national_dir;
	to->national_value = ind->national_value;
	to->national_year = ind->national_year;
	to->version = ind->version;
	/* a formula's parsed form depends on the parts and sexes it gives */
	if (to->formula_text && (to->kind != catalog[k].kind || to->by_sex != catalog[k].by_sex)) {
		to->formula = formula_compile(to, &err);
		if (!to->formula)
			return err;
	}
	/* a series' short names are its parent's and its category's */
	return to->parent ? series_short(to) : GEMIS_OK;
}

enum gemis_err catalog_edit(int k, const struct indicator *ind)
{
	enum gemis_err err = GEMIS_OK;
	struct indicator ent;
	bool reshaped;
	size_t n, cap;

	pthread_mutex_lock(&add_mu);
	n = catalog_total;
	if (k < (int)catalog_builtin || (size_t)k >= n)
		err = GEMIS_EINVAL;
	if (!err)
		err = edited_entry(k, ind, &ent);
	reshaped = !err && (ind->kind != catalog[k].kind || ind->by_sex != catalog[k].by_sex);
	cap = current && n < current->cap ? current->cap : n + 32;
	/* never in place: readers may hold the entry or its texts, which
	 * stay (the old array is kept, its texts never freed) */
	if (!err && !copy_out(n, cap < CATALOG_MAX ? cap : CATALOG_MAX, k, &ent))
		err = GEMIS_ENOMEM; /* the copied texts are lost: no memory anyway */
	else if (reshaped)
		atomic_fetch_add(&catalog_shape, 1);
	pthread_mutex_unlock(&add_mu);
	return err;
}
