/*
 * review.h: the mid-term and final reviews of a unit's gender equality
 * plan ("Báo cáo sơ kết", 2028; "Báo cáo tổng kết", 2030), which plans
 * order with commendations.  A review covers the whole period from the
 * plan's baseline year to the review year:
 *   - each indicator's value year by year against its target and the path
 *     the target requires (core/assess.h's assess_required(): where a unit
 *     growing at the required rate would be), and its status each year;
 *   - the tasks' results year by year (worklog.h) and the budget year by
 *     year (store/budget.h: estimated, approved, spent);
 *   - the agencies' (for an area, the sub-units') scores each year
 *     (scorecard.h), the review year's with their reasons;
 *   - the parts the officials write (achievements, shortcomings, causes,
 *     lessons, proposals for commendation), left as sections to fill in.
 * A province's review rolls up its communes, as the yearly report does:
 * the engine's values are the area's, the tasks and budget its communes'
 * sums, the scorecard ranks its sub-units.
 *
 * The baseline year is the earliest baseline a target of the unit gives,
 * else the earliest year the unit has data for, else the year before the
 * strategy's period (2025).  The review year must lie in the period
 * 2026-2030 and not before the baseline (GEMIS_EINVAL, field "year").
 *
 * review_doc() lays it out as the yearly report is (Decree 30, doc.h);
 * review_xlsx() writes the workbook; review_render() chooses.
 */
#ifndef GEMIS_REVIEW_H
#define GEMIS_REVIEW_H

#include "scorecard.h"
#include "yearly.h"

enum review_kind {
	REVIEW_MIDTERM, /* sơ kết */
	REVIEW_FINAL,   /* tổng kết */
};

#define REVIEW_FIRST_YEAR 2026 /* the strategy's period */
#define REVIEW_LAST_YEAR 2030
#define REVIEW_YEARS_MAX 12    /* baseline .. review year */

/* "midterm", "final" -> kind; -1 for anything else. */
int review_kind_parse(const char *s);
const char *review_kind_id(enum review_kind k);
/* The year a review is held by default: 2028, 2030. */
int review_default_year(enum review_kind k);

struct rv_row {
	int ind;                         /* catalog index */
	int no;                          /* its number in the review, from 1 */
	const struct target *t;          /* borrowed from the snapshot, NULL */
	double target;                   /* the value judged against, NaN none */
	int base_year;                   /* the required path's start, 0 none */
	double base_value;
	double v[REVIEW_YEARS_MAX];      /* year from+i; NaN missing or hidden */
	double req[REVIEW_YEARS_MAX];    /* the required path, NaN outside it */
	unsigned char st[REVIEW_YEARS_MAX]; /* enum status as of each year */
	bool hidden;                     /* a register count hidden some year */
};

struct rv_year {
	int year;
	struct wl_sum tasks;             /* the tasks' results of the year */
	struct budget_sum budget;        /* the budget lines of the year */
	unsigned counts[ST_COUNT];       /* the rows' statuses as of the year */
};

struct rv_score {
	int agency, unit;                /* as struct sc_row */
	double score[REVIEW_YEARS_MAX];  /* NaN when none applies or the
					    year is before the plans' */
};

struct review {
	enum review_kind kind;
	int from, to;                    /* baseline year .. review year */
	int nyears;
	int plan_from;                   /* the first year of the plans in
					    force (their period), from..to:
					    tasks and scores start there */
	struct yearly y;                 /* the review year's report: header,
					    plan, signer, sub-units */
	struct rv_row *rows;
	size_t nrows;
	struct rv_year years[REVIEW_YEARS_MAX];
	struct budget_list budget;       /* every year's lines */
	struct budget_totals btot;       /* the period's sums by source and goal */
	struct budget_sum *bsrc;
	struct scorecard sc;             /* the review year's */
	struct rv_score *scores;         /* each row of sc, by year */
	size_t nscores;
};

/* Gathers the review of `unit` held in `year` (0: the kind's default). */
enum gemis_err review_load(struct db *db, const struct snapshot *s, int unit, enum review_kind kind, int year,
			   const struct yearly_opts *o, struct review *rv, struct errctx *e);
void review_release(struct review *rv);

/* The figures as JSON (GET /api/v1/review): {"unit", "kind", "from", "to",
 * "plan_from", "indicators": [{"no", "indicator", "target", "target_year",
 * "base_year", "base_value", "years": [{"year", "value", "required",
 * "status"}]}], "years": [{"year", "statuses": {status: count}, "tasks"
 * (null before the plans), "budget": {"lines", "estimated", "approved",
 * "spent", "overspent"}}], "rules": {"origin", "version"}, "scores":
 * [{"agency", "unit", "name", "rank", "years": [{"year", "score"}]}]};
 * numbers null where there are none. */
json_t *review_json(const struct review *rv);

/* The document and the workbook, in the current language. */
enum gemis_err review_doc(const struct review *rv, struct doc *d);
enum gemis_err review_xlsx(const struct review *rv, const char *path, struct errctx *e);
/* Renders the review in format f to path. */
enum gemis_err review_render(const struct review *rv, enum report_format f, const char *path, struct errctx *e);

#endif
