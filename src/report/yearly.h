/*
 * yearly.h: the yearly report on a unit's gender equality plan ("Báo cáo
 * kết quả thực hiện công tác bình đẳng giới năm Y"), which every commune
 * sends its province and every province the ministry.
 *
 * yearly_load() gathers what the report says, from the engine snapshot
 * (values, targets and statuses, exactly as `gemis progress` computes
 * them) and from the database (the plan in force, the comments agencies
 * gave on their figures, the forms on record for reporting completeness,
 * the tasks' results and the activity log: worklog.h; the budget lines:
 * store/budget.h; the inspections and their recommendations:
 * store/inspections.h; feedback and complaints, counted: store/complaints.h;
 * the drafts and their gender checks: store/drafts.h; the unit's own
 * indicators, its plans' targets outside the catalog, never summed into
 * a larger unit's report: store/local_indicators.h).
 * yearly_doc() turns that into a document of blocks in the current
 * language (doc.h) for HTML, DOCX and PDF; yearly_xlsx() writes the
 * workbook (one sheet per goal and a summary, with a native chart).
 */
#ifndef GEMIS_YEARLY_H
#define GEMIS_YEARLY_H

#include <stdbool.h>

#include "doc.h"
#include "planview.h"
#include "reporting.h"
#include "worklog.h"
#include "store/budget.h"
#include "store/complaints.h"
#include "store/drafts.h"
#include "store/inspections.h"
#include "store/local_indicators.h"
#include "store/snapshot.h"

struct yr_row {
	int ind;                  /* catalog index */
	int no;                   /* its number in the report, from 1 */
	double value, f, m;       /* the year's value, by sex; NaN when missing */
	double num, den;          /* summed parts (ratios), NaN when missing */
	const struct target *t;   /* borrowed from the snapshot, NULL for none */
	struct assessment a;
	unsigned reporting, of;   /* leaves reporting, for units with sub-units */
	int agency;               /* agency kind answering for it, -1 */
	/* a case-register indicator whose counts are hidden here: the value
	 * shows as "<5" (SUPP_PRIMARY) or "x" (SUPP_SECONDARY), the status as
	 * hidden; 0 when shown */
	unsigned char hidden;
};

struct yr_comment {
	int unit;                 /* tree index: the unit or one of its sub-units */
	int ind;
	const char *text;
};

struct yearly_opts {
	int date_y, date_m, date_d;  /* the date line; 0: left blank to fill in */
	const char *signer_name;     /* NULL: the plan's signer, else blank */
	const char *signer_title;    /* NULL: the plan's signer's title */
	long long now;               /* when reporting is judged (overdue forms) */
	long long created;           /* timestamp inside files; 0 for none */
	const char *narrative[4];    /* the officials' assessment (a chain
					report's sections, store/chainreports.h
					chain_sections' order), NULL each for
					none: in place of "to be completed" */
	bool action_month;           /* the Action Month's report instead
					(15/11 - 15/12: its theme, activities,
					people reached; DOCX, PDF, HTML) */
};

struct yearly {
	const struct snapshot *s; /* borrowed */
	int unit, year;
	struct yearly_opts o;
	struct arena mem;
	struct yr_row *rows;      /* indicators with a target or a value */
	size_t nrows;
	unsigned goal_counts[GOAL_COUNT][ST_COUNT];
	unsigned counts[ST_COUNT];
	struct plan_view *plans;  /* plans in force in the unit's subtree */
	size_t nplans;
	const struct plan_view *plan; /* the unit's own, or NULL */
	struct yr_comment *comments;
	size_t ncomments;
	struct rep_result rep;
	int *subs;                /* direct sub-units, tree order */
	size_t nsubs;
	unsigned char *substatus; /* [sub * nrows + row]: enum status */
	struct worklog work;      /* tasks, activities, the Action Month */
	struct budget_list budget; /* the budget lines of the year (store/budget.h) */
	struct inspection *insp;  /* the subtree's inspections (in mem) */
	size_t ninsp;
	struct insp_sum insp_sum; /* judged as reporting is (o.now) */
	struct cmp_sum cmp_sum;   /* the matters received in the year (o.now) */
	struct draft *drafts;     /* the subtree's drafts of the year (in mem) */
	size_t ndrafts;
	struct draft_sum drafts_sum;
	struct local_list local;  /* the unit's own indicators (its own only) */
	bool demo;
};

/* Gathers the report of `unit` for `year`.  The snapshot must outlive y. */
enum gemis_err yearly_load(struct db *db, const struct snapshot *s, int unit, int year,
			   const struct yearly_opts *o, struct yearly *y, struct errctx *e);
void yearly_release(struct yearly *y);

/* The share of sub-units achieved or on track for row r: counts by status
 * into counts[ST_COUNT]; returns judged sub-units (with a status other than
 * no target, no data and insufficient data). */
unsigned yearly_sub_counts(const struct yearly *y, size_t r, unsigned counts[ST_COUNT]);

/* The document, in the current language: the yearly report, or the Action
 * Month's when y->o.action_month. */
enum gemis_err yearly_doc(const struct yearly *y, struct doc *d);

/* For documents laid out as the yearly report (a review, review.h): the
 * header block and title (Decree 30's) of a report of y's unit; the
 * "Nơi nhận" and signature block; a unit's name inside a sentence ("xã
 * Bình Lư"). */
void yearly_doc_header(const struct yearly *y, struct doc *d, const char *title, const char *meta_title);
void yearly_doc_closing(const struct yearly *y, struct doc *d);
const char *yearly_doc_unit_name(struct doc *d, const struct unit *u);

/* The workbook, in the current language, written to path. */
enum gemis_err yearly_xlsx(const struct yearly *y, const char *path, struct errctx *e);

enum report_format {
	REPORT_HTML,
	REPORT_DOCX,
	REPORT_PDF,
	REPORT_XLSX,
};
/* "html", "docx", "pdf", "xlsx" -> format; -1 for anything else. */
int report_format_parse(const char *s);
const char *report_format_ext(enum report_format f);

/* Renders the report in format f to path (the Action Month's report has
 * no workbook: GEMIS_EINVAL for XLSX). */
enum gemis_err yearly_render(const struct yearly *y, enum report_format f, const char *path,
			     struct errctx *e);

/* Writes document d in format f (HTML, DOCX or PDF) to path. */
enum gemis_err report_doc_write(const struct doc *d, enum report_format f, const char *path, struct errctx *e);

/* Frees the fonts and caches that pango, cairo and fontconfig keep for the
 * whole process once a PDF or DOCX chart was drawn.  Call once before
 * exit, when no thread renders any more (leak checkers count them). */
void report_release_fonts(void);

/* Unix seconds to stamp files with: $SOURCE_DATE_EPOCH when set (for
 * reproducible output), else 0 (no timestamp). */
long long report_stamp(void);

#endif
