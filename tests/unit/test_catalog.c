/*
 * test_catalog.c: catalog_find(), the look-up of an indicator by id
 * (core/catalog.c's hash): every id found at its index, by many threads
 * at once from the first look-up on (the table is built then), and
 * nothing found for NULL, the empty id, unknown ids and near misses.
 * No database.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"
#include "harness.h"

#define THREADS 8
#define ROUNDS 200

struct finder {
	pthread_t th;
	size_t wrong;
};

/* Looks every id up ROUNDS times, and near misses, counting wrong answers
 * (the harness's counters are not for threads). */
static void *find_all(void *arg)
{
	struct finder *f = arg;
	size_t r, i;

	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < catalog_n(); i++) {
			char prefix[128];

			snprintf(prefix, sizeof(prefix), "%s", catalog[i].id);
			prefix[strlen(prefix) - 1] = '\0';
			if (catalog_find(catalog[i].id) != (int)i)
				f->wrong++;
			if (catalog_find(prefix) != -1)
				f->wrong++;
		}
	}
	return NULL;
}

/* Run first: the threads race to the first look-up, which builds the
 * table. */
TEST(find_from_threads_at_first_use)
{
	struct finder f[THREADS];
	size_t i;

	memset(f, 0, sizeof(f));
	for (i = 0; i < THREADS; i++)
		CHECK(pthread_create(&f[i].th, NULL, find_all, &f[i]) == 0);
	for (i = 0; i < THREADS; i++) {
		CHECK(pthread_join(f[i].th, NULL) == 0);
		CHECK(f[i].wrong == 0);
	}
}

TEST(every_id_round_trips)
{
	size_t i;

	CHECK(catalog_n() == 24);
	CHECK(catalog_n() <= CATALOG_MAX);
	for (i = 0; i < catalog_n(); i++) {
		char copy[128];

		CHECK(catalog_find(catalog[i].id) == (int)i);
		/* found by its text, not by the pointer of the catalog's string */
		snprintf(copy, sizeof(copy), "%s", catalog[i].id);
		CHECK(catalog_find(copy) == (int)i);
	}
	CHECK_STR(catalog[catalog_find("primary_completion")].id, "primary_completion");
	CHECK_STR(catalog[catalog_find("news_items_per_quarter")].id, "news_items_per_quarter");
}

TEST(unknown_ids)
{
	CHECK(catalog_find(NULL) == -1);
	CHECK(catalog_find("") == -1);
	CHECK(catalog_find("nope") == -1);
	CHECK(catalog_find(" ") == -1);
	CHECK(catalog_find("custom") == -1);
	CHECK(catalog_find("Tỷ lệ trẻ em") == -1);
}

/* An id one character off, or in another case, is not the indicator. */
TEST(near_misses)
{
	size_t i, j;

	for (i = 0; i < catalog_n(); i++) {
		const char *id = catalog[i].id;
		size_t len = strlen(id);
		char s[128];

		snprintf(s, sizeof(s), "%.*s", (int)(len - 1), id); /* prefix */
		CHECK(catalog_find(s) == -1);
		snprintf(s, sizeof(s), "%sx", id); /* longer */
		CHECK(catalog_find(s) == -1);
		snprintf(s, sizeof(s), "%s ", id); /* trailing space */
		CHECK(catalog_find(s) == -1);
		snprintf(s, sizeof(s), " %s", id);
		CHECK(catalog_find(s) == -1);
		snprintf(s, sizeof(s), "%s", id); /* upper case, one letter or all */
		s[0] = (char)(s[0] - 'a' + 'A');
		CHECK(catalog_find(s) == -1);
		for (j = 0; j < len; j++) {
			if (s[j] >= 'a' && s[j] <= 'z')
				s[j] = (char)(s[j] - 'a' + 'A');
		}
		CHECK(catalog_find(s) == -1);
		snprintf(s, sizeof(s), "%s", id); /* last letter changed */
		s[len - 1] = s[len - 1] == 'z' ? 'a' : (char)(s[len - 1] + 1);
		CHECK(catalog_find(s) == -1);
	}
}

int main(void)
{
	RUN(find_from_threads_at_first_use);
	RUN(every_id_round_trips);
	RUN(unknown_ids);
	RUN(near_misses);
	return harness_report();
}
