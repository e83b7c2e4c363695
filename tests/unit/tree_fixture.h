/*
 * tree_fixture.h: the small administrative tree the core unit tests share:
 * the nation, two provinces, two units under the first and one under the
 * second, so that a test can tell a unit's subtree from another's.
 *
 *	VN ─┬─ P1 ─┬─ C1 (commune)
 *	    │      └─ C2 (ward)
 *	    └─ P2 ─── C3 (commune)
 */
#ifndef GEMIS_TREE_FIXTURE_H
#define GEMIS_TREE_FIXTURE_H

#include "core/tree.h"

static void small_tree(struct tree *t)
{
	tree_init(t);
	tree_add(t, "VN", "Việt Nam", NULL, LEVEL_NATION, NULL, 1, NULL);
	tree_add(t, "P1", "Tỉnh Một", NULL, LEVEL_PROVINCE, "VN", 2, NULL);
	tree_add(t, "P2", "Tỉnh Hai", NULL, LEVEL_PROVINCE, "VN", 3, NULL);
	tree_add(t, "C1", "Xã Một", NULL, LEVEL_COMMUNE, "P1", 4, NULL);
	tree_add(t, "C2", "Phường Hai", NULL, LEVEL_WARD, "P1", 5, NULL);
	tree_add(t, "C3", "Xã Ba", NULL, LEVEL_COMMUNE, "P2", 6, NULL);
	tree_finish(t);
}

#endif
