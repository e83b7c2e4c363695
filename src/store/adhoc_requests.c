/*
 * adhoc_requests.c: reading and writing ad hoc requests and their answers
 * (see adhoc_requests.h).
 */
#include "adhoc_requests.h"

#include <stdio.h>
#include <string.h>

#include "attachments.h"
#include "core/catalog.h"
#include "core/workflow.h"
#include "formats/attachment.h"
#include "store_int.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

#define COMMENT_MAX 4000

static bool blank(const char *s)
{
	if (!s)
		return true;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

/* --- requests ------------------------------------------------------------- */

enum gemis_err adhoc_request_create(struct db *db, const struct tree *t, const struct principal *who,
				    const struct adhoc_ask *a, struct date today, long long now, long long *id,
				    struct errctx *e)
{
	int ids[ADHOC_INDICATORS_MAX];
	char due[DATE_TEXT_LEN], list[ADHOC_INDICATORS_MAX * 64] = "";
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t n, i, at = 0;

	*id = 0;
	err = adhoc_check_ask(t, who, a, today, ids, &n, e);
	if (err)
		return err;
	for (i = 0; i < n && at < sizeof(list); i++)
		at += (size_t)snprintf(list + at, sizeof(list) - at, "%s%s", i ? "," : "", catalog[ids[i]].id);
	date_format_iso(a->due, due);
	err = db_prepare(db, &st, e,
			 "INSERT INTO adhoc_requests (unit_id, title, question, indicators, due, created_by, created_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bindv(st, "ittttti", t->units[a->unit].id, a->title, blank(a->question) ? NULL : a->question, list, due,
		 who->name, now);
	if (db_next(st))
		*id = db_col_int(st, 0);
	return db_finalize(st, e);
}

#define REQUEST_COLS "r.id, r.unit_id, r.title, r.question, r.indicators, r.due, r.created_by, r.created_at"

static void read_indicators(const char *list, struct adhoc_request *out)
{
	const char *p = list ? list : "";

	while (*p && out->nind < ADHOC_INDICATORS_MAX) {
		char id[64];
		size_t len = strcspn(p, ",");
		int k;

		if (len > 0 && len < sizeof(id)) {
			memcpy(id, p, len);
			id[len] = '\0';
			k = catalog_find(id);
			if (k >= 0)
				out->ind[out->nind++] = k;
		}
		p += len;
		if (*p == ',')
			p++;
	}
}

/* A row of REQUEST_COLS; false when its unit is not in the tree. */
static bool read_request(struct db_stmt *st, const struct tree *t, struct arena *mem, struct adhoc_request *out)
{
	const char *due = db_col_text(st, 5);

	memset(out, 0, sizeof(*out));
	out->id = db_col_int(st, 0);
	out->unit = tree_find_id(t, db_col_int(st, 1));
	out->title = store_dup(mem, db_col_text(st, 2));
	out->question = store_dup(mem, db_col_text(st, 3));
	read_indicators(db_col_text(st, 4), out);
	if (!due || !date_parse_iso(due, strlen(due), &out->due))
		out->due = (struct date){1970, 1, 1};
	out->created_by = store_dup(mem, db_col_text(st, 6));
	out->created_at = db_col_int(st, 7);
	return out->unit >= 0;
}

enum gemis_err adhoc_request_get(struct db *db, const struct tree *t, long long id, struct arena *mem,
				 struct adhoc_request *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool found = false;

	memset(out, 0, sizeof(*out));
	err = db_prepare(db, &st, e, "SELECT " REQUEST_COLS " FROM adhoc_requests r WHERE r.id = ?");
	if (err)
		return err;
	db_bindv(st, "i", id);
	if (db_next(st))
		found = read_request(st, t, mem, out);
	err = db_finalize(st, e);
	if (!err && !found)
		err = err_set(e, GEMIS_ENOTFOUND, "%s", _("no such request"));
	return err;
}

enum gemis_err adhoc_requests_list(struct db *db, const struct tree *t, int unit, bool sent, size_t limit,
				   struct arena *mem, struct adhoc_request **out, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	int from = sent ? unit : t->units[unit].parent;

	*out = NULL;
	*n = 0;
	if (from < 0 || limit == 0)
		return GEMIS_OK;
	*out = arena_alloc(mem, limit * sizeof(**out));
	if (!*out)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	err = db_prepare(db, &st, e,
			 "SELECT " REQUEST_COLS " FROM adhoc_requests r WHERE r.unit_id = ? ORDER BY r.due DESC, r.id DESC"
			 " LIMIT ?");
	if (err)
		return err;
	db_bindv(st, "ii", t->units[from].id, (long long)limit);
	while (db_next(st) && *n < limit) {
		if (read_request(st, t, mem, &(*out)[*n]))
			(*n)++;
	}
	return db_finalize(st, e);
}

bool adhoc_asks(const struct tree *t, const struct adhoc_request *r, int unit)
{
	return unit >= 0 && (size_t)unit < t->n && r->unit >= 0 && t->units[unit].parent == r->unit;
}

/* --- answers -------------------------------------------------------------- */

#define ANSWER_COLS                                                                                 \
	"state, version, answer, figures, attachment_id, filename, first_submitted_at, submitted_at," \
	" submitted_by, comment"

static void read_answer_at(struct db_stmt *st, int c, struct arena *mem, struct adhoc_answer *out)
{
	const char *state = db_col_text(st, c);

	out->state = state ? wf_state_find(&wf_report, state) : 0;
	if (out->state < 0)
		out->state = 0;
	out->version = db_col_int(st, c + 1);
	out->answer = store_dup(mem, db_col_text(st, c + 2));
	out->figures = store_dup(mem, db_col_text(st, c + 3));
	out->attachment_id = db_col_null(st, c + 4) ? 0 : db_col_int(st, c + 4);
	out->filename = store_dup(mem, db_col_text(st, c + 5));
	out->first_submitted_at = db_col_null(st, c + 6) ? 0 : db_col_int(st, c + 6);
	out->submitted_at = db_col_null(st, c + 7) ? 0 : db_col_int(st, c + 7);
	out->submitted_by = store_dup(mem, db_col_text(st, c + 8));
	out->comment = store_dup(mem, db_col_text(st, c + 9));
}

static enum gemis_err load_steps(struct db *db, long long req, long long unit_id, struct arena *mem,
				 struct adhoc_answer *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT " SQL_STEP_COLS " FROM adhoc_answer_steps WHERE request_id = ? AND unit_id = ? ORDER BY id");
	if (err)
		return err;
	db_bindv(st, "ii", req, unit_id);
	return chain_steps_read(st, mem, &out->steps, &out->nsteps, e);
}

enum gemis_err adhoc_answer_get(struct db *db, const struct tree *t, const struct adhoc_request *r, int unit,
				struct arena *mem, struct adhoc_answer *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	out->request_id = r->id;
	out->unit = unit;
	err = db_prepare(db, &st, e,
			 "SELECT " ANSWER_COLS " FROM adhoc_answers WHERE request_id = ? AND unit_id = ?");
	if (err)
		return err;
	db_bindv(st, "ii", r->id, t->units[unit].id);
	if (db_next(st))
		read_answer_at(st, 0, mem, out);
	err = db_finalize(st, e);
	if (!err && out->version > 0)
		err = load_steps(db, r->id, t->units[unit].id, mem, out, e);
	return err;
}

enum gemis_err adhoc_answers_list(struct db *db, const struct tree *t, const struct adhoc_request *r,
				  struct arena *mem, struct adhoc_answer **out, size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct adhoc_answer *as;
	enum gemis_err err;
	size_t k = 0, i;
	int c;

	*out = NULL;
	*n = 0;
	for (c = t->units[r->unit].first_child; c >= 0; c = t->units[c].next_sibling)
		k++;
	as = arena_alloc(mem, (k ? k : 1) * sizeof(*as));
	if (!as)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	memset(as, 0, (k ? k : 1) * sizeof(*as));
	i = 0;
	for (c = t->units[r->unit].first_child; c >= 0; c = t->units[c].next_sibling, i++) {
		as[i].request_id = r->id;
		as[i].unit = c;
	}
	err = db_prepare(db, &st, e, "SELECT unit_id, " ANSWER_COLS " FROM adhoc_answers WHERE request_id = ?");
	if (err)
		return err;
	db_bindv(st, "i", r->id);
	while (db_next(st)) {
		int u = tree_find_id(t, db_col_int(st, 0));

		for (i = 0; u >= 0 && i < k; i++) {
			if (as[i].unit == u) {
				read_answer_at(st, 1, mem, &as[i]);
				break;
			}
		}
	}
	err = db_finalize(st, e);
	if (err)
		return err;
	*out = as;
	*n = k;
	return GEMIS_OK;
}

/* The checks that need no database (the file's kind into *kind). */
static enum gemis_err check_step(const struct tree *t, const struct principal *who, const struct adhoc_request *r,
				 int unit, const struct adhoc_step_in *in, enum att_kind *kind, struct errctx *e)
{
	const char *id = wf_action_id(&wf_report, in->action);
	enum gemis_err err;

	if (in->action < 0 || (size_t)in->action >= wf_report.nactions)
		return err_set_at(e, GEMIS_EINVAL, "action", "%s", _("the action must be save, submit, return or accept"));
	err = wf_check_request(&wf_report, t, who, in->action, unit, -1, blank(in->comment) ? NULL : in->comment, e);
	if (err)
		return err;
	if (!adhoc_asks(t, r, unit))
		return err_set_at(e, GEMIS_EINVAL, "request", _("this request is not addressed to %s"), t->units[unit].name);
	if (in->comment && text_chars(in->comment) > COMMENT_MAX)
		return err_set_at(e, GEMIS_EINVAL, "comment", _("the comment is longer than %d characters"), COMMENT_MAX);
	if (in->answer && text_chars(in->answer) > ADHOC_TEXT_MAX)
		return err_set_at(e, GEMIS_EINVAL, "answer", _("the answer is longer than %d characters"), ADHOC_TEXT_MAX);
	if (strcmp(id, "submit") == 0 && blank(in->answer) && r->nind == 0)
		return err_set_at(e, GEMIS_EINVAL, "answer", "%s", _("write the answer to the question"));
	if (!in->data || in->len == 0 || (strcmp(id, "submit") != 0 && strcmp(id, "save") != 0))
		return GEMIS_OK;
	err = attachment_check(in->filename, in->data, in->len, kind, e);
	if (err) {
		char msg[sizeof(e->msg)];

		snprintf(msg, sizeof(msg), "%s", e->msg);
		return err_set_at(e, err, "file", "%s", msg);
	}
	return GEMIS_OK;
}

static enum gemis_err current(struct db *db, long long req, long long unit_id, int *state, long long *version,
			      struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*state = 0;
	*version = 0;
	err = db_prepare(db, &st, e, "SELECT state, version FROM adhoc_answers WHERE request_id = ? AND unit_id = ?");
	if (err)
		return err;
	db_bindv(st, "ii", req, unit_id);
	if (db_next(st)) {
		*state = wf_state_find(&wf_report, db_col_text(st, 0));
		*version = db_col_int(st, 1);
	}
	return db_finalize(st, e);
}

/* The answer's row: its text and file on save and submit, the figures
 * and times on submit, the comment on return. */
static enum gemis_err write_row(struct db *db, long long req, long long unit_id, const struct adhoc_step_in *in,
				long long version, long long att, const char *by, long long now, struct errctx *e)
{
	const char *action = wf_action_id(&wf_report, in->action);
	bool writes = strcmp(action, "save") == 0 || strcmp(action, "submit") == 0;
	enum gemis_err err = GEMIS_OK;

	if (version == 0)
		err = db_run(db, e,
			     "INSERT INTO adhoc_answers (request_id, unit_id, state, version, updated_by, updated_at)"
			     " VALUES (?, ?, 'draft', 0, ?, ?)",
			     "iiti", req, unit_id, by, now);
	if (!err && writes)
		err = db_run(db, e, "UPDATE adhoc_answers SET answer = ? WHERE request_id = ? AND unit_id = ?", "tii",
			     blank(in->answer) ? NULL : in->answer, req, unit_id);
	if (!err && att)
		err = db_run(db, e,
			     "UPDATE adhoc_answers SET attachment_id = ?, filename = ? WHERE request_id = ? AND unit_id = ?",
			     "itii", att, in->filename && *in->filename ? in->filename : "file", req, unit_id);
	if (!err && strcmp(action, "submit") == 0)
		err = db_run(db, e,
			     "UPDATE adhoc_answers SET figures = ?, first_submitted_at = COALESCE(first_submitted_at, ?),"
			     " submitted_at = ?, submitted_by = ?, comment = NULL WHERE request_id = ? AND unit_id = ?",
			     "tiitii", in->figures, now, now, by, req, unit_id);
	if (!err && strcmp(action, "return") == 0)
		err = db_run(db, e, "UPDATE adhoc_answers SET comment = ? WHERE request_id = ? AND unit_id = ?", "tii",
			     in->comment, req, unit_id);
	return err;
}

static enum gemis_err write_step(struct db *db, long long req, long long unit_id, const struct adhoc_step_in *in,
				 int to, long long version, long long att, const char *by, long long now,
				 struct errctx *e)
{
	const char *state = wf_state_id(&wf_report, to), *action = wf_action_id(&wf_report, in->action);
	enum gemis_err err;

	err = write_row(db, req, unit_id, in, version, att, by, now, e);
	if (!err)
		err = db_run(db, e,
			     "UPDATE adhoc_answers SET state = ?, version = version + 1, updated_by = ?, updated_at = ?"
			     " WHERE request_id = ? AND unit_id = ?",
			     "ttiii", state, by, now, req, unit_id);
	if (!err)
		err = db_run(db, e,
			     "INSERT INTO adhoc_answer_steps (request_id, unit_id, action, state, comment, attachment_id,"
			     " filename, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "iitttitti", req, unit_id, action, state, blank(in->comment) ? NULL : in->comment,
			     att ? att : 0, att ? (in->filename && *in->filename ? in->filename : "file") : NULL, by, now);
	return err;
}

enum gemis_err adhoc_answer_act(struct db *db, const struct tree *t, const struct principal *who,
				const struct adhoc_request *r, int unit, const struct adhoc_step_in *in, long long now,
				struct errctx *e)
{
	enum att_kind kind = ATT_PDF;
	long long unit_id, version, att = 0;
	enum gemis_err err;
	bool own_tx = !db->in_tx;
	int from, to;

	if (unit < 0 || (size_t)unit >= t->n)
		return err_set_at(e, GEMIS_EINVAL, "unit", "%s", _("unknown unit"));
	err = check_step(t, who, r, unit, in, &kind, e);
	if (err)
		return err;
	unit_id = t->units[unit].id;
	if (own_tx && (err = db_begin(db, e)))
		return err;
	/* steps take turns: the state read is still the state when written */
	err = db_lock_table(db, "adhoc_answers", e);
	if (!err)
		err = current(db, r->id, unit_id, &from, &version, e);
	if (!err && from < 0)
		err = err_set(e, GEMIS_EDB, "unknown answer state");
	if (!err && version != in->version)
		err = err_set(e, GEMIS_ECONFLICT, "%s",
			      _("this answer changed since you opened it (someone else took a step): reload it"));
	if (!err)
		err = wf_check_state(&wf_report, from, in->action, &to, e);
	if (!err && in->data && in->len)
		err = attachment_put(db, kind, in->data, in->len, who->name, now, &att, e);
	if (!err)
		err = write_step(db, r->id, unit_id, in, to, version, att, who->name, now, e);
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	return err;
}

enum gemis_err adhoc_step_file(struct db *db, const struct tree *t, long long request, int unit, long long step,
			       long long *att, char *name, size_t nname, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	bool found = false;

	*att = 0;
	err = db_prepare(db, &st, e,
			 "SELECT attachment_id, filename FROM adhoc_answer_steps WHERE id = ? AND request_id = ?"
			 " AND unit_id = ? AND attachment_id IS NOT NULL AND attachment_id <> 0");
	if (err)
		return err;
	db_bindv(st, "iii", step, request, t->units[unit].id);
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

void adhoc_count(const struct adhoc_request *r, const struct adhoc_answer *a, size_t n, long long now,
		 struct adhoc_counts *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		unsigned f = wf_state_flags(&wf_report, a[i].state);
		enum adhoc_timing x = adhoc_timing(r->due, a[i].first_submitted_at, now);

		out->asked++;
		out->sent += (f & WF_SENT) != 0;
		out->accepted += (f & WF_LOCKED) != 0;
		out->late += x == ADHOC_LATE;
		out->overdue += x == ADHOC_OVERDUE;
	}
}
