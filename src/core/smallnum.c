/*
 * smallnum.c: rare events judged on enough of them (see smallnum.h).
 */
#include "smallnum.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embed.h"
#include "util/i18n.h"

#include "util/banned.h"

#define RULES_FILE "data/indicators/small-numbers.tsv"

/* Copies field [s, end) into out (n bytes); false when it does not fit. */
static bool field(const char *s, const char *end, char *out, size_t n)
{
	size_t len = (size_t)(end - s);

	if (len >= n)
		return false;
	memcpy(out, s, len);
	out[len] = '\0';
	return true;
}

enum gemis_err smallnum_parse(const char *text, size_t len, struct smallnum_rule *out, size_t *n,
			      struct errctx *e)
{
	static const char *const names[6] = {"indicator", "count", "min", "pool_years", "what_vi",
					     "what_en"};
	const char *p = text, *end = text + len;
	long line = 0;

	*n = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *f = p;
		char cols[6][96];
		struct smallnum_rule *r;
		char *x;
		int k;

		if (!eol)
			eol = end;
		line++;
		if (p == eol || *p == '#') {
			p = eol + (eol < end);
			continue;
		}
		for (k = 0; k < 6; k++) {
			const char *t = memchr(f, '\t', (size_t)(eol - f));
			const char *fe = k == 5 || !t ? eol : t;

			if ((k < 5 && !t) || !field(f, fe, cols[k], sizeof(cols[k])) || !cols[k][0])
				return err_set(e, GEMIS_EINVAL, "%s:%ld: %s: missing or too long", RULES_FILE,
					       line, names[k]);
			f = fe + 1;
		}
		if (*n == SMALLNUM_MAX_RULES)
			return err_set(e, GEMIS_ELIMIT, "%s:%ld: more than %d rules", RULES_FILE, line,
				       SMALLNUM_MAX_RULES);
		r = &out[*n];
		memset(r, 0, sizeof(*r));
		r->ind = catalog_find(cols[0]);
		if (r->ind < 0 || catalog[r->ind].kind != IND_RATIO)
			return err_set(e, GEMIS_EINVAL, "%s:%ld: indicator: '%s' is not a ratio of the catalog",
				       RULES_FILE, line, cols[0]);
		if (strcmp(cols[1], "num") == 0)
			r->count = SMALLNUM_NUM;
		else if (strcmp(cols[1], "den") == 0)
			r->count = SMALLNUM_DEN;
		else if (strcmp(cols[1], "both") == 0)
			r->count = SMALLNUM_BOTH;
		else
			return err_set(e, GEMIS_EINVAL, "%s:%ld: count: '%s' is not num, den or both",
				       RULES_FILE, line, cols[1]);
		r->min = strtod(cols[2], &x);
		if (*x || !(r->min > 0))
			return err_set(e, GEMIS_EINVAL, "%s:%ld: min: '%s' is not a positive number",
				       RULES_FILE, line, cols[2]);
		r->pool_years = (int)strtol(cols[3], &x, 10);
		if (*x || r->pool_years < 1 || r->pool_years > SMALLNUM_MAX_POOL)
			return err_set(e, GEMIS_EINVAL, "%s:%ld: pool_years: '%s' is not 1 to 20",
				       RULES_FILE, line, cols[3]);
		snprintf(r->what_vi, sizeof(r->what_vi), "%s", cols[4]);
		snprintf(r->what_en, sizeof(r->what_en), "%s", cols[5]);
		(*n)++;
		p = eol + (eol < end);
	}
	return GEMIS_OK;
}

static struct smallnum_rule rules[SMALLNUM_MAX_RULES];
static size_t nrules;
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void load_rules(void)
{
	const struct embed_file *f = embed_find(RULES_FILE);
	struct errctx e = {0};

	/* the table is built in and checked by the tests: a broken one is a
	 * build error, and here it just leaves the rule out */
	if (!f || smallnum_parse((const char *)f->data, f->size, rules, &nrules, &e))
		nrules = 0;
}

const struct smallnum_rule *smallnum_rule_of(int ind)
{
	size_t i;

	pthread_once(&rules_once, load_rules);
	for (i = 0; i < nrules; i++) {
		if (rules[i].ind == ind)
			return &rules[i];
	}
	return NULL;
}

static double rule_count(const struct smallnum_rule *r, double num, double den)
{
	switch (r->count) {
	case SMALLNUM_NUM: return num;
	case SMALLNUM_DEN: return den;
	case SMALLNUM_BOTH: return num + den;
	}
	return NAN;
}

void smallnum_judge(const struct smallnum_rule *r, const struct target *t, const double *num,
		    const double *den, int first, struct assessment *a)
{
	double sn = 0, sd = 0, count;
	int i, last = r->pool_years - 1, from = 0;

	if (!a->latest_year || a->status == ST_NO_DATA || a->status == ST_NO_TARGET)
		return;
	count = rule_count(r, num[last], den[last]);
	if (!isnan(count) && count >= r->min)
		return; /* enough events in the year itself */
	for (i = 0; i <= last; i++) {
		if (isnan(num[i]) || isnan(den[i]))
			continue;
		sn += num[i];
		sd += den[i];
		if (!from)
			from = first + i;
	}
	a->small_events = from ? rule_count(r, sn, sd) : 0;
	a->small_from = from ? from : a->latest_year;
	a->ratio = NAN;
	a->base_year = 0;
	a->base_value = NAN;
	if (from && a->small_events >= r->min && sd > 0) {
		a->small = SMALL_POOLED;
		a->pooled_value = sn / sd * catalog[r->ind].factor;
		a->status = target_met(t, catalog[r->ind].unit, a->pooled_value) ? ST_ACHIEVED : ST_OFF_TRACK;
	} else {
		a->small = SMALL_TOO_FEW;
		a->status = ST_INSUFFICIENT;
	}
}

void smallnum_note(const struct assessment *a, int ind, char *out, size_t n)
{
	const struct smallnum_rule *r = smallnum_rule_of(ind);
	const char *what;
	char years[32];

	if (n == 0)
		return;
	out[0] = '\0';
	if (a->small == SMALL_NONE || !r)
		return;
	what = i18n_lang() == LANG_EN ? r->what_en : r->what_vi;
	if (a->small_from < a->latest_year)
		snprintf(years, sizeof(years), "%d–%d", a->small_from, a->latest_year);
	else
		snprintf(years, sizeof(years), "%d", a->latest_year);
	if (a->small == SMALL_POOLED)
		snprintf(out, n, _("judged on %s pooled: %.0f %s"), years, a->small_events, what);
	else
		snprintf(out, n, _("too few events to judge: %.0f %s in %s (%.0f needed)"),
			 a->small_events, what, years, r->min);
}
