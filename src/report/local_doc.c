/*
 * local_doc.c: the unit's own indicators in the yearly report
 * (local_doc.h).
 */
#include "local_doc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"
#include "progress.h"
#include "util/i18n.h"

#include "util/banned.h"

bool local_doc_shown(const struct local_indicator *x, int year)
{
	return x->in_force || local_value_of(x, year) != NULL;
}

size_t local_doc_count(const struct local_list *l, int year)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++)
		n += local_doc_shown(&l->v[i], year);
	return n;
}

const char *local_doc_title(const struct unit *u)
{
	if (u->level == LEVEL_WARD)
		return _("The ward's own targets");
	if (u->level == LEVEL_NATION || u->level == LEVEL_PROVINCE)
		return _("The unit's own targets");
	return _("The commune's own targets");
}

void local_doc_cells(const struct local_indicator *x, int year, struct local_cells *c)
{
	const struct local_value *v = local_value_of(x, year);
	struct assessment a;
	int k = agency_find(x->agency);

	memset(c, 0, sizeof(*c));
	local_label(x->seq, c->label, sizeof(c->label));
	c->name = x->name;
	c->agency = k < 0 ? x->agency : i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
	progress_target_text(x->target.has_value ? &x->target : NULL, x->unit, c->target, sizeof(c->target));
	format_number(c->value, sizeof(c->value), v ? v->value : NAN, 2);
	/* 4,5% and 130 lao động, as the plan writes its target */
	if (v && strcmp(x->unit, "count") != 0) {
		size_t len = strlen(c->value);

		snprintf(c->value + len, sizeof(c->value) - len, "%s%s", strcmp(x->unit, "%") == 0 ? "" : " ",
			 measure_name(x->unit));
	}
	local_assess(x, year, &a);
	c->st = (int)a.status;
	c->status = status_name(a.status);
}

void local_doc(const struct local_list *l, const struct unit *u, int year, struct doc *d)
{
	static const double w[6] = {0.08, 0.32, 0.18, 0.14, 0.12, 0.16};
	size_t i, row = 1, n = local_doc_count(l, year);
	struct dtable *tb;
	struct dblock *b;

	if (!n)
		return;
	doc_add(d, DB_HEADING, 2, local_doc_title(u));
	doc_add(d, DB_PARA, 0,
		_("Targets the plan sets outside the national indicators, each recorded by the agency that owes it. They are not summed into the reports of larger units."));
	tb = doc_table(d, 6, n + 1, 1, w);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Symbol"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Target of the plan"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Agency responsible"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Target"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, doc_printf(d, _("Result %d"), year), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 5, _("Assessment"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < l->n; i++) {
		const struct local_indicator *x = &l->v[i];
		struct local_cells c;

		if (!local_doc_shown(x, year))
			continue;
		local_doc_cells(x, year, &c);
		doc_cell(d, tb, row, 0, c.label, DC_CENTER, -1);
		doc_cell(d, tb, row, 1,
			 x->in_force ? c.name : doc_printf(d, "%s (%s)", c.name, _("not in the plan in force")), 0, -1);
		doc_cell(d, tb, row, 2, c.agency, 0, -1);
		doc_cell(d, tb, row, 3, c.target, DC_CENTER, -1);
		doc_cell(d, tb, row, 4, c.value, DC_RIGHT, -1);
		doc_cell(d, tb, row, 5, c.status, DC_CENTER, c.st);
		row++;
	}
	b = doc_add(d, DB_TABLE, 0, NULL);
	if (b)
		b->table = tb;
}
