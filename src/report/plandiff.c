/*
 * plandiff.c: what applying a plan would change (see plandiff.h).
 */
#include "plandiff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/workflow.h"
#include "progress.h"
#include "store/local_indicators.h"
#include "store/plans.h"
#include "util/i18n.h"

#include "util/banned.h"

/* Among a plan's own targets, the one for ind that applies in `year`: the
 * rule of engine_target() (the nearest year not before, else the latest). */
static const struct target *own_target(const struct target *v, size_t n, int ind, int year)
{
	const struct target *best = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct target *x = &v[i];

		if (x->indicator != ind)
			continue;
		if (x->year >= year) {
			if (!best || best->year < year || x->year < best->year)
				best = x;
		} else if (!best || (best->year < year && x->year > best->year)) {
			best = x;
		}
	}
	return best;
}

/* The target the unit inherits when its own plan sets none. */
static const struct target *inherited(const struct engine *e, int unit, int ind, int year)
{
	int parent = e->tree->units[unit].parent;

	if (parent >= 0)
		return engine_target(e, parent, ind, year);
	return catalog[ind].has_national ? &e->national[ind] : NULL;
}

static enum target_from from_of(const struct target *x, int unit)
{
	if (!x)
		return FROM_NONE;
	if (x->origin == unit)
		return FROM_OWN;
	return x->origin < 0 ? FROM_NATIONAL : FROM_ANCESTOR;
}

static bool same_target(const struct target *a, const struct target *b)
{
	if (!a || !b)
		return a == b;
	return a->origin == b->origin && a->dir == b->dir && a->has_value == b->has_value &&
	       (!a->has_value || a->value == b->value) && a->year == b->year;
}

struct forms_ctx {
	enum sub_status status[PV_MAX_AGENCIES];
	int unit;
};

static enum gemis_err note_form(void *ctx, const struct submission *s)
{
	struct forms_ctx *c = ctx;

	if (s->unit == c->unit && s->agency >= 0 && s->agency < PV_MAX_AGENCIES)
		c->status[s->agency] = s->status;
	return GEMIS_OK;
}

/* A form counts in the reporting rates when wf_form says it is sent. */
bool plan_diff_counted(enum sub_status s)
{
	return (wf_state_flags(&wf_form, (int)s) & WF_SENT) != 0;
}

/* The agencies with duties before or after, or a form of the year, into
 * d->forms. */
static enum gemis_err diff_forms(struct plan_diff *d, const struct plan_view *before,
				 const struct plan_view *after, const struct forms_ctx *fc)
{
	size_t k;

	for (k = 0; k < agency_kind_count && k < PV_MAX_AGENCIES; k++) {
		struct plan_diff_form *f = &d->forms[d->nforms];
		bool b, a;

		if (indset_init(&f->before, catalog_n()) || indset_init(&f->after, catalog_n())) {
			indset_free(&f->before);
			return GEMIS_ENOMEM;
		}
		if (before)
			plan_view_duties(before, (int)k, &f->before);
		plan_view_duties(after, (int)k, &f->after);
		b = !indset_empty(&f->before);
		a = !indset_empty(&f->after);
		if (!b && !a && fc->status[k] == SUB_NONE) {
			indset_free(&f->before);
			indset_free(&f->after);
			continue;
		}
		d->nforms++;
		f->agency = (int)k;
		f->status = fc->status[k];
		d->forms_added += !b && a;
		if (b && !a) {
			d->forms_dropped++;
			d->forms_kept += plan_diff_counted(f->status);
		} else if (!b && !a) {
			d->forms_kept += plan_diff_counted(f->status);
		}
	}
	return GEMIS_OK;
}

/* One of the new plan's targets outside the catalog, at d->locals[d->nlocals]:
 * the label of the unit's indicator of the same wording in l, if any
 * (marked in kept[]).  False for one the plan states twice. */
static bool add_local(struct plan_diff *d, const struct local_list *l, bool *kept, int unit, const char *name,
		      const json_t *x)
{
	struct plan_diff_local *y = &d->locals[d->nlocals];
	const char *m = json_string_value(json_object_get(x, "unit"));
	int dir = direction_parse(json_string_value(json_object_get(x, "direction")));
	size_t k;

	for (k = 0; k < d->nlocals; k++) {
		if (strcmp(d->locals[k].name, name) == 0)
			return false;
	}
	memset(y, 0, sizeof(*y));
	y->name = arena_strdup(&d->locals_mem, name);
	y->unit = arena_strdup(&d->locals_mem, m && *m ? m : "count");
	y->after.indicator = -1;
	y->after.origin = unit;
	y->after.dir = dir < 0 ? DIR_AT_LEAST : (enum direction)dir;
	y->after.has_value = true;
	y->after.value = json_number_value(json_object_get(x, "value"));
	y->after.year = (int)json_integer_value(json_object_get(x, "year"));
	for (k = 0; k < l->n; k++) {
		if (strcmp(l->v[k].name, name) == 0) {
			y->seq = l->v[k].seq;
			kept[k] = true;
		}
	}
	return true;
}

/* The new plan's numeric targets outside the catalog (the local indicator
 * each keeps or makes when applied, as local_from_plan() will), then the
 * local indicators in force that it drops. */
static enum gemis_err diff_locals(struct db *db, const struct tree *t, int unit, const json_t *plan,
				  struct plan_diff *d, struct errctx *e)
{
	const json_t *targets = json_object_get(plan, "targets"), *x;
	char name[LOCAL_NAME_MAX + 1];
	struct local_list l;
	bool *kept;
	size_t i;
	enum gemis_err err = local_list(db, t, unit, &l, e);

	if (err)
		goto out;
	d->locals = arena_alloc(&d->locals_mem, (json_array_size(targets) + l.n + 1) * sizeof(*d->locals));
	kept = arena_alloc(&d->locals_mem, l.n + 1);
	if (!d->locals || !kept) {
		err = err_set(e, GEMIS_ENOMEM, "out of memory");
		goto out;
	}
	memset(kept, 0, l.n + 1);
	json_array_foreach(targets, i, x) {
		const char *ind = json_string_value(json_object_get(x, "indicator"));
		const char *text = json_string_value(json_object_get(x, "text"));

		if (!ind || strcmp(ind, "custom") != 0 || !json_is_number(json_object_get(x, "value")))
			continue;
		local_name(text ? text : "", name, sizeof(name));
		if (name[0] && add_local(d, &l, kept, unit, name, x)) {
			if (!d->locals[d->nlocals].name || !d->locals[d->nlocals].unit) {
				err = err_set(e, GEMIS_ENOMEM, "out of memory");
				goto out;
			}
			d->locals_new += d->locals[d->nlocals].seq == 0;
			d->locals_kept += d->locals[d->nlocals].seq != 0;
			d->nlocals++;
		}
	}
	for (i = 0; i < l.n; i++) {
		struct plan_diff_local *y = &d->locals[d->nlocals];

		if (!l.v[i].in_force || kept[i])
			continue;
		memset(y, 0, sizeof(*y));
		y->name = arena_strdup(&d->locals_mem, l.v[i].name);
		y->unit = arena_strdup(&d->locals_mem, l.v[i].unit);
		y->seq = l.v[i].seq;
		y->dropped = true;
		if (!y->name || !y->unit) {
			err = err_set(e, GEMIS_ENOMEM, "out of memory");
			goto out;
		}
		d->nlocals++;
		d->locals_dropped++;
	}
out:
	local_list_release(&l);
	return err;
}

enum gemis_err plan_diff_compute(struct db *db, const struct snapshot *s, int unit, int year,
				 const json_t *plan, struct plan_diff *d, struct errctx *e)
{
	const struct engine *eng = &s->eng;
	struct arena mem;
	struct plan_view *pv = NULL, after;
	const struct plan_view *before;
	struct target *own = NULL;
	struct forms_ctx fc;
	size_t npv = 0, nown = 0, k;
	enum gemis_err err;

	memset(d, 0, sizeof(*d));
	arena_init(&d->locals_mem, 0);
	memset(&fc, 0, sizeof(fc));
	d->unit = unit;
	d->year = year;
	fc.unit = unit;
	arena_init(&mem, 0);
	err = plan_views_load(db, &s->tree, unit, &mem, &pv, &npv, e);
	if (!err)
		err = plan_in_force_id(db, &s->tree, unit, &d->in_force, e);
	if (!err)
		err = submissions_list(db, &s->tree, unit, year, note_form, &fc, e);
	if (!err)
		err = plan_json_targets(plan, unit, &own, &nown);
	if (err)
		goto out;
	before = plan_view_of(pv, npv, unit);
	err = plan_view_from_json(plan, unit, &after, &mem);
	if (err)
		goto out;
	d->rows = calloc(catalog_n() + 1, sizeof(*d->rows));
	if (!d->rows) {
		err = GEMIS_ENOMEM;
		goto out;
	}
	for (k = 0; k < catalog_n(); k++) {
		const struct target *tb = engine_target(eng, unit, (int)k, year);
		const struct target *ta = own_target(own, nown, (int)k, year);
		struct plan_diff_row *r;

		if (!ta)
			ta = inherited(eng, unit, (int)k, year);
		d->own_before += tb && tb->origin == unit;
		d->own_after += own_target(own, nown, (int)k, year) != NULL;
		if (!tb && !ta)
			continue;
		r = &d->rows[d->nrows++];
		r->ind = (int)k;
		r->from_before = from_of(tb, unit);
		r->from_after = from_of(ta, unit);
		if (tb)
			r->before = *tb;
		if (ta)
			r->after = *ta;
		engine_assess_against(eng, year, unit, (int)k, tb, &r->st_before);
		engine_assess_against(eng, year, unit, (int)k, ta, &r->st_after);
		/* compared by content: the new plan's copy of an unchanged
		 * target is no change */
		r->target_changed = !same_target(tb, ta);
		r->status_changed = r->st_before.status != r->st_after.status;
		d->targets_changed += r->target_changed;
		d->statuses_changed += r->status_changed;
	}
	err = diff_forms(d, before, &after, &fc);
	if (!err)
		err = diff_locals(db, &s->tree, unit, plan, d, e);
	if (err)
		goto out;
	if (before) {
		d->dl_before[0] = before->dl_day;
		d->dl_before[1] = before->dl_month;
	}
	d->dl_after[0] = after.dl_day;
	d->dl_after[1] = after.dl_month;
out:
	free(own);
	arena_release(&mem);
	if (err)
		plan_diff_release(d);
	return err;
}

void plan_diff_release(struct plan_diff *d)
{
	size_t i;

	for (i = 0; i < d->nforms; i++) {
		indset_free(&d->forms[i].before);
		indset_free(&d->forms[i].after);
	}
	d->nforms = 0;
	free(d->rows);
	d->rows = NULL;
	d->nrows = 0;
	arena_release(&d->locals_mem);
	d->locals = NULL;
	d->nlocals = 0;
}

bool plan_diff_fewer_targets(const struct plan_diff *d)
{
	return d->in_force && d->own_after < d->own_before;
}

const char *plan_diff_from_name(const struct tree *t, const struct target *x, enum target_from from,
				bool after, char *buf, size_t n)
{
	switch (from) {
	case FROM_NONE:
		snprintf(buf, n, "%s", _("no target"));
		break;
	case FROM_OWN:
		snprintf(buf, n, "%s", after ? _("the new plan") : _("the plan in force"));
		break;
	case FROM_ANCESTOR:
		snprintf(buf, n, _("the plan of %s"), t->units[x->origin].name);
		break;
	case FROM_NATIONAL:
		snprintf(buf, n, "%s", _("the national strategy"));
		break;
	}
	return buf;
}

/* The targets outside the catalog: the unit's own indicators each keeps,
 * makes or drops. */
static void diff_locals_text(const struct plan_diff *d, struct buf *b)
{
	char ta[96], lab[16];
	size_t i;

	if (!d->nlocals)
		return;
	buf_printf(b, _("  targets outside the catalog, as the unit's own indicators: %u kept, %u new, %u out of force"),
		   d->locals_kept, d->locals_new, d->locals_dropped);
	buf_putc(b, '\n');
	for (i = 0; i < d->nlocals; i++) {
		const struct plan_diff_local *y = &d->locals[i];

		local_label(y->seq, lab, sizeof(lab));
		if (y->dropped) {
			buf_printf(b, _("    %s out of force, its values kept: %s"), lab, y->name);
		} else {
			progress_target_text(&y->after, y->unit, ta, sizeof(ta));
			if (y->seq)
				buf_printf(b, _("    %s kept: %s (%s)"), lab, y->name, ta);
			else
				buf_printf(b, _("    new: %s (%s)"), y->name, ta);
		}
		buf_putc(b, '\n');
	}
}

enum gemis_err plan_diff_text(const struct tree *t, const struct plan_diff *d, struct buf *b)
{
	char tb[96], ta[96], fb[160], fa[160];
	size_t i;

	buf_printf(b, _("What changes in %d:"), d->year);
	buf_putc(b, '\n');
	if (plan_diff_fewer_targets(d)) {
		buf_printf(b, _("WARNING: this plan sets targets for %u indicators; the plan in force sets %u. "
				"The others fall back to the province's or the national targets."),
			   d->own_after, d->own_before);
		buf_putc(b, '\n');
	}
	buf_printf(b, _("  targets set by the plan: %u now, %u after"), d->own_before, d->own_after);
	buf_putc(b, '\n');
	for (i = 0; i < d->nrows; i++) {
		const struct plan_diff_row *r = &d->rows[i];
		const char *m = catalog[r->ind].unit;

		if (!r->target_changed && !r->status_changed)
			continue;
		progress_target_text(r->from_before ? &r->before : NULL, m, tb, sizeof(tb));
		progress_target_text(r->from_after ? &r->after : NULL, m, ta, sizeof(ta));
		plan_diff_from_name(t, &r->before, r->from_before, false, fb, sizeof(fb));
		plan_diff_from_name(t, &r->after, r->from_after, true, fa, sizeof(fa));
		buf_printf(b, "  %s: %s (%s) → %s (%s)", indicator_name(&catalog[r->ind], i18n_lang()), tb, fb, ta, fa);
		if (r->status_changed)
			buf_printf(b, "; %s → %s", status_name(r->st_before.status), status_name(r->st_after.status));
		buf_putc(b, '\n');
	}
	for (i = 0; i < d->nforms; i++) {
		const struct plan_diff_form *f = &d->forms[i];
		const char *name = i18n_lang() == LANG_EN ? agency_kinds[f->agency].name_en : agency_kinds[f->agency].name_vi;

		if (indset_equal(&f->before, &f->after))
			continue;
		buf_printf(b, _("  %s: %u indicators now, %u after"), name, (unsigned)indset_count(&f->before),
			   (unsigned)indset_count(&f->after));
		if (indset_empty(&f->after) && plan_diff_counted(f->status))
			buf_printf(b, _("; its %s form of %d is kept and counted"), sub_status_name(f->status),
				   d->year);
		buf_putc(b, '\n');
	}
	diff_locals_text(d, b);
	return buf_error(b);
}
