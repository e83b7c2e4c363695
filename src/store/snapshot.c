/*
 * snapshot.c: reading the tree, values and targets, and computing; and a
 * change applied to a snapshot by reading only the units it touched.
 */
#include "snapshot.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "activities.h"
#include "core/register.h"
#include "plans.h"
#include "register.h"
#include "store.h"
#include "values.h"

#include "util/banned.h"

/* What the snapshots applied from one load share and never change: the
 * tree and the targets. */
struct snapshot_base {
	atomic_int refs;
	struct tree tree;
	struct target *targets;
};

static void base_unref(struct snapshot_base *b)
{
	if (b && atomic_fetch_sub(&b->refs, 1) == 1) {
		tree_release(&b->tree);
		free(b->targets);
		free(b);
	}
}

enum gemis_err snapshot_load(struct db *db, struct snapshot *s, struct errctx *e)
{
	enum gemis_err err;

	memset(s, 0, sizeof(*s));
	s->base = calloc(1, sizeof(*s->base));
	if (!s->base)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	atomic_init(&s->base->refs, 1);
	tree_init(&s->base->tree);
	err = units_load_tree(db, &s->base->tree, e);
	if (!err && s->base->tree.n == 0)
		err = err_set(e, GEMIS_ENOTFOUND, "the database has no units: run `gemis init`");
	if (err) {
		base_unref(s->base);
		memset(s, 0, sizeof(*s));
		return err;
	}
	/* every snapshot reads its own copy of the tree's handle; the base
	 * owns what it points to */
	s->tree = s->base->tree;
	dataset_init(&s->ds, &s->tree);
	err = values_load(db, &s->tree, &s->ds, e);
	if (!err)
		err = register_load(db, &s->tree, &s->ds, e);
	if (!err)
		err = activities_load(db, &s->tree, &s->ds, e);
	if (!err)
		err = plans_load_targets(db, &s->tree, &s->targets, &s->ntargets, e);
	s->base->targets = s->targets;
	if (!err)
		err = engine_build(&s->eng, &s->tree, &s->ds, s->targets, s->ntargets);
	if (err) {
		dataset_release(&s->ds);
		base_unref(s->base);
		memset(s, 0, sizeof(*s));
	}
	return err;
}

void snapshot_release(struct snapshot *s)
{
	engine_release(&s->eng);
	dataset_release(&s->ds);
	base_unref(s->base);
	memset(s, 0, sizeof(*s));
}

/* Reads one unit again into out's dataset. */
static enum gemis_err reread(struct db *db, struct snapshot *out, int u, struct dataset_change *c,
			     struct errctx *e)
{
	struct unit_values v;
	enum gemis_err err = unit_values_init(&v, u);

	if (err)
		return err_set(e, err, "out of memory");
	err = values_load_unit(db, &out->tree, &v, e);
	if (!err)
		err = register_load_unit(db, &out->tree, &v, e);
	if (!err)
		err = activities_load_unit(db, &out->tree, &v, e);
	if (!err) {
		err = dataset_replace_unit(&out->ds, &v, c);
		if (err)
			err_set(e, err, "out of memory");
	}
	unit_values_release(&v);
	return err;
}

enum gemis_err snapshot_apply(struct db *db, const struct snapshot *from, const long long *unit_ids,
			      size_t n, struct snapshot *out, unsigned char *touched, bool *masks,
			      struct errctx *e)
{
	struct dataset_change *c = NULL;
	int *units = NULL;
	size_t i, k = 0;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	*masks = false;
	c = calloc(1, sizeof(*c));
	units = malloc((n ? n : 1) * sizeof(*units));
	if (!c || !units) {
		free(c);
		free(units);
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	}
	out->tree = from->tree;
	out->targets = from->targets;
	out->ntargets = from->ntargets;
	out->base = from->base;
	atomic_fetch_add(&out->base->refs, 1);
	err = dataset_clone(&out->ds, &from->ds, &out->tree);
	if (err)
		err_set(e, err, "out of memory");
	for (i = 0; !err && i < n; i++) {
		int u = tree_find_id(&out->tree, unit_ids[i]);

		if (u < 0)
			continue; /* a unit no longer in force: not in the snapshot */
		units[k++] = u;
		err = reread(db, out, u, c, e);
	}
	if (!err) {
		if (!c->any || engine_covers(&from->eng, &out->ds)) {
			err = engine_clone(&out->eng, &from->eng, &out->tree, &out->ds);
			if (!err && c->any)
				err = engine_update(&out->eng, units, k, c);
			if (!err)
				engine_memo_inherit(&out->eng, &from->eng, c);
		} else {
			/* a year the engine did not compute: compute them all */
			err = dataset_finish(&out->ds);
			if (!err)
				err = engine_build(&out->eng, &out->tree, &out->ds, out->targets,
						   out->ntargets);
		}
		if (err)
			err_set(e, err, "out of memory");
	}
	for (i = 0; !err && i < k; i++) {
		int u;

		for (u = units[i]; u >= 0; u = out->tree.units[u].parent)
			touched[u] = 1;
	}
	for (i = 0; !err && i < REGISTER_INDICATORS; i++) {
		int ind = register_indicator((int)i);

		if (dataset_change_has(c, ind))
			*masks = true;
	}
	/* the first demo value marks every answer as demo data */
	if (out->ds.demo != from->ds.demo)
		*masks = true;
	free(c);
	free(units);
	if (err) {
		/* the engine is released by its own failures */
		dataset_release(&out->ds);
		base_unref(out->base);
		memset(out, 0, sizeof(*out));
	}
	return err;
}
