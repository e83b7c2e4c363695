/*
 * plan.c: the plan importer's entry points: format detection, the stages
 * in order, and the JSON of docs/plan-json.md.
 */
#include "plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "formats/docx.h"
#include "formats/pdf_text.h"
#include "plan_int.h"
#include "util/alloc.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

enum plan_format plan_sniff(const void *data, size_t len)
{
	const unsigned char *p = data;

	if (len >= 4 && memcmp(p, "PK\x03\x04", 4) == 0)
		return PLAN_FORMAT_DOCX;
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return PLAN_FORMAT_PDF;
	return PLAN_FORMAT_TEXT;
}

/* A plan as plain text: UTF-8 without control characters but the line
 * ends, tabs and form feeds (a page break of a text export).  A NUL would
 * end the text early for some readers and not others (a plan behind 1,000
 * NULs was once applied), so it is refused with its line like the rest. */
static enum gemis_err plain_text(const char *s, size_t len, struct buf *out, struct errctx *e)
{
	size_t bad = text_utf8_prefix(s, len), i;
	long line = 1;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i == bad) {
			return err_set(e, GEMIS_EFORMAT, _("line %ld: the text is not UTF-8 (byte %zu): "
								  "save the plan as UTF-8 text"),
					  line, i + 1);
		}
		if (c == '\n')
			line++;
		else if ((c < 0x20 && c != '\t' && c != '\r' && c != '\f') || c == 0x7f)
			return err_set(e, GEMIS_EFORMAT, _("line %ld: a control character (code %u at byte %zu): "
								  "a plan is text"),
					  line, (unsigned)c, i + 1);
	}
	return buf_append(out, s, len);
}

enum gemis_err plan_document_text(const void *data, size_t len, enum plan_format fmt,
				  struct buf *out, struct errctx *e)
{
	size_t before = out->len, i;
	enum gemis_err err;

	if (fmt == PLAN_FORMAT_AUTO)
		fmt = plan_sniff(data, len);
	switch (fmt) {
	case PLAN_FORMAT_DOCX:
		err = docx_text(data, len, out, e);
		break;
	case PLAN_FORMAT_PDF:
		err = pdf_text(data, len, out, e);
		break;
	default:
		err = plain_text(data, len, out, e);
		break;
	}
	if (err)
		return err;
	/* an empty document is said to be so, not read into a plan of nulls */
	for (i = before; i < out->len; i++) {
		if (!strchr(" \t\r\n\f\v", out->p[i]))
			return GEMIS_OK;
	}
	return err_set(e, GEMIS_EFORMAT, "%s", _("the document is empty: it has no text"));
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *number(double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

/* The "document" object: number, date, unit, title, period, signer... */
static json_t *document_json(const struct presult *r)
{
	json_t *doc = json_object(), *unit = json_object();

	json_object_set_new(doc, "number", str_or_null(r->number));
	json_object_set_new(doc, "date", str_or_null(r->date));
	json_object_set_new(doc, "place", str_or_null(r->place));
	json_object_set_new(unit, "level", str_or_null(r->level));
	json_object_set_new(unit, "name", str_or_null(r->unit_name));
	json_object_set_new(unit, "code", str_or_null(r->unit_code));
	json_object_set_new(doc, "unit", unit);
	json_object_set_new(doc, "province", str_or_null(r->province));
	json_object_set_new(doc, "title", str_or_null(r->title));
	json_object_set_new(doc, "period", r->from ? json_pack("[ii]", r->from, r->to) : json_null());
	json_object_set_new(doc, "amends",
			    r->amends_number ? json_pack("{s:s, s:o}", "number", r->amends_number, "date",
							 str_or_null(r->amends_date))
					     : json_null());
	if (r->signer_name || r->signer_title)
		json_object_set_new(doc, "signer",
				    json_pack("{s:o, s:o}", "name", str_or_null(r->signer_name), "title",
					      str_or_null(r->signer_title)));
	else
		json_object_set_new(doc, "signer", json_null());
	return doc;
}

/* The "targets" array (the aims are apart). */
static json_t *targets_json(const struct presult *r)
{
	json_t *a;
	size_t i;

	a = json_array();
	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];
		json_t *t;

		if (x->aim)
			continue;
		t = json_object();

		json_object_set_new(t, "indicator", json_string(x->ind >= 0 ? catalog[x->ind].id : "custom"));
		json_object_set_new(t, "goal", x->goal_kind >= 0 ? json_string(goal_id((enum goal)x->goal_kind))
							   : json_null());
		json_object_set_new(t, "value", x->has_value ? number(x->value) : json_null());
		json_object_set_new(t, "unit", x->has_value ? str_or_null(x->unit) : json_null());
		json_object_set_new(t, "direction", json_string(direction_id(x->dir)));
		json_object_set_new(t, "year", json_integer(x->year));
		if (x->has_base)
			json_object_set_new(t, "baseline",
					    json_pack("{s:o, s:o}", "value", number(x->base), "year",
						      x->base_year ? json_integer(x->base_year) : json_null()));
		else
			json_object_set_new(t, "baseline", json_null());
		json_object_set_new(t, "text", json_string(x->text ? x->text : ""));
		/* optional: only on a target restricted to a population group */
		if (x->breakdown && x->category) {
			json_object_set_new(t, "breakdown", json_string(x->breakdown));
			json_object_set_new(t, "category", json_string(x->category));
		}
		json_array_append_new(a, t);
	}
	return a;
}

/* The "assignments" object: each agency's indicators, in the order the
 * text assigns them. */
static json_t *assignments_json(const struct presult *r)
{
	json_t *a;
	size_t i, j;

	a = json_object();
	for (i = 0; i < r->nag; i++) {
		json_t *list = json_array();
		int done = 0;

		/* in the order the text assigns them */
		for (;;) {
			int best = 0, bi = -1;

			for (j = 0; j < r->nind; j++) {
				int o = plan_assigned(r, i, (int)j);

				if (o > done && (best == 0 || o < best)) {
					best = o;
					bi = (int)j;
				}
			}
			if (bi < 0)
				break;
			json_array_append_new(list, json_string(catalog[bi].id));
			done = best;
		}
		if (json_array_size(list))
			json_object_set_new(a, r->agencies[i], list);
		else
			json_decref(list);
	}
	return a;
}

/* The "lint" array: code, line, message and the indicator's id. */
static json_t *lint_json(const struct presult *r)
{
	json_t *a;
	size_t i;

	a = json_array();
	for (i = 0; i < r->nlint; i++) {
		json_t *l = json_pack("{s:s, s:o, s:s}", "code", r->lint[i].code, "line",
				      r->lint[i].line > 0 ? json_integer(r->lint[i].line) : json_null(),
				      "message", r->lint[i].msg);

		if (l && r->lint[i].ind >= 0)
			json_object_set_new(l, "indicator", json_string(catalog[r->lint[i].ind].id));
		json_array_append_new(a, l);
	}
	return a;
}

static json_t *to_json(const struct presult *r)
{
	json_t *root = json_object(), *a;
	size_t i;

	json_object_set_new(root, "document", document_json(r));
	a = json_array();
	for (i = 0; i < r->nrefs; i++)
		json_array_append_new(a, json_pack("{s:o, s:o, s:o}", "number", str_or_null(r->refs[i].number),
						   "date", str_or_null(r->refs[i].date), "issuer",
						   str_or_null(r->refs[i].issuer)));
	json_object_set_new(root, "references", a);

	json_object_set_new(root, "targets", targets_json(r));

	a = json_array();
	for (i = 0; i < r->nt; i++) {
		const struct ptarget *x = &r->t[i];

		if (!x->aim)
			continue;
		json_array_append_new(
			a, json_pack("{s:o, s:o, s:s, s:o}", "indicator",
				     x->ind >= 0 ? json_string(catalog[x->ind].id) : json_null(), "goal",
				     x->goal_kind >= 0 ? json_string(goal_id((enum goal)x->goal_kind)) : json_null(),
				     "text", x->text ? x->text : "", "line", x->line > 0 ? json_integer(x->line) : json_null()));
	}
	json_object_set_new(root, "aims", a);

	a = json_array();
	for (i = 0; i < r->nrepealed; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:o}", "indicator", catalog[r->repealed[i].ind].id, "text",
						   r->repealed[i].text ? r->repealed[i].text : "", "line",
						   r->repealed[i].line > 0 ? json_integer(r->repealed[i].line) : json_null()));
	json_object_set_new(root, "repealed", a);

	a = json_array();
	for (i = 0; i < r->nag; i++)
		json_array_append_new(a, json_string(r->agencies[i]));
	json_object_set_new(root, "agencies", a);

	json_object_set_new(root, "assignments", assignments_json(r));

	if (r->has_deadline)
		json_object_set_new(root, "deadline",
				    json_pack("{s:i, s:i, s:o, s:o}", "day", r->dl_day, "month", r->dl_month,
					      "year", r->dl_year ? json_integer(r->dl_year) : json_null(), "to",
					      str_or_null(r->dl_to)));
	else
		json_object_set_new(root, "deadline", json_null());

	json_object_set_new(root, "lint", lint_json(r));
	return root;
}

enum gemis_err plan_import(const char *text, size_t len, json_t **out, struct errctx *e)
{
	const struct vocab *v = vocab_get();
	struct presult *r = NULL;
	json_t *tasks = NULL;
	struct pdoc d;
	enum gemis_err err;
	/* a text key that could not be folded, a JSON field that could not be
	 * set, is a heading, a date or a task silently missed: any allocation
	 * that failed on the way fails the import (util/alloc.h) */
	unsigned long failed = alloc_failures();

	*out = NULL;
	if (!v)
		return err_set(e, GEMIS_EFORMAT, "the plan vocabulary is not built into this binary");
	err = pdoc_build(&d, text, len, plan_line_names_agency, e);
	if (err)
		goto out;
	r = calloc(1, sizeof(*r));
	if (r) {
		r->nind = catalog_n();
		r->assigned = calloc(PLAN_MAX_AGENCIES * (r->nind ? r->nind : 1), sizeof(*r->assigned));
	}
	if (!r || !r->assigned) {
		err = err_set(e, GEMIS_ENOMEM, "out of memory");
		goto out;
	}
	plan_structure(&d);
	err = plan_header(&d, r);
	if (!err)
		err = plan_amendment(&d, v, r);
	if (!err)
		err = plan_targets(&d, v, r);
	if (!err)
		err = plan_duties(&d, v, r);
	/* the document's own findings first, then the tasks' */
	if (!err)
		err = plan_lint(&d, v, r);
	if (!err)
		err = plan_tasks(&d, v, r, &tasks);
	if (!err) {
		*out = to_json(r);
		if (!*out) {
			err = err_set(e, GEMIS_ENOMEM, "out of memory");
		} else {
			/* set_new takes the tasks, even when it fails */
			json_object_set_new(*out, "tasks", tasks);
			tasks = NULL;
		}
	}
	if (!err && alloc_failures() != failed) {
		json_decref(*out);
		*out = NULL;
		err = err_set(e, GEMIS_ENOMEM, "out of memory");
	}
out:
	json_decref(tasks);
	if (r)
		free(r->assigned);
	free(r);
	pdoc_release(&d);
	return err;
}
