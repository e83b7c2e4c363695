/*
 * docx.c: text out of a DOCX (ECMA-376 WordprocessingML).
 *
 * A DOCX is a zip archive; the body is the part word/document.xml:
 *
 *	<w:document><w:body>
 *	  <w:p><w:pPr>...</w:pPr><w:r><w:rPr/><w:t xml:space="preserve">text</w:t></w:r>
 *	       <w:r><w:tab/><w:br/><w:t>more</w:t></w:r></w:p>
 *	  <w:tbl><w:tr><w:tc><w:p>...</w:p></w:tc><w:tc>...</w:tc></w:tr></w:tbl>
 *	  <w:sectPr/>
 *	</w:body></w:document>
 *
 * Only the text matters here: <w:t> contents, <w:tab/>, <w:br/> and
 * <w:cr/>, paragraph ends, and table cells and rows.  Deleted text
 * (<w:del>, <w:delText>) is left out, inserted text kept.  A cell merged
 * across columns (<w:gridSpan w:val="2"/>) is followed by empty cells, so
 * that the rows of a table keep their columns.
 *
 * A table of one row is a layout, not data: the two columns of a
 * document's header ("ỦY BAN NHÂN DÂN / XÃ ... / Số: ..." beside "CỘNG HÒA
 * ... / Độc lập ... / X, ngày ..."), the signature beside "Nơi nhận".
 * Its cells are written one after another, a line per paragraph, as the
 * reader sees them; run into one line, "Hạnh phúc" and the place before
 * "ngày" could not be told apart.  Until a table ends, cells and
 * paragraphs inside them are marked with control bytes (which XML text
 * cannot hold) and written out at </w:tbl> as a layout or as rows.
 *
 * Word's automatic numbering is text the reader sees, so it is written
 * out: a paragraph with <w:numPr> (its own, or its style's in
 * word/styles.xml) takes the label of its list level from
 * word/numbering.xml -- <w:lvlText w:val="Mục tiêu %1."/> with %1 .. %9 the
 * counters of the levels in their format (decimal, letters, Roman) --
 * counted per list as Word counts them (a level restarts under its
 * parent).  Bullets become "-".
 *
 * Every part is read with a size cap (the zip's declared size is not
 * trusted) and parsed with expat, which refuses external entities and
 * limits entity expansion; a part with an internal DTD is refused
 * outright.  Lists, levels and labels are bounded (hostile numbering parts
 * stay small).
 */
#include "docx.h"

#include <expat.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/i18n.h"

#include "util/banned.h"

#define NUM_LEVELS 9
#define NUM_MAX 256      /* lists (w:num) and abstract lists kept */
#define NUM_TEXT 64      /* bytes of a level's label pattern */
#define STYLE_MAX 512    /* paragraph styles with a numbering kept */

enum numfmt {
	NF_DECIMAL,
	NF_LOWER_LETTER,
	NF_UPPER_LETTER,
	NF_LOWER_ROMAN,
	NF_UPPER_ROMAN,
	NF_BULLET,
	NF_NONE,
};

struct numlvl {
	int start;
	enum numfmt fmt;
	char text[NUM_TEXT];
	bool set;
};

struct abstract_num {
	int id;
	struct numlvl lvl[NUM_LEVELS];
};

struct num {
	int id;
	int abstract; /* index into abstracts, -1 none */
	int count[NUM_LEVELS];
	bool started[NUM_LEVELS];
};

struct style_num {
	char id[48];
	int num_id, ilvl;
};

/* What numbering.xml and styles.xml say about lists. */
struct numbering {
	struct abstract_num abs[NUM_MAX];
	size_t nabs;
	struct num nums[NUM_MAX];
	size_t nnums;
	struct style_num styles[STYLE_MAX];
	size_t nstyles;
};

struct dx {
	struct buf *out;
	int in_t;        /* inside <w:t> */
	int in_del;      /* inside <w:del> */
	int cells;       /* cells so far in the current row */
	int span;        /* gridSpan of the current cell */
	int tbl;         /* depth of tables */
	int rows;        /* rows of the outermost table so far */
	size_t tbl_at;   /* where the outermost table's text starts in out */
	int depth;
	enum gemis_err err;
	XML_Parser parser;
	/* the paragraph's numbering (<w:pPr>) */
	struct numbering *nb;
	int in_ppr;
	int p_num, p_ilvl;
	bool p_has_num, p_has_ilvl;
	char p_style[48];
	/* reading numbering.xml and styles.xml */
	int cur_abs, cur_lvl, cur_num;
	struct style_num *cur_style;
};

/* The local name of a namespaced element ("w:t" -> "t"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static void put(struct dx *x, const char *s, size_t n)
{
	if (!x->err)
		x->err = buf_append(x->out, s, n);
	if (x->err)
		XML_StopParser(x->parser, XML_FALSE);
}

/* Marks in a table's text until the table ends (XML text holds no C0
 * control byte but tab, line feed and carriage return). */
#define CELL_MARK '\x1e' /* between two cells of a row */
#define PARA_MARK '\x1f' /* after a paragraph inside a cell */

/* The outermost table has ended: its marks become a line per paragraph
 * (a table of one row, a layout) or " | " between cells and a space
 * between a cell's paragraphs (rows of data). */
static void table_out(struct dx *x)
{
	struct buf *o = x->out;
	size_t len, i;
	char *copy;
	bool layout = x->rows == 1;

	if (x->err || o->len < x->tbl_at)
		return;
	len = o->len - x->tbl_at;
	copy = malloc(len ? len : 1);
	if (!copy) {
		x->err = GEMIS_ENOMEM;
		XML_StopParser(x->parser, XML_FALSE);
		return;
	}
	memcpy(copy, o->p + x->tbl_at, len);
	buf_truncate(o, x->tbl_at);
	for (i = 0; i < len && !x->err; i++) {
		if (copy[i] == CELL_MARK)
			put(x, layout ? "\n" : " | ", layout ? 1 : 3);
		else if (copy[i] == PARA_MARK)
			put(x, layout ? "\n" : " ", 1);
		else
			put(x, copy + i, 1);
	}
	free(copy);
}

/* The value of attribute `name` (local name: "w:val" -> "val"), or NULL. */
static const char *attr(const XML_Char **attrs, const char *name)
{
	size_t i;

	for (i = 0; attrs && attrs[i] && attrs[i + 1]; i += 2) {
		if (strcmp(local(attrs[i]), name) == 0)
			return attrs[i + 1];
	}
	return NULL;
}

/* An attribute as a whole number in [lo, hi], or dflt. */
static int attr_int(const XML_Char **attrs, const char *name, int lo, int hi, int dflt)
{
	const char *v = attr(attrs, name);
	char *end;
	long n;

	if (!v)
		return dflt;
	n = strtol(v, &end, 10);
	if (end == v || *end || n < lo || n > hi)
		return dflt;
	return (int)n;
}

static enum numfmt parse_numfmt(const char *v)
{
	if (!v)
		return NF_DECIMAL;
	if (strcmp(v, "lowerLetter") == 0)
		return NF_LOWER_LETTER;
	if (strcmp(v, "upperLetter") == 0)
		return NF_UPPER_LETTER;
	if (strcmp(v, "lowerRoman") == 0)
		return NF_LOWER_ROMAN;
	if (strcmp(v, "upperRoman") == 0)
		return NF_UPPER_ROMAN;
	if (strcmp(v, "bullet") == 0)
		return NF_BULLET;
	if (strcmp(v, "none") == 0)
		return NF_NONE;
	return NF_DECIMAL; /* decimal, decimalZero and the rest: digits */
}

/* ---- word/numbering.xml ---- */

static void XMLCALL num_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct dx *x = ud;
	struct numbering *nb = x->nb;
	const char *n = local(name);

	if (strcmp(n, "abstractNum") == 0) {
		x->cur_abs = -1;
		if (nb->nabs < NUM_MAX) {
			struct abstract_num *a = &nb->abs[nb->nabs];

			memset(a, 0, sizeof(*a));
			a->id = attr_int(attrs, "abstractNumId", 0, 1 << 30, -1);
			x->cur_abs = (int)nb->nabs++;
		}
	} else if (strcmp(n, "lvl") == 0 && x->cur_abs >= 0) {
		x->cur_lvl = attr_int(attrs, "ilvl", 0, NUM_LEVELS - 1, -1);
		if (x->cur_lvl >= 0) {
			struct numlvl *l = &nb->abs[x->cur_abs].lvl[x->cur_lvl];

			memset(l, 0, sizeof(*l));
			l->set = true;
			l->start = 1;
		}
	} else if (x->cur_abs >= 0 && x->cur_lvl >= 0) {
		struct numlvl *l = &nb->abs[x->cur_abs].lvl[x->cur_lvl];

		if (strcmp(n, "start") == 0)
			l->start = attr_int(attrs, "val", 0, 100000, 1);
		else if (strcmp(n, "numFmt") == 0)
			l->fmt = parse_numfmt(attr(attrs, "val"));
		else if (strcmp(n, "lvlText") == 0 && attr(attrs, "val"))
			snprintf(l->text, sizeof(l->text), "%s", attr(attrs, "val"));
	} else if (strcmp(n, "num") == 0) {
		x->cur_num = -1;
		if (nb->nnums < NUM_MAX) {
			struct num *m = &nb->nums[nb->nnums];

			memset(m, 0, sizeof(*m));
			m->id = attr_int(attrs, "numId", 0, 1 << 30, -1);
			m->abstract = -1;
			x->cur_num = (int)nb->nnums++;
		}
	} else if (strcmp(n, "abstractNumId") == 0 && x->cur_num >= 0) {
		int id = attr_int(attrs, "val", 0, 1 << 30, -1);
		size_t i;

		for (i = 0; i < nb->nabs; i++) {
			if (nb->abs[i].id == id)
				nb->nums[x->cur_num].abstract = (int)i;
		}
	}
}

static void XMLCALL num_end(void *ud, const XML_Char *name)
{
	struct dx *x = ud;
	const char *n = local(name);

	if (strcmp(n, "lvl") == 0)
		x->cur_lvl = -1;
	else if (strcmp(n, "abstractNum") == 0)
		x->cur_abs = -1;
	else if (strcmp(n, "num") == 0)
		x->cur_num = -1;
}

/* ---- word/styles.xml: paragraph styles that number ("Heading 2" as
 * "Mục tiêu %1.") ---- */

static void XMLCALL style_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct dx *x = ud;
	struct numbering *nb = x->nb;
	const char *n = local(name);

	if (strcmp(n, "style") == 0) {
		const char *id = attr(attrs, "styleId");

		x->cur_style = NULL;
		if (id && nb->nstyles < STYLE_MAX) {
			x->cur_style = &nb->styles[nb->nstyles];
			memset(x->cur_style, 0, sizeof(*x->cur_style));
			snprintf(x->cur_style->id, sizeof(x->cur_style->id), "%s", id);
		}
	} else if (x->cur_style && strcmp(n, "numId") == 0) {
		x->cur_style->num_id = attr_int(attrs, "val", 0, 1 << 30, 0);
	} else if (x->cur_style && strcmp(n, "ilvl") == 0) {
		x->cur_style->ilvl = attr_int(attrs, "val", 0, NUM_LEVELS - 1, 0);
	}
}

static void XMLCALL style_end(void *ud, const XML_Char *name)
{
	struct dx *x = ud;

	if (strcmp(local(name), "style") == 0 && x->cur_style) {
		if (x->cur_style->num_id > 0)
			x->nb->nstyles++;
		x->cur_style = NULL;
	}
}

/* ---- word/document.xml ---- */

static void put_roman(char *out, size_t sz, int n, bool upper)
{
	static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
	static const char *const sym[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
	size_t used = 0, i, k;

	out[0] = '\0';
	for (i = 0; i < 13 && n > 0 && n < 4000; i++) {
		while (n >= val[i] && used + 3 < sz) {
			for (k = 0; sym[i][k]; k++)
				out[used++] = upper ? (char)(sym[i][k] - 'a' + 'A') : sym[i][k];
			n -= val[i];
		}
	}
	out[used] = '\0';
}

static void format_count(char *out, size_t sz, int n, enum numfmt f)
{
	switch (f) {
	case NF_LOWER_LETTER:
	case NF_UPPER_LETTER: {
		/* a .. z, then aa .. zz, as Word counts */
		int times = n > 0 ? (n - 1) / 26 + 1 : 1, i;
		char c = (char)((f == NF_UPPER_LETTER ? 'A' : 'a') + (n > 0 ? (n - 1) % 26 : 0));

		for (i = 0; i < times && (size_t)i + 1 < sz && i < 8; i++)
			out[i] = c;
		out[i] = '\0';
		break;
	}
	case NF_LOWER_ROMAN:
	case NF_UPPER_ROMAN:
		put_roman(out, sz, n, f == NF_UPPER_ROMAN);
		break;
	case NF_NONE:
	case NF_BULLET:
		out[0] = '\0';
		break;
	default:
		snprintf(out, sz, "%d", n);
	}
}

/* Counts the paragraph in its list and writes its label ("Mục tiêu 2. ",
 * "2.1. ", "- " for a bullet). */
static void number_paragraph(struct dx *x)
{
	struct numbering *nb = x->nb;
	int num_id = x->p_has_num ? x->p_num : 0, ilvl = x->p_has_ilvl ? x->p_ilvl : 0, k;
	struct num *m = NULL;
	const struct numlvl *lv;
	const struct abstract_num *a;
	char label[NUM_TEXT * 4];
	size_t i, used = 0;

	if (!nb)
		return;
	if (!x->p_has_num && x->p_style[0]) {
		for (i = 0; i < nb->nstyles; i++) {
			if (strcmp(nb->styles[i].id, x->p_style) == 0) {
				num_id = nb->styles[i].num_id;
				if (!x->p_has_ilvl)
					ilvl = nb->styles[i].ilvl;
			}
		}
	}
	if (num_id <= 0)
		return;
	for (i = 0; i < nb->nnums && !m; i++) {
		if (nb->nums[i].id == num_id)
			m = &nb->nums[i];
	}
	if (!m || m->abstract < 0)
		return;
	a = &nb->abs[m->abstract];
	lv = &a->lvl[ilvl];
	if (!lv->set)
		return;
	m->count[ilvl] = m->started[ilvl] ? m->count[ilvl] + 1 : lv->start;
	m->started[ilvl] = true;
	for (k = ilvl + 1; k < NUM_LEVELS; k++)
		m->started[k] = false; /* a level restarts under its parent */
	if (lv->fmt == NF_BULLET) {
		put(x, "- ", 2);
		return;
	}
	for (i = 0; lv->text[i] && used + 16 < sizeof(label); i++) {
		if (lv->text[i] == '%' && lv->text[i + 1] >= '1' && lv->text[i + 1] <= '9') {
			int l = lv->text[i + 1] - '1';
			int n = m->started[l] ? m->count[l] : a->lvl[l].start;

			format_count(label + used, sizeof(label) - used, n, a->lvl[l].fmt);
			used += strlen(label + used);
			i++;
		} else {
			label[used++] = lv->text[i];
		}
	}
	if (used) {
		put(x, label, used);
		put(x, " ", 1);
	}
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct dx *x = ud;
	const char *n = local(name);

	x->depth++;
	if (strcmp(n, "t") == 0)
		x->in_t++;
	else if (strcmp(n, "del") == 0)
		x->in_del++;
	else if (strcmp(n, "tab") == 0 && !x->in_del && !x->in_ppr)
		put(x, " ", 1);
	else if ((strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) && !x->in_del)
		put(x, "\n", 1);
	else if (strcmp(n, "tbl") == 0) {
		if (x->tbl++ == 0) {
			x->tbl_at = x->out->len;
			x->rows = 0;
		}
	} else if (strcmp(n, "tr") == 0)
		x->cells = 0;
	else if (strcmp(n, "tc") == 0) {
		x->span = 1;
		if (x->cells++ > 0)
			put(x, (const char[]){CELL_MARK}, 1);
	} else if (strcmp(n, "gridSpan") == 0) {
		x->span = attr_int(attrs, "val", 1, 16, 1);
	} else if (strcmp(n, "p") == 0) {
		x->p_has_num = x->p_has_ilvl = false;
		x->p_style[0] = '\0';
	} else if (strcmp(n, "pPr") == 0) {
		x->in_ppr++;
	} else if (x->in_ppr && strcmp(n, "pStyle") == 0 && attr(attrs, "val")) {
		snprintf(x->p_style, sizeof(x->p_style), "%s", attr(attrs, "val"));
	} else if (x->in_ppr == 1 && strcmp(n, "numId") == 0) {
		x->p_num = attr_int(attrs, "val", 0, 1 << 30, 0);
		x->p_has_num = true;
	} else if (x->in_ppr == 1 && strcmp(n, "ilvl") == 0) {
		x->p_ilvl = attr_int(attrs, "val", 0, NUM_LEVELS - 1, 0);
		x->p_has_ilvl = true;
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct dx *x = ud;
	const char *n = local(name);

	x->depth--;
	if (strcmp(n, "t") == 0 && x->in_t)
		x->in_t--;
	else if (strcmp(n, "del") == 0 && x->in_del)
		x->in_del--;
	else if (strcmp(n, "pPr") == 0 && x->in_ppr) {
		if (--x->in_ppr == 0)
			number_paragraph(x);
	} else if (strcmp(n, "p") == 0 && !x->cells)
		put(x, "\n", 1);
	else if (strcmp(n, "p") == 0)
		put(x, (const char[]){PARA_MARK}, 1);
	else if (strcmp(n, "tc") == 0) {
		/* a cell merged across columns: empty cells keep the columns */
		for (; x->span > 1; x->span--) {
			put(x, (const char[]){CELL_MARK}, 1);
			x->cells++;
		}
	} else if (strcmp(n, "tr") == 0) {
		x->cells = 0;
		x->rows += x->tbl == 1;
		put(x, "\n", 1);
	} else if (strcmp(n, "tbl") == 0 && x->tbl > 0 && --x->tbl == 0) {
		table_out(x);
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct dx *x = ud;

	if (x->in_t && !x->in_del && len > 0)
		put(x, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal)
{
	struct dx *x = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	x->err = GEMIS_EFORMAT;
	XML_StopParser(x->parser, XML_FALSE);
}

/* Reads a part of the archive into xml (reset first); GEMIS_ENOTFOUND
 * when it is not there. */
static enum gemis_err read_part(zip_t *za, const char *name, struct buf *xml, struct errctx *e)
{
	zip_file_t *zf = zip_fopen(za, name, 0);
	char chunk[16384];
	zip_int64_t n;
	enum gemis_err err = GEMIS_OK;

	buf_reset(xml);
	if (!zf)
		return GEMIS_ENOTFOUND;
	while ((n = zip_fread(zf, chunk, sizeof(chunk))) > 0) {
		if (buf_append(xml, chunk, (size_t)n)) {
			err = err_set(e, GEMIS_ELIMIT, _("the DOCX's %s is larger than %zu MiB"), name, DOCX_MAX_XML >> 20);
			break;
		}
	}
	if (!err && n < 0)
		err = err_set(e, GEMIS_EFORMAT, _("the DOCX is damaged (%s cannot be unpacked)"), name);
	zip_fclose(zf);
	return err;
}

/* Parses xml with the handlers; x->err or expat's error becomes the
 * error, naming the part. */
static enum gemis_err parse_part(struct dx *x, const struct buf *xml, const char *name, XML_StartElementHandler st,
				 XML_EndElementHandler en, XML_CharacterDataHandler text, struct errctx *e)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	enum gemis_err err = GEMIS_OK;

	if (!p)
		return err_set(e, GEMIS_ENOMEM, "out of memory");
	x->parser = p;
	x->err = GEMIS_OK;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, st, en);
	if (text)
		XML_SetCharacterDataHandler(p, text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	if (XML_Parse(p, xml->p ? xml->p : "", (int)xml->len, XML_TRUE) == XML_STATUS_ERROR || x->err) {
		if (x->err == GEMIS_ELIMIT || x->err == GEMIS_ENOMEM)
			err = err_set(e, x->err, "%s", _("the DOCX's text is too large"));
		else if (x->err)
			err = err_set(e, GEMIS_EFORMAT, _("the DOCX's %s has a document type declaration; refused"), name);
		else
			err = err_set(e, GEMIS_EFORMAT, _("the DOCX is damaged: %s line %lu: %s"), name,
				      (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
	}
	XML_ParserFree(p);
	x->parser = NULL;
	return err;
}

enum gemis_err docx_text(const void *data, size_t len, struct buf *out, struct errctx *e)
{
	zip_error_t zerr;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	struct buf xml;
	struct dx x;
	struct numbering *nb = NULL;
	enum gemis_err err = GEMIS_OK;

	buf_init(&xml, DOCX_MAX_XML);
	memset(&x, 0, sizeof(x));
	x.out = out;
	x.cur_abs = x.cur_lvl = x.cur_num = -1;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		err = err_set(e, GEMIS_ENOMEM, "%s", _("out of memory opening the DOCX"));
		goto out;
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!za) {
		zip_source_free(src);
		err = err_set(e, GEMIS_EFORMAT, _("not a DOCX file (the zip archive cannot be read: %s)"),
			      zip_error_strerror(&zerr));
		goto out;
	}
	/* the lists first: a document without them is read as before */
	err = read_part(za, "word/numbering.xml", &xml, e);
	if (err == GEMIS_OK) {
		nb = calloc(1, sizeof(*nb));
		if (!nb) {
			err = err_set(e, GEMIS_ENOMEM, "out of memory");
			goto out;
		}
		x.nb = nb;
		err = parse_part(&x, &xml, "word/numbering.xml", num_start, num_end, NULL, e);
		if (!err) {
			err = read_part(za, "word/styles.xml", &xml, e);
			if (err == GEMIS_OK)
				err = parse_part(&x, &xml, "word/styles.xml", style_start, style_end, NULL, e);
			else if (err == GEMIS_ENOTFOUND)
				err = GEMIS_OK;
		}
	} else if (err == GEMIS_ENOTFOUND) {
		err = GEMIS_OK;
	}
	if (err)
		goto out;
	err = read_part(za, "word/document.xml", &xml, e);
	if (err == GEMIS_ENOTFOUND)
		err = err_set(e, GEMIS_EFORMAT, "%s", _("not a DOCX file (no word/document.xml in the archive)"));
	if (!err)
		err = parse_part(&x, &xml, "word/document.xml", on_start, on_end, on_text, e);
out:
	if (za)
		zip_discard(za);
	zip_error_fini(&zerr);
	buf_release(&xml);
	free(nb);
	return err;
}
