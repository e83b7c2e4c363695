/*
 * complaints_doc.c: feedback and complaints in a report (see
 * complaints_doc.h).
 */
#include "complaints_doc.h"

#include <string.h>

#include "core/catalog.h"
#include "core/suppress.h"
#include "util/i18n.h"

#include "util/banned.h"

#define ROWS GOAL_COUNT
#define COLS CH_COUNT

static void add_table(struct doc *d, struct dtable *tb)
{
	struct dblock *b = doc_add(d, DB_TABLE, 0, NULL);

	if (b)
		b->table = tb;
}

/* The published counts, in one suppression problem: the table by field
 * and channel with its margins, the kinds and the states, which both add
 * up to the grand total (so neither can give a hidden cell away), and the
 * counts that are parts of nothing published (overdue, late, referred). */
enum {
	W = COLS + 1,
	GRID = (ROWS + 1) * W,
	GRAND = GRID - 1,
	KIND0 = GRID,                /* CK_COUNT kinds */
	ANSWERED = KIND0 + CK_COUNT, /* answered, open, withdrawn: add up */
	OPEN,
	WITHDRAWN,
	OVERDUE,
	LATE,
	REFERRED,
	NCELLS
};
#define NSUMS ((ROWS + 1) + (COLS + 1) + 2)

struct published {
	long long v[NCELLS];
	unsigned char st[NCELLS];
	char txt[NCELLS][16];
};

static void fill(const struct cmp_sum *s, long long *v)
{
	size_t r, c, k;

	for (r = 0; r < ROWS; r++) {
		for (c = 0; c < COLS; c++) {
			v[r * W + c] = s->by[r][c];
			v[r * W + COLS] += s->by[r][c];
			v[ROWS * W + c] += s->by[r][c];
			v[GRAND] += s->by[r][c];
		}
	}
	for (k = 0; k < CK_COUNT; k++)
		v[KIND0 + k] = s->by_kind[k];
	v[ANSWERED] = s->answered;
	v[OPEN] = s->open;
	v[WITHDRAWN] = s->withdrawn;
	v[OVERDUE] = s->overdue;
	v[LATE] = s->answered_late;
	v[REFERRED] = s->referred;
}

static enum gemis_err publish(const struct cmp_sum *s, struct published *p)
{
	size_t parts[(ROWS + 1) * COLS + (COLS + 1) * ROWS + CK_COUNT + 3];
	struct supp_sum sums[NSUMS];
	struct supp_problem pr;
	size_t r, c, k, np = 0, ns = 0;
	enum gemis_err err;

	memset(p, 0, sizeof(*p));
	fill(s, p->v);
	for (r = 0; r <= ROWS; r++) {
		sums[ns] = (struct supp_sum){r * W + COLS, np, COLS};
		for (c = 0; c < COLS; c++)
			parts[np++] = r * W + c;
		ns++;
	}
	for (c = 0; c <= COLS; c++) {
		sums[ns] = (struct supp_sum){ROWS * W + c, np, ROWS};
		for (r = 0; r < ROWS; r++)
			parts[np++] = r * W + c;
		ns++;
	}
	sums[ns++] = (struct supp_sum){GRAND, np, CK_COUNT};
	for (k = 0; k < CK_COUNT; k++)
		parts[np++] = KIND0 + k;
	sums[ns++] = (struct supp_sum){GRAND, np, 3};
	parts[np++] = ANSWERED;
	parts[np++] = OPEN;
	parts[np++] = WITHDRAWN;
	pr = (struct supp_problem){NCELLS, p->v, ns, sums, parts};
	err = suppress(&pr, p->st);
	for (k = 0; !err && k < NCELLS; k++)
		supp_format(p->v[k], p->st[k], p->txt[k], sizeof(p->txt[k]));
	return err;
}

static void summary(const struct published *p, struct doc *d)
{
	doc_add(d, DB_PARA, 0,
		doc_printf(d, _("Received: %s (feedback: %s, petitions: %s, complaints: %s, denunciations: %s); answered: %s, of which after the legal time limit: %s; still open: %s, of which overdue: %s; withdrawn: %s; referred to the case register: %s."),
			   p->txt[GRAND], p->txt[KIND0 + CK_FEEDBACK], p->txt[KIND0 + CK_PETITION],
			   p->txt[KIND0 + CK_COMPLAINT], p->txt[KIND0 + CK_DENUNCIATION], p->txt[ANSWERED], p->txt[LATE],
			   p->txt[OPEN], p->txt[OVERDUE], p->txt[WITHDRAWN], p->txt[REFERRED]));
}

/* The counts by field and channel with their margins. */
static void field_table(const struct published *p, struct doc *d)
{
	static const double w[COLS + 2] = {0.28, 0.09, 0.09, 0.09, 0.09, 0.09, 0.15, 0.12};
	struct dtable *tb;
	size_t r, c;

	tb = doc_table(d, COLS + 2, ROWS + 2, 1, w);
	if (!tb)
		return;
	doc_cell(d, tb, 0, 0, _("Field of the strategy"), DC_HEAD | DC_CENTER, -1);
	for (c = 0; c < COLS; c++)
		doc_cell(d, tb, 0, c + 1, cmp_channel_name((int)c), DC_HEAD | DC_CENTER, -1);
	doc_cell(d, tb, 0, COLS + 1, _("Total"), DC_HEAD | DC_CENTER, -1);
	for (r = 0; r <= ROWS; r++) {
		doc_cell(d, tb, r + 1, 0, r < ROWS ? goal_name((enum goal)r, i18n_lang()) : _("Total"), 0, -1);
		for (c = 0; c <= COLS; c++)
			doc_cell(d, tb, r + 1, c + 1, p->txt[r * W + c], DC_CENTER, -1);
	}
	add_table(d, tb);
	doc_add(d, DB_NOTE, 0,
		_("Counts of 1 to 4 are shown as \"<5\", and counts that would give them away as \"x\", as for the case register. Who brought a matter is never in a report."));
}

void complaints_doc(const struct cmp_sum *s, struct doc *d)
{
	struct published p;

	if (!s->total) {
		doc_add(d, DB_PARA, 0, _("No feedback, petition, complaint or denunciation of the year is recorded in gemis."));
		return;
	}
	if (publish(s, &p)) {
		doc_add(d, DB_PARA, 0, _("The counts of feedback and complaints could not be computed."));
		return;
	}
	summary(&p, d);
	field_table(&p, d);
}
