/*
 * chainreports.c: reading and writing chain_reports and their steps (see
 * chainreports.h).
 */
#include "chainreports.h"

#include <stdio.h>
#include <string.h>

#include "attachments.h"
#include "chainperiods.h"
#include "core/workflow.h"
#include "formats/attachment.h"
#include "store_int.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

/* A comment, like a form's, is at most this many bytes. */
#define CHAIN_COMMENT_MAX 4000

const struct chain_section chain_sections[CHAIN_SECTION_COUNT] = {
	{"results", N_("Results achieved")},
	{"shortcomings", N_("Shortcomings and limitations")},
	{"causes", N_("Causes")},
	{"proposals", N_("Proposals and recommendations")},
};

int chain_report_to(const struct tree *t, int unit)
{
	if (unit <= 0 || (size_t)unit >= t->n)
		return -1;
	return t->units[unit].parent;
}

enum gemis_err chain_period_of_report(struct db *db, const struct tree *t, int unit, int year,
				      struct chain_period *p, struct errctx *e)
{
	int to = chain_report_to(t, unit);

	if (to < 0) {
		chain_period_default(year, p);
		return GEMIS_OK;
	}
	return chain_period_get(db, t, to, year, p, e);
}

#define REPORT_COLS                                                                                  \
	"state, version, attachment_id, filename, generated, figures, first_submitted_at, submitted_at," \
	" submitted_by, comment, results, shortcomings, causes, proposals"

/* A row of REPORT_COLS from column c into out. */
static void read_row_at(struct db_stmt *st, int c, struct arena *mem, struct chain_report *out)
{
	const char *state = db_col_text(st, c);

	out->state = state ? wf_state_find(&wf_report, state) : 0;
	if (out->state < 0)
		out->state = 0;
	out->version = db_col_int(st, c + 1);
	out->attachment_id = db_col_null(st, c + 2) ? 0 : db_col_int(st, c + 2);
	out->filename = store_dup(mem, db_col_text(st, c + 3));
	out->generated = db_col_int(st, c + 4) != 0;
	out->figures = store_dup(mem, db_col_text(st, c + 5));
	out->first_submitted_at = db_col_null(st, c + 6) ? 0 : db_col_int(st, c + 6);
	out->submitted_at = db_col_null(st, c + 7) ? 0 : db_col_int(st, c + 7);
	out->submitted_by = store_dup(mem, db_col_text(st, c + 8));
	out->comment = store_dup(mem, db_col_text(st, c + 9));
	for (int i = 0; i < CHAIN_SECTION_COUNT; i++)
		out->sections[i] = store_dup(mem, db_col_text(st, c + 10 + i));
}

enum gemis_err chain_steps_read(struct db_stmt *st, struct arena *mem, struct chain_step **steps, size_t *n,
				struct errctx *e)
{
	size_t cap = 0;

	*steps = NULL;
	*n = 0;
	while (db_next(st)) {
		struct chain_step *s;

		if (*n == cap) {
			struct chain_step *grown;

			cap = cap ? cap * 2 : 8;
			grown = arena_alloc(mem, cap * sizeof(*grown));
			if (!grown) {
				db_finalize(st, NULL);
				return err_set(e, GEMIS_ENOMEM, "out of memory");
			}
			if (*n)
				memcpy(grown, *steps, *n * sizeof(*grown));
			*steps = grown;
		}
		s = &(*steps)[(*n)++];
		s->id = db_col_int(st, 0);
		s->action = store_dup(mem, db_col_text(st, 1));
		s->state = store_dup(mem, db_col_text(st, 2));
		s->comment = store_dup(mem, db_col_text(st, 3));
		s->attachment_id = db_col_null(st, 4) ? 0 : db_col_int(st, 4);
		s->filename = store_dup(mem, db_col_text(st, 5));
		s->by = store_dup(mem, db_col_text(st, 6));
		s->at = db_col_int(st, 7);
	}
	return db_finalize(st, e);
}

static enum gemis_err load_steps(struct db *db, long long unit_id, int year, struct arena *mem,
				 struct chain_report *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT " SQL_STEP_COLS " FROM chain_report_steps WHERE unit_id = ? AND year = ? ORDER BY id");
	if (err)
		return err;
	db_bindv(st, "ii", unit_id, (long long)year);
	return chain_steps_read(st, mem, &out->steps, &out->nsteps, e);
}

enum gemis_err chain_report_get(struct db *db, const struct tree *t, int unit, int year, struct arena *mem,
				struct chain_report *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	out->unit = unit;
	out->year = year;
	err = db_prepare(db, &st, e, "SELECT " REPORT_COLS " FROM chain_reports WHERE unit_id = ? AND year = ?");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[unit].id, (long long)year);
	if (db_next(st))
		read_row_at(st, 0, mem, out);
	err = db_finalize(st, e);
	if (!err && out->version > 0)
		err = load_steps(db, t->units[unit].id, year, mem, out, e);
	return err;
}

enum gemis_err chain_reports_to(struct db *db, const struct tree *t, int receiver, int year, struct arena *mem,
				struct chain_report **out, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct chain_report *rs;
	enum gemis_err err;
	size_t k = 0, i;
	int c;

	*out = NULL;
	*n = 0;
	for (c = t->units[receiver].first_child; c >= 0; c = t->units[c].next_sibling)
		k++;
	rs = arena_alloc(mem, (k ? k : 1) * sizeof(*rs));
	if (!rs)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	i = 0;
	for (c = t->units[receiver].first_child; c >= 0; c = t->units[c].next_sibling, i++) {
		rs[i].unit = c;
		rs[i].year = year;
	}
	err = db_prepare(db, &st, e,
			 "SELECT r.unit_id, " REPORT_COLS " FROM chain_reports r JOIN units u ON u.id = r.unit_id"
			 " WHERE u.parent_id = ? AND r.year = ?");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[receiver].id, (long long)year);
	while (db_next(st)) {
		long long id = db_col_int(st, 0);

		for (i = 0; i < k; i++) {
			if (t->units[rs[i].unit].id == id) {
				struct chain_report tmp;

				memset(&tmp, 0, sizeof(tmp));
				read_row_at(st, 1, mem, &tmp);
				tmp.unit = rs[i].unit;
				tmp.year = year;
				rs[i] = tmp;
				break;
			}
		}
	}
	err = db_finalize(st, e);
	if (err)
		return err;
	*out = rs;
	*n = k;
	return GEMIS_OK;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

/* The checks that need no database: the unit sends reports, who may take
 * the step, its comment and its file (kind into *kind). */
static enum gemis_err check_step(const struct tree *t, const struct principal *who, int unit,
				 const struct chain_step_in *in, enum att_kind *kind, struct errctx *e)
{
	const char *id = wf_action_id(&wf_report, in->action);
	enum gemis_err err;

	if (unit < 0 || (size_t)unit >= t->n || chain_report_to(t, unit) < 0)
		return err_set_at(e, GEMIS_EINVAL, "unit", "%s",
				  _("only a commune's, a ward's or a province's report goes up the chain"));
	if (in->action < 0 || (size_t)in->action >= wf_report.nactions)
		return err_set_at(e, GEMIS_EINVAL, "action", "%s", _("the action must be submit, return or accept"));
	err = wf_check_request(&wf_report, t, who, in->action, unit, -1, blank(in->comment) ? NULL : in->comment, e);
	if (err)
		return err;
	if (in->comment && text_chars(in->comment) > CHAIN_COMMENT_MAX)
		return err_set_at(e, GEMIS_EINVAL, "comment", _("the comment is longer than %d characters"),
				  CHAIN_COMMENT_MAX);
	for (int i = 0; i < CHAIN_SECTION_COUNT; i++) {
		if (in->sections[i] && text_chars(in->sections[i]) > CHAIN_SECTION_MAX)
			return err_set_at(e, GEMIS_EINVAL, chain_sections[i].id, _("%s: longer than %d characters"),
					  _(chain_sections[i].name), CHAIN_SECTION_MAX);
	}
	if (strcmp(id, "submit") != 0)
		return GEMIS_OK;
	if (!in->data || in->len == 0)
		return err_set_at(e, GEMIS_EINVAL, "file", "%s",
				  _("a report is submitted with its file: the generated DOCX or the signed PDF"));
	err = attachment_check(in->filename, in->data, in->len, kind, e);
	if (err) {
		char msg[sizeof(e->msg)];

		snprintf(msg, sizeof(msg), "%s", e->msg);
		return err_set_at(e, err, "file", "%s", msg);
	}
	if (*kind != ATT_PDF && *kind != ATT_DOCX)
		return err_set_at(e, GEMIS_EINVAL, "file", _("%s is a %s file: a report is a PDF or a DOCX"),
				  in->filename && *in->filename ? in->filename : "?", attachment_kind_id(*kind));
	return GEMIS_OK;
}

/* The report's state and version now, inside the transaction. */
static enum gemis_err current(struct db *db, long long unit_id, int year, int *state, long long *version,
			      struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*state = 0;
	*version = 0;
	err = db_prepare(db, &st, e, "SELECT state, version FROM chain_reports WHERE unit_id = ? AND year = ?");
	if (err)
		return err;
	db_bindv(st, "ii", unit_id, (long long)year);
	if (db_next(st)) {
		*state = wf_state_find(&wf_report, db_col_text(st, 0));
		*version = db_col_int(st, 1);
	}
	return db_finalize(st, e);
}

/* The narrative sections given, on save and submit. */
static enum gemis_err write_sections(struct db *db, long long unit_id, int year, const struct chain_step_in *in,
				     struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	char sql[128];

	for (int i = 0; !err && i < CHAIN_SECTION_COUNT; i++) {
		if (!in->sections[i])
			continue;
		/* the column's name is the table's, never the input's */
		snprintf(sql, sizeof(sql), "UPDATE chain_reports SET %s = ? WHERE unit_id = ? AND year = ?",
			 chain_sections[i].id);
		err = db_run(db, e, sql, "tii", blank(in->sections[i]) ? NULL : in->sections[i], unit_id,
			     (long long)year);
	}
	return err;
}

/* Writes the step: the report's row (inserted the first time) and its
 * history. */
static enum gemis_err write_step(struct db *db, long long unit_id, int year, const struct chain_step_in *in, int to,
				 long long version, long long att, const char *by, long long now, struct errctx *e)
{
	const char *state = wf_state_id(&wf_report, to), *action = wf_action_id(&wf_report, in->action);
	const char *comment = blank(in->comment) ? NULL : in->comment;
	const char *fname = in->filename && *in->filename ? in->filename : (in->generated ? "report.docx" : "report");
	enum gemis_err err;

	if (version == 0)
		err = db_run(db, e,
			     "INSERT INTO chain_reports (unit_id, year, state, version, updated_by, updated_at)"
			     " VALUES (?, ?, 'draft', 0, ?, ?)",
			     "iiti", unit_id, (long long)year, by, now);
	else
		err = GEMIS_OK;
	if (!err && att)
		err = db_run(db, e,
			     "UPDATE chain_reports SET attachment_id = ?, filename = ?, generated = ?, figures = ?,"
			     " first_submitted_at = COALESCE(first_submitted_at, ?), submitted_at = ?, submitted_by = ?,"
			     " comment = NULL WHERE unit_id = ? AND year = ?",
			     "ititiitii", att, fname, (long long)in->generated, in->figures, now, now, by, unit_id,
			     (long long)year);
	if (!err && strcmp(action, "return") == 0)
		err = db_run(db, e, "UPDATE chain_reports SET comment = ? WHERE unit_id = ? AND year = ?", "tii", comment,
			     unit_id, (long long)year);
	if (!err && (strcmp(action, "save") == 0 || strcmp(action, "submit") == 0))
		err = write_sections(db, unit_id, year, in, e);
	if (!err)
		err = db_run(db, e,
			     "UPDATE chain_reports SET state = ?, version = version + 1, updated_by = ?, updated_at = ?"
			     " WHERE unit_id = ? AND year = ?",
			     "ttiii", state, by, now, unit_id, (long long)year);
	if (!err && att)
		err = db_run(db, e,
			     "INSERT INTO chain_report_steps (unit_id, year, action, state, comment, attachment_id,"
			     " filename, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "iitttitti", unit_id, (long long)year, action, state, comment, att, fname, by, now);
	else if (!err)
		err = db_run(db, e,
			     "INSERT INTO chain_report_steps (unit_id, year, action, state, comment, by_name, at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?)",
			     "iitttti", unit_id, (long long)year, action, state, comment, by, now);
	return err;
}

enum gemis_err chain_report_act(struct db *db, const struct tree *t, const struct principal *who, int unit, int year,
				const struct chain_step_in *in, long long now, struct errctx *e)
{
	enum att_kind kind = ATT_PDF;
	long long unit_id, version, att = 0;
	enum gemis_err err;
	bool own_tx = !db->in_tx;
	int from, to;

	err = check_step(t, who, unit, in, &kind, e);
	if (err)
		return err;
	unit_id = t->units[unit].id;
	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			return err;
	}
	/* steps take turns from here on, so that the state read is still the
	 * state when the step is written */
	err = db_lock_table(db, "chain_reports", e);
	if (!err)
		err = current(db, unit_id, year, &from, &version, e);
	if (!err && from < 0)
		err = err_set(e, GEMIS_EDB, "unknown report state");
	if (!err && version != in->version)
		err = err_set(e, GEMIS_ECONFLICT, "%s",
			      _("this report changed since you opened it (someone else took a step): reload it"));
	if (!err)
		err = wf_check_state(&wf_report, from, in->action, &to, e);
	if (!err && in->data && strcmp(wf_action_id(&wf_report, in->action), "submit") == 0)
		err = attachment_put(db, kind, in->data, in->len, who->name, now, &att, e);
	if (!err)
		err = write_step(db, unit_id, year, in, to, version, att, who->name, now, e);
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	return err;
}

enum gemis_err chain_step_file(struct db *db, const struct tree *t, int unit, long long step, long long *att,
			       char *name, size_t nname, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool found = false;

	*att = 0;
	err = db_prepare(db, &st, e,
			 "SELECT attachment_id, filename FROM chain_report_steps WHERE id = ? AND unit_id = ?"
			 " AND attachment_id IS NOT NULL");
	if (err)
		return err;
	db_bindv(st, "ii", step, t->units[unit].id);
	if (db_next(st)) {
		found = true;
		*att = db_col_int(st, 0);
		snprintf(name, nname, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
	}
	err = db_finalize(st, e);
	if (!err && !found)
		err = err_set(e, GEMIS_ENOTFOUND, "%s", _("no such file"));
	return err;
}
