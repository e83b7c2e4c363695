/*
 * codemap.c: code mappings for data exchange (format in codemap.h).
 */
#include "codemap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

static const char *const type_names[CODE_TYPES] = {"unit", "element", "sex", "attribute", "dataset"};

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

static const struct code_pair *find(const struct codemap *m, enum code_type t, const char *code,
				    bool external)
{
	size_t i;

	for (i = 0; m && i < m->n; i++) {
		if (m->v[i].type == t && strcmp(external ? m->v[i].external : m->v[i].gemis, code) == 0)
			return &m->v[i];
	}
	return NULL;
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

enum gemis_err codemap_parse(struct codemap *m, const char *data, size_t len, struct diags *d,
			     struct errctx *e)
{
	struct csv c;
	int rc, col[3] = {-1, -1, -1};
	size_t i, k;
	static const char *const cols[3] = {"type", "gemis", "external"};
	enum gemis_err err = GEMIS_OK;

	if (!text_valid_utf8(data, len))
		return err_set(e, GEMIS_EFORMAT, "%s", _("the file is not UTF-8 text"));
	csv_init(&c, data, len);
	rc = csv_next(&c, e);
	if (rc <= 0) {
		csv_release(&c);
		return rc == 0 ? err_set(e, GEMIS_EFORMAT, "%s", _("the file is empty")) : GEMIS_EFORMAT;
	}
	for (i = 0; i < c.nfields; i++) {
		char name[32];

		snprintf(name, sizeof(name), "%s", csv_field(&c, i, NULL));
		text_trim(name);
		for (k = 0; k < 3; k++) {
			if (strcmp(name, cols[k]) == 0 && col[k] < 0)
				col[k] = (int)i;
		}
	}
	for (k = 0; k < 3; k++) {
		if (col[k] < 0)
			diags_add(d, 1, "header", _("missing column '%s' (expected %s)"), cols[k],
				  "type,gemis,external");
	}
	while (col[0] >= 0 && col[1] >= 0 && col[2] >= 0) {
		char *f[3];
		int t = -1;
		struct code_pair *p;

		rc = csv_next(&c, e);
		if (rc == 0)
			break;
		if (rc < 0) {
			err = GEMIS_EFORMAT;
			break;
		}
		if (csv_blank(&c))
			continue;
		if (c.nfields != 3) {
			diags_add(d, c.line, "", _("%zu fields where 3 are expected"), c.nfields);
			continue;
		}
		for (k = 0; k < 3; k++) {
			f[k] = (char *)csv_field(&c, (size_t)col[k], NULL);
			text_trim(f[k]);
		}
		for (k = 0; k < CODE_TYPES; k++) {
			if (strcmp(f[0], type_names[k]) == 0)
				t = (int)k;
		}
		if (t < 0) {
			diags_add(d, c.line, "type", _("unknown type '%s' (unit, element, sex, attribute, dataset)"),
				  f[0]);
			continue;
		}
		if (!*f[1] || !*f[2]) {
			diags_add(d, c.line, !*f[1] ? "gemis" : "external", _("empty code"));
			continue;
		}
		if (find(m, (enum code_type)t, f[1], false)) {
			diags_add(d, c.line, "gemis", _("'%s' is mapped twice"), f[1]);
			continue;
		}
		if (find(m, (enum code_type)t, f[2], true)) {
			diags_add(d, c.line, "external", _("'%s' is mapped twice"), f[2]);
			continue;
		}
		if (m->n == m->cap) {
			size_t cap = m->cap ? m->cap * 2 : 64;
			struct code_pair *nv = realloc(m->v, cap * sizeof(*nv));

			if (!nv) {
				err = GEMIS_ENOMEM;
				break;
			}
			m->v = nv;
			m->cap = cap;
		}
		p = &m->v[m->n];
		p->type = (enum code_type)t;
		p->gemis = arena_strdup(&m->mem, f[1]);
		p->external = arena_strdup(&m->mem, f[2]);
		if (!p->gemis || !p->external) {
			err = GEMIS_ENOMEM;
			break;
		}
		m->n++;
	}
	csv_release(&c);
	return err;
}
