/*
 * chainreport.c: the yearly report's file and figures for a submission up
 * the chain, and the submission itself (see chainreport.h).
 */
#include "chainreport.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/chainperiod.h"
#include "core/workflow.h"
#include "formats/attachment.h"
#include "store/chainperiods.h"
#include "util/i18n.h"
#include "yearly.h"

#include "util/banned.h"

static json_t *num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *row_json(const struct yr_row *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "indicator", json_string(catalog[r->ind].id));
	/* a case-register count hidden in the report is hidden here too */
	if (r->hidden) {
		json_object_set_new(o, "value", json_null());
		json_object_set_new(o, "hidden", json_true());
	} else {
		json_object_set_new(o, "value", num_or_null(r->value));
		json_object_set_new(o, "female", num_or_null(r->f));
		json_object_set_new(o, "male", num_or_null(r->m));
		json_object_set_new(o, "status", json_string(status_id(r->a.status)));
	}
	json_object_set_new(o, "target", r->t && r->t->has_value ? json_real(r->t->value) : json_null());
	json_object_set_new(o, "data_year", r->a.latest_year ? json_integer(r->a.latest_year) : json_null());
	return o;
}

enum gemis_err chain_count(struct db *db, const struct tree *t, int receiver, int year, struct chain_counts *out,
			   struct errctx *e)
{
	struct chain_period p;
	struct chain_report *rs;
	struct arena mem;
	enum gemis_err err;
	size_t n, i;

	memset(out, 0, sizeof(*out));
	arena_init(&mem, 0);
	err = chain_period_get(db, t, receiver, year, &p, e);
	if (!err)
		err = chain_reports_to(db, t, receiver, year, &mem, &rs, &n, e);
	for (i = 0; !err && i < n; i++) {
		unsigned f = wf_state_flags(&wf_report, rs[i].state);

		out->expected++;
		out->submitted += (f & WF_SENT) != 0;
		out->accepted += (f & WF_LOCKED) != 0;
		out->late += rs[i].first_submitted_at && chain_period_late(&p, rs[i].first_submitted_at);
	}
	arena_release(&mem);
	return err;
}

enum gemis_err chain_figures(struct db *db, const struct snapshot *s, int unit, int year, char **json,
			     struct errctx *e)
{
	struct yearly_opts o = {0};
	struct yearly y;
	json_t *doc, *rows;
	enum gemis_err err;
	size_t i;

	*json = NULL;
	err = yearly_load(db, s, unit, year, &o, &y, e);
	if (err)
		return err;
	rows = json_array();
	for (i = 0; i < y.nrows; i++)
		json_array_append_new(rows, row_json(&y.rows[i]));
	yearly_release(&y);
	doc = json_pack("{s:s, s:i, s:o}", "unit", s->tree.units[unit].code, "year", year, "indicators", rows);
	if (doc && chain_receives(&s->tree, unit)) {
		struct chain_counts c;

		err = chain_count(db, &s->tree, unit, year, &c, e);
		if (!err)
			json_object_set_new(doc, "sub_reports",
					    json_pack("{s:i, s:i, s:i, s:i}", "expected", (int)c.expected, "submitted",
						      (int)c.submitted, "accepted", (int)c.accepted, "late", (int)c.late));
	}
	if (!err && doc)
		*json = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(doc);
	if (!err && !*json)
		err = err_set(e, GEMIS_ENOMEM, "out of memory");
	return err;
}

enum gemis_err chain_report_docx(struct db *db, const struct snapshot *s, int unit, int year, long long now,
				 const char *const *narrative, struct buf *out, struct errctx *e)
{
	struct yearly_opts o = {0};
	struct yearly y;
	char dir[64], path[96];
	const char *tmp = getenv("TMPDIR");
	enum gemis_err err;

	o.now = now;
	o.created = report_stamp();
	for (int i = 0; narrative && i < CHAIN_SECTION_COUNT; i++)
		o.narrative[i] = narrative[i];
	/* the renderer writes a file (libzip): a private directory, read back
	 * and removed */
	snprintf(dir, sizeof(dir), "%s/gemis-chain-XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return err_set(e, GEMIS_EIO, "%s", _("cannot write the file"));
	snprintf(path, sizeof(path), "%s/report.docx", dir);
	err = yearly_load(db, s, unit, year, &o, &y, e);
	if (!err) {
		err = yearly_render(&y, REPORT_DOCX, path, e);
		yearly_release(&y);
	}
	if (!err)
		err = buf_read_file(out, path, e);
	unlink(path);
	rmdir(dir);
	return err;
}

enum gemis_err chain_submit(struct db *db, const struct snapshot *s, const struct principal *who, int unit,
			    int year, long long version, const char *const *sections, const char *filename,
			    const void *data, size_t len, long long now, struct errctx *e)
{
	struct chain_step_in in;
	struct buf docx;
	char *figures = NULL, name[64];
	enum gemis_err err;

	memset(&in, 0, sizeof(in));
	in.action = wf_action_find(&wf_report, "submit");
	in.version = version;
	for (int i = 0; sections && i < CHAIN_SECTION_COUNT; i++)
		in.sections[i] = sections[i];
	buf_init(&docx, ATTACHMENT_MAX_BYTES);
	/* who may submit is asked before anything is computed */
	if (unit < 0 || (size_t)unit >= s->tree.n || chain_report_to(&s->tree, unit) < 0)
		err = err_set_at(e, GEMIS_EINVAL, "unit", "%s",
				 _("only a commune's, a ward's or a province's report goes up the chain"));
	else
		err = wf_check_request(&wf_report, &s->tree, who, in.action, unit, -1, NULL, e);
	if (!err)
		err = chain_figures(db, s, unit, year, &figures, e);
	if (!err && !data) {
		/* the narrative in the file: as written now, else as saved */
		struct chain_report saved;
		struct arena mem;
		const char *narrative[CHAIN_SECTION_COUNT];

		arena_init(&mem, 0);
		err = chain_report_get(db, &s->tree, unit, year, &mem, &saved, e);
		for (int i = 0; i < CHAIN_SECTION_COUNT; i++)
			narrative[i] = in.sections[i] ? in.sections[i] : saved.sections[i];
		if (!err)
			err = chain_report_docx(db, s, unit, year, now, narrative, &docx, e);
		arena_release(&mem);
		snprintf(name, sizeof(name), "bao-cao-%s-%d.docx", s->tree.units[unit].code, year);
		filename = name;
		data = buf_str(&docx);
		len = docx.len;
		in.generated = true;
	}
	if (!err) {
		in.filename = filename;
		in.data = data;
		in.len = len;
		in.figures = figures;
		err = chain_report_act(db, &s->tree, who, unit, year, &in, now, e);
	}
	free(figures);
	buf_release(&docx);
	return err;
}

static json_t *time_or_null(long long t)
{
	return t ? json_integer(t) : json_null();
}

json_t *chain_step_json(const struct chain_step *st)
{
	return json_pack("{s:I, s:s, s:s, s:s?, s:s, s:I, s:o}", "id", (json_int_t)st->id, "action", st->action,
			 "state", st->state, "comment", st->comment, "by", st->by, "at", (json_int_t)st->at, "file",
			 st->attachment_id ? json_pack("{s:s}", "name", st->filename ? st->filename : "")
					   : json_null());
}

static json_t *narrative_json(const struct chain_report *r)
{
	json_t *o = json_object();

	for (int i = 0; i < CHAIN_SECTION_COUNT; i++)
		json_object_set_new(o, chain_sections[i].id, r->sections[i] ? json_string(r->sections[i]) : json_null());
	return o;
}

json_t *chain_report_json(const struct tree *t, const struct chain_report *r, const struct chain_period *p)
{
	json_t *o, *steps = json_array(), *figures = NULL, *file = json_null();
	long long last_file = 0;
	int to = chain_report_to(t, r->unit);
	size_t i;

	for (i = 0; i < r->nsteps; i++) {
		json_array_append_new(steps, chain_step_json(&r->steps[i]));
		if (r->steps[i].attachment_id)
			last_file = r->steps[i].id;
	}
	if (r->figures)
		figures = json_loads(r->figures, 0, NULL);
	if (r->attachment_id)
		file = json_pack("{s:I, s:s, s:b}", "step", (json_int_t)last_file, "name", r->filename ? r->filename : "",
				 "generated", r->generated);
	o = json_pack("{s:s, s:s, s:i, s:s?, s:s, s:I, s:o, s:o, s:s?, s:o, s:o, s:s?, s:o, s:o, s:o}", "unit",
		      t->units[r->unit].code, "name", t->units[r->unit].name, "year", r->year, "to",
		      to >= 0 ? t->units[to].code : NULL, "state", wf_state_id(&wf_report, r->state), "version",
		      (json_int_t)r->version, "submitted_at", time_or_null(r->submitted_at), "first_submitted_at",
		      time_or_null(r->first_submitted_at), "submitted_by", r->submitted_by, "late",
		      r->first_submitted_at ? json_boolean(chain_period_late(p, r->first_submitted_at)) : json_null(),
		      "file", file, "comment", r->comment, "figures", figures ? figures : json_null(), "steps", steps,
		      "narrative", narrative_json(r));
	return o;
}
