/*
 * plan_int.h: what the stages of the plan importer share (not for use
 * outside src/plan/).
 *
 * The stages run in order over one struct pdoc:
 *   structure.c  sections (purpose, goals, tasks, funding, implementation)
 *                and the goal each paragraph stands under;
 *   header.c     number, place and date, title, period, unit, province,
 *                signer, the documents the plan is based on;
 *   targets.c    the targets of the goals section;
 *   duties.c     agencies, assignments of indicators, the deadline;
 *   lint.c       the findings.
 * Strings in struct presult are borrowed from the document's arena.
 */
#ifndef GEMIS_PLAN_INT_H
#define GEMIS_PLAN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/catalog.h"
#include "core/indset.h"
#include "pdoc.h"
#include "vocab.h"

enum sect {
	SEC_PREAMBLE,
	SEC_PURPOSE,
	SEC_GOALS,
	SEC_TASKS,
	SEC_FUNDING,
	SEC_IMPL,
	SEC_OTHER,
	SEC_CLOSING, /* "Nơi nhận" and the signature */
};

struct ptarget {
	int ind;       /* catalog index, -1 for "custom" */
	int goal_kind; /* enum goal, -1 unknown */
	bool has_value;
	double value;
	const char *unit; /* NULL for qualitative */
	enum direction dir;
	int year;
	bool has_base;
	double base;
	int base_year; /* 0 when not given */
	const char *text;
	const char *group; /* the label of the list it stands in ("Nhóm chỉ tiêu
			    * về giáo dục:"), NULL none */
	long line;
	int goal_no; /* the goal's number in the plan, 0 unknown */
	int item_no; /* the indicator's number within its goal, 0 unknown */
	size_t para; /* index of its paragraph in the document */
	/* the population group the target is restricted to ("trẻ em ... dân
	 * tộc thiểu số": "ethnicity", "minority"; see target_group() in
	 * targets.c), static strings of the vocabulary; NULL when none */
	const char *breakdown, *category;
	bool aim; /* an aim stated without a measure ("từng bước nâng cao tỷ
		   * lệ nữ ..."): kept as text for the review and the lint,
		   * numbered like a target so that duties naming it resolve,
		   * but never a target (see targets.c) */
};

/* A target an amending plan repeals ("Bãi bỏ chỉ tiêu 2 ..."). */
struct prepeal {
	int ind;
	long line;
	const char *text;
};

struct pref {
	const char *number, *date, *issuer;
};

struct plint {
	const char *code;
	int ind;       /* catalog index of the indicator it is about, or -1 */
	long line;
	const char *msg;
};

#define PLAN_MAX_REFS 32
#define PLAN_MAX_TARGETS 200
#define PLAN_MAX_LINT 400
#define PLAN_MAX_AGENCIES 32
#define PLAN_MAX_REPEALED 32

struct presult {
	const char *number, *date, *place, *level, *unit_name, *unit_code, *province, *title;
	int from, to;
	const char *signer_name, *signer_title;
	struct pref refs[PLAN_MAX_REFS];
	size_t nrefs;
	/* an amending plan: the plan it amends, and what it repeals */
	const char *amends_number, *amends_date;
	struct prepeal repealed[PLAN_MAX_REPEALED];
	size_t nrepealed;
	struct ptarget t[PLAN_MAX_TARGETS]; /* targets and aims (.aim) */
	size_t nt;
	const char *agencies[PLAN_MAX_AGENCIES];
	size_t nag;
	bool assigns_any; /* the plan ties indicators to agencies somewhere */
	/* assigned[a * nind + i]: agency agencies[a] answers for catalog
	 * indicator i when non-zero; the number orders the assignments as the
	 * text gives them.  PLAN_MAX_AGENCIES * nind entries (plan_assigned(),
	 * plan_assign()); nind is the catalog's size. */
	int *assigned;
	size_t nind;
	int nassigned;
	bool has_deadline;
	int dl_day, dl_month, dl_year;
	const char *dl_to;
	long dl_line;
	struct plint lint[PLAN_MAX_LINT];
	size_t nlint;
};

/* The order of the assignment of indicator i to agencies[a], 0 when none
 * (and for an i outside the catalog). */
int plan_assigned(const struct presult *r, size_t a, int i);
/* Ties indicator i to agencies[ag] (nothing when it already is, or when i
 * is outside the catalog). */
void plan_assign(struct presult *r, int ag, int i);

void plan_structure(struct pdoc *d);
/* The goal (enum goal) that the words of t[0..n) name ("lĩnh vực y tế"), or -1. */
int goal_of_words(const struct tok *t, size_t n);
enum gemis_err plan_header(struct pdoc *d, struct presult *r);
enum gemis_err plan_amendment(struct pdoc *d, const struct vocab *v, struct presult *r);
enum gemis_err plan_targets(struct pdoc *d, const struct vocab *v, struct presult *r);
enum gemis_err plan_duties(struct pdoc *d, const struct vocab *v, struct presult *r);
/* The tasks (tasks.c): *out gets the JSON array of docs/plan-json.md's
 * "tasks"; findings go to r.  Runs after plan_duties(). */
enum gemis_err plan_tasks(struct pdoc *d, const struct vocab *v, struct presult *r, json_t **out);
enum gemis_err plan_lint(struct pdoc *d, const struct vocab *v, struct presult *r);

/* Adds a finding (message printf-formatted, copied to the arena). */
void plan_add_lint(struct pdoc *d, struct presult *r, const char *code, long line, const char *fmt,
		   ...) __attribute__((format(printf, 5, 6)));

/* The indicator t[a..b) words (data/plan/indicators.txt), the goal it
 * stands under (enum goal, -1 none) breaking ties; -1 when none fits. */
int plan_indicator_of(const struct vocab *v, const struct tok *t, size_t a, size_t b, int goal_kind);

/* The agency a phrase at t[i..) names, as an index into v->ag, or -1; only
 * names starting within the first `within` words count.  *end gets the
 * token after the name. */
int agency_at(const struct vocab *v, const struct tok *t, size_t from, size_t to, size_t within,
	      size_t *pos, size_t *end);

/* Index of the agency id in r->agencies, adding it; -1 when full or "all". */
int plan_agency_add(struct presult *r, const char *id);

/* A date at t[i..): "03/3/2021", "3 tháng 3 năm 2021", day or month
 * possibly blank.  Writes ISO ("2021-03-03", "2026-05", "2026") into out;
 * returns the index after it, or i when there is none. */
size_t plan_read_date(const struct tok *t, size_t i, size_t n, char *out, size_t outsz);

/* pdoc_line_fn for pdoc_build(): a line that starts with an agency's name
 * or "Ủy ban", "UBND", "Sở". */
bool plan_line_names_agency(struct arena *a, const char *s, size_t len);

/* Looks up a unit in the embedded administrative list (units.tsv).
 * level: "commune", "ward", "special_zone" or NULL for any of them;
 * province: a province's short name or NULL.  Returns the official code, or
 * NULL when no unit or several units match. */
const char *units_lookup(const char *folded_name, const char *province, const char **name,
			 const char **level);
/* True when a commune, ward or special zone has that folded short name. */
bool units_has_name(const char *folded_name);
/* The province whose folded short name is folded_name: its short name, or NULL. */
const char *units_province(const char *folded_name);
/* The official code of the province with that short name, or NULL. */
const char *units_province_code(const char *name);

#endif
