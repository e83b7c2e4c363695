/*
 * oversight_doc.c: inspections in a report (see oversight_doc.h).
 */
#include "oversight_doc.h"

#include "core/catalog.h"
#include "core/workflow.h"
#include "util/i18n.h"

#include "util/banned.h"

static void add_table(struct doc *d, struct dtable *tb)
{
	struct dblock *b = doc_add(d, DB_TABLE, 0, NULL);

	if (b)
		b->table = tb;
}

static const char *day(struct doc *d, struct date x)
{
	char s[DATE_TEXT_LEN];

	date_format_dmy(x, s);
	return doc_printf(d, "%s", s);
}

static void summary(const struct insp_sum *s, bool commune, struct doc *d)
{
	if (!s->planned) {
		doc_add(d, DB_PARA, 0, _("No inspection or supervision of the year is recorded in gemis."));
		return;
	}
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Inspections planned: %u (the commune: %u, the Fatherland Front's supervision: %u, the province: %u); held: %u, %u of them with findings."),
			   s->planned, s->by_body[IB_COMMUNE], s->by_body[IB_FRONT], s->by_body[IB_PROVINCE], s->held,
			   s->with_findings));
	if (!commune)
		doc_add(d, DB_PARA, 0,
			doc_printf(d, _("%u of the %u communes and wards held an inspection or supervision."),
				   s->communes_inspected, s->communes));
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Recommendations issued: %u; closed: %u; still open: %u, of which overdue: %u."), s->recs,
			   s->recs_closed, s->recs_open, s->recs_overdue));
}

static const char *recs_text(struct doc *d, const struct inspection *x)
{
	size_t k, closed = 0;

	for (k = 0; k < x->nrecs; k++)
		closed += x->recs[k].state == REC_CLOSED;
	return x->nrecs ? doc_printf(d, _("%zu issued, %zu closed"), x->nrecs, closed) : "–";
}

/* A commune's inspections, one a row. */
static void table(const struct inspection *v, size_t n, struct doc *d)
{
	static const double w[5] = {0.06, 0.36, 0.14, 0.28, 0.16};
	struct dtable *tb;
	size_t i;

	if (!n)
		return;
	tb = doc_table(d, 5, n + 1, 1, w);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("No."), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Inspection (who inspects)"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Held on"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Inspection findings"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, _("Recommendations"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < n; i++) {
		const struct inspection *x = &v[i];

		doc_cell(d, tb, i + 1, 0, doc_printf(d, "%zu", i + 1), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 1, doc_printf(d, "%s (%s)", x->f.subject, insp_body_name((enum insp_body)x->f.body)), 0,
			 -1);
		doc_cell(d, tb, i + 1, 2,
			 x->f.held ? day(d, x->f.held_on) : doc_printf(d, _("planned %s"), day(d, x->f.from)), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 3, x->f.findings && *x->f.findings ? x->f.findings : "–", 0, -1);
		doc_cell(d, tb, i + 1, 4, recs_text(d, x), DC_CENTER, -1);
	}
	add_table(d, tb);
}

/* The recommendations still open, each with its agency and deadline. */
static void open_recs(const struct inspection *v, size_t n, struct doc *d)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].nrecs; k++) {
			const struct recommendation *c = &v[i].recs[k];

			if (c->state == REC_CLOSED)
				continue;
			doc_add(d, DB_BULLET, 0,
				doc_printf(d, "%s (%s, %s %s: %s)", c->text,
					   c->agency >= 0 ? (i18n_lang() == LANG_EN ? agency_kinds[c->agency].name_en
										    : agency_kinds[c->agency].name_vi)
							  : "?",
					   _("due"), day(d, c->due), wf_state_name(&wf_recommendation, c->state)));
		}
	}
}

void oversight_doc(const struct inspection *v, size_t n, const struct insp_sum *s, bool commune, struct doc *d)
{
	summary(s, commune, d);
	if (!commune)
		return;
	table(v, n, d);
	if (s->recs_open) {
		doc_add(d, DB_PARA, 0, _("Recommendations still open:"));
		open_recs(v, n, d);
	}
}
