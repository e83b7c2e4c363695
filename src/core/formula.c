/*
 * formula.c: indicators computed from others: the parser, the checks at
 * add, the order the engine computes them in and their cells (formula.h).
 */
#include "formula.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "util/i18n.h"

#include "util/banned.h"

/* Formulas are short: a fixed bound keeps the parser simple. */
#define TERMS_MAX 64

struct parser {
	const char *s;
	size_t i;
	struct formula *f;
	struct errctx *e;
};

/* The names of catalog_add.c's space_agg_id() and time_agg_id(), and its
 * catalog_retired_from(), here again: catalog_add.c calls this file, which
 * calls nothing back (tools/layers refuses a cycle between files). */
static const char *space_name(enum space_agg a)
{
	return a == SPACE_SUM ? "sum" : a == SPACE_MEAN ? "mean" : "none";
}

static const char *time_name(enum time_agg t)
{
	return t == TIME_SUM ? "sum" : t == TIME_LAST ? "last" : "mean";
}

static bool retired(const struct indicator *ind)
{
	if (ind->parent)
		ind = &catalog[ind->parent_index];
	return __atomic_load_n(&ind->retired_from, __ATOMIC_RELAXED) > 0;
}

static enum gemis_err syntax(struct parser *p, const char *why)
{
	return err_set_at(p->e, GEMIS_EINVAL, "formula", _("at character %zu: %s"), p->i + 1, _(why));
}

static void blanks(struct parser *p)
{
	while (p->s[p->i] == ' ' || p->s[p->i] == '\t')
		p->i++;
}

/* [NUMBER *] ID.PART, with the sign already read. */
static enum gemis_err term(struct parser *p, double sign)
{
	struct formula_term *t;
	size_t n;

	if (p->f->nterms >= TERMS_MAX)
		return syntax(p, N_("a formula has 64 terms at most"));
	t = &p->f->terms[p->f->nterms];
	t->coef = sign;
	t->ind = -1;
	blanks(p);
	t->pos = (int)p->i + 1;
	if (isdigit((unsigned char)p->s[p->i]) || p->s[p->i] == '.') {
		char *end;
		double v;

		errno = 0;
		v = strtod(p->s + p->i, &end);
		if (errno || !isfinite(v) || end == p->s + p->i)
			return syntax(p, N_("not a number"));
		p->i = (size_t)(end - p->s);
		t->coef *= v;
		blanks(p);
		if (p->s[p->i] != '*')
			return syntax(p, N_("expected '*' after a number"));
		p->i++;
		blanks(p);
	}
	for (n = 0; islower((unsigned char)p->s[p->i]) || isdigit((unsigned char)p->s[p->i]) || p->s[p->i] == '_';
	     n++, p->i++) {
		if (n + 1 >= sizeof(t->id))
			return syntax(p, N_("an indicator id is 63 characters at most"));
		t->id[n] = p->s[p->i];
	}
	t->id[n] = '\0';
	if (n == 0 || !islower((unsigned char)t->id[0]))
		return syntax(p, N_("expected an indicator id (a-z, 0-9, '_')"));
	if (p->s[p->i] != '.')
		return syntax(p, N_("expected '.' and a part (num, den or value) after the indicator id"));
	p->i++;
	for (n = 0; islower((unsigned char)p->s[p->i]); n++, p->i++) {
		if (n + 1 >= sizeof(t->part_id))
			return syntax(p, N_("not a part: num, den or value"));
		t->part_id[n] = p->s[p->i];
	}
	t->part_id[n] = '\0';
	if (strcmp(t->part_id, "num") != 0 && strcmp(t->part_id, "den") != 0 && strcmp(t->part_id, "value") != 0)
		return syntax(p, N_("not a part: num, den or value"));
	t->part = strcmp(t->part_id, "den") == 0 ? PART_DEN : PART_NUM;
	p->f->nterms++;
	return GEMIS_OK;
}

/* A SUM, or one in parentheses, as sum s. */
static enum gemis_err sum(struct parser *p, int s)
{
	bool paren;
	double sign = 1;
	enum gemis_err err;

	blanks(p);
	paren = p->s[p->i] == '(';
	if (paren)
		p->i++;
	p->f->first[s] = p->f->nterms;
	blanks(p);
	if (p->s[p->i] == '-' || p->s[p->i] == '+') {
		sign = p->s[p->i] == '-' ? -1 : 1;
		p->i++;
	}
	for (;;) {
		err = term(p, sign);
		if (err)
			return err;
		blanks(p);
		if (p->s[p->i] != '+' && p->s[p->i] != '-')
			break;
		sign = p->s[p->i] == '-' ? -1 : 1;
		p->i++;
	}
	if (paren) {
		if (p->s[p->i] != ')')
			return syntax(p, N_("expected ')' or '+' or '-'"));
		p->i++;
		blanks(p);
	}
	p->f->n[s] = p->f->nterms - p->f->first[s];
	return GEMIS_OK;
}

enum gemis_err formula_parse(const char *text, struct formula **out, struct errctx *e)
{
	struct parser p = {text, 0, NULL, e};
	enum gemis_err err;

	*out = NULL;
	if (!text || !*text)
		return err_set_at(e, GEMIS_EINVAL, "formula", "%s", _("empty"));
	if (strlen(text) > FORMULA_MAX)
		return err_set_at(e, GEMIS_EINVAL, "formula", _("longer than %d characters"), FORMULA_MAX);
	p.f = calloc(1, sizeof(*p.f) + TERMS_MAX * sizeof(p.f->terms[0]));
	if (!p.f)
		return err_set(e, GEMIS_ENOMEM, "%s", _("out of memory"));
	p.f->nsums = 1;
	err = sum(&p, 0);
	if (!err && text[p.i] == '/') {
		p.i++;
		p.f->nsums = 2;
		err = sum(&p, 1);
	}
	if (!err && text[p.i] != '\0')
		err = syntax(&p, p.f->nsums == 2 ? N_("expected '+', '-' or the end")
						 : N_("expected '+', '-', '/' or the end"));
	if (err) {
		free(p.f);
		return err;
	}
	*out = p.f;
	return GEMIS_OK;
}

/* The catalog entry a component id names: ind itself for its own id. */
static const struct indicator *lookup(const struct indicator *self, const char *id, int *k)
{
	*k = catalog_find(id);
	if (strcmp(id, self->id) == 0)
		return self;
	return *k >= 0 ? &catalog[*k] : NULL;
}

/* Whether a path of formulas leads from component k back to self's id:
 * path gets the ids followed ("lc_b -> lc_a").  seen marks the entries
 * walked already (a formula used twice is walked once: shared components
 * would otherwise make the walk exponential). */
static bool leads_back(const struct indicator *self, int k, char *path, size_t cap, unsigned char *seen)
{
	const struct formula *f = catalog[k].formula;
	size_t len = strlen(path), i;

	snprintf(path + len, cap - len, " -> %s", catalog[k].id);
	if (strcmp(catalog[k].id, self->id) == 0)
		return true;
	if (f && !seen[k]) {
		seen[k] = 1;
		for (i = 0; i < f->nterms; i++) {
			int c = f->terms[i].ind;

			if (c >= 0 && (size_t)c < catalog_n() && leads_back(self, c, path, cap, seen))
				return true;
		}
	}
	path[len] = '\0';
	return false;
}

static enum gemis_err self_reference(const struct indicator *ind, const struct formula *f, struct errctx *e)
{
	unsigned char *seen = calloc(catalog_n() + 1, 1);
	enum gemis_err err = GEMIS_OK;
	char path[512];
	size_t i;

	if (!seen)
		return err_set(e, GEMIS_ENOMEM, "%s", _("out of memory"));
	for (i = 0; i < f->nterms && !err; i++) {
		int k = catalog_find(f->terms[i].id);

		snprintf(path, sizeof(path), "%s", ind->id);
		if (strcmp(f->terms[i].id, ind->id) == 0) {
			snprintf(path + strlen(path), sizeof(path) - strlen(path), " -> %s", ind->id);
			err = err_set_at(e, GEMIS_EINVAL, "formula", _("%s refers to itself (%s)"), ind->id, path);
		} else if (k >= 0 && leads_back(ind, k, path, sizeof(path), seen)) {
			err = err_set_at(e, GEMIS_EINVAL, "formula", _("%s refers to itself (%s)"), ind->id, path);
		}
	}
	free(seen);
	return err;
}

/* A refusal of term t: the position and the term, then why. */
__attribute__((format(printf, 3, 4))) static enum gemis_err bad_term(struct errctx *e,
								     const struct formula_term *t,
								     const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return err_set_at(e, GEMIS_EINVAL, "formula", _("term at character %d (%s.%s): %s"), t->pos, t->id,
			  t->part_id, why);
}

/* The part of the formula a term of sum s feeds: its time aggregation. */
static enum gemis_err check_term(const struct indicator *ind, const struct formula_term *t, int s, struct errctx *e)
{
	const struct indicator *c;
	int k, part;

	c = lookup(ind, t->id, &k);
	if (!c)
		return bad_term(e, t, _("%s is not an indicator of the catalog"), t->id);
	if (c == ind)
		return GEMIS_OK; /* self_reference() names it */
	part = part_parse(c, t->part_id);
	if (part < 0)
		return bad_term(e, t, _("%s has no part %s"), t->id, t->part_id);
	if (c->space != SPACE_SUM)
		return bad_term(e, t,
				_("%s is not summed over units (space %s): a formula is computed from rolled-up "
				  "parts, which only a sum keeps equal to the formula of the sums"),
				t->id, space_name(c->space));
	if (c->time[part] != ind->time[s])
		return bad_term(e, t,
				_("%s folds the year by %s, the formula's part by another: the formula of the "
				  "year would not be the year of the formula"),
				t->id, time_name(c->time[part]));
	if ((c->scope == NULL) != (ind->scope == NULL) || (c->scope && strcmp(c->scope, ind->scope) != 0))
		return bad_term(e, t, _("%s belongs to %s, the formula elsewhere: a formula uses indicators of its own scope"),
				t->id, c->scope ? c->scope : _("the nation"));
	if (retired(c))
		return bad_term(e, t, _("%s is retired"), t->id);
	if (ind->by_sex && !c->by_sex)
		return bad_term(e, t, _("%s is not by sex: a formula by sex takes only components by sex"), t->id);
	return GEMIS_OK;
}

enum gemis_err formula_check(const struct indicator *ind, struct errctx *e)
{
	struct formula *f;
	enum gemis_err err;
	int s;
	size_t i;

	err = formula_parse(ind->formula_text, &f, e);
	if (err)
		return err;
	if (f->nsums != (ind->kind == IND_RATIO ? 2 : 1))
		err = err_set_at(e, GEMIS_EINVAL, "formula", "%s",
				 ind->kind == IND_RATIO ? _("a ratio's formula is SUM / SUM: its numerator and denominator")
							: _("a value's formula is one SUM, with no '/'"));
	for (s = 0; s < f->nsums && !err; s++) {
		for (i = f->first[s]; i < f->first[s] + f->n[s] && !err; i++)
			err = check_term(ind, &f->terms[i], s, e);
	}
	if (!err)
		err = self_reference(ind, f, e);
	free(f);
	return err;
}

const struct formula *formula_compile(const struct indicator *ind, enum gemis_err *err)
{
	struct formula *f;
	size_t i;

	*err = formula_parse(ind->formula_text, &f, NULL);
	if (*err)
		return NULL;
	for (i = 0; i < f->nterms; i++) {
		struct formula_term *t = &f->terms[i];

		t->ind = catalog_find(t->id);
		t->part = t->ind >= 0 ? part_parse(&catalog[t->ind], t->part_id) : -1;
		if (t->ind < 0 || t->part < 0) {
			free(f);
			*err = GEMIS_EINVAL;
			return NULL;
		}
	}
	return f;
}

/* Appends k after its components (depth-first); seen marks those placed
 * or on the way. */
static void place(int k, unsigned char *seen, struct formula_order *o, size_t nind)
{
	const struct formula *f = catalog[k].formula;
	size_t i;

	if (seen[k])
		return; /* placed, or a cycle the checks refuse */
	seen[k] = 1;
	for (i = 0; i < f->nterms; i++) {
		int c = f->terms[i].ind;

		if (c >= 0 && (size_t)c < nind && catalog[c].formula)
			place(c, seen, o, nind);
	}
	o->ind[o->n++] = k;
}

static pthread_mutex_t order_mu = PTHREAD_MUTEX_INITIALIZER;
static struct formula_order *orders; /* the latest built */
static size_t orders_nind;

const struct formula_order *formula_order(size_t nind)
{
	static struct formula_order none = {0};
	struct formula_order *o;
	unsigned char *seen;
	size_t k, n = 0;

	pthread_mutex_lock(&order_mu);
	if (orders && orders_nind == nind) {
		o = orders;
		pthread_mutex_unlock(&order_mu);
		return o;
	}
	for (k = 0; k < nind; k++)
		n += catalog[k].formula != NULL;
	o = n ? malloc(sizeof(*o) + n * sizeof(o->ind[0])) : NULL;
	seen = n ? calloc(nind, 1) : NULL;
	if (!o || !seen) {
		free(o);
		free(seen);
		pthread_mutex_unlock(&order_mu);
		/* no formula, or no memory: nothing computed (the formulas read NaN) */
		return &none;
	}
	o->n = 0;
	for (k = 0; k < nind; k++) {
		if (catalog[k].formula)
			place((int)k, seen, o, nind);
	}
	free(seen);
	/* older orders stay: an engine built with one may still read it */
	orders = o;
	orders_nind = nind;
	pthread_mutex_unlock(&order_mu);
	return o;
}

/* formula_uses() with the formulas walked already marked in seen. */
static bool uses(const struct formula *f, bool (*pred)(const void *ctx, int ind), const void *ctx,
		 unsigned char *seen)
{
	size_t i;

	for (i = 0; f && i < f->nterms; i++) {
		int c = f->terms[i].ind;

		if (c < 0 || (size_t)c >= catalog_n())
			continue;
		if (pred(ctx, c))
			return true;
		if (catalog[c].formula && !seen[c]) {
			seen[c] = 1;
			if (uses(catalog[c].formula, pred, ctx, seen))
				return true;
		}
	}
	return false;
}

bool formula_uses(const struct formula *f, bool (*pred)(const void *ctx, int ind), const void *ctx)
{
	unsigned char *seen = calloc(catalog_n() + 1, 1);
	bool r;

	/* without memory, say yes: a caller forgets a result it need not */
	if (!seen)
		return true;
	r = uses(f, pred, ctx, seen);
	free(seen);
	return r;
}

void formula_cells(const struct layout *lay, int k, double *row)
{
	const struct formula *f = catalog[k].formula;
	const struct layout_ind *li = &lay->ind[k];
	int s, cat;

	for (s = 0; s < f->nsums && s < li->nparts; s++) {
		for (cat = 0; cat < li->ncat; cat++) {
			/* a formula not by sex takes its components' totals */
			int sex = li->ncat == 1 ? SEX_T : cat;
			double acc = 0;
			size_t i;

			for (i = f->first[s]; i < f->first[s] + f->n[s]; i++) {
				const struct formula_term *t = &f->terms[i];
				long c = layout_cell(lay, t->ind, t->part, sex);

				acc += c < 0 ? NAN : t->coef * row[c];
			}
			row[li->off + (size_t)(s * li->ncat + cat)] = acc;
		}
	}
}
