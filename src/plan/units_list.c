/*
 * units_list.c: finding a unit's official code from its name and province
 * in the administrative list built into the binary (units.tsv, see
 * src/store/units.c for its layout), without a database: `gemis plan import`
 * runs before any database exists.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "plan_int.h"
#include "util/embed.h"
#include "util/text.h"

#include "util/banned.h"

struct lunit {
	const char *level, *code, *parent, *name, *fold;
};

static struct lunit *list;
static size_t nlist;
static const char **names; /* folded names of communes, wards and zones, sorted */
static size_t nnames;
static struct arena list_arena;
static pthread_once_t list_once = PTHREAD_ONCE_INIT;

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void load(void)
{
	const struct embed_file *f = embed_find("units.tsv");
	char *copy, *line, *next;
	size_t cap = 0;

	arena_init(&list_arena, 0);
	if (!f)
		return;
	copy = arena_strndup(&list_arena, (const char *)f->data, f->size);
	for (line = copy; line && *line; line = next) {
		char *fld[5];
		size_t k = 0;
		char *p = line;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		while (k < 5) {
			char *tab = strchr(p, '\t');

			fld[k++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (k != 5)
			continue;
		if (nlist == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			struct lunit *nl = realloc(list, ncap * sizeof(*nl));

			if (!nl)
				return;
			list = nl;
			cap = ncap;
		}
		list[nlist].level = fld[0];
		list[nlist].code = fld[1];
		list[nlist].parent = fld[2];
		list[nlist].name = fld[4];
		list[nlist].fold = text_fold_arena(&list_arena, fld[4], strlen(fld[4]));
		if (list[nlist].fold)
			nlist++;
	}
	names = malloc((nlist + 1) * sizeof(*names));
	for (size_t i = 0; names && i < nlist; i++) {
		if (strcmp(list[i].level, "province") != 0 && strcmp(list[i].level, "nation") != 0)
			names[nnames++] = list[i].fold;
	}
	if (names)
		qsort(names, nnames, sizeof(*names), cmp_name);
}

static const struct lunit *province_by_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < nlist; i++) {
		if (strcmp(list[i].level, "province") == 0 && strcmp(list[i].name, name) == 0)
			return &list[i];
	}
	return NULL;
}

const char *units_province(const char *folded_name)
{
	size_t i;

	pthread_once(&list_once, load);
	for (i = 0; i < nlist; i++) {
		if (strcmp(list[i].level, "province") == 0 && strcmp(list[i].fold, folded_name) == 0)
			return list[i].name;
	}
	return NULL;
}

const char *units_province_code(const char *name)
{
	const struct lunit *u;

	pthread_once(&list_once, load);
	u = province_by_name(name);
	return u ? u->code : NULL;
}

const char *units_lookup(const char *folded_name, const char *province, const char **name,
			 const char **level)
{
	const struct lunit *prov, *found = NULL;
	size_t i, n = 0;

	pthread_once(&list_once, load);
	prov = province_by_name(province);
	for (i = 0; i < nlist; i++) {
		const struct lunit *u = &list[i];

		if (strcmp(u->level, "province") == 0 || strcmp(u->level, "nation") == 0)
			continue;
		if (*level && strcmp(u->level, *level) != 0)
			continue;
		if (strcmp(u->fold, folded_name) != 0)
			continue;
		if (prov && strcmp(u->parent, prov->code) != 0)
			continue;
		found = u;
		n++;
	}
	if (n != 1)
		return NULL;
	*name = found->name;
	*level = found->level;
	return found->code;
}

bool units_has_name(const char *folded_name)
{
	pthread_once(&list_once, load);
	return names && bsearch(&folded_name, names, nnames, sizeof(*names), cmp_name) != NULL;
}
