/*
 * drafts_doc.c: the gender check of drafts in a report (see drafts_doc.h).
 */
#include "drafts_doc.h"

#include "core/catalog.h"
#include "core/workflow.h"
#include "util/i18n.h"

#include "util/banned.h"

static void summary(const struct draft_sum *s, struct doc *d)
{
	if (!s->drafts) {
		doc_add(d, DB_PARA, 0, _("No draft legal document of the year is recorded in gemis."));
		return;
	}
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Drafts registered: %u (decisions: %u, plans: %u, resolutions: %u, other: %u); gender checks reviewed: %u; awaiting review: %u."),
			   s->drafts, s->by_kind[DK_DECISION], s->by_kind[DK_PLAN], s->by_kind[DK_RESOLUTION],
			   s->by_kind[DK_OTHER], s->reviewed, s->waiting));
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Documents issued: %u, of which with a reviewed gender check: %u."), s->issued,
			   s->issued_reviewed));
}

static const char *issued(struct doc *d, const struct draft *x)
{
	char s[DATE_TEXT_LEN];

	if (!x->issued)
		return _("not issued");
	date_format_dmy(x->issued_on, s);
	return doc_printf(d, "%s, %s", x->issued_no, s);
}

/* A commune's drafts, one a row. */
static void table(const struct draft *v, size_t n, struct doc *d)
{
	static const double w[5] = {0.06, 0.40, 0.20, 0.16, 0.18};
	struct dtable *tb;
	struct dblock *b;
	size_t i;

	if (!n)
		return;
	tb = doc_table(d, 5, n + 1, 1, w);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("No."), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 1, _("Draft"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 2, _("Drafting agency"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 3, _("Gender check"), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, 4, _("Issued"), DC_HEAD | DC_CENTER, -1);
	for (i = 0; i < n; i++) {
		const struct draft *x = &v[i];
		int ag = x->f.agency;

		doc_cell(d, tb, i + 1, 0, doc_printf(d, "%zu", i + 1), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 1,
			 doc_printf(d, "%s%s%s: %s", draft_kind_name(x->f.kind), x->f.number ? " " : "",
				    x->f.number ? x->f.number : "", x->f.title),
			 0, -1);
		doc_cell(d, tb, i + 1, 2,
			 ag >= 0 ? (i18n_lang() == LANG_EN ? agency_kinds[ag].name_en : agency_kinds[ag].name_vi) : "?", 0,
			 -1);
		doc_cell(d, tb, i + 1, 3, wf_state_name(&wf_draft, x->state), DC_CENTER, -1);
		doc_cell(d, tb, i + 1, 4, issued(d, x), DC_CENTER, -1);
	}
	b = doc_add(d, DB_TABLE, 0, NULL);
	if (b)
		b->table = tb;
}

void drafts_doc(const struct tree *t, const struct draft *v, size_t n, const struct draft_sum *s, bool commune,
		struct doc *d)
{
	(void)t;
	summary(s, d);
	if (commune)
		table(v, n, d);
}
