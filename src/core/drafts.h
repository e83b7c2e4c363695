/*
 * drafts.h: the gender check of a commune's draft legal documents and
 * policies, as rules.  Pure (no clock, no I/O): store/drafts.c keeps the
 * drafts and their checks, the pages, the API and the command line check
 * against these.
 *
 * The Law on Gender Equality 2006 (art. 21-22) has the agency drafting a
 * legal document mainstream gender in it: name the gender issue and the
 * measures that address it, forecast the document's impact on women and
 * on men, say who is responsible and with what resources.  In gemis a
 * draft (a decision, a plan... of the commune: its number, title, day and
 * drafting agency) carries a checklist of questions, filled in by the
 * drafting agency and reviewed by the Culture and Social Affairs Office
 * along core/workflow.h's wf_draft; once the committee issues the
 * document, its number and day are kept with the check as it stood.
 *
 * The questions are data (table gender_check_questions, versioned, in
 * Vietnamese and English: docs/drafts.md); struct gc_checklist is one
 * version of them as the store read it.
 */
#ifndef GEMIS_DRAFTS_H
#define GEMIS_DRAFTS_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "validate.h"

/* What kind of document is drafted. */
enum draft_kind { DK_DECISION, DK_PLAN, DK_RESOLUTION, DK_OTHER };
#define DK_COUNT 4

const char *draft_kind_id(int k);   /* "decision", "plan", "resolution", "other"; "?" */
const char *draft_kind_name(int k); /* for people, current language */
int draft_kind_parse(const char *s); /* -1 if unknown */

/* Limits of the fields. */
#define DRAFT_NUMBER_MAX 60
#define DRAFT_TITLE_MAX 500
#define DRAFT_ANSWER_MAX 4000
#define DRAFT_REVIEW_MAX 4000

/* One question of the checklist. */
struct gc_question {
	const char *id;       /* "widens_gap": in forms, the API and the answers */
	bool yesno;           /* answered "yes" or "no", else in words */
	bool required;        /* needed before the check is submitted */
	const char *text_vi, *text_en;
	const char *source;   /* the article it comes from */
};

/* One version of the checklist, in its order. */
struct gc_checklist {
	int version;
	const struct gc_question *q;
	size_t n;
};

/* The question named id in c, or NULL. */
const struct gc_question *gc_find(const struct gc_checklist *c, const char *id);
/* Its text in the current language. */
const char *gc_text(const struct gc_question *q);

/* A draft as entered. */
struct draft_fields {
	int kind;               /* enum draft_kind, -1 when unknown */
	const char *number;     /* the draft's number or symbol; may be NULL or "" */
	const char *title;
	struct date drafted_on; /* the day of the draft; its year is the draft's */
	int agency;             /* drafting agency kind (core/catalog.h), -1 unknown */
};

/* Adds a problem to d for each field that does not hold, naming it: an
 * unknown kind or agency, a title missing, too long or not one line, a
 * number too long or not one line, the draft's day not a date, not of a
 * year gemis keeps, or after `today`. */
void draft_check(const struct draft_fields *x, struct date today, struct diags *d);

/* An answer to question `question`. */
struct draft_answer {
	const char *question;
	const char *answer;
};

/* Problems of a set of answers against checklist c, each named
 * "answers.ID" (ID the question's id): a question c does not have, one
 * answered twice, an answer too long, a yes/no question answered other
 * than "yes" or "no"; when submit, also each required question without an
 * answer ("" counts as none). */
void draft_answers_check(const struct gc_checklist *c, const struct draft_answer *a, size_t n, bool submit,
			 struct diags *d);

/* Problems of the document's issue: its number missing, too long or not
 * one line ("issued_no"); its day not a date, before the draft's day or
 * after `today` ("issued_on"). */
void draft_issue_check(const char *issued_no, struct date issued_on, struct date drafted_on, struct date today,
		       struct diags *d);

#endif
