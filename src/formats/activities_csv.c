/*
 * activities_csv.c: an activity log from a CSV file or a workbook (layout
 * in activities_csv.h).
 */
#include "activities_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "csv.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "xlsx.h"

#include "util/banned.h"

enum col {
	C_DATE,
	C_AGENCY,
	C_KIND,
	C_CHANNEL,
	C_TITLE,
	C_PLACE,
	C_WOMEN,
	C_MEN,
	C_TASK,
	C_MONTH,
	C_UNIT,
	C_COUNT
};

/* Column names, folded: English, then Vietnamese ones. */
static const char *const names[C_COUNT][4] = {
	{"date", "ngay", "ngay thuc hien", NULL},
	{"agency", "co quan", "co quan thuc hien", "don vi thuc hien"},
	{"kind", "loai", "loai hoat dong", "hinh thuc"},
	{"channel", "kenh", "kenh truyen thong", NULL},
	{"title", "tieu de", "noi dung", "ten hoat dong"},
	{"place", "dia ban", "thon", "thon to"},
	{"women", "nu", "so nu", NULL},
	{"men", "nam", "so nam", NULL},
	{"task", "nhiem vu", "thuoc nhiem vu", NULL},
	{"action month", "thang hanh dong", NULL, NULL},
	{"unit", "ma don vi", "ma xa", NULL},
};


/* One row of cells as text, whatever the file. */
struct cells {
	const char *v[C_COUNT * 4];
	bool number[C_COUNT * 4];
	size_t n;
	long line;
};

static void fold_into(const char *s, char *out, size_t n)
{
	struct buf b;

	out[0] = '\0';
	buf_init(&b, n - 1);
	if (text_fold(&b, s, strlen(s)) == GEMIS_OK && b.len < n)
		memcpy(out, buf_str(&b), b.len + 1);
	buf_release(&b);
	for (char *p = out; *p; p++) {
		if (*p == '_')
			*p = ' ';
	}
}

static int column_of(const char *head)
{
	char f[96];
	int c, k;

	fold_into(head, f, sizeof(f));
	for (c = 0; c < C_COUNT; c++) {
		for (k = 0; k < 4 && names[c][k]; k++) {
			if (strcmp(f, names[c][k]) == 0)
				return c;
		}
	}
	return -1;
}

struct reader {
	int at[C_COUNT]; /* cell index of each column, -1 absent */
	struct act_row *rows;
	size_t n, cap;
	struct diags *d;
};

static enum gemis_err header(struct reader *r, const struct cells *h, struct errctx *e)
{
	size_t i;
	int c;

	for (c = 0; c < C_COUNT; c++)
		r->at[c] = -1;
	for (i = 0; i < h->n; i++) {
		char name[64];

		if (!*h->v[i])
			continue;
		c = column_of(h->v[i]);
		snprintf(name, sizeof(name), "%.60s", h->v[i]);
		if (c < 0)
			return err_set_at(e, GEMIS_EFORMAT, name,
					  _("line 1: unknown column '%s' (date, agency, kind, channel, title, place, women, men, task, action_month, unit)"),
					  name);
		if (r->at[c] >= 0)
			return err_set_at(e, GEMIS_EFORMAT, name, _("line 1: the column '%s' is given twice"), name);
		r->at[c] = (int)i;
	}
	if (r->at[C_DATE] < 0 || r->at[C_KIND] < 0 || r->at[C_TITLE] < 0)
		return err_set(e, GEMIS_EFORMAT, _("line 1: the columns date, kind and title are needed"));
	return GEMIS_OK;
}

static const char *cell(const struct reader *r, const struct cells *c, enum col k, bool *number)
{
	int i = r->at[k];
	const char *v = i >= 0 && (size_t)i < c->n ? c->v[i] : "";

	if (number)
		*number = i >= 0 && (size_t)i < c->n && c->number[i];
	while (*v == ' ')
		v++;
	return v;
}

static int agency_of(const char *s)
{
	char f[128], g[128];
	size_t k;

	if (agency_find(s) >= 0)
		return agency_find(s);
	fold_into(s, f, sizeof(f));
	for (k = 0; k < agency_kind_count; k++) {
		fold_into(agency_kinds[k].name_vi, g, sizeof(g));
		if (strcmp(f, g) == 0)
			return (int)k;
		fold_into(agency_kinds[k].name_en, g, sizeof(g));
		if (strcmp(f, g) == 0)
			return (int)k;
	}
	return -1;
}

/* A day: ISO, dd/mm/yyyy, or an Excel serial number in a number cell. */
static bool day_of(const char *s, bool number, struct date *d)
{
	size_t len = strlen(s);
	double v;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (date_parse_iso(s, len, d))
		return true;
	if (date_parse_dmy(s, len, d) && d->y >= DATE_MIN_YEAR)
		return true;
	/* days since 30/12/1899, as spreadsheets count them */
	if (number && text_parse_number(s, len, &v) && v >= 1 && v < 80000 && v == (long)v) {
		*d = date_from_days(date_days((struct date){1899, 12, 30}) + (long long)v);
		return true;
	}
	return false;
}

static bool count_of(const char *s, int *out)
{
	long v;

	if (!*s) {
		*out = -1;
		return true;
	}
	if (!text_parse_long(s, strlen(s), &v) || v > ACT_PEOPLE_MAX) {
		double x;

		/* "12" typed in a number cell comes back as "12" or "12.0" */
		if (!text_parse_number(s, strlen(s), &x) || x != (long)x || x < 0 || x > ACT_PEOPLE_MAX)
			return false;
		v = (long)x;
	}
	*out = (int)v;
	return true;
}

static int yes_no(const char *s)
{
	char f[32];

	if (!*s)
		return -1;
	fold_into(s, f, sizeof(f));
	if (!strcmp(f, "1") || !strcmp(f, "yes") || !strcmp(f, "co") || !strcmp(f, "x") || !strcmp(f, "true"))
		return 1;
	if (!strcmp(f, "0") || !strcmp(f, "no") || !strcmp(f, "khong") || !strcmp(f, "false"))
		return 0;
	return -2;
}

static void copy_text(char *dst, size_t n, const char *s, struct diags *d, long line, const char *field)
{
	if (strlen(s) >= n)
		diags_add(d, line, field, _("longer than %zu bytes"), n - 1);
	snprintf(dst, n, "%s", s);
}

static enum gemis_err row(struct reader *r, const struct cells *c)
{
	struct act_row x;
	size_t before = r->d->total, i;
	const char *s;
	bool number;
	int k;

	for (i = 0; i < c->n && !*c->v[i]; i++)
		;
	if (i == c->n)
		return GEMIS_OK; /* a blank row */
	memset(&x, 0, sizeof(x));
	x.line = c->line;
	x.agency = -1;
	x.channel = -1;
	x.action_month = -1;
	s = cell(r, c, C_DATE, &number);
	if (!*s)
		diags_add(r->d, x.line, "date", _("missing"));
	else if (!day_of(s, number, &x.day))
		diags_add(r->d, x.line, "date", _("'%s' is not a date (30/11/2026 or 2026-11-30)"), s);
	s = cell(r, c, C_AGENCY, NULL);
	if (*s && (x.agency = agency_of(s)) < 0)
		diags_add(r->d, x.line, "agency", _("unknown agency '%s'"), s);
	s = cell(r, c, C_KIND, NULL);
	x.kind = act_kind_parse(s);
	if (!*s)
		diags_add(r->d, x.line, "kind", _("missing"));
	else if (x.kind < 0)
		diags_add(r->d, x.line, "kind",
			  _("unknown kind '%s' (news, broadcast, event, training, conference, home_visit, mediation)"), s);
	s = cell(r, c, C_CHANNEL, NULL);
	if (*s && (x.channel = act_channel_parse(s)) < 0)
		diags_add(r->d, x.line, "channel",
			  _("unknown channel '%s' (loudspeaker, portal, social, banner, direct)"), s);
	s = cell(r, c, C_TITLE, NULL);
	if (!*s)
		diags_add(r->d, x.line, "title", _("missing"));
	copy_text(x.title, sizeof(x.title), s, r->d, x.line, "title");
	copy_text(x.place, sizeof(x.place), cell(r, c, C_PLACE, NULL), r->d, x.line, "place");
	s = cell(r, c, C_WOMEN, NULL);
	if (!count_of(s, &x.women))
		diags_add(r->d, x.line, "women", _("'%s' is not a number of people"), s);
	s = cell(r, c, C_MEN, NULL);
	if (!count_of(s, &x.men))
		diags_add(r->d, x.line, "men", _("'%s' is not a number of people"), s);
	copy_text(x.task, sizeof(x.task), cell(r, c, C_TASK, NULL), r->d, x.line, "task");
	copy_text(x.unit, sizeof(x.unit), cell(r, c, C_UNIT, NULL), r->d, x.line, "unit");
	s = cell(r, c, C_MONTH, NULL);
	k = yes_no(s);
	if (k == -2)
		diags_add(r->d, x.line, "action_month", _("'%s' is not yes or no"), s);
	else
		x.action_month = k;
	if (r->d->total > before)
		return GEMIS_OK;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 128;
		struct act_row *nv = realloc(r->rows, cap * sizeof(*nv));

		if (!nv)
			return GEMIS_ENOMEM;
		r->rows = nv;
		r->cap = cap;
	}
	r->rows[r->n++] = x;
	return GEMIS_OK;
}

static enum gemis_err read_csv(struct reader *r, const char *data, size_t len, struct errctx *e)
{
	struct csv c;
	enum gemis_err err = GEMIS_OK;
	bool first = true;
	int rc;

	csv_init(&c, data, len);
	while (!err && (rc = csv_next(&c, e)) == 1) {
		struct cells cs = {{0}, {0}, 0, c.line};
		size_t i;

		if (csv_blank(&c) && !first)
			continue;
		for (i = 0; i < c.nfields && i < sizeof(cs.v) / sizeof(cs.v[0]); i++) {
			cs.v[i] = csv_field(&c, i, NULL);
			cs.number[i] = false;
		}
		cs.n = i;
		err = first ? header(r, &cs, e) : row(r, &cs);
		first = false;
	}
	if (!err && rc < 0)
		err = GEMIS_EFORMAT;
	if (!err && first)
		err = err_set(e, GEMIS_EFORMAT, _("the file is empty"));
	csv_release(&c);
	return err;
}

static enum gemis_err read_xlsx(struct reader *r, const void *data, size_t len, struct errctx *e)
{
	struct xlsx_book b;
	const struct xlsx_sheet *sh = NULL;
	enum gemis_err err;
	size_t i, k;

	err = xlsx_read(data, len, &b, e);
	if (err)
		return err;
	for (i = 0; i < b.nsheets && !sh; i++) {
		if (!b.sheets[i].hidden)
			sh = &b.sheets[i];
	}
	if (!sh || sh->ncells == 0) {
		xlsx_release(&b);
		return err_set(e, GEMIS_EFORMAT, _("the file is empty"));
	}
	for (i = 0; i < sh->ncells && !err;) {
		uint32_t rowno = sh->cells[i].row;
		struct cells cs = {{0}, {0}, 0, (long)rowno};
		size_t cap = sizeof(cs.v) / sizeof(cs.v[0]);

		for (k = 0; k < cap; k++)
			cs.v[k] = "";
		for (; i < sh->ncells && sh->cells[i].row == rowno; i++) {
			uint32_t col = sh->cells[i].col;

			if (col >= 1 && col <= cap) {
				cs.v[col - 1] = sh->cells[i].text;
				cs.number[col - 1] = sh->cells[i].number;
				if (col > cs.n)
					cs.n = col;
			}
		}
		err = rowno == sh->cells[0].row ? header(r, &cs, e) : row(r, &cs);
	}
	xlsx_release(&b);
	return err;
}

enum gemis_err activities_read(const void *data, size_t len, struct act_row **rows, size_t *n, struct diags *d,
			       struct errctx *e)
{
	struct reader r;
	enum gemis_err err;

	memset(&r, 0, sizeof(r));
	r.d = d;
	*rows = NULL;
	*n = 0;
	if (len > ACTIVITY_FILE_MAX)
		return err_set(e, GEMIS_ELIMIT, _("the file is larger than %zu MB"), ACTIVITY_FILE_MAX >> 20);
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
		err = read_xlsx(&r, data, len, e);
	} else {
		if (!text_valid_utf8(data, len))
			return err_set(e, GEMIS_EFORMAT, _("the file is not UTF-8 text: save it as \"CSV UTF-8\" or as a workbook"));
		err = read_csv(&r, data, len, e);
	}
	if (err) {
		free(r.rows);
		return err;
	}
	*rows = r.rows;
	*n = r.n;
	return GEMIS_OK;
}
