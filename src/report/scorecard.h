/*
 * scorecard.h: the agencies' scorecard of a year (core/scorecard.h for
 * the rules of a score), from what the yearly report gathers
 * (report/yearly.h): a commune's agencies, each with its forms of the year
 * (the reporting computation), the tasks it leads (their results), the
 * indicators it answers for (their statuses) and the quarters in which it
 * logged activities; a province's (or the nation's) direct sub-units, each
 * with the same summed over its communes.  Ranked by score, the reasons of
 * each score kept beside it.  The rules are those in force for the unit
 * and year (store/scorecard.h).
 */
#ifndef GEMIS_REPORT_SCORECARD_H
#define GEMIS_REPORT_SCORECARD_H

#include <jansson.h>

#include "core/scorecard.h"
#include "store/db.h"
#include "store/snapshot.h"
#include "util/buf.h"

struct sc_row {
	int agency;          /* a commune's agency kind index, or -1 */
	int unit;            /* an area's sub-unit (tree index), or -1 */
	struct sc_input in;
	struct sc_score s;
	int rank;            /* from 1; equal scores share a rank; 0 without a score */
};

struct scorecard {
	int unit, year;
	struct sc_rules rules;
	struct sc_row *rows;  /* best first, those without a score last */
	size_t n;
};

/* Computes the scorecard of `unit` for `year` as judged at `now`. */
enum gemis_err scorecard_load(struct db *db, const struct snapshot *s, int unit, int year, long long now,
			      struct scorecard *out, struct errctx *e);
void scorecard_release(struct scorecard *sc);

/* Why a row has its score, in the current language: "forms on time 1/1;
 * tasks done 0/2; ..." with the criteria that do not apply said so. */
void scorecard_reasons(const struct sc_row *r, struct buf *out);

/* A row's name for people: its agency's, or its sub-unit's. */
const char *scorecard_row_name(const struct tree *t, const struct sc_row *r);

/* The scorecard as a workbook for the emulation council (scorecard_xlsx.c):
 * ranked, the rules and their version, each criterion's part, whole and
 * points as numbers, the reasons in words; in the current language. */
enum gemis_err scorecard_xlsx(const struct tree *t, const struct scorecard *sc, const char *path, struct errctx *e);

/* {"unit", "year", "rules": {"origin", "version", "weights": {criterion:
 * weight}}, "rows": [{"agency" or null, "unit" or null, "name", "score"
 * (null: none applies), "rank", "criteria": {criterion: {"part", "whole",
 * "points" (null: does not apply)}}}]}: the API's and the CLI's. */
json_t *scorecard_json(const struct tree *t, const struct scorecard *sc);

#endif
