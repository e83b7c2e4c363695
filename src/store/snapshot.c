/*
 * snapshot.c: reading the tree, values and targets, and computing.
 */
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "plans.h"
#include "register.h"
#include "store.h"
#include "values.h"

#include "util/banned.h"

enum gemis_err snapshot_load(struct db *db, struct snapshot *s, struct errctx *e)
{
	enum gemis_err err;

	memset(s, 0, sizeof(*s));
	tree_init(&s->tree);
	err = units_load_tree(db, &s->tree, e);
	if (!err && s->tree.n == 0)
		err = err_set(e, GEMIS_ENOTFOUND, "the database has no units: run `gemis init`");
	if (err) {
		tree_release(&s->tree);
		return err;
	}
	dataset_init(&s->ds, &s->tree);
	err = values_load(db, &s->tree, &s->ds, e);
	if (!err)
		err = register_load(db, &s->tree, &s->ds, e);
	if (!err)
		err = plans_load_targets(db, &s->tree, &s->targets, &s->ntargets, e);
	if (!err)
		err = engine_build(&s->eng, &s->tree, &s->ds, s->targets, s->ntargets);
	if (err) {
		dataset_release(&s->ds);
		free(s->targets);
		tree_release(&s->tree);
		memset(s, 0, sizeof(*s));
	}
	return err;
}

void snapshot_release(struct snapshot *s)
{
	engine_release(&s->eng);
	dataset_release(&s->ds);
	free(s->targets);
	tree_release(&s->tree);
	memset(s, 0, sizeof(*s));
}
