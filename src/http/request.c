/*
 * request.c: reading a request: route patterns, urlencoded and multipart
 * bodies, the declared parameters of a route, and the accessors handlers
 * use.
 *
 * Parameter kinds of a route's declaration ("unit:code year:year"):
 *   code    a unit code: 1-7 of 0-9 A-Z ("VN", "12", "03390")
 *   year    a year PERIOD_MIN_YEAR..PERIOD_MAX_YEAR
 *   period  2026, 2026Q3 or 2026-07
 *   date    a day, YYYY-MM-DD
 *   int     a non-negative integer of at most 18 digits
 *   id      1-64 of a-z 0-9 _ . - (indicator, agency, status, user names)
 *   lang    vi or en
 *   path    a local path for redirects: "/..." but not "//...", no "\"
 *   line    one line of text, at most 256 bytes
 *   text    text with line breaks, at most 8192 bytes
 *   num     what a person typed as a number: one line of at most 64 bytes,
 *           checked by the handler so that the message can stand by the field
 *   secret  a password: at most 1024 bytes; never logged
 *   file    a file of a multipart form
 * Every value must be valid UTF-8 without control characters (text keeps
 * line breaks and tabs).  A name ending in '*' declares a prefix.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/period.h"
#include "internal.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

#define MAX_PARAMS 4000

bool http_match(struct arena *a, const char *pattern, const char *path, const char **args,
		int *nargs)
{
	const char *p = pattern, *s = path;

	*nargs = 0;
	while (*p) {
		if (p[0] == '{' && p[1] == '*' && p[2] == '}') {
			if (*nargs >= HTTP_MAX_ARGS || !*s)
				return false;
			args[(*nargs)++] = arena_strdup(a, s);
			return args[*nargs - 1] != NULL;
		}
		if (*p == '{') {
			const char *close = strchr(p, '}'), *end = s;

			if (!close || *nargs >= HTTP_MAX_ARGS)
				return false;
			while (*end && *end != '/')
				end++;
			if (end == s)
				return false;
			args[(*nargs)++] = arena_strndup(a, s, (size_t)(end - s));
			if (!args[*nargs - 1])
				return false;
			s = end;
			p = close + 1;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *s == '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) (+ is a space) into the arena; NULL on a bad escape. */
static char *url_decode(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	char *o = arena_alloc(a, len + 1);
	size_t i, k = 0;

	if (!o)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '+') {
			o[k++] = ' ';
		} else if (s[i] == '%') {
			int h, l;

			if (len - i < 3)
				return NULL;
			h = hexval(s[i + 1]);
			l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			o[k++] = (char)(h * 16 + l);
			i += 2;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = '\0';
	*outlen = k;
	return o;
}

enum gemis_err http_parse_urlencoded(struct arena *a, const char *data, size_t len,
				     struct http_kv **out, size_t *n, struct errctx *e)
{
	size_t count = 1, i, start = 0, k = 0;
	struct http_kv *kv;

	*out = NULL;
	*n = 0;
	if (len == 0)
		return GEMIS_OK;
	for (i = 0; i < len; i++)
		count += data[i] == '&';
	if (count > MAX_PARAMS)
		return err_set(e, GEMIS_ELIMIT, "%s", _("too many parameters"));
	kv = arena_alloc(a, count * sizeof(*kv));
	if (!kv)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	for (i = 0; i <= len; i++) {
		const char *part, *eq;
		size_t plen, nlen, vlen;

		if (i < len && data[i] != '&')
			continue;
		part = data + start;
		plen = i - start;
		start = i + 1;
		if (plen == 0)
			continue;
		eq = memchr(part, '=', plen);
		kv[k].name = url_decode(a, part, eq ? (size_t)(eq - part) : plen, &nlen);
		kv[k].value = eq ? url_decode(a, eq + 1, plen - (size_t)(eq + 1 - part), &vlen)
				 : arena_strdup(a, "");
		if (!eq)
			vlen = 0;
		if (!kv[k].name || !kv[k].value)
			return err_set(e, GEMIS_EINVAL, "%s", _("malformed form data (a bad %-escape)"));
		if (!text_valid_utf8(kv[k].name, nlen) || !text_valid_utf8(kv[k].value, vlen) ||
		    strlen(kv[k].name) != nlen || strlen(kv[k].value) != vlen)
			return err_set(e, GEMIS_EINVAL, "%s", _("form data is not valid UTF-8"));
		kv[k].len = vlen;
		k++;
	}
	*out = kv;
	*n = k;
	return GEMIS_OK;
}

static const char *memmem_s(const char *h, size_t hlen, const char *n, size_t nlen)
{
	return memmem(h, hlen, n, nlen);
}

/* The value of a parameter of a header ("boundary", "name"), in the arena. */
static char *header_param(struct arena *a, const char *h, size_t hlen, const char *name)
{
	size_t nlen = strlen(name), i = 0;

	while (i < hlen) {
		/* find "; name=" case-insensitively */
		if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ') && hlen - i > nlen &&
		    strncasecmp(h + i, name, nlen) == 0 && h[i + nlen] == '=') {
			const char *v = h + i + nlen + 1, *end;
			size_t rest = hlen - (i + nlen + 1);

			if (rest > 0 && *v == '"') {
				end = memchr(v + 1, '"', rest - 1);
				if (!end)
					return NULL;
				return arena_strndup(a, v + 1, (size_t)(end - v - 1));
			}
			end = v;
			while ((size_t)(end - h) < hlen && *end != ';' && *end != ' ' && *end != '\r')
				end++;
			return arena_strndup(a, v, (size_t)(end - v));
		}
		i++;
	}
	return NULL;
}

/* A multipart part's Content-Type (its headers: hdr to hend), or NULL. */
static char *part_content_type(struct arena *a, const char *hdr, const char *hend)
{
	const char *ct = memmem_s(hdr, (size_t)(hend - hdr), "Content-Type:", 13), *v, *ve;

	if (!ct)
		ct = memmem_s(hdr, (size_t)(hend - hdr), "content-type:", 13);
	if (!ct)
		return NULL;
	v = ct + 13;
	while (v < hend && *v == ' ')
		v++;
	ve = v;
	while (ve < hend && *ve != '\r')
		ve++;
	return arena_strndup(a, v, (size_t)(ve - v));
}

enum gemis_err http_parse_multipart(struct arena *a, const char *ctype, const char *data,
				    size_t len, struct http_kv **fields, size_t *nfields,
				    struct http_file **files, size_t *nfiles, struct errctx *e)
{
	char *boundary = header_param(a, ctype, strlen(ctype), "boundary");
	char *delim;
	size_t dlen, capf = 16, capk = 16;
	const char *p, *end = data + len;

	*fields = NULL;
	*files = NULL;
	*nfields = *nfiles = 0;
	if (!boundary || !*boundary || strlen(boundary) > 200)
		return err_set(e, GEMIS_EINVAL, "%s", _("multipart body without a boundary"));
	delim = arena_printf(a, "--%s", boundary);
	if (!delim)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	dlen = strlen(delim);
	*fields = arena_alloc(a, capk * sizeof(**fields));
	*files = arena_alloc(a, capf * sizeof(**files));
	if (!*fields || !*files)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	p = memmem_s(data, len, delim, dlen);
	if (!p)
		return err_set(e, GEMIS_EINVAL, "%s", _("malformed multipart body"));
	for (;;) {
		const char *hdr, *hend, *body, *next;
		char *name, *filename, *pctype;
		size_t blen;

		p += dlen;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return err_set(e, GEMIS_EINVAL, "%s", _("malformed multipart body"));
		hdr = p + 2;
		hend = memmem_s(hdr, (size_t)(end - hdr), "\r\n\r\n", 4);
		if (!hend)
			return err_set(e, GEMIS_EINVAL, "%s", _("malformed multipart part headers"));
		body = hend + 4;
		next = memmem_s(body, (size_t)(end - body), delim, dlen);
		if (!next || next - body < 2 || next[-2] != '\r' || next[-1] != '\n')
			return err_set(e, GEMIS_EINVAL, "%s", _("malformed multipart body"));
		blen = (size_t)(next - 2 - body);
		name = header_param(a, hdr, (size_t)(hend - hdr), "name");
		filename = header_param(a, hdr, (size_t)(hend - hdr), "filename");
		pctype = part_content_type(a, hdr, hend);
		if (!name || !text_valid_utf8(name, strlen(name)))
			return err_set(e, GEMIS_EINVAL, "%s", _("a multipart part without a name"));
		if (*nfields + *nfiles >= MAX_PARAMS)
			return err_set(e, GEMIS_ELIMIT, "%s", _("too many parameters"));
		if (filename) {
			struct http_file *f;

			if (*nfiles == capf) {
				struct http_file *nf = arena_alloc(a, capf * 2 * sizeof(*nf));

				if (!nf)
					return err_set(e, GEMIS_ENOMEM, "out of memory");
				memcpy(nf, *files, capf * sizeof(*nf));
				*files = nf;
				capf *= 2;
			}
			f = &(*files)[(*nfiles)++];
			f->field = name;
			f->filename = text_valid_utf8(filename, strlen(filename)) ? filename : "upload";
			f->ctype = pctype ? pctype : "application/octet-stream";
			f->data = arena_strndup(a, body, blen);
			f->len = blen;
			if (!f->data)
				return err_set(e, GEMIS_ENOMEM, "out of memory");
		} else {
			struct http_kv *kv;

			if (*nfields == capk) {
				struct http_kv *nk = arena_alloc(a, capk * 2 * sizeof(*nk));

				if (!nk)
					return err_set(e, GEMIS_ENOMEM, "out of memory");
				memcpy(nk, *fields, capk * sizeof(*nk));
				*fields = nk;
				capk *= 2;
			}
			kv = &(*fields)[(*nfields)++];
			kv->name = name;
			kv->value = arena_strndup(a, body, blen);
			kv->len = blen;
			if (!kv->value)
				return err_set(e, GEMIS_ENOMEM, "out of memory");
			if (!text_valid_utf8(kv->value, blen) || strlen(kv->value) != blen)
				return err_set(e, GEMIS_EINVAL, "%s", _("form data is not valid UTF-8"));
		}
		p = next;
	}
	return GEMIS_OK;
}

/* --- declared parameters ---------------------------------------------- */

static bool no_controls(const char *s, size_t len, bool lines)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f) {
			if (lines && (c == '\n' || c == '\r' || c == '\t'))
				continue;
			return false;
		}
	}
	return true;
}

/* NULL when v is a good value of the kind, else why not (an English msgid,
 * translated where it is shown). */
static const char *kind_problem(const char *kind, size_t klen, const char *v, size_t len)
{
#define IS(k) (klen == strlen(k) && strncmp(kind, k, klen) == 0)
	size_t i;

	if (IS("code")) {
		if (len < 1 || len > 7)
			return N_("not a unit code");
		for (i = 0; i < len; i++) {
			if (!isdigit((unsigned char)v[i]) && !isupper((unsigned char)v[i]))
				return N_("not a unit code");
		}
		return NULL;
	}
	if (IS("year")) {
		long y;

		if (len != 4 || !text_parse_long(v, len, &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
			return N_("not a year");
		return NULL;
	}
	if (IS("date")) {
		struct date d;

		return date_parse_iso(v, len, &d) ? NULL : N_("not a date (YYYY-MM-DD)");
	}
	if (IS("period")) {
		period_t p;

		return period_parse(v, len, &p) ? NULL : N_("not a period");
	}
	if (IS("int")) {
		if (len < 1 || len > 18)
			return N_("not a number");
		for (i = 0; i < len; i++) {
			if (!isdigit((unsigned char)v[i]))
				return N_("not a number");
		}
		return NULL;
	}
	if (IS("id")) {
		if (len < 1 || len > 64)
			return N_("not an identifier");
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)v[i];

			if (!islower(c) && !isdigit(c) && c != '_' && c != '.' && c != '-')
				return N_("not an identifier");
		}
		return NULL;
	}
	if (IS("lang"))
		return (len == 2 && (memcmp(v, "vi", 2) == 0 || memcmp(v, "en", 2) == 0)) ? NULL
											  : N_("not a language");
	if (IS("path")) {
		if (len < 1 || len > 512 || v[0] != '/' || (len > 1 && v[1] == '/') || memchr(v, '\\', len) ||
		    !no_controls(v, len, false))
			return N_("not a local path");
		return NULL;
	}
	if (IS("line"))
		return len <= 256 && no_controls(v, len, false) ? NULL : N_("not one line of text");
	if (IS("text"))
		return len <= 8192 && no_controls(v, len, true) ? NULL : N_("text too long or with control characters");
	if (IS("num"))
		return len <= 64 && no_controls(v, len, false) ? NULL : N_("too long");
	if (IS("secret"))
		return len <= 1024 && no_controls(v, len, false) ? NULL : N_("too long");
	return "undeclared kind";
#undef IS
}

/* Finds name in the spec; kind and klen receive its kind. */
static bool spec_find(const char *spec, const char *name, const char **kind, size_t *klen)
{
	const char *p = spec;
	size_t nlen = strlen(name);

	while (p && *p) {
		const char *end, *colon;
		size_t plen;
		bool prefix;

		while (*p == ' ')
			p++;
		end = p;
		while (*end && *end != ' ')
			end++;
		colon = memchr(p, ':', (size_t)(end - p));
		if (colon) {
			plen = (size_t)(colon - p);
			prefix = plen > 0 && p[plen - 1] == '*';
			if (prefix)
				plen--;
			if ((prefix ? nlen > plen : nlen == plen) && strncmp(p, name, plen) == 0) {
				*kind = colon + 1;
				*klen = (size_t)(end - colon - 1);
				return true;
			}
		}
		p = end;
	}
	return false;
}

enum gemis_err http_check_params(struct http_req *r, const char *spec, const struct http_kv *kv,
				 size_t n, bool form, struct errctx *e)
{
	bool private = r && r->route && (r->route->flags & ROUTE_PRIVATE);
	size_t i, j;

	for (i = 0; i < n; i++) {
		const char *kind;
		size_t klen;
		const char *why;

		if (form && strcmp(kv[i].name, "csrf") == 0)
			continue;
		if (!spec || !spec_find(spec, kv[i].name, &kind, &klen) ||
		    (klen == 4 && strncmp(kind, "file", 4) == 0)) {
			/* a private route never repeats what the client wrote, not
			 * even a parameter's name (a name typed as one, say) */
			if (private)
				return err_set(e, GEMIS_EINVAL, "%s", _("an unknown parameter"));
			return err_set_at(e, GEMIS_EINVAL, kv[i].name, _("unknown parameter '%.64s'"),
					  kv[i].name);
		}
		for (j = 0; j < i; j++) {
			if (strcmp(kv[j].name, kv[i].name) == 0)
				return err_set_at(e, GEMIS_EINVAL, kv[i].name,
						  _("parameter '%.64s' given twice"), kv[i].name);
		}
		why = kind_problem(kind, klen, kv[i].value, kv[i].len);
		if (why)
			return err_set_at(e, GEMIS_EINVAL, kv[i].name, _("parameter '%.64s': %s"), kv[i].name,
					  _(why));
	}
	return GEMIS_OK;
}

/* --- accessors --------------------------------------------------------- */

static const char *kv_find(const struct http_kv *kv, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(kv[i].name, name) == 0)
			return kv[i].value;
	}
	return NULL;
}

const char *http_param(const struct http_req *r, const char *name)
{
	const char *v = kv_find(r->form, r->nform, name);

	return v ? v : kv_find(r->query, r->nquery, name);
}

const char *http_param_or(const struct http_req *r, const char *name, const char *dflt)
{
	const char *v = http_param(r, name);

	return v ? v : dflt;
}

const struct http_file *http_file(const struct http_req *r, const char *field)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++) {
		if (strcmp(r->files[i].field, field) == 0)
			return &r->files[i];
	}
	return NULL;
}

const char *http_arg(const struct http_req *r, int i)
{
	return i >= 0 && i < r->nargs ? r->args[i] : NULL;
}

int http_param_year(const struct http_req *r, const char *name, int dflt)
{
	const char *v = http_param(r, name);
	long y;

	if (!v || !text_parse_long(v, strlen(v), &y) || y < PERIOD_MIN_YEAR || y > PERIOD_MAX_YEAR)
		return dflt;
	return (int)y;
}

const char *http_url_encode(struct http_req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, k = 0;
	char *o = arena_alloc(&r->arena, n * 3 + 1);

	if (!o)
		return "";
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
			o[k++] = (char)c;
		} else {
			o[k++] = '%';
			o[k++] = hex[c >> 4];
			o[k++] = hex[c & 15];
		}
	}
	o[k] = '\0';
	return o;
}
