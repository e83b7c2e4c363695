/*
 * catalog.h: the indicator catalog of the National Strategy on Gender
 * Equality 2021-2030 and the local indicators commune plans add, and the
 * agency vocabulary of a commune or ward.
 *
 * The catalog is data compiled into the binary (catalog.c); the database
 * mirrors it in the `indicators` table so that SQL can join on it.  Every
 * fact here comes from docs/indicators.md, which cites its sources.
 *
 * How an indicator is computed from reported numbers:
 *   IND_RATIO  value = num / den * factor          (parts "num" and "den")
 *   IND_VALUE  value = the reported number          (part "value")
 * How it rolls up the administrative tree (space) and over sub-annual
 * periods into a year (time) is given per part; see engine.h.
 */
#ifndef GEMIS_CATALOG_H
#define GEMIS_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

enum goal {
	GOAL_POLITICS,
	GOAL_ECONOMY,
	GOAL_FAMILY,
	GOAL_HEALTH,
	GOAL_EDUCATION,
	GOAL_COMMUNICATION,
	GOAL_COUNT
};

enum polarity {
	POL_HIGHER, /* higher is better */
	POL_LOWER,  /* lower is better */
};

enum ind_kind {
	IND_RATIO, /* num / den * factor */
	IND_VALUE, /* a single reported value */
};

/* Roll-up over the administrative tree. */
enum space_agg {
	SPACE_SUM,  /* sum the parts of the children (every ratio, counts) */
	SPACE_MEAN, /* unweighted mean of the children's values (per-unit averages) */
	SPACE_NONE, /* not aggregated: each level reports its own figure (surveys) */
};

/* Aggregation of sub-annual periods (quarters, months) into a year, per part. */
enum time_agg {
	TIME_SUM,  /* flows: births, new students, cases detected */
	TIME_LAST, /* stocks: the latest sub-period's figure */
	TIME_MEAN, /* per-period averages: items per quarter */
};

enum part {
	PART_NUM = 0,
	PART_DEN = 1,
	PART_VALUE = 0, /* IND_VALUE indicators use slot 0 */
};
#define PART_SLOTS 2

enum sex {
	SEX_F = 0,
	SEX_M = 1,
	SEX_T = 2,
};
#define SEX_SLOTS 3

enum direction {
	DIR_AT_LEAST,
	DIR_AT_MOST,
	DIR_ACHIEVE, /* qualitative: done or maintained */
};

enum source {
	SRC_REPORTED, /* agencies report it */
	SRC_REGISTER, /* computed from the case register (may also be reported) */
};

struct indicator {
	const char *id;
	enum goal goal;
	const char *name_vi;
	const char *name_en;
	const char *unit; /* "%", "ratio", "boys_per_100_girls", ... (plan-json vocabulary) */
	enum polarity polarity;
	enum ind_kind kind;
	double factor;      /* 100, 1000, 100000, or 1 */
	bool by_sex;        /* reported by sex (F, M; T when unknown) */
	bool share;         /* num <= den must hold (percentages of a whole) */
	enum space_agg space;
	enum time_agg time[PART_SLOTS];
	const char *part_vi[PART_SLOTS]; /* what the parts count, for forms */
	const char *part_en[PART_SLOTS];
	bool local;            /* added by local plans, not in the national strategy */
	enum source source;
	/* National target for 2030, where the strategy gives one. */
	bool has_national;
	enum direction national_dir;
	double national_value; /* ignored for DIR_ACHIEVE */
	int national_year;
	/* The strategy's milestone for 2025 (same direction), where it gives one. */
	bool has_national_2025;
	double national_2025;
	/* An "achieve" target (done, maintained, every one) can be judged: the
	 * indicator's natural end is all of them, 100 % (the curriculum, a
	 * monthly programme, every facility).  On the others a target needs a
	 * value: "raise the share of women leaders" says nothing to judge. */
	bool end_state;
	/* A category series (issue 17): the indicator measured on one category
	 * of a breakdown ("primary_completion" among ethnic-minority pupils).
	 * It is an indicator of its own, reported, rolled up and judged like
	 * the others, and measures what its parent measures, on a part of its
	 * population; its agencies are its parent's.  NULL for the others. */
	const char *parent;    /* the parent's id */
	const char *breakdown; /* the breakdown's code: "ethnicity" */
	const char *category;  /* the category's code: "minority" */
	const char *category_vi, *category_en; /* its names, for headings */
	int parent_index;      /* catalog index of the parent, when parent */
	/* Its breakdown's categories need not cover everybody (age groups with
	 * a gap): the groups add up to at most the total, not to it. */
	bool group_partial;
	/* the parent's short name and the category's, for column heads */
	const char *series_short_vi, *series_short_en;
	/* A province's own indicator (issue 17): the code of the province it
	 * is owed, shown and reported in, that province and the units below
	 * it only.  NULL for a national one.  Its series share it. */
	const char *scope;
	/* The first year it is no longer reported, 0 while in force (issue
	 * 17, `gemis indicator retire`); the one field that changes after
	 * publication: read it with catalog_retired_from(). */
	int retired_from;
	/* An indicator computed from others (issue 17, core/formula.h): its
	 * text as written and its parsed form; NULL for a reported one.  It
	 * takes no value; the engine computes it after the roll-up. */
	const char *formula_text;
	const struct formula *formula;
	/* Its version (issue 17, `gemis indicator edit`): 1 as added, one
	 * more per edit; 0 in the compiled set, which is never edited. */
	int version;
};

/* The catalog: the indicators compiled in (the national strategy's, the
 * first catalog_builtin), then those added at run time (catalog_add()).
 * An entry never changes (but for retired_from, catalog_set_retired()) or
 * moves once published: the array may be copied
 * into a larger one, and the old stays readable for the process's life, so
 * a pointer to an entry stays valid (one into an older copy keeps the
 * retired_from of its time: a request's snapshot).  catalog_total only
 * grows. */
extern _Atomic(const struct indicator *) catalog;
extern _Atomic size_t catalog_total;
extern const size_t catalog_builtin;
/* Raised by catalog_edit() when an entry's cells change (its kind, so
 * its parts, or its sexes): layout_catalog() (layout.h) then builds the
 * layout again, for the datasets made from then on. */
extern _Atomic unsigned catalog_shape;

/* The entries this thread sees, 0 for all of them.  A server grows the
 * catalog while it answers (http/live.c): a request sees only the entries
 * of the snapshot it started with, whose arrays are sized for them, so that
 * a page that sizes an array by catalog_n() and loops to it later sees the
 * same number both times, and never an indicator its snapshot lacks. */
extern _Thread_local size_t catalog_pin;

/* The number of indicators this thread sees: every index below it is an
 * entry of catalog[]. */
static inline size_t catalog_n(void)
{
	size_t n = catalog_total;

	return catalog_pin && catalog_pin < n ? catalog_pin : n;
}

/* The most entries the catalog may hold: the store packs an indicator's
 * index (and its rank by id) into 16 bits of its keys (store/values_int.h),
 * which refuse a larger catalog. */
#define CATALOG_MAX 65536

/* Index of the indicator with that id (compared byte by byte, case
 * included), or -1 for NULL, an unknown id or one past catalog_n().  A hash look-up, safe from
 * any number of threads at once. */
int catalog_find(const char *id);
/* Checks an indicator to add: GEMIS_EINVAL naming the field that is
 * wrong, GEMIS_ECONFLICT when its id is taken, GEMIS_ELIMIT when the
 * catalog is full. */
enum gemis_err catalog_check(const struct indicator *ind, struct errctx *e);
/* Checks an edited indicator as catalog_check() checks one to add, but
 * for its id (it is in the catalog already) and the catalog's size. */
enum gemis_err catalog_check_edit(const struct indicator *ind, struct errctx *e);
/* Adds a checked indicator at the end of the catalog, its texts copied;
 * *index is its index.  Safe beside readers; adders are serialised. */
enum gemis_err catalog_add(const struct indicator *ind, int *index, struct errctx *e);
/* Builds catalog_find()'s table again for the entries now there (catalog_add()
 * calls it, under its lock); the old table stays readable.  Without memory
 * the look-ups walk the entries the old table lacks. */
void catalog_reindex(void);
/* True when ind is owed, shown and reported at unit (a tree index): a
 * national indicator everywhere, a province's own in that province and
 * below (never at the nation, nor where the province's code is no longer
 * in the tree). */
struct tree;
bool indicator_in_scope(const struct tree *t, const struct indicator *ind, int unit);
/* The most bytes of a scope's unit code. */
#define CATALOG_SCOPE_MAX 32
/* A code: 1 to 63 of a-z, 0-9 and '_', starting with a letter (an
 * indicator's id, a breakdown's, a category's). */
bool catalog_code_ok(const char *id);
/* A text shown to people: there, not blank, at most max bytes of UTF-8,
 * no control characters. */
#define CATALOG_NAME_MAX 400
bool catalog_text_ok(const char *s, size_t max);
/* The first year ind is no longer reported, 0 while in force: a series'
 * is its parent's (a series retires with it).  Safe beside
 * catalog_set_retired(). */
int catalog_retired_from(const struct indicator *ind);
/* Whether ind is retired in that year (year >= its retired_from). */
bool catalog_retired(const struct indicator *ind, int year);
/* Sets entry k's retired_from (0: in force again) in this process's
 * catalog, for the readers that look at the catalog from now on;
 * GEMIS_ENOMEM when the compiled set had to be copied and could not. */
enum gemis_err catalog_set_retired(int k, int year);
/* Replaces entry k's editable fields (names, parts, goal, polarity, kind,
 * factor, unit, by_sex, share, aggregations, national target, version)
 * by ind's, its texts copied, copy-on-write: a new array is published
 * with the new entry, the old one stays, so that a reader holding an
 * entry or the array keeps its snapshot; a series' short names follow
 * its parent's (edit the parent first).  GEMIS_EINVAL for a k out of the
 * catalog or in the compiled set, GEMIS_ENOMEM without memory. */
enum gemis_err catalog_edit(int k, const struct indicator *ind);
/* The index of parent's series on that category of that breakdown, or -1. */
int catalog_series(int parent, const char *breakdown, const char *category);
/* Marks every series whose parent is marked: an agency that owes an
 * indicator owes its series.  marked has catalog_n() entries. */
void catalog_mark_series(bool *marked);
/* "sum", "last", "mean"; time_agg_parse is -1 when unknown. */
const char *time_agg_id(enum time_agg t);
int time_agg_parse(const char *s);
const char *space_agg_id(enum space_agg a);
int space_agg_parse(const char *s);
/* "ratio", "value"; "higher", "lower"; -1 when unknown. */
int ind_kind_parse(const char *s);
int polarity_parse(const char *s);
/* The national target for a year: the 2030 target from 2030 on, the 2025
 * milestone up to 2025, the straight path between them in between (a
 * yearly plan for 2027 is held to 2027's point of the path, not to 2030's
 * target).  False when the strategy gives no value for that year. */
bool national_target_for(const struct indicator *ind, int year, enum direction *dir, double *value);
const char *goal_id(enum goal g);           /* "politics" ... */
int goal_parse(const char *s);              /* -1 if unknown */
const char *goal_name(enum goal g, int lang); /* lang: enum lang */
const char *indicator_name(const struct indicator *ind, int lang);
/* A short name for column heads and narrow screens ("Nữ thạc sĩ"); the
 * full name for an indicator without one. */
const char *indicator_short_name(const struct indicator *ind, int lang);
bool indicator_short_known(const struct indicator *ind);
/* The head of a sex's column in the current language: "Women"/"Men", or
 * "Girls"/"Boys" where the indicator counts children (pupils, births);
 * "Total" for SEX_T.  ind may be NULL (people). */
const char *indicator_sex_name(const struct indicator *ind, enum sex s);
const char *part_id(const struct indicator *ind, int part); /* "num", "den", "value" */
/* Parses "num", "den", "value" for that indicator; -1 if it does not take it. */
int part_parse(const struct indicator *ind, const char *s);
const char *sex_id(enum sex s);             /* "F", "M", "T" */
int sex_parse(const char *s);               /* -1 if unknown */
const char *direction_id(enum direction d); /* "at_least", "at_most", "achieve" */
int direction_parse(const char *s);         /* -1 if unknown */
/* Number of parts of an indicator (2 for ratios, 1 for values). */
int indicator_parts(const struct indicator *ind);
/* True when the indicator accepts reported values of sex s. */
bool indicator_takes_sex(const struct indicator *ind, enum sex s);
/* True for indicators counted per quarter ("items_per_quarter"): their
 * forms and templates have a row per quarter. */
bool indicator_per_quarter(const struct indicator *ind);

/* Agencies of a commune or ward (../reference/agencies.md). */
struct agency_kind {
	const char *id;
	const char *name_vi;
	const char *name_en;
};
extern const struct agency_kind agency_kinds[];
extern const size_t agency_kind_count;
int agency_find(const char *id);

/* Agencies of a province, when a province writes the plan
 * (../reference/agencies.md): its departments, and its communes as a
 * group.  The police and the Fatherland Front share the commune's ids. */
extern const struct agency_kind province_agency_kinds[];
extern const size_t province_agency_kind_count;
int province_agency_find(const char *id);
/* An agency id a plan may name: a commune's or ward's agencies, "all", and
 * for a province's plan (province true) its departments too. */
bool plan_agency_known(const char *id, bool province);

#endif
