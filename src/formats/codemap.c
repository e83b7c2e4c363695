/*
 * codemap.c: code mappings for data exchange (format in codemap.h).
 */
#include "codemap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "encoding.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

static const char *const type_names[CODE_TYPES] = {"unit",    "element", "sex",
						   "attribute", "dataset", "default", "category"};

/* The formats that take a code map (CSV is gemis's own codes). */
static const char *const map_formats[] = {"adx", "dhis2", "sdmx"};

/* What DHIS2 calls its defaults, by name and by the ids every DHIS2
 * database is created with: the category option combination, category
 * combination, category and category option named "default". */
static const char *const builtin_defaults[] = {"default", "HllvX50cXC0", "bjDvmb4bfuf", "GLevLNI9wkl",
					       "xYerKDKCefk"};

void codemap_init(struct codemap *m)
{
	memset(m, 0, sizeof(*m));
	arena_init(&m->mem, (size_t)64 << 20);
}

void codemap_release(struct codemap *m)
{
	free(m->v);
	arena_release(&m->mem);
	memset(m, 0, sizeof(*m));
}

/* True when line p plays a part for the format m is used for. */
static bool for_format(const struct codemap *m, const struct code_pair *p)
{
	return !p->format || (m->format && strcmp(p->format, m->format) == 0);
}

/* The line mapping `code` (gemis's, or the other system's when external)
 * for the format at hand; only lines for every format when none is. */
static const struct code_pair *find(const struct codemap *m, enum code_type t, const char *code,
				    bool external)
{
	const struct code_pair *any = NULL;
	size_t i;

	for (i = 0; m && i < m->n; i++) {
		if (m->v[i].type == t && strcmp(external ? m->v[i].external : m->v[i].gemis, code) == 0 &&
		    for_format(m, &m->v[i])) {
			if (m->v[i].format)
				return &m->v[i];
			if (!any)
				any = &m->v[i];
		}
	}
	return any;
}

/* A line already read that clashes with a new one: the same code (either
 * way) of the same type at the same reach; for `default` lines, the same
 * pair. */
static const struct code_pair *clash(const struct codemap *m, enum code_type t, const char *format,
				     const char *code, bool external, const char *other)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct code_pair *p = &m->v[i];

		if (p->type != t || !p->format != !format || (format && strcmp(p->format, format) != 0) ||
		    strcmp(external ? p->external : p->gemis, code) != 0)
			continue;
		if (t != CODE_DEFAULT || strcmp(external ? p->gemis : p->external, other) == 0)
			return p;
	}
	return NULL;
}

bool codemap_is_default(const struct codemap *m, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < sizeof(builtin_defaults) / sizeof(builtin_defaults[0]); i++) {
		if (strcmp(value, builtin_defaults[i]) == 0)
			return true;
	}
	for (i = 0; m && i < m->n; i++) {
		if (m->v[i].type == CODE_DEFAULT && for_format(m, &m->v[i]) && strcmp(m->v[i].gemis, name) == 0 &&
		    strcmp(m->v[i].external, value) == 0)
			return true;
	}
	return false;
}

const char *codemap_out(const struct codemap *m, enum code_type t, const char *code)
{
	const struct code_pair *p = find(m, t, code, false);

	return p ? p->external : code;
}

const char *codemap_in(const struct codemap *m, enum code_type t, const char *code)
{
	const struct code_pair *p = find(m, t, code, true);

	return p ? p->gemis : code;
}

/* The type of a row of the map (type, gemis, external, format: trimmed),
 * or -1 with its problem in d. */
static int row_type(const struct codemap *m, const struct csv *c, char *const f[4], struct diags *d)
{
	size_t k;
	int t = -1;

	if (*f[3]) {
		bool known = false;

		for (k = 0; k < sizeof(map_formats) / sizeof(map_formats[0]); k++)
			known |= strcmp(f[3], map_formats[k]) == 0;
		if (!known) {
			diags_add(d, c->line, "format", _("unknown format '%s' (adx, dhis2, sdmx, or empty for all)"),
				  f[3]);
			return -1;
		}
	}
	for (k = 0; k < CODE_TYPES; k++) {
		if (strcmp(f[0], type_names[k]) == 0)
			t = (int)k;
	}
	if (t < 0) {
		diags_add(d, c->line, "type",
			  _("unknown type '%s' (unit, element, sex, attribute, dataset, default, category)"), f[0]);
		return -1;
	}
	if (!*f[1] || !*f[2]) {
		diags_add(d, c->line, !*f[1] ? "gemis" : "external", _("empty code"));
		return -1;
	}
	if (clash(m, (enum code_type)t, *f[3] ? f[3] : NULL, f[1], false, f[2])) {
		diags_add(d, c->line, "gemis", _("'%s' is mapped twice"), f[1]);
		return -1;
	}
	if (t != CODE_DEFAULT && clash(m, (enum code_type)t, *f[3] ? f[3] : NULL, f[2], true, f[1])) {
		diags_add(d, c->line, "external", _("'%s' is mapped twice"), f[2]);
		return -1;
	}
	return t;
}

/* Adds a pair of codes of type t (fmt: the format it is for, or NULL). */
static enum gemis_err add_pair(struct codemap *m, int t, const char *fmt, char *const f[4])
{
	struct code_pair *p;

	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct code_pair *nv = realloc(m->v, cap * sizeof(*nv));

		if (!nv)
			return GEMIS_ENOMEM;
		m->v = nv;
		m->cap = cap;
	}
	p = &m->v[m->n];
	p->type = (enum code_type)t;
	p->format = fmt ? arena_strdup(&m->mem, fmt) : NULL;
	p->gemis = arena_strdup(&m->mem, f[1]);
	p->external = arena_strdup(&m->mem, f[2]);
	if (!p->gemis || !p->external || (fmt && !p->format))
		return GEMIS_ENOMEM;
	m->n++;
	return GEMIS_OK;
}

static enum gemis_err parse_utf8(struct codemap *m, const char *format, const char *data, size_t len,
			       struct diags *d, struct errctx *e)
{
	struct csv c;
	int rc, col[4] = {-1, -1, -1, -1};
	size_t i, k, ncols;
	static const char *const cols[4] = {"type", "gemis", "external", "format"};
	enum gemis_err err = GEMIS_OK;

	if (!text_valid_utf8(data, len))
		return err_set(e, GEMIS_EFORMAT, "%s", _("the file is not UTF-8 text"));
	if (format) {
		m->format = arena_strdup(&m->mem, format);
		if (!m->format)
			return GEMIS_ENOMEM;
	}
	csv_init(&c, data, len);
	rc = csv_next(&c, e);
	if (rc <= 0) {
		csv_release(&c);
		if (rc == 0)
			return err_set(e, GEMIS_EFORMAT, "%s", _("the file is empty"));
		return e && e->code == GEMIS_ENOMEM ? GEMIS_ENOMEM : GEMIS_EFORMAT;
	}
	ncols = c.nfields;
	for (i = 0; i < c.nfields; i++) {
		char name[32];

		snprintf(name, sizeof(name), "%s", csv_field(&c, i, NULL));
		text_trim(name);
		for (k = 0; k < 4; k++) {
			if (strcmp(name, cols[k]) == 0 && col[k] < 0)
				col[k] = (int)i;
		}
	}
	for (k = 0; k < 3; k++) {
		if (col[k] < 0)
			diags_add(d, 1, "header", _("missing column '%s' (expected %s)"), cols[k],
				  "type,gemis,external[,format]");
	}
	while (col[0] >= 0 && col[1] >= 0 && col[2] >= 0) {
		char *f[4];
		int t;

		rc = csv_next(&c, e);
		if (rc == 0)
			break;
		if (rc < 0) {
			err = e && e->code == GEMIS_ENOMEM ? GEMIS_ENOMEM : GEMIS_EFORMAT;
			break;
		}
		if (csv_blank(&c))
			continue;
		/* a last `format` column may be left out where it is empty */
		if (c.nfields != ncols && !(col[3] == (int)ncols - 1 && c.nfields == ncols - 1)) {
			diags_add(d, c.line, "", _("%zu fields where %zu are expected"), c.nfields, ncols);
			continue;
		}
		for (k = 0; k < 4; k++) {
			f[k] = col[k] >= 0 && (size_t)col[k] < c.nfields ? (char *)csv_field(&c, (size_t)col[k], NULL)
									 : (char *)"";
			if (*f[k])
				text_trim(f[k]);
		}
		t = row_type(m, &c, f, d);
		if (t < 0)
			continue;
		err = add_pair(m, t, *f[3] ? f[3] : NULL, f);
		if (err)
			break;
	}
	csv_release(&c);
	return err;
}

/* UTF-16 is read as UTF-8; other encodings are refused (encoding.h). */
enum gemis_err codemap_parse(struct codemap *m, const char *format, const char *data, size_t len,
			     struct diags *d, struct errctx *e)
{
	enum text_encoding enc;
	struct buf conv;
	enum gemis_err err;

	buf_init(&conv, len * 2 + 16);
	err = text_decode(data, len, &enc, &conv, e);
	if (!err)
		err = enc == TEXT_UTF8 ? parse_utf8(m, format, data, len, d, e)
				       : parse_utf8(m, format, buf_str(&conv), conv.len, d, e);
	buf_release(&conv);
	return err;
}
