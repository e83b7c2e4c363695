/*
 * gemis-bench.c: the measuring half of bench/run (which drives it, times
 * the commands and prints the table).
 *
 *   gemis-bench csv OUT.csv [FIRST LAST]   the national data set as CSV
 *   gemis-bench plans DB                   plans for every province and for
 *                                          one commune in ten
 *   gemis-bench rollup DB YEAR [RUNS]      the engine against SQL in SQLite
 *   gemis-bench rollup-sql                 that SQL (bench/duckdb-rollup.mjs
 *                                          runs it in DuckDB)
 *   gemis-bench duckcmp DB YEAR FILE       the engine's answers against
 *                                          DuckDB's
 *   gemis-bench audit DB YEAR [RUNS]       the small-cell audit of the tree
 *   gemis-bench apply DB N                 N changes applied in place
 *   gemis-bench deadline ... / churn ...   load on a running server
 *
 * The data set: every commune, ward and special zone in force, every
 * indicator of the catalog and each of its parts, by sex (F and M) where
 * the indicator is reported by sex and as a total (T) otherwise, for every
 * year FIRST..LAST (default 2022..2026).  Values are made up but plausible
 * and deterministic: shares between 5% and 95% drifting a few points a
 * year, so that statuses spread over achieved, on track, at risk and off
 * track; numerators never exceed denominators where the indicator is a
 * share, so the file passes validation.
 *
 * rollup loads the tree, the values and the plans' targets once, then
 * times, RUNS times each (default 5 and 3), the work a dashboard needs for
 * one year: every indicator's value (total, women, men) and status for
 * every unit, commune, province and nation:
 *   engine  engine_build() (all years, since statuses look back) and
 *           engine_value()/engine_assess() for each unit and indicator;
 *   sql     one SQLite query computing the same from the datavalues,
 *           targets and plans tables: totals from the sexes, sums over
 *           communes that report both parts, a province's own figure
 *           first, target inheritance, and the progress measure of
 *           core/assess.h.
 * It checks that both give the same values (to 1e-9) and statuses, and
 * prints one line of key=value pairs: times in seconds (medians), the
 * number of stored values, and bytes held per stored value.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/assess.h"
#include "core/engine.h"
#include "core/register.h"
#include "core/smallnum.h"
#include "store/snapshot.h"
#include "store/plans.h"
#include "store/store.h"
#include "store/values.h"
#include "util/i18n.h"

#include "util/banned.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A deterministic hash of a few integers, uniform in [0, 1). */
static double h01(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t x = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL) * 0xbf58476d1ce4e5b9ULL ^
		     (c + 0x1234567ULL) * 0x94d049bb133111ebULL;

	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return (double)(x >> 11) / 9007199254740992.0;
}

static int die(const char *what, const struct errctx *e)
{
	fprintf(stderr, "gemis-bench: %s: %s%s%s\n", what, e && e->where[0] ? e->where : "",
		e && e->where[0] ? ": " : "", e ? e->msg : "");
	return 1;
}

/* ---- the data set ---- */

/* The share (or rate, as num/den) of a unit's indicator in a year, for sex
 * s: a level per unit and indicator, a drift per year, a gap between the
 * sexes. */
static double share(int unit, int ind, int year, int sex, double lo, double hi)
{
	double base = lo + (hi - lo) * h01((uint64_t)unit, (uint64_t)ind, 1);
	double drift = (h01((uint64_t)unit, (uint64_t)ind, 2) - 0.3) * 0.04 * (hi - lo);
	double gap = sex == SEX_T ? 0 : (sex == SEX_F ? -0.03 : 0.03) * (hi - lo);
	double v = base + drift * (year - 2022) + gap;

	if (v < lo)
		v = lo;
	if (v > hi)
		v = hi;
	return v;
}

static void rates(const struct indicator *ind, double *lo, double *hi, double *dlo, double *dhi)
{
	*dlo = 50;
	*dhi = 2000;
	if (!ind->share) {
		/* sex ratio at birth: boys per girl */
		*lo = 1.02;
		*hi = 1.16;
	} else if (ind->factor >= 100000) {
		*lo = 0;
		*hi = 0.0015;
		*dlo = 300;
		*dhi = 3000;
	} else if (ind->factor >= 1000) {
		*lo = 0.01;
		*hi = 0.06;
	} else {
		*lo = 0.05;
		*hi = 0.95;
	}
}

/* The invented values of a cell: v[0] the numerator (or the value), v[1]
 * the denominator. */
static void cell(const struct indicator *ind, int u, int k, int y, int s, int first, double v[2])
{
	if (ind->kind == IND_RATIO) {
		double lo, hi, dlo, dhi;

		rates(ind, &lo, &hi, &dlo, &dhi);
		v[1] = floor(dlo + (dhi - dlo) * h01((uint64_t)u, (uint64_t)k, 7 + (uint64_t)s) + 0.5 + (y - first) * 3);
		v[0] = floor(v[1] * share(u, k, y, s, lo, hi) + 0.5);
		if (ind->share && v[0] > v[1])
			v[0] = v[1];
	} else {
		v[0] = 1 + 9 * share(u, k, y, s, 0.05, 0.95);
		v[1] = 0;
	}
}

static size_t put_cell(FILE *f, const char *unit, int y, const struct indicator *ind, int s, const double v[2])
{
	if (ind->kind == IND_VALUE) {
		fprintf(f, "%s,%d,%s,value,%s,%.2f\n", unit, y, ind->id, sex_id((enum sex)s), v[0]);
		return 1;
	}
	fprintf(f, "%s,%d,%s,num,%s,%.0f\n", unit, y, ind->id, sex_id((enum sex)s), v[0]);
	fprintf(f, "%s,%d,%s,den,%s,%.0f\n", unit, y, ind->id, sex_id((enum sex)s), v[1]);
	return 2;
}

/* Writes the series of parent k on each of its breakdowns, splitting the
 * parent's cell v among the categories so that they add up to it, as
 * gemis checks (a share's numerator stays within its denominator in each
 * group); a value indicator not summed over units gets its own.  Returns
 * the rows written. */
static size_t put_series(FILE *f, const char *unit, int u, int y, int k, int s, const double v[2])
{
	const struct indicator *p = &catalog[k];
	size_t j, n = catalog_n(), rows = 0;
	bool sums = p->kind == IND_RATIO || p->space == SPACE_SUM;
	double scale = p->kind == IND_VALUE ? 100 : 1; /* values in hundredths */

	for (j = catalog_builtin; j < n; j++) {
		const struct indicator *c = &catalog[j];
		double rest[2] = {floor(v[0] * scale + 0.5), floor(v[1] * scale + 0.5)};
		size_t m, left = 0;

		/* the first series of each breakdown of p leads it */
		if (!c->parent || c->parent_index != k)
			continue;
		for (m = catalog_builtin; m < j && !(catalog[m].parent && catalog[m].parent_index == k &&
						     strcmp(catalog[m].breakdown, c->breakdown) == 0);
		     m++)
			;
		if (m < j)
			continue;
		for (m = j; m < n; m++)
			left += catalog[m].parent && catalog[m].parent_index == k &&
				strcmp(catalog[m].breakdown, c->breakdown) == 0;
		for (m = j; m < n; m++) {
			const struct indicator *g = &catalog[m];
			double w, part[2];

			if (!g->parent || g->parent_index != k || strcmp(g->breakdown, c->breakdown) != 0)
				continue;
			if (!sums) {
				cell(g, u, (int)m, y, s, 2022, part);
			} else {
				w = left-- == 1 ? 1 : (0.6 + 0.8 * h01((uint64_t)u, m, 31 + (uint64_t)s)) / (double)(left + 1);
				part[1] = floor(rest[1] * w);
				part[0] = floor(rest[0] * w);
				if (p->share && p->kind == IND_RATIO) {
					/* what is left of the numerator fits in what is left of the denominator */
					if (part[0] < rest[0] - (rest[1] - part[1]))
						part[0] = rest[0] - (rest[1] - part[1]);
					if (part[0] > part[1])
						part[0] = part[1];
				}
				rest[0] -= part[0];
				rest[1] -= part[1];
				part[0] /= scale;
				part[1] /= scale;
			}
			rows += put_cell(f, unit, y, g, s, part);
		}
	}
	return rows;
}

static int cmd_csv(int argc, char **argv)
{
	struct tree t;
	struct errctx e = {0};
	FILE *f;
	int first = 2022, last = 2026, y;
	size_t u, k, rows = 0;

	if (argc < 3)
		return 2;
	if (argc >= 5) {
		first = (int)strtol(argv[3], NULL, 10);
		last = (int)strtol(argv[4], NULL, 10);
	}
	if (argc >= 6) {
		/* that database's catalog: the indicators and series added to it */
		struct db *db = NULL;

		if (store_open(argv[5], 0, &db, &e))
			return die(argv[5], &e);
		db_close(db);
	}
	tree_init(&t);
	{
		struct db *db = NULL;
		char dir[] = "/tmp/gemis-bench-XXXXXX", path[64];
		bool installed;

		/* the tree comes from a scratch database, as every front end's */
		if (!mkdtemp(dir))
			return 1;
		snprintf(path, sizeof(path), "%s/t.db", dir);

		if (store_open(path, DB_OPEN_CREATE, &db, &e) || store_init(db, &installed, &e) ||
		    units_load_tree(db, &t, &e))
			return die("units", &e);
		db_close(db);
		unlink(path);
		snprintf(path, sizeof(path), "%s/t.db-wal", dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/t.db-shm", dir);
		unlink(path);
		rmdir(dir);
	}
	f = fopen(argv[2], "w");
	if (!f)
		return die(argv[2], NULL);
	fputs("unit,period,indicator,part,sex,value\n", f);
	for (u = 0; u < t.n; u++) {
		if (t.units[u].first_child >= 0)
			continue;
		for (y = first; y <= last; y++) {
			for (k = 0; k < catalog_n(); k++) {
				const struct indicator *ind = &catalog[k];
				int s, s0 = ind->by_sex ? SEX_F : SEX_T, s1 = ind->by_sex ? SEX_M : SEX_T;

				if (ind->parent)
					continue; /* written with its parent: its groups add up to it */
				for (s = s0; s <= s1; s++) {
					double v[2];

					cell(ind, (int)u, (int)k, y, s, first, v);
					rows += put_cell(f, t.units[u].code, y, ind, s, v);
					rows += put_series(f, t.units[u].code, (int)u, y, (int)k, s, v);
				}
			}
		}
	}
	if (fclose(f) != 0)
		return die(argv[2], NULL);
	tree_release(&t);
	printf("rows=%zu\n", rows);
	return 0;
}

/* ---- plans ---- */

static json_t *make_plan(const struct tree *t, int u, bool commune)
{
	json_t *targets = json_array(), *plan;
	size_t k;

	for (k = 0; k < catalog_n(); k++) {
		const struct indicator *ind = &catalog[k];
		double lo, hi, dlo, dhi, v;
		json_t *tg;

		if (ind->kind == IND_RATIO) {
			rates(ind, &lo, &hi, &dlo, &dhi);
			v = ind->factor * (lo + (hi - lo) * (0.3 + 0.7 * h01((uint64_t)u, k, 11)));
		} else {
			v = 1 + 9 * (0.3 + 0.7 * h01((uint64_t)u, k, 11));
		}
		v = floor(v * 100 + 0.5) / 100;
		tg = json_pack("{s:s, s:s, s:f, s:i}", "indicator", ind->id, "direction",
			       ind->polarity == POL_HIGHER ? "at_least" : "at_most", "value", v, "year",
			       2030);
		/* some communes give their starting level */
		if (commune && h01((uint64_t)u, k, 12) < 0.5)
			json_object_set_new(tg, "baseline",
					    json_pack("{s:f, s:n}", "value", v * 0.8, "year"));
		json_array_append_new(targets, tg);
	}
	/* a commune's culture-social office reports two of them on its form
	 * (the deadline-day scenario saves and approves such forms) */
	plan = json_pack("{s:{s:{s:s}, s:[i,i], s:s}, s:o, s:[s], s:o}", "document", "unit", "code",
			 t->units[u].code, "period", 2026, 2030, "number", "1/KH-BENCH", "targets",
			 targets, "agencies", "vhxh", "assignments",
			 commune ? json_pack("{s:[s,s]}", "vhxh", "female_wage_workers", "female_key_leaders")
				 : json_object());
	return plan;
}

static int cmd_plans(int argc, char **argv)
{
	struct db *db = NULL;
	struct errctx e = {0};
	struct tree t;
	size_t u, n = 0;

	if (argc < 3)
		return 2;
	tree_init(&t);
	if (store_open(argv[2], 0, &db, &e) || units_load_tree(db, &t, &e))
		return die("open", &e);
	for (u = 0; u < t.n; u++) {
		bool commune = t.units[u].first_child < 0;
		struct diags d;
		struct plan_info info;
		json_t *plan;

		if (t.units[u].depth == 0 || (commune && u % 10 != 0))
			continue;
		plan = make_plan(&t, (int)u, commune);
		diags_init(&d, 5);
		if (plan_load(db, &t, plan, "bench", false, &d, &info, &e)) {
			if (d.n > 0)
				fprintf(stderr, "plan of %s: %s: %s\n", t.units[u].code, d.d[0].field,
					d.d[0].msg);
			return die("plan", &e);
		}
		diags_release(&d);
		json_decref(plan);
		n++;
	}
	tree_release(&t);
	db_close(db);
	printf("plans=%zu\n", n);
	return 0;
}

/* ---- the roll-up: engine against SQL ---- */

/* What both sides compute for one unit and indicator in the year. */
struct answer {
	double v[SEX_SLOTS]; /* F, M, T; NaN when missing */
	int status;
};

static void engine_answers(const struct tree *t, struct dataset *ds, const struct target *tg,
			   size_t ntg, int year, struct answer *out)
{
	struct engine eng;
	size_t u, k;

	if (engine_build(&eng, t, ds, tg, ntg)) {
		fprintf(stderr, "gemis-bench: engine_build failed\n");
		exit(1);
	}
	for (u = 0; u < t->n; u++) {
		for (k = 0; k < catalog_n(); k++) {
			struct answer *a = &out[u * catalog_n() + k];
			struct assessment as;
			int s;

			for (s = 0; s < SEX_SLOTS; s++)
				a->v[s] = engine_value(&eng, year, (int)u, (int)k, s);
			engine_assess(&eng, year, (int)u, (int)k, &as);
			a->status = (int)as.status;
		}
	}
	engine_release(&eng);
}

/* The same computation in SQL.  ?1 is the year.  Written for the two-tier
 * tree in force since July 2025 (nation, provinces, communes), as a
 * national SQL report would be. */
static const char rollup_sql[] =
	/* `small`, the rare-event rules, is put before it by rollup_text() */
	/* each unit's yearly reported parts, one row per sex: a = num or value, b = den */
	"own AS (\n"
	"  SELECT d.unit_id, d.year, d.indicator, d.sex,\n"
	"         MAX(CASE WHEN d.part <> 'den' THEN d.value END) AS a,\n"
	"         MAX(CASE WHEN d.part = 'den' THEN d.value END) AS b\n"
	"  FROM datavalues d WHERE d.period = CAST(d.year AS TEXT)\n"
	"  GROUP BY d.unit_id, d.year, d.indicator, d.sex),\n"
	/* totals completed from F + M, part by part, for indicators reported by sex */
	"own3 AS (\n"
	"  SELECT unit_id, year, indicator, sex, a, b FROM own WHERE sex <> 'T'\n"
	"  UNION ALL\n"
	"  SELECT o.unit_id, o.year, o.indicator, 'T',\n"
	"    COALESCE(MAX(CASE WHEN o.sex = 'T' THEN o.a END), CASE WHEN i.by_sex = 1 AND\n"
	"      COUNT(CASE WHEN o.sex <> 'T' THEN o.a END) = 2 THEN SUM(CASE WHEN o.sex <> 'T' THEN o.a END) END),\n"
	"    COALESCE(MAX(CASE WHEN o.sex = 'T' THEN o.b END), CASE WHEN i.by_sex = 1 AND\n"
	"      COUNT(CASE WHEN o.sex <> 'T' THEN o.b END) = 2 THEN SUM(CASE WHEN o.sex <> 'T' THEN o.b END) END)\n"
	"  FROM own o JOIN indicators i ON i.id = o.indicator\n"
	"  GROUP BY o.unit_id, o.year, o.indicator, i.by_sex),\n"
	"cur AS (SELECT id, parent_id, level FROM units WHERE valid_to IS NULL),\n"
	"lvl2 AS (SELECT o.* FROM own3 o JOIN cur u ON u.id = o.unit_id\n"
	"  WHERE u.level IN ('commune', 'ward', 'special_zone')),\n"
	/* sums (or means) over each province's communes that report every part */
	"roll1 AS (\n"
	"  SELECT u.parent_id AS unit_id, c.year, c.indicator, c.sex,\n"
	"    CASE WHEN i.space_agg = 'mean' THEN AVG(c.a) ELSE SUM(c.a) END AS a,\n"
	"    CASE WHEN i.space_agg = 'mean' THEN AVG(c.b) ELSE SUM(c.b) END AS b\n"
	"  FROM lvl2 c JOIN cur u ON u.id = c.unit_id JOIN indicators i ON i.id = c.indicator\n"
	"  WHERE i.space_agg <> 'none' AND c.a IS NOT NULL AND (i.kind = 'value' OR c.b IS NOT NULL)\n"
	"  GROUP BY u.parent_id, c.year, c.indicator, c.sex, i.space_agg),\n"
	/* a province's own complete figure first, else the sum */
	"own1 AS (SELECT o.* FROM own3 o JOIN cur u ON u.id = o.unit_id WHERE u.level = 'province'),\n"
	"keys1 AS (SELECT unit_id, year, indicator, sex FROM roll1\n"
	"  UNION SELECT unit_id, year, indicator, sex FROM own1),\n"
	"lvl1 AS (\n"
	"  SELECT k.unit_id, k.year, k.indicator, k.sex,\n"
	"    CASE WHEN o.a IS NOT NULL AND (i.kind = 'value' OR o.b IS NOT NULL) THEN o.a\n"
	"         WHEN r.unit_id IS NOT NULL THEN r.a ELSE o.a END AS a,\n"
	"    CASE WHEN o.a IS NOT NULL AND (i.kind = 'value' OR o.b IS NOT NULL) THEN o.b\n"
	"         WHEN r.unit_id IS NOT NULL THEN r.b ELSE o.b END AS b\n"
	"  FROM keys1 k JOIN indicators i ON i.id = k.indicator\n"
	"  LEFT JOIN own1 o ON o.unit_id = k.unit_id AND o.year = k.year AND o.indicator = k.indicator AND o.sex = k.sex\n"
	"  LEFT JOIN roll1 r ON r.unit_id = k.unit_id AND r.year = k.year AND r.indicator = k.indicator AND r.sex = k.sex),\n"
	/* the nation: the same over the provinces */
	"roll0 AS (\n"
	"  SELECT u.parent_id AS unit_id, c.year, c.indicator, c.sex,\n"
	"    CASE WHEN i.space_agg = 'mean' THEN AVG(c.a) ELSE SUM(c.a) END AS a,\n"
	"    CASE WHEN i.space_agg = 'mean' THEN AVG(c.b) ELSE SUM(c.b) END AS b\n"
	"  FROM lvl1 c JOIN cur u ON u.id = c.unit_id JOIN indicators i ON i.id = c.indicator\n"
	"  WHERE i.space_agg <> 'none' AND c.a IS NOT NULL AND (i.kind = 'value' OR c.b IS NOT NULL)\n"
	"  GROUP BY u.parent_id, c.year, c.indicator, c.sex, i.space_agg),\n"
	"own0 AS (SELECT o.* FROM own3 o JOIN cur u ON u.id = o.unit_id WHERE u.level = 'nation'),\n"
	"keys0 AS (SELECT unit_id, year, indicator, sex FROM roll0\n"
	"  UNION SELECT unit_id, year, indicator, sex FROM own0),\n"
	"lvl0 AS (\n"
	"  SELECT k.unit_id, k.year, k.indicator, k.sex,\n"
	"    CASE WHEN o.a IS NOT NULL AND (i.kind = 'value' OR o.b IS NOT NULL) THEN o.a\n"
	"         WHEN r.unit_id IS NOT NULL THEN r.a ELSE o.a END AS a,\n"
	"    CASE WHEN o.a IS NOT NULL AND (i.kind = 'value' OR o.b IS NOT NULL) THEN o.b\n"
	"         WHEN r.unit_id IS NOT NULL THEN r.b ELSE o.b END AS b\n"
	"  FROM keys0 k JOIN indicators i ON i.id = k.indicator\n"
	"  LEFT JOIN own0 o ON o.unit_id = k.unit_id AND o.year = k.year AND o.indicator = k.indicator AND o.sex = k.sex\n"
	"  LEFT JOIN roll0 r ON r.unit_id = k.unit_id AND r.year = k.year AND r.indicator = k.indicator AND r.sex = k.sex),\n"
	/* the indicator's value */
	"vals AS (\n"
	"  SELECT x.unit_id, x.year, x.indicator, x.sex,\n"
	"    CASE WHEN i.kind = 'ratio' THEN CASE WHEN x.a IS NOT NULL AND x.b IS NOT NULL AND x.b <> 0\n"
	"      THEN x.a / x.b * i.factor END ELSE x.a END AS v\n"
	"  FROM (SELECT * FROM lvl2 UNION ALL SELECT * FROM lvl1 UNION ALL SELECT * FROM lvl0) x\n"
	"  JOIN indicators i ON i.id = x.indicator),\n"
	/* the series up to the year: count, first and latest */
	"series AS (SELECT unit_id, indicator, year, v FROM vals WHERE sex = 'T' AND v IS NOT NULL AND year <= ?1),\n"
	"ends AS (SELECT unit_id, indicator, COUNT(*) AS n, MIN(year) AS y0, MAX(year) AS yn\n"
	"  FROM series GROUP BY unit_id, indicator),\n"
	"ends2 AS (SELECT e.unit_id, e.indicator, e.n, e.y0, e.yn, s0.v AS v0, sn.v AS vn FROM ends e\n"
	"  JOIN series s0 ON s0.unit_id = e.unit_id AND s0.indicator = e.indicator AND s0.year = e.y0\n"
	"  JOIN series sn ON sn.unit_id = e.unit_id AND sn.indicator = e.indicator AND sn.year = e.yn),\n"
	/* targets of the plans in force; per unit and indicator the nearest year not before ?1, else the latest */
	"ptg AS (SELECT p.unit_id, t.indicator, t.direction, t.value, t.year, t.baseline_value,\n"
	"    COALESCE(t.baseline_year, p.period_from - 1) AS base_year,\n"
	"    ROW_NUMBER() OVER (PARTITION BY p.unit_id, t.indicator ORDER BY\n"
	"      CASE WHEN t.year >= ?1 THEN 0 ELSE 1 END, CASE WHEN t.year >= ?1 THEN t.year ELSE -t.year END) AS rk\n"
	"  FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.superseded_at IS NULL),\n"
	"tg AS (SELECT * FROM ptg WHERE rk = 1),\n"
	/* every unit and indicator, with the target of the nearest unit up the tree that has one */
	"grid AS (\n"
	"  SELECT u.id AS unit_id, i.id AS indicator, i.unit AS iunit, i.national_direction, i.national_value,\n"
	"    i.national_year, t0.direction AS d0, t1.direction AS d1, t2.direction AS d2,\n"
	"    CASE WHEN t0.unit_id IS NOT NULL THEN t0.direction WHEN t1.unit_id IS NOT NULL THEN t1.direction\n"
	"      WHEN t2.unit_id IS NOT NULL THEN t2.direction ELSE i.national_direction END AS dir,\n"
	"    CASE WHEN t0.unit_id IS NOT NULL THEN t0.value WHEN t1.unit_id IS NOT NULL THEN t1.value\n"
	"      WHEN t2.unit_id IS NOT NULL THEN t2.value ELSE i.national_value END AS tv,\n"
	"    CASE WHEN t0.unit_id IS NOT NULL THEN t0.year WHEN t1.unit_id IS NOT NULL THEN t1.year\n"
	"      WHEN t2.unit_id IS NOT NULL THEN t2.year ELSE i.national_year END AS ty,\n"
	"    CASE WHEN t0.unit_id IS NOT NULL THEN t0.baseline_value WHEN t1.unit_id IS NOT NULL THEN t1.baseline_value\n"
	"      WHEN t2.unit_id IS NOT NULL THEN t2.baseline_value END AS bv,\n"
	"    CASE WHEN t0.unit_id IS NOT NULL THEN t0.base_year WHEN t1.unit_id IS NOT NULL THEN t1.base_year\n"
	"      WHEN t2.unit_id IS NOT NULL THEN t2.base_year END AS base_yr\n"
	"  FROM cur u CROSS JOIN indicators i\n"
	"  LEFT JOIN cur p1 ON p1.id = u.parent_id\n"
	"  LEFT JOIN tg t0 ON t0.unit_id = u.id AND t0.indicator = i.id\n"
	"  LEFT JOIN tg t1 ON t1.unit_id = p1.id AND t1.indicator = i.id\n"
	"  LEFT JOIN tg t2 ON t2.unit_id = p1.parent_id AND t2.indicator = i.id),\n"
	/* the effective target: 'achieve' counts as at least 100 on percentages */
	"eff AS (\n"
	"  SELECT g.unit_id, g.indicator, g.iunit,\n"
	"    CASE WHEN g.dir = 'achieve' THEN CASE WHEN g.iunit = '%' THEN 'at_least' END\n"
	"      WHEN g.tv IS NOT NULL THEN g.dir END AS dir,\n"
	"    CASE WHEN g.dir = 'achieve' THEN 100.0 ELSE g.tv END AS tv, g.ty, g.bv, g.base_yr,\n"
	"    CASE WHEN ABS(CASE WHEN g.dir = 'achieve' THEN 100.0 ELSE g.tv END) > 1\n"
	"      THEN 1e-9 * ABS(CASE WHEN g.dir = 'achieve' THEN 100.0 ELSE g.tv END) ELSE 1e-9 END AS eps,\n"
	"    e.n, e.y0, e.yn, e.v0, e.vn\n"
	"  FROM grid g LEFT JOIN ends2 e ON e.unit_id = g.unit_id AND e.indicator = g.indicator),\n"
	/* the base: the plan's baseline, else the first year with data */
	"based AS (\n"
	"  SELECT x.*,\n"
	"    CASE WHEN x.bv IS NOT NULL AND x.base_yr > 0 AND x.base_yr < x.yn THEN x.base_yr\n"
	"      WHEN x.n >= 2 AND x.y0 < x.yn THEN x.y0 END AS tb,\n"
	"    CASE WHEN x.bv IS NOT NULL AND x.base_yr > 0 AND x.base_yr < x.yn THEN x.bv\n"
	"      WHEN x.n >= 2 AND x.y0 < x.yn THEN x.v0 END AS vb\n"
	"  FROM eff x),\n"
	"judged0 AS (\n"
	"  SELECT b.unit_id, b.indicator,\n"
	"  CASE\n"
	"    WHEN b.dir IS NULL THEN 'no_target'\n"
	"    WHEN b.n IS NULL THEN 'no_data'\n"
	"    WHEN (b.dir = 'at_most' AND b.vn <= b.tv + b.eps) OR (b.dir <> 'at_most' AND b.vn >= b.tv - b.eps)\n"
	"      THEN 'achieved'\n"
	"    WHEN b.yn >= b.ty THEN 'off_track'\n"
	"    WHEN b.tb IS NULL THEN 'insufficient_data'\n"
	"    WHEN b.ty <= b.tb OR (b.dir = 'at_most' AND b.vb <= b.tv + b.eps)\n"
	"      OR (b.dir <> 'at_most' AND b.vb >= b.tv - b.eps) THEN 'off_track'\n"
	"    WHEN pow((CASE WHEN b.tv = 0 THEN 0.001 ELSE b.tv END) / (CASE WHEN b.vb = 0 THEN 0.001 ELSE b.vb END),\n"
	"      1.0 / (b.ty - b.tb)) - 1 = 0 THEN 'off_track'\n"
	"    ELSE (SELECT CASE WHEN r >= 0.95 THEN 'on_track' WHEN r >= 0.6 THEN 'at_risk' ELSE 'off_track' END\n"
	"      FROM (SELECT (pow((CASE WHEN b.vn = 0 THEN 0.001 ELSE b.vn END) / (CASE WHEN b.vb = 0 THEN 0.001 ELSE b.vb END),\n"
	"        1.0 / (b.yn - b.tb)) - 1) / (pow((CASE WHEN b.tv = 0 THEN 0.001 ELSE b.tv END)\n"
	"        / (CASE WHEN b.vb = 0 THEN 0.001 ELSE b.vb END), 1.0 / (b.ty - b.tb)) - 1) AS r) rr)\n"
	"  END AS status\n"
	"  FROM based b),\n"
	/* a quota per quarter ("at least 4 news items a quarter", core/quota.h)
	 * is judged on the quarters reported in the latest year: a commune's
	 * own, a unit above communes by how many of its communes met it */
	"quarters AS (\n"
	"  SELECT d.unit_id, d.indicator, d.year, COUNT(*) AS nq, MIN(d.value) AS mn\n"
	"  FROM datavalues d JOIN indicators i ON i.id = d.indicator\n"
	"  WHERE i.unit = 'items_per_quarter' AND d.part = 'value' AND d.sex = 'T'\n"
	"    AND length(d.period) = 6 AND substr(d.period, 5, 1) = 'Q'\n"
	"  GROUP BY d.unit_id, d.indicator, d.year),\n"
	"leaves AS (\n"
	"  SELECT c.id AS leaf, c.id AS unit_id FROM cur c WHERE c.level IN ('commune', 'ward', 'special_zone')\n"
	"  UNION ALL SELECT c.id, c.parent_id FROM cur c WHERE c.level IN ('commune', 'ward', 'special_zone')\n"
	"  UNION ALL SELECT c.id, p.parent_id FROM cur c JOIN cur p ON p.id = c.parent_id\n"
	"    WHERE c.level IN ('commune', 'ward', 'special_zone')),\n"
	"quota AS (\n"
	"  SELECT b.unit_id, b.indicator,\n"
	"    SUM(CASE WHEN q.mn < b.tv THEN 1 ELSE 0 END) AS n_off,\n"
	"    SUM(CASE WHEN q.mn >= b.tv AND q.nq < 4 THEN 1 ELSE 0 END) AS n_on\n"
	"  FROM based b JOIN leaves l ON l.unit_id = b.unit_id\n"
	"  JOIN quarters q ON q.unit_id = l.leaf AND q.indicator = b.indicator AND q.year = b.yn\n"
	"  WHERE b.iunit = 'items_per_quarter' AND b.dir = 'at_least' AND b.tv IS NOT NULL\n"
	"  GROUP BY b.unit_id, b.indicator),\n"
	/* rare events (core/smallnum.h, the rules in `small`): judged on the
	 * year with enough events, else on the years pooled, else not */
	"tparts AS (SELECT unit_id, year, indicator, a, b FROM lvl2 WHERE sex = 'T'\n"
	"  UNION ALL SELECT unit_id, year, indicator, a, b FROM lvl1 WHERE sex = 'T'\n"
	"  UNION ALL SELECT unit_id, year, indicator, a, b FROM lvl0 WHERE sex = 'T'),\n"
	"rare0 AS (\n"
	"  SELECT b.unit_id, b.indicator, s.cnt, s.mn,\n"
	"    MAX(CASE WHEN p.year = b.yn THEN CASE s.cnt WHEN 'num' THEN p.a WHEN 'den' THEN p.b\n"
	"      ELSE p.a + p.b END END) AS c_year,\n"
	"    SUM(CASE WHEN p.a IS NOT NULL AND p.b IS NOT NULL THEN p.a END) AS sa,\n"
	"    SUM(CASE WHEN p.a IS NOT NULL AND p.b IS NOT NULL THEN p.b END) AS sb\n"
	"  FROM based b JOIN small s ON s.indicator = b.indicator\n"
	"  LEFT JOIN tparts p ON p.unit_id = b.unit_id AND p.indicator = b.indicator\n"
	"    AND p.year > b.yn - s.pool AND p.year <= b.yn\n"
	"  GROUP BY b.unit_id, b.indicator, s.cnt, s.mn),\n"
	"rare AS (SELECT r.*, CASE r.cnt WHEN 'num' THEN r.sa WHEN 'den' THEN r.sb ELSE r.sa + r.sb END AS ev,\n"
	"  r.sa / CASE WHEN r.sb > 0 THEN r.sb END * i.factor AS pooled\n"
	"  FROM rare0 r JOIN indicators i ON i.id = r.indicator),\n"
	"judged AS (\n"
	"  SELECT j.unit_id, j.indicator,\n"
	"  CASE\n"
	"    WHEN j.status IN ('no_target', 'no_data') THEN j.status\n"
	"    WHEN r.unit_id IS NOT NULL THEN CASE\n"
	"      WHEN r.c_year >= r.mn THEN j.status\n"
	"      WHEN r.ev IS NULL OR r.ev < r.mn OR r.pooled IS NULL THEN 'insufficient_data'\n"
	"      WHEN (b.dir = 'at_most' AND r.pooled <= b.tv + b.eps) OR (b.dir <> 'at_most' AND r.pooled >= b.tv - b.eps)\n"
	"        THEN 'achieved'\n"
	"      ELSE 'off_track' END\n"
	"    WHEN b.iunit <> 'items_per_quarter' OR COALESCE(b.dir, '') <> 'at_least' OR b.tv IS NULL THEN j.status\n"
	"    WHEN q.unit_id IS NULL THEN 'insufficient_data'\n"
	"    WHEN q.n_off > 0 THEN 'off_track'\n"
	"    WHEN q.n_on > 0 THEN 'on_track'\n"
	"    ELSE 'achieved'\n"
	"  END AS status\n"
	"  FROM judged0 j JOIN based b ON b.unit_id = j.unit_id AND b.indicator = j.indicator\n"
	"  LEFT JOIN rare r ON r.unit_id = j.unit_id AND r.indicator = j.indicator\n"
	"  LEFT JOIN quota q ON q.unit_id = j.unit_id AND q.indicator = j.indicator)\n"
	"SELECT j.unit_id, j.indicator, j.status,\n"
	"  (SELECT v FROM vals WHERE unit_id = j.unit_id AND indicator = j.indicator AND year = ?1 AND sex = 'F'),\n"
	"  (SELECT v FROM vals WHERE unit_id = j.unit_id AND indicator = j.indicator AND year = ?1 AND sex = 'M'),\n"
	"  (SELECT v FROM vals WHERE unit_id = j.unit_id AND indicator = j.indicator AND year = ?1 AND sex = 'T')\n"
	"FROM judged j";

/* rollup_sql after its first table, `small`: the rare-event rules of
 * core/smallnum.h as the engine has them (indicator, what is counted, the
 * minimum, the years pooled), so that both judge by the same table. */
static const char *rollup_text(void)
{
	static char text[sizeof(rollup_sql) + 1024];
	size_t len, k;
	int n;

	if (text[0])
		return text;
	len = (size_t)snprintf(text, sizeof(text), "WITH\nsmall(indicator, cnt, mn, pool) AS (VALUES ");
	for (k = 0, n = 0; k < catalog_n(); k++) {
		const struct smallnum_rule *r = smallnum_rule_of((int)k);

		if (!r)
			continue;
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s('%s', '%s', %.17g, %d)", n++ ? ", " : "",
					catalog[k].id,
					r->count == SMALLNUM_NUM ? "num" : r->count == SMALLNUM_DEN ? "den" : "both",
					r->min, r->pool_years);
	}
	if (!n)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "('', 'num', 0, 1)");
	snprintf(text + len, sizeof(text) - len, "),\n%s", rollup_sql);
	return text;
}

/* Runs rollup_sql, filling out[] by tree index; returns rows read or -1. */
static long sql_answers(struct db *db, const struct tree *t, int year, struct answer *out,
			size_t nout)
{
	struct db_stmt *st = NULL;
	struct errctx e = {0};
	long rows = 0;
	size_t i;

	for (i = 0; i < nout; i++) {
		out[i].status = -1;
		out[i].v[0] = out[i].v[1] = out[i].v[2] = NAN;
	}
	if (db_prepare(db, &st, &e, rollup_text())) {
		die("sql", &e);
		return -1;
	}
	db_bind_int(st, 1, year);
	while (db_next(st)) {
		long long uid = db_col_int(st, 0);
		int k = catalog_find(db_col_text(st, 1));
		struct answer *a;

		rows++;
		if (tree_find_id(t, uid) < 0 || k < 0)
			continue;
		a = &out[(size_t)tree_find_id(t, uid) * catalog_n() + (size_t)k];
		a->status = status_parse(db_col_text(st, 2));
		a->v[SEX_F] = db_col_double(st, 3);
		a->v[SEX_M] = db_col_double(st, 4);
		a->v[SEX_T] = db_col_double(st, 5);
	}
	if (db_finalize(st, &e)) {
		die("sql", &e);
		return -1;
	}
	return rows;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), dbl_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static bool same(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= 1e-9 * (fabs(a) > 1 ? fabs(a) : 1);
}

static int cmd_rollup(int argc, char **argv)
{
	struct db *db = NULL;
	struct errctx e = {0};
	struct tree t;
	struct dataset ds;
	struct target *tg = NULL;
	size_t ntg = 0, n, i, bad_v = 0, bad_s = 0;
	struct answer *ea, *sa;
	double te[15], ts[15], t0;
	int year, runs_e = 5, runs_s = 3, r, hist[ST_COUNT] = {0};
	long rows = 0;

	if (argc < 4)
		return 2;
	year = (int)strtol(argv[3], NULL, 10);
	if (argc >= 5) {
		runs_s = (int)strtol(argv[4], NULL, 10);
		if (runs_s < 1 || runs_s > 15)
			runs_s = 3;
	}
	tree_init(&t);
	if (store_open(argv[2], 0, &db, &e) || units_load_tree(db, &t, &e))
		return die("open", &e);
	dataset_init(&ds, &t);
	if (values_load(db, &t, &ds, &e) || plans_load_targets(db, &t, &tg, &ntg, &e))
		return die("load", &e);
	n = t.n * catalog_n();
	ea = calloc(n, sizeof(*ea));
	sa = calloc(n, sizeof(*sa));
	if (!ea || !sa)
		return die("memory", NULL);

	for (r = 0; r < runs_e; r++) {
		t0 = now_s();
		engine_answers(&t, &ds, tg, ntg, year, ea);
		te[r] = now_s() - t0;
	}
	for (r = 0; r < runs_s; r++) {
		t0 = now_s();
		rows = sql_answers(db, &t, year, sa, n);
		ts[r] = now_s() - t0;
		if (rows < 0)
			return 1;
	}
	for (i = 0; i < n; i++) {
		int s;

		for (s = 0; s < SEX_SLOTS; s++) {
			if (!same(ea[i].v[s], sa[i].v[s]))
				bad_v++;
		}
		if (ea[i].status != sa[i].status)
			bad_s++;
		if (ea[i].status >= 0 && ea[i].status < ST_COUNT)
			hist[ea[i].status]++;
	}
	if (bad_v || bad_s) {
		for (i = 0; i < n && (bad_v + bad_s) > 0; i++) {
			if (ea[i].status != sa[i].status || !same(ea[i].v[SEX_T], sa[i].v[SEX_T])) {
				fprintf(stderr, "first difference: unit %s indicator %s: engine %s %.12g, sql %s %.12g\n",
					t.units[i / catalog_n()].code, catalog[i % catalog_n()].id,
					status_id((enum status)ea[i].status), ea[i].v[SEX_T],
					sa[i].status >= 0 ? status_id((enum status)sa[i].status) : "(none)",
					sa[i].v[SEX_T]);
				break;
			}
		}
	}
	printf("units=%zu indicators=%zu values=%zu targets=%zu engine_s=%.6f sql_s=%.6f "
	       "dataset_bytes=%zu bytes_per_value=%.2f answers=%zu value_mismatches=%zu "
	       "status_mismatches=%zu",
	       t.n, catalog_n(), ds.nvalues, ntg, median(te, runs_e), median(ts, runs_s),
	       dataset_bytes(&ds), ds.nvalues ? (double)dataset_bytes(&ds) / (double)ds.nvalues : 0,
	       n, bad_v, bad_s);
	for (i = 0; i < ST_COUNT; i++)
		printf(" %s=%d", status_id((enum status)i), hist[i]);
	printf("\n");
	free(ea);
	free(sa);
	free(tg);
	dataset_release(&ds);
	tree_release(&t);
	db_close(db);
	return bad_v || bad_s ? 3 : 0;
}


/* gemis-bench duckcmp DB YEAR FILE: the engine's answers against those
 * another system wrote to FILE (unit id, indicator, status, F, M, T; tab-
 * separated, empty for none), as rollup compares SQLite's. */
static int cmd_duckcmp(int argc, char **argv)
{
	struct db *db = NULL;
	struct errctx e = {0};
	struct tree t;
	struct dataset ds;
	struct target *tg = NULL;
	size_t ntg = 0, n, i, rows = 0, bad_v = 0, bad_s = 0;
	struct answer *ea, *oa;
	char line[512];
	FILE *f;
	int year;

	if (argc < 5)
		return 2;
	year = (int)strtol(argv[3], NULL, 10);
	tree_init(&t);
	if (store_open(argv[2], 0, &db, &e) || units_load_tree(db, &t, &e))
		return die("open", &e);
	dataset_init(&ds, &t);
	if (values_load(db, &t, &ds, &e) || plans_load_targets(db, &t, &tg, &ntg, &e))
		return die("load", &e);
	n = t.n * catalog_n();
	ea = calloc(n, sizeof(*ea));
	oa = calloc(n, sizeof(*oa));
	if (!ea || !oa)
		return die("memory", NULL);
	engine_answers(&t, &ds, tg, ntg, year, ea);
	for (i = 0; i < n; i++) {
		oa[i].status = -1;
		oa[i].v[0] = oa[i].v[1] = oa[i].v[2] = NAN;
	}
	f = fopen(argv[4], "r");
	if (!f)
		return die(argv[4], NULL);
	while (fgets(line, sizeof(line), f)) {
		char *col[6], *p = line;
		int k, u, ind;
		struct answer *a;

		line[strcspn(line, "\r\n")] = 0;
		for (k = 0; k < 6; k++) {
			col[k] = p;
			p = strchr(p, '\t');
			if (!p && k < 5)
				break;
			if (p)
				*p++ = 0;
		}
		if (k < 5)
			continue;
		u = tree_find_id(&t, strtoll(col[0], NULL, 10));
		ind = catalog_find(col[1]);
		if (u < 0 || ind < 0)
			continue;
		rows++;
		a = &oa[(size_t)u * catalog_n() + (size_t)ind];
		a->status = status_parse(col[2]);
		for (k = 0; k < 3; k++)
			a->v[k] = col[3 + k][0] ? strtod(col[3 + k], NULL) : NAN;
	}
	fclose(f);
	for (i = 0; i < n; i++) {
		int s;

		for (s = 0; s < SEX_SLOTS; s++) {
			if (!same(ea[i].v[s], oa[i].v[s]))
				bad_v++;
		}
		if (ea[i].status != oa[i].status)
			bad_s++;
	}
	printf("answers=%zu rows=%zu value_mismatches=%zu status_mismatches=%zu\n", n, rows, bad_v, bad_s);
	free(ea);
	free(oa);
	free(tg);
	dataset_release(&ds);
	tree_release(&t);
	db_close(db);
	return bad_v || bad_s ? 3 : 0;
}

/* ---- the small-cell audit ---- */

/* Times the suppression masks of the register indicators for one year over
 * the whole tree, from a fresh engine each run (the masks are remembered
 * per engine), as a server does once per snapshot. */
static int cmd_audit(int argc, char **argv)
{
	struct db *db = NULL;
	struct errctx e = {0};
	struct snapshot s;
	double t[15], t0;
	int year, runs = 3, r, k;
	size_t hidden = 0, i;

	if (argc < 4)
		return 2;
	year = (int)strtol(argv[3], NULL, 10);
	if (argc >= 5) {
		runs = (int)strtol(argv[4], NULL, 10);
		if (runs < 1 || runs > 15)
			runs = 3;
	}
	if (store_open(argv[2], 0, &db, &e) || snapshot_load(db, &s, &e))
		return die("open", &e);
	for (r = 0; r < runs; r++) {
		engine_release(&s.eng);
		if (engine_build(&s.eng, &s.tree, &s.ds, s.targets, s.ntargets))
			return die("engine", NULL);
		hidden = 0;
		t0 = now_s();
		for (k = 0; k < REGISTER_INDICATORS; k++) {
			unsigned char *mask = NULL;

			if (register_mask(&s.eng, year, register_indicator(k), &mask))
				return die("audit", NULL);
			for (i = 0; i < s.tree.n * REG_CELLS; i++)
				hidden += mask[i] != 0;
			free(mask);
		}
		t[r] = now_s() - t0;
	}
	printf("audit_s=%.6f cells=%zu hidden=%zu", median(t, runs),
	       s.tree.n * REG_CELLS * REGISTER_INDICATORS, hidden);
	/* The register as it will be: a few cases a year in most communes, so
	 * that small counts are everywhere (one indicator, made up). */
	{
		size_t n = s.tree.n * REG_CELLS, u;
		double *cells = malloc(n * sizeof(*cells));
		unsigned char *st = malloc(n);

		if (!cells || !st)
			return die("memory", NULL);
		for (u = s.tree.n; u-- > 0;) {
			double *c = &cells[u * REG_CELLS];
			int sex, part;

			for (i = 0; i < REG_CELLS; i++)
				c[i] = s.tree.units[u].first_child < 0 ? 0 : NAN;
			if (s.tree.units[u].first_child < 0) {
				for (sex = SEX_F; sex <= SEX_M; sex++) {
					double den = floor(h01(u, (uint64_t)sex, 31) * h01(u, 7, 32) * 14);
					double num = floor(den * h01(u, (uint64_t)sex, 33) + 0.5);

					c[REG_CELL(REG_DEN, sex)] = den;
					c[REG_CELL(REG_NUM, sex)] = num;
				}
			} else {
				/* a parent: the sums of its children */
				int ch;

				for (i = 0; i < REG_CELLS; i++)
					c[i] = 0;
				for (ch = s.tree.units[u].first_child; ch >= 0; ch = s.tree.units[ch].next_sibling) {
					for (sex = SEX_F; sex <= SEX_M; sex++) {
						for (part = REG_NUM; part <= REG_DEN; part += 2)
							c[REG_CELL(part, sex)] += cells[(size_t)ch * REG_CELLS + REG_CELL(part, sex)];
					}
				}
			}
			for (part = REG_NUM; part <= REG_DEN; part += 2)
				c[REG_CELL(part, SEX_T)] = c[REG_CELL(part, SEX_F)] + c[REG_CELL(part, SEX_M)];
			for (sex = SEX_F; sex <= SEX_T; sex++)
				c[REG_CELL(REG_REST, sex)] = c[REG_CELL(REG_DEN, sex)] - c[REG_CELL(REG_NUM, sex)];
		}
		for (r = 0; r < runs; r++) {
			t0 = now_s();
			if (register_suppress(&s.tree, cells, st))
				return die("audit", NULL);
			t[r] = now_s() - t0;
		}
		hidden = 0;
		for (i = 0; i < n; i++)
			hidden += st[i] != 0;
		printf(" small_s=%.6f small_cells=%zu small_hidden=%zu\n", median(t, runs), n, hidden);
		free(cells);
		free(st);
	}
	snapshot_release(&s);
	db_close(db);
	return 0;
}


/* ---- deadline day: saves and approvals against a running server ---- */

struct hconn {
	int fd;
	int port;
	char *buf;
	size_t cap;
};

static int hconn_open(struct hconn *c)
{
	struct sockaddr_in a;
	int one = 1;

	if (c->fd >= 0)
		return 0;
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (c->fd < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)c->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	return 0;
}

static void hconn_close(struct hconn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/* One request on a kept-alive connection; the body of the answer (NUL
 * terminated) in c->buf.  Returns the HTTP status, or -1. */
static int hreq_as(struct hconn *c, const char *method, const char *path, const char *token,
		   const char *ctype, const char *body)
{
	char head[1024];
	size_t len = 0, blen = body ? strlen(body) : 0, hl, want;
	int n, status = -1, tries;
	char *end, *cl;

	for (tries = 0; tries < 2; tries++) {
		if (hconn_open(c))
			return -1;
		n = snprintf(head, sizeof(head),
			     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
			     "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
			     method, path, token, ctype, blen);
		if (write(c->fd, head, (size_t)n) != n || (blen && write(c->fd, body, blen) != (ssize_t)blen)) {
			hconn_close(c);
			continue;
		}
		len = 0;
		for (;;) {
			ssize_t r;

			if (c->cap - len < 65536) {
				c->cap = c->cap ? c->cap * 2 : 262144;
				c->buf = realloc(c->buf, c->cap);
				if (!c->buf)
					return -1;
			}
			r = read(c->fd, c->buf + len, c->cap - len - 1);
			if (r <= 0)
				break;
			len += (size_t)r;
			c->buf[len] = 0;
			end = strstr(c->buf, "\r\n\r\n");
			if (!end)
				continue;
			hl = (size_t)(end + 4 - c->buf);
			cl = strcasestr(c->buf, "\r\nContent-Length:");
			want = cl && cl < end ? (size_t)strtoul(cl + 17, NULL, 10) : 0;
			if (len >= hl + want) {
				status = (int)strtol(c->buf + 9, NULL, 10);
				memmove(c->buf, c->buf + hl, want);
				c->buf[want] = 0;
				return status;
			}
		}
		hconn_close(c);
		if (len > 0)
			break; /* an answer cut short is not retried */
	}
	return status;
}

static int hreq(struct hconn *c, const char *method, const char *path, const char *token,
		const char *body)
{
	return hreq_as(c, method, path, token, "application/json", body);
}

static double dl_now_ms(void)
{
	return now_s() * 1000;
}

static void sleep_until_ms(double t)
{
	double d = t - dl_now_ms();

	if (d > 0) {
		struct timespec ts = {(time_t)(d / 1000), (long)(fmod(d, 1000) * 1e6)};

		nanosleep(&ts, NULL);
	}
}

struct lat {
	double *v;
	size_t n, cap;
	pthread_mutex_t mu;
};

static void lat_add(struct lat *l, double ms)
{
	pthread_mutex_lock(&l->mu);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
	}
	if (l->v)
		l->v[l->n++] = ms;
	pthread_mutex_unlock(&l->mu);
}

static double lat_pct(struct lat *l, double p)
{
	size_t i;

	if (!l->n)
		return NAN;
	qsort(l->v, l->n, sizeof(*l->v), dbl_cmp);
	i = (size_t)ceil(p / 100 * (double)l->n);
	return l->v[i ? i - 1 : 0];
}

struct dl {
	int port;
	const char *token, *prov;
	char **savers, **approvers; /* commune codes */
	size_t nsavers, napprovers;
	double rate, seconds, t0;
	int threads;
	struct lat save, visible, approve;
	long errors;
	pthread_mutex_t mu;
};

struct saver_arg {
	struct dl *d;
	int k;
};

/* The form's version after an answer, or -1. */
static long long answer_version(const char *body)
{
	json_t *o = json_loads(body, 0, NULL);
	long long v = -1;

	if (o && json_is_integer(json_object_get(o, "version")))
		v = (long long)json_integer_value(json_object_get(o, "version"));
	json_decref(o);
	return v;
}

static void *saver(void *arg)
{
	struct saver_arg *a = arg;
	struct dl *d = a->d;
	struct hconn c = {-1, d->port, NULL, 0};
	long long *ver = calloc(d->nsavers, sizeof(*ver));
	double gap = 1000.0 * d->threads / d->rate, t = d->t0 + gap * a->k / d->threads;
	size_t i = (size_t)a->k;

	/* open loop: saves are due at fixed times, and a save's time runs
	 * from when it was due, so that a stall shows in full */
	while (ver && t < d->t0 + d->seconds * 1000) {
		char path[128], body[512];
		size_t f = i % d->nsavers;
		int st;

		snprintf(path, sizeof(path), "/api/v1/submissions/%s/vhxh/2026", d->savers[f]);
		if (ver[f] <= 0) {
			/* an agency opens its form before saving it */
			hreq(&c, "GET", path, d->token, NULL);
			ver[f] = answer_version(c.buf);
		}
		sleep_until_ms(t);
		snprintf(body, sizeof(body),
			 "{\"action\": \"save\", \"version\": %lld, \"values\": ["
			 "{\"indicator\": \"female_key_leaders\", \"part\": \"num\", \"sex\": \"T\", \"period\": \"2026\", \"value\": \"%zu\"},"
			 "{\"indicator\": \"female_key_leaders\", \"part\": \"den\", \"sex\": \"T\", \"period\": \"2026\", \"value\": \"20\"}]}",
			 ver[f], i % 20);
		st = hreq(&c, "POST", path, d->token, body);
		lat_add(&d->save, dl_now_ms() - t);
		if (getenv("GEMIS_BENCH_TRACE") && dl_now_ms() - t > 50)
			fprintf(stderr, "gemis-bench: slow save %.1f ms, due at +%.0f ms, %s\n", dl_now_ms() - t,
				t - d->t0, path);
		if (st == 200) {
			ver[f] = answer_version(c.buf);
		} else {
			pthread_mutex_lock(&d->mu);
			if (d->errors++ < 3)
				fprintf(stderr, "gemis-bench: save %s: %d %s\n", path, st, st > 0 ? c.buf : "");
			pthread_mutex_unlock(&d->mu);
			ver[f] = 0;
			hreq(&c, "GET", path, d->token, NULL);
			ver[f] = answer_version(c.buf);
		}
		i += (size_t)d->threads;
		t += gap;
	}
	free(ver);
	free(c.buf);
	hconn_close(&c);
	return NULL;
}

/* The numerator and denominator of female_wage_workers in a unit's
 * progress; false when not there. */
static bool dl_parts(struct hconn *c, const char *token, const char *unit, double *num, double *den)
{
	char path[128];
	json_t *o, *x;
	size_t i;

	*num = *den = NAN;
	snprintf(path, sizeof(path), "/api/v1/progress?unit=%s&year=2026", unit);
	if (hreq(c, "GET", path, token, NULL) != 200)
		return false;
	o = json_loads(c->buf, 0, NULL);
	json_array_foreach(json_object_get(o, "indicators"), i, x) {
		const char *id = json_string_value(json_object_get(x, "indicator"));

		if (id && strcmp(id, "female_wage_workers") == 0 &&
		    json_is_number(json_object_get(x, "numerator"))) {
			*num = json_number_value(json_object_get(x, "numerator"));
			*den = json_number_value(json_object_get(x, "denominator"));
		}
	}
	json_decref(o);
	return !isnan(*num) && !isnan(*den);
}

static int dl_act(struct dl *d, struct hconn *c, const char *path, const char *action,
		  long long *ver, const char *values)
{
	char body[1024];
	int st;

	/* a form is submitted only with its narrative (migration 0200) */
	snprintf(body, sizeof(body), "{\"action\": \"%s\", \"version\": %lld%s%s%s}", action, *ver,
		 values ? ", \"values\": " : "", values ? values : "",
		 values ? ", \"narrative\": \"The tasks were done.\"" : "");
	st = hreq(c, "POST", path, d->token, body);
	if (st == 200)
		*ver = answer_version(c->buf);
	else
		fprintf(stderr, "gemis-bench: %s %s: %d %s\n", action, path, st, st > 0 ? c->buf : "");
	return st == 200 ? 0 : -1;
}

/* Every 5 s: a form of a commune of the province saved with a new value,
 * submitted and approved; then the province's dashboard is read until it
 * shows the new sum. */
static void *approver(void *arg)
{
	struct dl *d = arg;
	struct hconn c = {-1, d->port, NULL, 0};
	double t = d->t0 + 1000;
	size_t i = 0;

	while (t < d->t0 + d->seconds * 1000) {
		const char *u = d->approvers[i % d->napprovers];
		char path[128], values[512];
		long long ver = 0;
		double before, own, pden, oden, ta, tv, target;
		int st;

		sleep_until_ms(t);
		snprintf(path, sizeof(path), "/api/v1/submissions/%s/vhxh/2026", u);
		st = hreq(&c, "GET", path, d->token, NULL);
		ver = st == 200 ? answer_version(c.buf) : 0;
		if (st == 200 && strstr(c.buf, "\"status\": \"approved\""))
			dl_act(d, &c, path, "reopen", &ver, NULL);
		if (!dl_parts(&c, d->token, d->prov, &before, &pden) || !dl_parts(&c, d->token, u, &own, &oden))
			break;
		/* one more (or fewer) woman in wage work, within the denominator;
		 * every field of the form filled, as a submission needs */
		target = own > 1 ? own - 1 : own + 1;
		snprintf(values, sizeof(values),
			 "[{\"indicator\": \"female_wage_workers\", \"part\": \"num\", \"sex\": \"T\", \"period\": \"2026\", \"value\": \"%.0f\"},"
			 "{\"indicator\": \"female_wage_workers\", \"part\": \"den\", \"sex\": \"T\", \"period\": \"2026\", \"value\": \"%.0f\"},"
			 "{\"indicator\": \"female_key_leaders\", \"part\": \"num\", \"sex\": \"T\", \"period\": \"2026\", \"value\": \"5\"},"
			 "{\"indicator\": \"female_key_leaders\", \"part\": \"den\", \"sex\": \"T\", \"period\": \"2026\", \"value\": \"20\"}]",
			 target, oden);
		if (dl_act(d, &c, path, "save", &ver, values) || dl_act(d, &c, path, "submit", &ver, values))
			break;
		ta = dl_now_ms();
		if (dl_act(d, &c, path, "approve", &ver, NULL))
			break;
		lat_add(&d->approve, dl_now_ms() - ta);
		for (;;) {
			double p, pd;

			dl_parts(&c, d->token, d->prov, &p, &pd);
			tv = dl_now_ms();
			if (p == before + (target - own) || tv - ta > 30000)
				break;
			sleep_until_ms(tv + 5);
		}
		lat_add(&d->visible, tv - ta);
		i++;
		t += 5000;
	}
	free(c.buf);
	hconn_close(&c);
	return NULL;
}

static char **read_codes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[64], **v = NULL;
	size_t cap = 0;

	*n = 0;
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0])
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = strdup(line);
	}
	if (f)
		fclose(f);
	return v;
}


static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* gemis-bench apply DB N: N changes of one commune's value each (through
 * values_import, as an approval writes them), each applied to the live
 * snapshot as a server does (store_changes_since() and snapshot_apply());
 * the CPU time of applying, median and p99, and the wall time. */
static int cmd_apply(int argc, char **argv)
{
	struct db *db = NULL;
	struct errctx e = {0};
	struct snapshot cur, next;
	struct lat cpu = {0}, wall = {0};
	unsigned char *touched;
	int runs, r, ind = catalog_find("female_wage_workers");
	long long v0, v1, av;

	if (argc < 4)
		return 2;
	runs = (int)strtol(argv[3], NULL, 10);
	pthread_mutex_init(&cpu.mu, NULL);
	pthread_mutex_init(&wall.mu, NULL);
	if (store_open(argv[2], 0, &db, &e) || snapshot_load(db, &cur, &e) || store_versions(db, &v0, &av, &e))
		return die("open", &e);
	touched = calloc(cur.tree.n, 1);
	for (r = 0; r < runs; r++) {
		/* a commune, anywhere in the country */
		int u = (int)(h01((uint64_t)r, 5, 6) * (double)cur.tree.n);
		struct value_row row = {0};
		struct diags d;
		struct values_result res;
		long long *ids = NULL;
		size_t n = 0;
		bool all = false, masks = false;
		double c0, w0;

		while (cur.tree.units[u].first_child >= 0)
			u = cur.tree.units[u].first_child;
		row.unit = u;
		row.period = period_year_code(2026);
		row.ind = ind;
		row.part = PART_NUM;
		row.sex = SEX_T;
		row.value = floor(engine_part(&cur.eng, 2026, u, ind, PART_DEN, SEX_T) * h01((uint64_t)r, (uint64_t)getpid(), 8));
		diags_init(&d, 5);
		if (values_import(db, &cur.tree, &row, 1, "bench", "bench", 0, &d, &res, NULL, NULL, &e) ||
		    store_versions(db, &v1, &av, &e))
			return die("import", &e);
		diags_release(&d);
		w0 = now_s();
		c0 = cpu_s();
		memset(touched, 0, cur.tree.n);
		if (store_changes_since(db, v0, v1, &ids, &n, &all, &e) || all ||
		    snapshot_apply(db, &cur, ids, n, &next, touched, &masks, &e))
			return die("apply", &e);
		lat_add(&cpu, (cpu_s() - c0) * 1000);
		lat_add(&wall, (now_s() - w0) * 1000);
		free(ids);
		snapshot_release(&cur);
		cur = next;
		v0 = v1;
	}
	printf("changes=%d apply_cpu_p50_ms=%.2f apply_cpu_p99_ms=%.2f apply_wall_p50_ms=%.2f apply_wall_p99_ms=%.2f\n",
	       runs, lat_pct(&cpu, 50), lat_pct(&cpu, 99), lat_pct(&wall, 50), lat_pct(&wall, 99));
	free(touched);
	snapshot_release(&cur);
	db_close(db);
	return 0;
}

/* gemis-bench deadline PORT TOKEN PROVINCE SAVERS APPROVERS RATE SECONDS */
static int cmd_deadline(int argc, char **argv)
{
	struct dl d;
	pthread_t th[8], ap;
	struct saver_arg sa[8];
	int k;

	if (argc < 9)
		return 2;
	memset(&d, 0, sizeof(d));
	d.port = (int)strtol(argv[2], NULL, 10);
	d.token = argv[3];
	d.prov = argv[4];
	d.savers = read_codes(argv[5], &d.nsavers);
	d.approvers = read_codes(argv[6], &d.napprovers);
	d.rate = strtod(argv[7], NULL);
	d.seconds = strtod(argv[8], NULL);
	d.threads = d.rate >= 40 ? 8 : 4;
	if (!d.nsavers || !d.napprovers || d.rate <= 0)
		return die("deadline: no forms", NULL);
	pthread_mutex_init(&d.mu, NULL);
	pthread_mutex_init(&d.save.mu, NULL);
	pthread_mutex_init(&d.visible.mu, NULL);
	pthread_mutex_init(&d.approve.mu, NULL);
	d.t0 = dl_now_ms() + 100;
	for (k = 0; k < d.threads; k++) {
		sa[k].d = &d;
		sa[k].k = k;
		pthread_create(&th[k], NULL, saver, &sa[k]);
	}
	pthread_create(&ap, NULL, approver, &d);
	for (k = 0; k < d.threads; k++)
		pthread_join(th[k], NULL);
	pthread_join(ap, NULL);
	printf("saves=%zu save_errors=%ld save_p50_ms=%.1f save_p99_ms=%.1f approvals=%zu "
	       "approve_p99_ms=%.1f visible_p50_ms=%.1f visible_p99_ms=%.1f visible_max_ms=%.1f\n",
	       d.save.n, d.errors, lat_pct(&d.save, 50), lat_pct(&d.save, 99), d.visible.n,
	       lat_pct(&d.approve, 99), lat_pct(&d.visible, 50), lat_pct(&d.visible, 99),
	       lat_pct(&d.visible, 100));
	return d.visible.n ? 0 : 1;
}

/* gemis-bench churn PORT TOKEN SAVERS N: N uploads of one value each
 * through POST /api/v1/values, each a change of the data (for the memory
 * line: the server's resident memory after 10 and after 1,000 changes). */
static int cmd_churn(int argc, char **argv)
{
	struct hconn c = {-1, 0, NULL, 0};
	char **codes, body[256];
	size_t n, i, want;
	int st;

	if (argc < 6)
		return 2;
	c.port = (int)strtol(argv[2], NULL, 10);
	codes = read_codes(argv[4], &n);
	want = (size_t)strtoul(argv[5], NULL, 10);
	for (i = 0; i < want && n; i++) {
		snprintf(body, sizeof(body), "unit,period,indicator,part,sex,value\n%s,2026,unpaid_care_ratio,value,T,%zu.5\n",
			 codes[i % n], 1 + i % 3);
		st = hreq_as(&c, "POST", "/api/v1/values", argv[3], "text/csv", body);
		if (st != 200) {
			fprintf(stderr, "gemis-bench: upload: %d %s\n", st, st > 0 ? c.buf : "");
			return 1;
		}
	}
	printf("changes=%zu\n", i);
	return 0;
}

int main(int argc, char **argv)
{
	i18n_set_lang(LANG_EN);
	if (argc >= 2 && strcmp(argv[1], "csv") == 0)
		return cmd_csv(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "plans") == 0)
		return cmd_plans(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "rollup") == 0)
		return cmd_rollup(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "audit") == 0)
		return cmd_audit(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "rollup-sql") == 0) {
		fputs(rollup_text(), stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "duckcmp") == 0)
		return cmd_duckcmp(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "deadline") == 0)
		return cmd_deadline(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "churn") == 0)
		return cmd_churn(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "apply") == 0)
		return cmd_apply(argc, argv);
	fprintf(stderr, "usage: gemis-bench csv OUT.csv [FIRST LAST [CATALOG_DB]] | plans DB | rollup DB YEAR [RUNS] | audit DB YEAR [RUNS]\n");
	return 2;
}
