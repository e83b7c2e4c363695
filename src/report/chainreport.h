/*
 * chainreport.h: a unit's yearly report made ready to go up the chain, and
 * sent (store/chainreports.h keeps it and its steps).
 *
 * A submission carries two things.  The file: the yearly report as gemis
 * writes it (DOCX, yearly.h) or the copy the chairperson signed (a PDF the
 * officer uploads).  The figures: every indicator of the report with its
 * value, by sex, its target and its status as the engine judges them at
 * that moment, and for a province how many of its communes' reports it
 * had received and accepted.  The figures are kept with the report, so
 * that what the province accepted stays what it was when values change.
 * The web page, the API and the command line all submit through here.
 */
#ifndef GEMIS_CHAINREPORT_H
#define GEMIS_CHAINREPORT_H

#include <stdbool.h>

#include "core/access.h"
#include "core/chainperiod.h"
#include "store/chainreports.h"
#include "store/snapshot.h"
#include "util/buf.h"

/* The figures of the report of unit for year as they stand, as a JSON
 * document (caller frees *json):
 *   {"unit", "year", "indicators": [{"indicator", "value", "female",
 *    "male", "target", "status", "data_year"}...],
 *    "sub_reports": {"expected", "submitted", "accepted", "late"}}
 * (sub_reports only for a unit that receives reports). */
enum gemis_err chain_figures(struct db *db, const struct snapshot *s, int unit, int year, char **json,
			     struct errctx *e);

/* The yearly report of unit for year as DOCX, in the current language,
 * into out, with the officials' narrative (CHAIN_SECTION_COUNT texts, or
 * NULL) as its last section. */
enum gemis_err chain_report_docx(struct db *db, const struct snapshot *s, int unit, int year, long long now,
				 const char *const *narrative, struct buf *out, struct errctx *e);

/* Submits the report of unit for year as who: with data[0..len) (a PDF or
 * DOCX named filename) when data is not NULL, else with the report as
 * gemis writes it (DOCX); the figures as they stand go with it.  version
 * is the one the person saw (0 before the first step).  sections, when
 * not NULL, holds CHAIN_SECTION_COUNT narrative sections written with it
 * (a NULL one stays as saved).  Errors as chain_report_act(). */
enum gemis_err chain_submit(struct db *db, const struct snapshot *s, const struct principal *who, int unit,
			    int year, long long version, const char *const *sections, const char *filename,
			    const void *data, size_t len, long long now, struct errctx *e);

/* Counts of the reports sent to receiver for year: expected (one a unit
 * below), submitted (waiting for review or accepted: core/workflow's
 * WF_SENT), accepted, and late (first sent after the receiver's deadline,
 * core/chainperiod.h). */
struct chain_counts {
	unsigned expected, submitted, accepted, late;
};
enum gemis_err chain_count(struct db *db, const struct tree *t, int receiver, int year, struct chain_counts *out,
			   struct errctx *e);

/* A report as JSON, for the API and `gemis chain status --json`:
 *   {"unit", "name", "year", "to", "state", "version", "submitted_at",
 *    "first_submitted_at", "submitted_by", "late", "file": {"step", "name",
 *    "generated"} or null, "comment", "narrative": {"results",
 *    "shortcomings", "causes", "proposals"} (each a text or null),
 *    "figures" (as submitted) or null,
 *    "steps": [{"id", "action", "state", "comment", "by", "at", "file"}]}
 * Times are Unix seconds (as the API's other answers), null for never;
 * `late` judges the first submission against p, the receiver's deadline,
 * null before it is sent. */
struct json_t;
struct json_t *chain_report_json(const struct tree *t, const struct chain_report *r, const struct chain_period *p);

/* One step of a history as JSON: {"id", "action", "state", "comment", "by",
 * "at", "file": {"name"} or null} (chain reports' and ad hoc answers'). */
struct json_t *chain_step_json(const struct chain_step *st);

#endif
