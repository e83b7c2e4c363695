/*
 * test_suppress.c: small counts are hidden, and a hidden small count cannot
 * be worked out from what is published.  The attacker here is exhaustive:
 * it enumerates every integer table consistent with the shown counts and
 * totals, knowing that "<5" means 1..4 and "x" means at least 5, and checks
 * that each "<5" cell still has more than one possible value.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "core/register.h"
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


/* ---- the case register's tables over a tree (core/register.c) ---- */

/* A unit's nine published cells from its four counts. */
static void reg_unit(double *c, long long nf, long long nm, long long rf, long long rm)
{
	c[REG_CELL(REG_NUM, SEX_F)] = (double)nf;
	c[REG_CELL(REG_NUM, SEX_M)] = (double)nm;
	c[REG_CELL(REG_REST, SEX_F)] = (double)rf;
	c[REG_CELL(REG_REST, SEX_M)] = (double)rm;
	c[REG_CELL(REG_NUM, SEX_T)] = (double)(nf + nm);
	c[REG_CELL(REG_REST, SEX_T)] = (double)(rf + rm);
	c[REG_CELL(REG_DEN, SEX_F)] = (double)(nf + rf);
	c[REG_CELL(REG_DEN, SEX_M)] = (double)(nm + rm);
	c[REG_CELL(REG_DEN, SEX_T)] = (double)(nf + nm + rf + rm);
}

/* A nation of np provinces of nc communes each (root 0, then each
 * province followed by its communes). */
static void reg_tree(struct tree *t, int np, int nc)
{
	char code[32], parent[32];
	long long id = 1;
	int i, j;

	tree_init(t);
	tree_add(t, "VN", "Nation", NULL, LEVEL_NATION, NULL, id++, NULL);
	for (i = 0; i < np; i++) {
		snprintf(parent, sizeof(parent), "P%d", i);
		tree_add(t, parent, parent, NULL, LEVEL_PROVINCE, "VN", id++, NULL);
		for (j = 0; j < nc; j++) {
			snprintf(code, sizeof(code), "C%d.%d", i, j);
			tree_add(t, code, code, NULL, LEVEL_COMMUNE, parent, id++, NULL);
		}
	}
	tree_finish(t);
}

/* Parents' cells as the sums of their children's. */
static void reg_rollup(const struct tree *t, double *cells)
{
	for (size_t u = t->n; u-- > 0;) {
		if (t->units[u].first_child < 0)
			continue;
		for (size_t c = 0; c < REG_CELLS; c++) {
			cells[u * REG_CELLS + c] = 0;
			for (int ch = t->units[u].first_child; ch >= 0; ch = t->units[ch].next_sibling)
				cells[u * REG_CELLS + c] += cells[(size_t)ch * REG_CELLS + c];
		}
	}
}

/* The interval attacker on what the tree publishes: the lines of each
 * unit's table and each parent as the sum of its children.  Counts the
 * "<5" cells it pins down, and those it pins down even with every
 * non-zero count hidden (no suppression can protect those). */
static void reg_attack(const struct tree *t, const double *cells, const unsigned char *st,
		       int *pinned, int *hopeless)
{
	size_t n = t->n * REG_CELLS, ns = 0, np = 0, u;
	long long *v = calloc(n, sizeof(*v)), *lo = calloc(n, sizeof(*lo)), *hi = calloc(n, sizeof(*hi));
	struct supp_sum *sums = calloc(t->n * 15, sizeof(*sums));
	size_t *parts = calloc(t->n * 15 * 2 + n, sizeof(*parts));
	unsigned char *all = calloc(n, 1);
	struct supp_problem p;

	for (size_t i = 0; i < n; i++) {
		v[i] = (long long)cells[i];
		all[i] = v[i] == 0 ? SUPP_SHOWN : v[i] < SUPP_THRESHOLD ? SUPP_PRIMARY : SUPP_SECONDARY;
	}
	for (u = 0; u < t->n; u++) {
		size_t b = u * REG_CELLS;

		for (int k = 0; k < 3; k++) {
			sums[ns++] = (struct supp_sum){b + REG_CELL(k, SEX_T), np, 2};
			parts[np++] = b + REG_CELL(k, SEX_F);
			parts[np++] = b + REG_CELL(k, SEX_M);
			sums[ns++] = (struct supp_sum){b + REG_CELL(REG_DEN, k), np, 2};
			parts[np++] = b + REG_CELL(REG_NUM, k);
			parts[np++] = b + REG_CELL(REG_REST, k);
		}
		if (t->units[u].first_child < 0)
			continue;
		for (size_t c = 0; c < REG_CELLS; c++) {
			sums[ns] = (struct supp_sum){b + c, np, 0};
			for (int ch = t->units[u].first_child; ch >= 0; ch = t->units[ch].next_sibling) {
				parts[np++] = (size_t)ch * REG_CELLS + c;
				sums[ns].n++;
			}
			ns++;
		}
	}
	p = (struct supp_problem){n, v, ns, sums, parts};
	*pinned = *hopeless = 0;
	suppress_bounds(&p, st, lo, hi);
	for (size_t i = 0; i < n; i++)
		*pinned += st[i] == SUPP_PRIMARY && lo[i] >= hi[i];
	suppress_bounds(&p, all, lo, hi);
	for (size_t i = 0; i < n; i++)
		*hopeless += st[i] == SUPP_PRIMARY && lo[i] >= hi[i];
	free(v);
	free(lo);
	free(hi);
	free(sums);
	free(parts);
	free(all);
}

/* One unit alone is a two-by-two table with its margins, laid out as
 * suppress_grid's: the exhaustive attacker of the tables above applies. */
TEST(register_single_unit_resists_exhaustive_attack)
{
	unsigned seed = 20261204;
	int round, pinned = 0, tables = 0;
	struct tree t;

	reg_tree(&t, 0, 0);
	for (round = 0; round < 300; round++) {
		double cells[REG_CELLS];
		long long x[4], g[9];
		unsigned char st[REG_CELLS], all[REG_CELLS];

		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			x[k] = (long long)((seed >> 16) % 9);
			if ((seed >> 8) % 5 == 0)
				x[k] += 12;
		}
		reg_unit(cells, x[0], x[1], x[2], x[3]);
		CHECK(register_suppress(&t, cells, st) == GEMIS_OK);
		for (int k = 0; k < REG_CELLS; k++) {
			g[k] = (long long)cells[k];
			all[k] = g[k] == 0 ? SUPP_SHOWN : g[k] < SUPP_THRESHOLD ? SUPP_PRIMARY : SUPP_SECONDARY;
		}
		/* a table whose small counts the marks alone give away (four 1s
		 * under a total of 4) is left out: no hiding protects it */
		if (attack_grid(2, 2, g, all) > 0)
			continue;
		tables++;
		pinned += attack_grid(2, 2, g, st);
	}
	CHECK(tables > 200);
	CHECK(pinned == 0);
	tree_release(&t);
}

/* Small counts everywhere in a nation of provinces and communes: none is
 * pinned down by the interval attacker unless the marks alone do it. */
TEST(register_tree_resists_interval_attack)
{
	unsigned seed = 7;
	struct tree t;

	reg_tree(&t, 3, 6);
	for (int round = 0; round < 40; round++) {
		double *cells = calloc(t.n * REG_CELLS, sizeof(*cells));
		unsigned char *st = calloc(t.n * REG_CELLS, 1);
		int pinned, hopeless;

		for (size_t u = 0; u < t.n; u++) {
			long long x[4];

			for (int k = 0; k < 4; k++) {
				seed = seed * 1103515245u + 12345u;
				x[k] = (long long)((seed >> 16) % (round % 2 ? 7 : 30));
			}
			reg_unit(&cells[u * REG_CELLS], x[0], x[1], x[2], x[3]);
		}
		reg_rollup(&t, cells);
		CHECK(register_suppress(&t, cells, st) == GEMIS_OK);
		reg_attack(&t, cells, st, &pinned, &hopeless);
		CHECK(pinned == hopeless);
		for (size_t i = 0; i < t.n * REG_CELLS; i++)
			CHECK(cells[i] != 0 || st[i] == SUPP_SHOWN);
		free(cells);
		free(st);
	}
	tree_release(&t);
}

/* A nation of large counts with a few small ones: a cube of eight cells
 * around each small count protects it.  The greedy rounds alone hid
 * thousands of cells here, and took seconds (bench/run's audit line). */
TEST(register_few_small_counts_cost_a_cube_each)
{
	struct tree t;
	double *cells;
	unsigned char *st;
	int pinned, hopeless, hidden = 0, small = 0;
	unsigned seed = 11;

	reg_tree(&t, 34, 100);
	cells = calloc(t.n * REG_CELLS, sizeof(*cells));
	st = calloc(t.n * REG_CELLS, 1);
	for (size_t u = 0; u < t.n; u++) {
		long long den[2], num[2];

		/* counts spread as the national bench's are: 50 to 2,000 people,
		 * 5 to 95 % of them served */
		for (int sx = 0; sx < 2; sx++) {
			seed = seed * 1103515245u + 12345u;
			den[sx] = 50 + (long long)((seed >> 12) % 1950);
			seed = seed * 1103515245u + 12345u;
			num[sx] = (den[sx] * (5 + (long long)((seed >> 12) % 91)) + 50) / 100;
		}
		reg_unit(&cells[u * REG_CELLS], num[0], num[1], den[0] - num[0], den[1] - num[1]);
	}
	reg_rollup(&t, cells);
	for (size_t i = 0; i < t.n * REG_CELLS; i++)
		small += cells[i] > 0 && cells[i] < SUPP_THRESHOLD;
	CHECK(register_suppress(&t, cells, st) == GEMIS_OK);
	for (size_t i = 0; i < t.n * REG_CELLS; i++)
		hidden += st[i] != SUPP_SHOWN;
	CHECK(small > 0);
	CHECK(hidden <= 8 * small);
	reg_attack(&t, cells, st, &pinned, &hopeless);
	CHECK(pinned == 0);
	free(cells);
	free(st);
	tree_release(&t);
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
	RUN(register_single_unit_resists_exhaustive_attack);
	RUN(register_tree_resists_interval_attack);
	RUN(register_few_small_counts_cost_a_cube_each);
	return harness_report();
}
