/*
 * tree.c: the administrative tree and its code index.
 */
#include "tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

void tree_init(struct tree *t)
{
	memset(t, 0, sizeof(*t));
	arena_init(&t->strings, 0);
}

void tree_release(struct tree *t)
{
	free(t->units);
	free(t->index);
	free(t->by_id);
	arena_release(&t->strings);
	memset(t, 0, sizeof(*t));
}

static uint32_t hash_code(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

static enum gemis_err index_rebuild(struct tree *t, size_t cap)
{
	int *idx = malloc(cap * sizeof(*idx));
	size_t i;

	if (!idx)
		return GEMIS_ENOMEM;
	for (i = 0; i < cap; i++)
		idx[i] = -1;
	for (i = 0; i < t->n; i++) {
		size_t h = hash_code(t->units[i].code) & (cap - 1);

		while (idx[h] >= 0)
			h = (h + 1) & (cap - 1);
		idx[h] = (int)i;
	}
	free(t->index);
	t->index = idx;
	t->index_cap = cap;
	return GEMIS_OK;
}

int tree_find(const struct tree *t, const char *code)
{
	size_t h;

	if (!t->index || !code)
		return -1;
	h = hash_code(code) & (t->index_cap - 1);
	while (t->index[h] >= 0) {
		if (strcmp(t->units[t->index[h]].code, code) == 0)
			return t->index[h];
		h = (h + 1) & (t->index_cap - 1);
	}
	return -1;
}

enum gemis_err tree_add(struct tree *t, const char *code, const char *name,
			const char *short_name, enum unit_level level, const char *parent,
			long long id, struct errctx *e)
{
	struct unit *u;
	int p = -1;
	size_t h;

	if (!code || !*code || strlen(code) >= sizeof(u->code))
		return err_set(e, GEMIS_EINVAL, "bad unit code '%s'", code ? code : "");
	if (tree_find(t, code) >= 0)
		return err_set(e, GEMIS_EINVAL, "duplicate unit code %s", code);
	if (parent) {
		p = tree_find(t, parent);
		if (p < 0)
			return err_set(e, GEMIS_EINVAL, "unit %s: unknown parent %s", code, parent);
	} else if (t->n > 0) {
		return err_set(e, GEMIS_EINVAL, "unit %s: a second root", code);
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct unit *nu = realloc(t->units, cap * sizeof(*nu));

		if (!nu)
			return GEMIS_ENOMEM;
		t->units = nu;
		t->cap = cap;
	}
	if ((t->n + 1) * 2 > t->index_cap) {
		enum gemis_err err = index_rebuild(t, t->index_cap ? t->index_cap * 2 : 128);

		if (err)
			return err;
	}
	u = &t->units[t->n];
	memset(u, 0, sizeof(*u));
	memcpy(u->code, code, strlen(code) + 1);
	u->name = arena_strdup(&t->strings, name ? name : code);
	u->short_name = arena_strdup(&t->strings, short_name ? short_name : (name ? name : code));
	if (!u->name || !u->short_name)
		return GEMIS_ENOMEM;
	u->level = level;
	u->parent = p;
	u->first_child = -1;
	u->next_sibling = -1;
	u->depth = p < 0 ? 0 : t->units[p].depth + 1;
	u->id = id;
	if (p >= 0) {
		/* append at the end of the sibling list to keep the input order */
		int c = t->units[p].first_child;

		if (c < 0) {
			t->units[p].first_child = (int)t->n;
		} else {
			while (t->units[c].next_sibling >= 0)
				c = t->units[c].next_sibling;
			t->units[c].next_sibling = (int)t->n;
		}
	}
	h = hash_code(code) & (t->index_cap - 1);
	while (t->index[h] >= 0)
		h = (h + 1) & (t->index_cap - 1);
	t->index[h] = (int)t->n;
	t->n++;
	return GEMIS_OK;
}

enum gemis_err tree_finish(struct tree *t)
{
	size_t i;
	long long mx = 0;

	for (i = 0; i < t->n; i++)
		t->units[i].nleaves = t->units[i].first_child < 0 ? 1 : 0;
	for (i = t->n; i-- > 1;) {
		int p = t->units[i].parent;

		if (p >= 0)
			t->units[p].nleaves += t->units[i].nleaves;
	}
	for (i = 0; i < t->n; i++)
		mx = t->units[i].id > mx ? t->units[i].id : mx;
	free(t->by_id);
	t->by_id = malloc((size_t)(mx + 1) * sizeof(*t->by_id));
	t->max_id = t->by_id ? mx : 0;
	if (!t->by_id)
		return GEMIS_ENOMEM;
	for (i = 0; i <= (size_t)mx; i++)
		t->by_id[i] = -1;
	for (i = 0; i < t->n; i++) {
		if (t->units[i].id > 0)
			t->by_id[t->units[i].id] = (int)i;
	}
	return GEMIS_OK;
}

int tree_find_id(const struct tree *t, long long id)
{
	size_t i;

	if (id <= 0)
		return -1;
	if (t->by_id)
		return id <= t->max_id ? t->by_id[id] : -1;
	for (i = 0; i < t->n; i++) {
		if (t->units[i].id == id)
			return (int)i;
	}
	return -1;
}

bool tree_contains(const struct tree *t, int a, int b)
{
	while (b >= 0) {
		if (a == b)
			return true;
		b = t->units[b].parent;
	}
	return false;
}

static const char *const level_ids[] = {"nation", "province", "commune", "ward", "special_zone"};

const char *level_id(enum unit_level l)
{
	return (unsigned)l < 5 ? level_ids[l] : "?";
}

int level_parse(const char *s)
{
	int i;

	for (i = 0; s && i < 5; i++) {
		if (strcmp(level_ids[i], s) == 0)
			return i;
	}
	return -1;
}
