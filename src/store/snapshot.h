/*
 * snapshot.h: everything the engine needs, read from the database at one
 * moment: the tree in force, every value, every target of the plans in
 * force, and the engine computed from them.  The command line takes one
 * snapshot per run; the web server keeps one and replaces it when the data
 * changes.  A finished snapshot is read-only and may be shared by threads.
 */
#ifndef GEMIS_SNAPSHOT_H
#define GEMIS_SNAPSHOT_H

#include "core/dataset.h"
#include "core/engine.h"
#include "core/tree.h"
#include "db.h"

struct snapshot_base;

struct snapshot {
	struct tree tree;
	struct dataset ds;
	struct engine eng;
	struct target *targets;
	size_t ntargets;
	struct snapshot_base *base; /* owns the tree and targets, shared */
};

/* Reads and computes; on failure *s is released. */
enum gemis_err snapshot_load(struct db *db, struct snapshot *s, struct errctx *e);
void snapshot_release(struct snapshot *s);

/* A new snapshot *out: `from` with the values of the units given (store
 * row ids, from store_changes_since()) read again, and those units and
 * every unit above them computed again, in the years that changed.  It
 * shares with `from` the tree, the targets and every array the change
 * leaves alone (util/rc.h), so that it costs in proportion to the change:
 * a commune's values touch its province and the nation.  `from` stays
 * valid and unchanged, for the readers that hold it.  Marks in touched[]
 * (tree->n entries, zeroed by the caller) the units whose figures may
 * have changed; *masks tells whether values of the case register changed
 * (the small-cell masks of the whole tree then may have too) or anything
 * else that every unit's answers show (the demo mark). */
enum gemis_err snapshot_apply(struct db *db, const struct snapshot *from, const long long *unit_ids,
			      size_t n, struct snapshot *out, unsigned char *touched, bool *masks,
			      struct errctx *e);

#endif
