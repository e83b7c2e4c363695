/*
 * scorecard.c: gathering and ranking the scorecard (scorecard.h).
 */
#include "scorecard.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/date.h"
#include "store/activities.h"
#include "store/scorecard.h"
#include "util/i18n.h"
#include "yearly.h"

#include "util/banned.h"

/* The quarters of `year` begun by `today` (4 for a past year). */
static unsigned quarters_so_far(int year, struct date today)
{
	if (today.y > year)
		return 4;
	if (today.y < year)
		return 0;
	return (unsigned)((today.m - 1) / 3 + 1);
}

static bool form_counts(const struct rep_form *f)
{
	return f->has_due && (f->state == FORM_ON_TIME || f->state == FORM_LATE || f->state == FORM_OVERDUE);
}

/* A commune's agencies from the yearly report and its activity log. */
static enum gemis_err commune_rows(struct db *db, const struct yearly *y, struct date today, struct scorecard *sc,
				   struct errctx *e)
{
	struct activity_list al = {0};
	unsigned quarters = quarters_so_far(y->year, today), logged[64][4];
	enum gemis_err err;
	size_t k, i;

	memset(logged, 0, sizeof(logged));
	err = activities_list(db, &y->s->tree, y->unit, y->year, 0, -1, &al, e);
	if (err)
		return err;
	for (i = 0; i < al.n; i++) {
		if (al.a[i].agency >= 0 && al.a[i].agency < 64 && al.a[i].day.m >= 1)
			logged[al.a[i].agency][(al.a[i].day.m - 1) / 3] = 1;
	}
	activity_list_release(&al);
	sc->rows = calloc(agency_kind_count, sizeof(*sc->rows));
	if (!sc->rows)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	for (k = 0; k < agency_kind_count && k < 64; k++) {
		struct sc_row *r = &sc->rows[sc->n];
		unsigned q;
		int st;

		memset(r, 0, sizeof(*r));
		r->agency = (int)k;
		r->unit = -1;
		for (i = 0; i < y->rep.nforms; i++) {
			const struct rep_form *f = &y->rep.forms[i];

			if (f->unit == y->unit && f->agency == (int)k && form_counts(f)) {
				r->in.whole[SC_FORMS]++;
				r->in.part[SC_FORMS] += f->state == FORM_ON_TIME;
			}
		}
		for (st = 0; y->work.by_agency && st < TS_COUNT; st++)
			r->in.whole[SC_TASKS] += y->work.by_agency[k][st];
		r->in.part[SC_TASKS] = y->work.by_agency ? y->work.by_agency[k][TS_DONE] : 0;
		for (i = 0; i < y->nrows; i++) {
			enum status s = y->rows[i].a.status;

			if (y->rows[i].agency != (int)k || s < ST_OFF_TRACK)
				continue;
			r->in.whole[SC_INDICATORS]++;
			r->in.part[SC_INDICATORS] += s == ST_ON_TRACK || s == ST_ACHIEVED;
		}
		/* an agency with nothing else to do is not judged on its log */
		if (r->in.whole[SC_FORMS] || r->in.whole[SC_TASKS] || r->in.whole[SC_INDICATORS]) {
			r->in.whole[SC_ACTIVITIES] = quarters;
			for (q = 0; q < quarters; q++)
				r->in.part[SC_ACTIVITIES] += logged[k][q];
		}
		if (r->in.whole[SC_FORMS] || r->in.whole[SC_TASKS] || r->in.whole[SC_INDICATORS])
			sc->n++;
	}
	return GEMIS_OK;
}

/* An area's direct sub-units, each summed over its communes. */
static enum gemis_err area_rows(const struct yearly *y, struct date today, struct scorecard *sc, struct errctx *e)
{
	const struct tree *t = &y->s->tree;
	unsigned quarters = quarters_so_far(y->year, today);
	size_t i, f, r;

	sc->rows = calloc(y->nsubs + 1, sizeof(*sc->rows));
	if (!sc->rows)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	for (i = 0; i < y->nsubs; i++) {
		struct sc_row *x = &sc->rows[sc->n++];
		const struct wl_sub *w = NULL;
		unsigned q;

		x->agency = -1;
		x->unit = y->subs[i];
		for (f = 0; f < y->rep.nforms; f++) {
			const struct rep_form *fm = &y->rep.forms[f];

			if (tree_contains(t, x->unit, fm->unit) && form_counts(fm)) {
				x->in.whole[SC_FORMS]++;
				x->in.part[SC_FORMS] += fm->state == FORM_ON_TIME;
			}
		}
		for (r = 0; r < y->nrows; r++) {
			enum status s = (enum status)y->substatus[i * y->nrows + r];

			if (s < ST_OFF_TRACK)
				continue;
			x->in.whole[SC_INDICATORS]++;
			x->in.part[SC_INDICATORS] += s == ST_ON_TRACK || s == ST_ACHIEVED;
		}
		for (r = 0; r < y->work.nsubs && !w; r++) {
			if (y->work.subs[r].unit == x->unit)
				w = &y->work.subs[r];
		}
		if (w) {
			x->in.whole[SC_TASKS] = w->sum.tasks;
			x->in.part[SC_TASKS] = w->sum.by_status[TS_DONE];
			x->in.whole[SC_ACTIVITIES] = quarters * w->sum.communes;
			for (q = 0; q < quarters; q++)
				x->in.part[SC_ACTIVITIES] += w->sum.q_logged[q];
		}
	}
	return GEMIS_OK;
}

static int by_score(const void *a, const void *b)
{
	const struct sc_row *x = a, *y = b;
	bool nx = isnan(x->s.score), ny = isnan(y->s.score);

	if (nx || ny)
		return nx - ny;
	if (x->s.score != y->s.score)
		return x->s.score < y->s.score ? 1 : -1;
	return x->agency != y->agency ? x->agency - y->agency : x->unit - y->unit;
}

static void rank(struct scorecard *sc)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		sc_compute(&sc->rules, &sc->rows[i].in, &sc->rows[i].s);
	qsort(sc->rows, sc->n, sizeof(*sc->rows), by_score);
	for (i = 0; i < sc->n; i++) {
		if (isnan(sc->rows[i].s.score))
			sc->rows[i].rank = 0;
		else if (i && fabs(sc->rows[i].s.score - sc->rows[i - 1].s.score) < 1e-9)
			sc->rows[i].rank = sc->rows[i - 1].rank;
		else
			sc->rows[i].rank = (int)i + 1;
	}
}

enum gemis_err scorecard_load(struct db *db, const struct snapshot *s, int unit, int year, long long now,
			      struct scorecard *out, struct errctx *e)
{
	struct yearly_opts o;
	struct yearly y;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	memset(&o, 0, sizeof(o));
	out->unit = unit;
	out->year = year;
	o.now = now;
	err = scorecard_rules_for(db, &s->tree, unit, year, &out->rules, e);
	if (err)
		return err;
	err = yearly_load(db, s, unit, year, &o, &y, e);
	if (err)
		return err;
	if (y.work.commune)
		err = commune_rows(db, &y, vn_date(now), out, e);
	else
		err = area_rows(&y, vn_date(now), out, e);
	yearly_release(&y);
	if (!err)
		rank(out);
	return err;
}

void scorecard_release(struct scorecard *sc)
{
	free(sc->rows);
	memset(sc, 0, sizeof(*sc));
}

void scorecard_reasons(const struct sc_row *r, struct buf *out)
{
	int c;

	for (c = 0; c < SC_COUNT; c++) {
		buf_printf(out, "%s%s ", c ? "; " : "", sc_criterion_name((enum sc_criterion)c));
		if (r->in.whole[c])
			buf_printf(out, "%u/%u", r->in.part[c], r->in.whole[c]);
		else
			buf_printf(out, "%s", _("does not apply"));
	}
}

const char *scorecard_row_name(const struct tree *t, const struct sc_row *r)
{
	if (r->agency >= 0)
		return i18n_lang() == LANG_EN ? agency_kinds[r->agency].name_en : agency_kinds[r->agency].name_vi;
	return r->unit >= 0 ? t->units[r->unit].name : "?";
}

static json_t *row_json(const struct tree *t, const struct sc_row *r)
{
	json_t *crit = json_object();
	int c;

	for (c = 0; c < SC_COUNT; c++)
		json_object_set_new(crit, sc_criterion_id((enum sc_criterion)c),
				    json_pack("{s:i, s:i, s:o}", "part", (int)r->in.part[c], "whole", (int)r->in.whole[c],
					      "points",
					      isnan(r->s.share[c]) ? json_null() : json_real(round(r->s.points[c] * 100) / 100)));
	return json_pack("{s:o, s:o, s:s, s:o, s:i, s:o}", "agency",
			 r->agency >= 0 ? json_string(agency_kinds[r->agency].id) : json_null(), "unit",
			 r->unit >= 0 ? json_string(t->units[r->unit].code) : json_null(), "name", scorecard_row_name(t, r), "score",
			 isnan(r->s.score) ? json_null() : json_real(round(r->s.score * 100) / 100), "rank", r->rank,
			 "criteria", crit);
}

json_t *scorecard_json(const struct tree *t, const struct scorecard *sc)
{
	json_t *rows = json_array(), *w = json_object();
	size_t i;
	int c;

	for (c = 0; c < SC_COUNT; c++)
		json_object_set_new(w, sc_criterion_id((enum sc_criterion)c), json_real(sc->rules.weight[c]));
	for (i = 0; i < sc->n; i++)
		json_array_append_new(rows, row_json(t, &sc->rows[i]));
	return json_pack("{s:s, s:i, s:{s:s, s:i, s:o}, s:o}", "unit", t->units[sc->unit].code, "year", sc->year, "rules",
			 "origin", sc->rules.origin, "version", sc->rules.version, "weights", w, "rows", rows);
}
