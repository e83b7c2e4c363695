/*
 * tree.h: the administrative tree in memory: the nation, its provinces and
 * their communes, wards and special zones, as they stand today.
 *
 * Units are stored in an array in which every parent comes before its
 * children (index 0 is the root).  The engine relies on this order: walking
 * the array backwards visits every unit after all of its descendants.
 */
#ifndef GEMIS_TREE_H
#define GEMIS_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

enum unit_level {
	LEVEL_NATION,
	LEVEL_PROVINCE,
	LEVEL_COMMUNE,
	LEVEL_WARD,
	LEVEL_SPECIAL_ZONE, /* đặc khu: island districts run as communes */
};

struct unit {
	char code[8];     /* "VN", "12", "03390" */
	const char *name; /* full name, "Xã Bình Lư" */
	const char *short_name; /* "Bình Lư" */
	enum unit_level level;
	int parent;       /* index, -1 for the root */
	int first_child;  /* index, -1 when none */
	int next_sibling; /* index, -1 when none */
	int depth;        /* 0 nation, 1 province, 2 commune */
	int nleaves;      /* leaves (units without children) in the subtree */
	long long id;     /* the store's row id, 0 when not stored */
};

struct tree {
	struct unit *units;
	size_t n, cap;
	struct arena strings;
	int *index; /* open-addressing hash of codes, 2^k slots */
	size_t index_cap;
	int *by_id; /* store row id -> index, built by tree_finish() */
	long long max_id;
};

void tree_init(struct tree *t);
void tree_release(struct tree *t);

/* Adds a unit.  parent is NULL for the root, else the code of a unit added
 * before.  Fails with GEMIS_EINVAL on a duplicate code or unknown parent. */
enum gemis_err tree_add(struct tree *t, const char *code, const char *name,
			const char *short_name, enum unit_level level, const char *parent,
			long long id, struct errctx *e);
/* Call once after the last tree_add(): fills nleaves and the id index.
 * GEMIS_ENOMEM when the index cannot be allocated (tree_find_id() then
 * searches). */
enum gemis_err tree_finish(struct tree *t);

/* Index of the unit with that code, or -1. */
int tree_find(const struct tree *t, const char *code);
/* Index of the unit with that store row id, or -1 (a unit no longer in
 * force, or an unknown id). */
int tree_find_id(const struct tree *t, long long id);
/* True when a is b or an ancestor of b. */
bool tree_contains(const struct tree *t, int a, int b);

const char *level_id(enum unit_level l); /* "nation", "province", "commune", "ward", "special_zone" */
int level_parse(const char *s);

#endif
