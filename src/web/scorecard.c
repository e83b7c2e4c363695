/*
 * scorecard.c: the agencies' scorecard on the web (docs/scorecard.md).
 *
 *   GET /scorecard?unit=&year=    a commune's agencies (or a province's
 *                                 communes) ranked by their score for the
 *                                 year, each criterion's share and points
 *                                 beside it, so that every score says why;
 *                                 the rules (weights, their version and
 *                                 whose they are) under the table
 *
 * Computed by report/scorecard.h, never typed; read access to the unit.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"
#include "report/scorecard.h"
#include "web.h"

#include "util/banned.h"

static const char *row_name(struct http_req *r, const struct sc_row *x)
{
	if (x->agency >= 0)
		return r->lang == LANG_EN ? agency_kinds[x->agency].name_en : agency_kinds[x->agency].name_vi;
	return x->unit >= 0 ? r->snap->tree.units[x->unit].short_name : "?";
}

/* One decimal, with the language's decimal mark ("71,3" in Vietnamese). */
static const char *num1(struct http_req *r, double v)
{
	char *s = arena_printf(&r->arena, "%.1f", v), *dot = s ? strchr(s, '.') : NULL;

	if (dot && r->lang != LANG_EN)
		*dot = ',';
	return s ? s : "?";
}

static void table(struct http_req *r, const struct scorecard *sc)
{
	size_t i;
	int c;

	html(r, "<div class=\"scroll\"><table class=\"scorecard\"><thead><tr><th class=\"num\">%s</th><th>%s</th>"
		"<th class=\"num\">%s</th>",
	     _("Rank"), sc->rows && sc->n && sc->rows[0].agency >= 0 ? _("Agency") : _("Unit"), _("Score"));
	for (c = 0; c < SC_COUNT; c++)
		html(r, "<th class=\"num\">%s</th>", sc_criterion_name((enum sc_criterion)c));
	html(r, "</tr></thead><tbody>");
	for (i = 0; i < sc->n; i++) {
		const struct sc_row *x = &sc->rows[i];

		html(r, "<tr><td class=\"num\">%s</td><td>%s</td><td class=\"num\"><strong>%s</strong></td>",
		     x->rank ? arena_printf(&r->arena, "%d", x->rank) : "–", row_name(r, x),
		     isnan(x->s.score) ? "–" : num1(r, x->s.score));
		for (c = 0; c < SC_COUNT; c++) {
			if (!x->in.whole[c])
				html(r, "<td class=\"num hint\" title=\"%s\">–</td>", _("does not apply"));
			else
				html(r, "<td class=\"num\">%u/%u <small>(+%s)</small></td>", x->in.part[c], x->in.whole[c],
				     num1(r, x->s.points[c]));
		}
		html(r, "</tr>");
	}
	html(r, "</tbody></table></div>");
}

static void rules(struct http_req *r, const struct scorecard *sc)
{
	int o = tree_find(&r->snap->tree, sc->rules.origin), c;

	html(r, "<section><h2>%s</h2><p>%s</p><ul>", _("Rules"),
	     arena_printf(&r->arena, _("Weights of %s, version %d. A criterion that does not apply to an agency leaves its weight to the others."),
			  o >= 0 ? r->snap->tree.units[o].name : sc->rules.origin, sc->rules.version));
	for (c = 0; c < SC_COUNT; c++)
		html(r, "<li>%s: %s</li>", sc_criterion_name((enum sc_criterion)c), num1(r, sc->rules.weight[c]));
	html(r, "</ul></section>");
}

enum gemis_err page_scorecard(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct scorecard sc;
	struct db *db;
	enum gemis_err err;
	int unit, year;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	year = http_year_or_this(r);
	err = http_db(r, &db);
	if (!err)
		err = scorecard_load(db, s, unit, year, http_judged_at(r), &sc, &r->err);
	if (err)
		return err;
	page_begin(r, _("Scorecard"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1></div>", _("Scorecard for the emulation review"),
	     s->tree.units[unit].name, year);
	if (!sc.n)
		html(r, "<p>%s</p>", _("Nothing to score for this year yet."));
	else
		table(r, &sc);
	if (sc.n)
		html(r, "<p><a class=\"button\" href=\"/scorecard.xlsx?unit=%s&amp;year=%d\" download>%s</a></p>",
		     s->tree.units[unit].code, year, _("Download the scorecard (Excel)"));
	rules(r, &sc);
	page_end(r);
	scorecard_release(&sc);
	return GEMIS_OK;
}

/* GET /scorecard.xlsx?unit=&year=: the same table as a workbook for the
 * emulation council (report/scorecard.h's scorecard_xlsx). */
enum gemis_err page_scorecard_xlsx(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct scorecard sc;
	struct db *db;
	char dir[64], path[96];
	enum gemis_err err;
	int unit, year;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	year = http_year_or_this(r);
	err = http_db(r, &db);
	if (!err)
		err = scorecard_load(db, s, unit, year, http_judged_at(r), &sc, &r->err);
	if (err)
		return err;
	err = rendered_path(r, "xlsx", dir, path);
	if (!err) {
		err = send_rendered(r, scorecard_xlsx(&s->tree, &sc, path, &r->err), dir, path,
				    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				    arena_printf(&r->arena, "cham-diem-%s-%d.xlsx", s->tree.units[unit].code, year));
	}
	scorecard_release(&sc);
	return err;
}
