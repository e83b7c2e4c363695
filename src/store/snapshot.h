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

struct snapshot {
	struct tree tree;
	struct dataset ds;
	struct engine eng;
	struct target *targets;
	size_t ntargets;
};

/* Reads and computes; on failure *s is released. */
enum gemis_err snapshot_load(struct db *db, struct snapshot *s, struct errctx *e);
void snapshot_release(struct snapshot *s);

#endif
