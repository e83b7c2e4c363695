/*
 * csv.c: the RFC 4180 reader described in csv.h.
 */
#include "csv.h"

#include <string.h>

#include "util/banned.h"

void csv_init(struct csv *c, const char *data, size_t len)
{
	const char *nl;
	size_t i, commas = 0, semis = 0, tabs = 0;

	memset(c, 0, sizeof(*c));
	c->p = data;
	c->end = data + len;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	for (i = 0; c->p + i < (nl ? nl : c->end); i++) {
		if (c->p[i] == ',')
			commas++;
		else if (c->p[i] == ';')
			semis++;
		else if (c->p[i] == '\t')
			tabs++;
	}
	c->sep = (semis > 0 && commas == 0) ? ';' : (tabs > 0 && commas == 0 && semis == 0) ? '\t' : ',';
	c->next_line = 1;
	buf_init(&c->rec, CSV_MAX_RECORD);
}

void csv_release(struct csv *c)
{
	buf_release(&c->rec);
}

/* The error of a record that could not grow: too long, or out of memory
 * (not to be told as "too long"); -1. */
static int grow_failed(const struct csv *c, enum gemis_err err, struct errctx *e)
{
	if (err == GEMIS_ENOMEM)
		err_set_at(e, GEMIS_ENOMEM, NULL, "out of memory");
	else
		err_set_at(e, GEMIS_ELIMIT, NULL, "line %ld: record longer than %zu bytes", c->line,
			   CSV_MAX_RECORD);
	return -1;
}

/* Appends ch to the record; -1 with the error set when it cannot. */
static int put(struct csv *c, char ch, struct errctx *e)
{
	enum gemis_err err = buf_putc(&c->rec, ch);

	return err ? grow_failed(c, err, e) : 0;
}

static int end_field(struct csv *c, size_t start, struct errctx *e)
{
	if (c->nfields == CSV_MAX_FIELDS) {
		err_set_at(e, GEMIS_ELIMIT, NULL, "line %ld: more than %d fields", c->line,
			   CSV_MAX_FIELDS);
		return -1;
	}
	c->off[c->nfields] = start;
	c->len[c->nfields] = c->rec.len - start;
	c->nfields++;
	return put(c, '\0', e);
}

int csv_next(struct csv *c, struct errctx *e)
{
	size_t start;
	bool quoted = false, was_quoted = false;

	if (c->p >= c->end)
		return 0;
	buf_reset(&c->rec);
	c->nfields = 0;
	c->line = c->next_line;
	start = 0;
	while (c->p < c->end) {
		char ch = *c->p++;

		if (quoted) {
			if (ch == '"') {
				if (c->p < c->end && *c->p == '"') {
					c->p++;
					if (put(c, '"', e))
						return -1;
				} else {
					quoted = false;
				}
			} else {
				if (ch == '\n')
					c->next_line++;
				if (put(c, ch, e))
					return -1;
			}
			continue;
		}
		if (ch == '"') {
			if (c->rec.len != start || was_quoted) {
				err_set_at(e, GEMIS_EFORMAT, NULL,
					   "line %ld: a quote inside an unquoted field", c->line);
				return -1;
			}
			quoted = true;
			was_quoted = true;
		} else if (ch == c->sep) {
			if (end_field(c, start, e))
				return -1;
			start = c->rec.len;
			was_quoted = false;
		} else if (ch == '\r' && c->p < c->end && *c->p == '\n') {
			continue;
		} else if (ch == '\n') {
			c->next_line++;
			return end_field(c, start, e) ? -1 : 1;
		} else {
			if (was_quoted) {
				err_set_at(e, GEMIS_EFORMAT, NULL,
					   "line %ld: text after the closing quote of a field", c->line);
				return -1;
			}
			if (put(c, ch, e))
				return -1;
		}
	}
	if (quoted) {
		err_set_at(e, GEMIS_EFORMAT, NULL, "line %ld: a quoted field is not closed", c->line);
		return -1;
	}
	return end_field(c, start, e) ? -1 : 1;
}

const char *csv_field(const struct csv *c, size_t i, size_t *len)
{
	if (i >= c->nfields) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = c->len[i];
	return buf_str(&c->rec) + c->off[i];
}

bool csv_blank(const struct csv *c)
{
	size_t i;

	for (i = 0; i < c->nfields; i++) {
		size_t k;

		for (k = 0; k < c->len[i]; k++) {
			char ch = buf_str(&c->rec)[c->off[i] + k];

			if (ch != ' ' && ch != '\t')
				return false;
		}
	}
	return true;
}
