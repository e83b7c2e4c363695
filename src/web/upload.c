/*
 * upload.c: reported values from a CSV file, through the browser:
 * GET /upload shows the form, POST /upload (multipart, up to the upload
 * limit) imports the file with the rules of `gemis values import`: the
 * whole file or nothing, every problem listed with its line and field.
 * Rows of units the account may not write (access_allows(ACT_IMPORT)) are
 * problems like any other.
 */
#include <string.h>

#include "formats/values_csv.h"
#include "store/values.h"
#include "web.h"

#include "util/banned.h"

static void upload_form(struct http_req *r)
{
	html(r, "<form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\" class=\"stack narrow\">");
	form_csrf(r);
	html(r,
	     "<label>%s <input type=\"file\" name=\"file\" accept=\".csv,text/csv\" required></label>"
	     "<label class=\"check\"><input type=\"checkbox\" name=\"dry_run\" value=\"1\"> %s</label>"
	     "<button type=\"submit\">%s</button></form>",
	     _("CSV file"), _("Only check: write nothing"), _("Import"));
	html(r, "<p class=\"hint\">%s <code translate=\"no\">unit,period,indicator,part,sex,value</code> · "
		"<code translate=\"no\">03390,2026,female_wage_workers,num,T,412</code></p>",
	     _("The first line names the columns:"));
	html(r, "<p class=\"hint\">%s</p>",
	     _("The file is imported whole or not at all: every problem is listed with its line, and nothing "
	       "changes until all are fixed. Values of approved forms are locked."));
}

enum gemis_err page_upload_form(struct http_req *r)
{
	if (!http_snap(r))
		return GEMIS_EDB;
	if (!http_can(r, ACT_IMPORT, r->who.unit, -1))
		return GEMIS_EPERM;
	page_begin(r, _("Upload values"), r->who.unit);
	html(r, "<h1>%s</h1>", _("Upload values"));
	upload_form(r);
	page_end(r);
	return GEMIS_OK;
}

enum gemis_err page_upload(struct http_req *r)
{
	const struct http_file *f = http_file(r, "file");
	const struct snapshot *s = http_snap(r);
	bool dry = http_param(r, "dry_run") != NULL;
	struct value_rows rows = {0};
	struct values_result res;
	struct diags d;
	struct db *db;
	enum gemis_err err;
	size_t i;

	if (!s)
		return GEMIS_EDB;
	if (!f)
		return http_fail(r, GEMIS_EINVAL, "%s", _("choose a CSV file"));
	if (!http_can(r, ACT_IMPORT, r->who.unit, -1))
		return GEMIS_EPERM;
	err = http_db(r, &db);
	if (err)
		return err;
	diags_init(&d, 200);
	d.scoped = r->who.role != ROLE_ADMIN;
	err = values_csv_parse(f->data, f->len, &s->tree, &rows, &d, &r->err);
	if (!err) {
		access_check_rows(&s->tree, &r->who, rows.v, rows.n, &d);
		err = values_import(db, &s->tree, rows.v, rows.n, r->user.name, "web", dry ? VALUES_DRY_RUN : 0, &d,
				    &res, NULL, NULL, &r->err);
		if (err && d.total > 0)
			err = GEMIS_EINVAL;
	}
	page_begin(r, _("Upload values"), r->who.unit);
	html(r, "<h1>%s</h1>", _("Upload values"));
	if (err == GEMIS_EFORMAT) {
		html(r, "<p class=\"error\" role=\"alert\">%s: %s</p>", f->filename, r->err.msg);
	} else if (d.total > 0) {
		diags_sort(&d);
		html(r, "<p class=\"error\" role=\"alert\">%s</p><ul class=\"problems\">",
		     arena_printf(&r->arena,
				  ngettext_("%s: %zu problem found; nothing was imported.",
					    "%s: %zu problems found; nothing was imported.", d.total),
				  f->filename, d.total));
		for (i = 0; i < d.n; i++)
			html(r, "<li>%s:%ld: <code>%s</code>: %s</li>", f->filename, d.d[i].line, d.d[i].field, d.d[i].msg);
		if (d.total > d.n)
			html(r, "<li>…</li>");
		html(r, "</ul>");
	} else if (!err) {
		html(r, "<p class=\"ok\" role=\"status\">%s</p>",
		     arena_printf(&r->arena,
				  dry ? _("%s: would import %zu values: %zu new, %zu changed, %zu unchanged (dry run, nothing written).")
				      : _("%s: imported %zu values: %zu new, %zu changed, %zu unchanged."),
				  f->filename, rows.n, res.inserted, res.updated, res.unchanged));
		if (!dry && res.inserted + res.updated > 0)
			http_data_changed(r);
	}
	upload_form(r);
	page_end(r);
	value_rows_release(&rows);
	diags_release(&d);
	if (err && err != GEMIS_EINVAL && err != GEMIS_EFORMAT) {
		buf_reset(&r->out);
		return err;
	}
	return err ? http_keep_body(r, err) : GEMIS_OK;
}
