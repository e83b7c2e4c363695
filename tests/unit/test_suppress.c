/*
 * test_suppress.c: small counts are hidden, and a hidden small count cannot
 * be worked out from what is published.  The attacker here is exhaustive:
 * it enumerates every integer table consistent with the shown counts and
 * totals, knowing that "<5" means 1..4 and "x" means at least 5, and checks
 * that each "<5" cell still has more than one possible value.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "core/suppress.h"
#include "harness.h"

#define MAXR 3
#define MAXC 3
#define CAP 30   /* an "x" cell is tried from 5 up to CAP */
#define MAXV 160 /* values a cell can take in the enumeration */

struct attack {
	size_t rows, cols, w;
	const long long *cell;
	const unsigned char *st;
	long long cur[(MAXR + 1) * (MAXC + 1)];
	unsigned char seen[(MAXR + 1) * (MAXC + 1)][MAXV];
	long long solutions;
};

static bool fits(const struct attack *a, size_t i, long long v)
{
	if (a->st[i] == SUPP_SHOWN)
		return v == a->cell[i];
	if (a->st[i] == SUPP_PRIMARY)
		return v >= 1 && v <= 4;
	return v >= 5;
}

static void record(struct attack *a)
{
	size_t r, c, n = (a->rows + 1) * a->w;
	long long g = 0;

	for (r = 0; r < a->rows; r++) {
		long long s = 0;

		for (c = 0; c < a->cols; c++)
			s += a->cur[r * a->w + c];
		a->cur[r * a->w + a->cols] = s;
		if (!fits(a, r * a->w + a->cols, s))
			return;
	}
	for (c = 0; c < a->cols; c++) {
		long long s = 0;

		for (r = 0; r < a->rows; r++)
			s += a->cur[r * a->w + c];
		a->cur[a->rows * a->w + c] = s;
		g += s;
		if (!fits(a, a->rows * a->w + c, s))
			return;
	}
	a->cur[a->rows * a->w + a->cols] = g;
	if (!fits(a, a->rows * a->w + a->cols, g))
		return;
	a->solutions++;
	for (r = 0; r < n; r++) {
		if (a->cur[r] < MAXV)
			a->seen[r][a->cur[r]] = 1;
	}
}

static void domain(const struct attack *a, size_t i, long long *lo, long long *hi)
{
	if (a->st[i] == SUPP_SHOWN) {
		*lo = *hi = a->cell[i];
	} else if (a->st[i] == SUPP_PRIMARY) {
		*lo = 1;
		*hi = 4;
	} else {
		*lo = 5;
		*hi = CAP;
	}
}

/* Can a line whose assigned cells sum to s, with `rest` cells still to
 * come, reach a total in the total cell's domain? */
static bool reachable(const struct attack *a, size_t total, long long s, long long rmin,
		      long long rmax)
{
	long long lo, hi;

	domain(a, total, &lo, &hi);
	if (a->st[total] == SUPP_SECONDARY)
		hi = 1000000;
	return s + rmin <= hi && s + rmax >= lo;
}

static void enumerate(struct attack *a, size_t k)
{
	size_t r, c, i, j;
	long long v, lo, hi;

	if (k == a->rows * a->cols) {
		record(a);
		return;
	}
	r = k / a->cols;
	c = k % a->cols;
	i = r * a->w + c;
	domain(a, i, &lo, &hi);
	for (v = lo; v <= hi; v++) {
		long long rs = v, cs = v, rmin = 0, rmax = 0, cmin = 0, cmax = 0, dl, dh;

		for (j = 0; j < c; j++)
			rs += a->cur[r * a->w + j];
		for (j = c + 1; j < a->cols; j++) {
			domain(a, r * a->w + j, &dl, &dh);
			rmin += dl;
			rmax += dh;
		}
		for (j = 0; j < r; j++)
			cs += a->cur[j * a->w + c];
		for (j = r + 1; j < a->rows; j++) {
			domain(a, j * a->w + c, &dl, &dh);
			cmin += dl;
			cmax += dh;
		}
		if (!reachable(a, r * a->w + a->cols, rs, rmin, rmax) ||
		    !reachable(a, a->rows * a->w + c, cs, cmin, cmax))
			continue;
		a->cur[i] = v;
		enumerate(a, k + 1);
	}
}

/* Fills the margins of a rows x cols table given in the first cells of
 * each row. */
static void margins(size_t rows, size_t cols, long long *t)
{
	size_t w = cols + 1, r, c;

	for (r = 0; r <= rows; r++)
		t[r * w + cols] = 0;
	for (c = 0; c <= cols; c++)
		t[rows * w + c] = 0;
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++) {
			t[r * w + cols] += t[r * w + c];
			t[rows * w + c] += t[r * w + c];
			t[rows * w + cols] += t[r * w + c];
		}
	}
}

/* Returns the number of "<5" cells the attacker pins down. */
static int attack_grid(size_t rows, size_t cols, const long long *t, const unsigned char *st)
{
	struct attack *a = calloc(1, sizeof(*a));
	size_t i, n = (rows + 1) * (cols + 1);
	int pinned = 0;

	a->rows = rows;
	a->cols = cols;
	a->w = cols + 1;
	a->cell = t;
	a->st = st;
	enumerate(a, 0);
	CHECK(a->solutions >= 1); /* the true table is a solution */
	for (i = 0; i < n; i++) {
		int k, values = 0;

		if (st[i] != SUPP_PRIMARY)
			continue;
		for (k = 0; k < MAXV; k++)
			values += a->seen[i][k];
		if (values < 2)
			pinned++;
	}
	free(a);
	return pinned;
}

TEST(primary_small_counts)
{
	long long t[] = {0, 12, 0, /**/ 0, 9, 0, /**/ 0, 0, 0};
	unsigned char st[9];

	margins(2, 2, t);
	CHECK(suppress_grid(2, 2, t, st) == GEMIS_OK);
	for (size_t i = 0; i < 9; i++)
		CHECK(st[i] == SUPP_SHOWN); /* nothing below 5 but zeros */
	t[0] = 3;
	margins(2, 2, t);
	CHECK(suppress_grid(2, 2, t, st) == GEMIS_OK);
	CHECK(st[0] == SUPP_PRIMARY);
	CHECK(attack_grid(2, 2, t, st) == 0);
}

/* The textbook attack: a row total minus the other shown cells. */
TEST(subtraction_from_totals)
{
	/*        F    M  | T
	 * supp   3   10  | 13
	 * not    7   12  | 19
	 *       10   22  | 32 */
	long long t[9] = {3, 10, 0, 7, 12, 0};
	unsigned char st[9];
	int hidden = 0;

	margins(2, 2, t);
	CHECK(suppress_grid(2, 2, t, st) == GEMIS_OK);
	CHECK(st[0] == SUPP_PRIMARY);
	/* row 0 and column 0 each need another hidden cell */
	CHECK(st[1] != SUPP_SHOWN || st[2] != SUPP_SHOWN);
	CHECK(st[3] != SUPP_SHOWN || st[6] != SUPP_SHOWN);
	for (size_t i = 0; i < 9; i++)
		hidden += st[i] != SUPP_SHOWN;
	CHECK(hidden >= 4);
	CHECK(attack_grid(2, 2, t, st) == 0);
}

/* Interval attacks: two small counts in a line summing to 2 or to 8 are
 * both 1 or both 4; the total must go too. */
TEST(interval_attack_on_small_pairs)
{
	long long a[6] = {1, 1, 0}, b[6] = {4, 4, 0};
	unsigned char st[6];

	margins(1, 2, a);
	CHECK(suppress_grid(1, 2, a, st) == GEMIS_OK);
	CHECK(st[2] == SUPP_PRIMARY); /* total 2 is small itself */
	CHECK(attack_grid(1, 2, a, st) == 0);
	margins(1, 2, b);
	CHECK(suppress_grid(1, 2, b, st) == GEMIS_OK);
	CHECK(st[0] == SUPP_PRIMARY && st[1] == SUPP_PRIMARY);
	CHECK(st[2] == SUPP_SECONDARY); /* 8 = 4 + 4 would give both away */
	CHECK(attack_grid(1, 2, b, st) == 0);
}

/* The attacker is not toothless: with the small counts alone hidden, it
 * finds them. */
TEST(attacker_finds_primary_only_suppression)
{
	long long t[9] = {3, 10, 0, 7, 12, 0};
	unsigned char st[9] = {0};

	margins(2, 2, t);
	st[0] = SUPP_PRIMARY;
	CHECK(attack_grid(2, 2, t, st) == 1);
}

TEST(zero_is_shown_and_never_a_complement)
{
	long long t[9] = {3, 0, 0, 6, 9, 0};
	unsigned char st[9];

	margins(2, 2, t);
	CHECK(suppress_grid(2, 2, t, st) == GEMIS_OK);
	CHECK(st[1] == SUPP_SHOWN);
	CHECK(attack_grid(2, 2, t, st) == 0);
}

/* A province and its communes: a commune's hidden count cannot be had as
 * the province's minus the others'. */
TEST(hierarchy_province_minus_communes)
{
	/* cells: 0 province, 1..4 communes */
	long long v[5] = {31, 2, 9, 12, 8};
	size_t parts[4] = {1, 2, 3, 4};
	struct supp_sum s = {0, 0, 4};
	struct supp_problem p = {5, v, 1, &s, parts};
	unsigned char st[5];
	long long lo[5], hi[5];

	CHECK(suppress(&p, st) == GEMIS_OK);
	CHECK(st[0] == SUPP_SHOWN);
	CHECK(st[1] == SUPP_PRIMARY);
	CHECK(st[4] == SUPP_SECONDARY); /* the smallest other commune */
	CHECK(suppress_bounds(&p, st, lo, hi) == GEMIS_OK);
	CHECK(lo[1] == 1 && hi[1] == 4);
	CHECK(lo[4] == 6 && hi[4] == 9);
}

TEST(bad_input)
{
	long long v[3] = {5, 2, 2};
	size_t parts[2] = {1, 2};
	struct supp_sum s = {0, 0, 2};
	struct supp_problem p = {3, v, 1, &s, parts};
	unsigned char st[3];
	char out[8];

	CHECK(suppress(&p, st) == GEMIS_EINVAL); /* 2 + 2 is not 5 */
	v[0] = 4;
	CHECK(suppress(&p, st) == GEMIS_OK);
	v[1] = -1;
	CHECK(suppress(&p, st) == GEMIS_EINVAL);
	CHECK_STR(supp_format(3, SUPP_PRIMARY, out, sizeof(out)), "<5");
	CHECK_STR(supp_format(30, SUPP_SECONDARY, out, sizeof(out)), "x");
	CHECK_STR(supp_format(30, SUPP_SHOWN, out, sizeof(out)), "30");
	CHECK_STR(supp_format(0, SUPP_SHOWN, out, sizeof(out)), "0");
}

/* Random tables against the exhaustive attacker. */
TEST(random_tables_resist_exhaustive_attack)
{
	unsigned seed = 20261122;
	int round, pinned = 0, tables = 0;

	for (round = 0; round < 400; round++) {
		long long t[(MAXR + 1) * (MAXC + 1)] = {0};
		unsigned char st[(MAXR + 1) * (MAXC + 1)];
		size_t rows = 1 + (size_t)(round % 3), cols = 2 + (size_t)((round / 3) % 2);
		size_t r, c;

		for (r = 0; r < rows; r++) {
			for (c = 0; c < cols; c++) {
				seed = seed * 1103515245u + 12345u;
				/* mostly small counts, some zeros, a few larger ones */
				t[r * (cols + 1) + c] = (long long)((seed >> 16) % 10);
				if ((seed >> 8) % 7 == 0)
					t[r * (cols + 1) + c] += 10;
			}
		}
		margins(rows, cols, t);
		if (suppress_grid(rows, cols, t, st) != GEMIS_OK) {
			CHECK(0);
			continue;
		}
		tables++;
		pinned += attack_grid(rows, cols, t, st);
	}
	CHECK(tables == 400);
	CHECK(pinned == 0);
}

int main(void)
{
	RUN(primary_small_counts);
	RUN(subtraction_from_totals);
	RUN(interval_attack_on_small_pairs);
	RUN(attacker_finds_primary_only_suppression);
	RUN(zero_is_shown_and_never_a_complement);
	RUN(hierarchy_province_minus_communes);
	RUN(bad_input);
	RUN(random_tables_resist_exhaustive_attack);
	return harness_report();
}
