/*
 * test_plan.c: the plan importer.  Golden files: every tests/plan/NAME.txt
 * is imported and compared with tests/plan/NAME.json, which lists the
 * fields that must come out (a subset of docs/plan-json.md; "lint_codes"
 * lists codes that must be among the findings).  The three real plans of
 * ../shared/plans are checked against their hand-checked answers when that
 * folder is there.  The same plan must come out the same from NFD text with
 * CRLF, wrapped lines and page numbers, from a DOCX built here with libzip,
 * and from a PDF drawn here with cairo; a PDF without text is refused.
 */
#include <cairo-pdf.h>
#include <dirent.h>
#include <jansson.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#include <zip.h>

#include "harness.h"
#include "plan/plan.h"
#include "util/buf.h"
#include "util/i18n.h"

static char *slurp(const char *path, size_t *len)
{
	struct buf b;
	struct errctx e = {0};

	buf_init(&b, (size_t)64 << 20);
	if (buf_read_file(&b, path, &e)) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}

static json_t *import(const char *text, size_t len)
{
	json_t *out = NULL;
	struct errctx e = {0};

	if (plan_import(text, len, &out, &e))
		fprintf(stderr, "import failed: %s\n", e.msg);
	return out;
}

/* Every field of want is in got with the same value; arrays have the same
 * length.  Prints the path of the first difference. */
static bool subset(const json_t *want, const json_t *got, const char *path)
{
	char sub[256];

	if (json_is_object(want)) {
		const char *k;
		const json_t *v;

		if (!json_is_object(got)) {
			fprintf(stderr, "  %s: not an object\n", path);
			return false;
		}
		json_object_foreach((json_t *)want, k, v) {
			if (strcmp(k, "lint_codes") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s.%s", path, k);
			if (!subset(v, json_object_get(got, k), sub))
				return false;
		}
		return true;
	}
	if (json_is_array(want)) {
		size_t i;

		if (!json_is_array(got) || json_array_size(got) != json_array_size(want)) {
			fprintf(stderr, "  %s: %zu elements, want %zu\n", path, json_array_size(got),
				json_array_size(want));
			return false;
		}
		for (i = 0; i < json_array_size(want); i++) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			if (!subset(json_array_get(want, i), json_array_get(got, i), sub))
				return false;
		}
		return true;
	}
	if (json_is_number(want) && json_is_number(got) &&
	    fabs(json_number_value(want) - json_number_value(got)) < 1e-9)
		return true;
	if (json_equal(want, got) || (json_is_null(want) && !got))
		return true;
	{
		char *a = json_dumps(want, JSON_ENCODE_ANY), *b = got ? json_dumps(got, JSON_ENCODE_ANY) : NULL;

		fprintf(stderr, "  %s: got %s, want %s\n", path, b ? b : "(missing)", a ? a : "?");
		free(a);
		free(b);
	}
	return false;
}

static bool has_code(const json_t *plan, const char *code)
{
	const json_t *l;
	size_t i;

	json_array_foreach(json_object_get(plan, "lint"), i, l) {
		if (strcmp(json_string_value(json_object_get(l, "code")), code) == 0)
			return true;
	}
	return false;
}

TEST(golden_small_documents)
{
	DIR *dir = opendir("tests/plan");
	struct dirent *de;
	int n = 0;

	CHECK(dir != NULL);
	while (dir && (de = readdir(dir))) {
		char txt[512], exp[512];
		size_t len, l = strlen(de->d_name), i;
		char *text;
		json_t *want, *got;
		json_error_t je;

		if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
			continue;
		snprintf(txt, sizeof(txt), "tests/plan/%s", de->d_name);
		snprintf(exp, sizeof(exp), "tests/plan/%.*s.json", (int)(l - 4), de->d_name);
		text = slurp(txt, &len);
		want = json_load_file(exp, 0, &je);
		CHECK(text && want);
		if (!text || !want) {
			fprintf(stderr, "%s: %s\n", exp, je.text);
			free(text);
			json_decref(want);
			continue;
		}
		got = import(text, len);
		CHECK(got != NULL);
		if (got && !subset(want, got, de->d_name)) {
			CHECK(!"golden document differs");
			fprintf(stderr, "  in %s\n", txt);
		}
		for (i = 0; got && i < json_array_size(json_object_get(want, "lint_codes")); i++) {
			const char *code = json_string_value(json_array_get(json_object_get(want, "lint_codes"), i));

			if (!has_code(got, code)) {
				fprintf(stderr, "  %s: no %s finding\n", txt, code);
				CHECK(!"lint finding missing");
			}
		}
		n++;
		json_decref(got);
		json_decref(want);
		free(text);
	}
	if (dir)
		closedir(dir);
	CHECK(n >= 4);
}

/* The fields score-plan checks, for the shared real plans. */
static void compare_with_gold(const json_t *gold, const json_t *got, const char *name)
{
	const json_t *gt = json_object_get(gold, "targets"), *ot = json_object_get(got, "targets");
	const json_t *x;
	const char *k;
	size_t i, j;
	static const char *const doc[] = {"number", "date", "place", "province", "title", "period"};

	if (!subset(json_object_get(gold, "deadline"), json_object_get(got, "deadline"), name))
		CHECK(!"deadline differs");
	if (!subset(json_object_get(gold, "assignments"), json_object_get(got, "assignments"), name))
		CHECK(!"assignments differ");
	for (i = 0; i < sizeof(doc) / sizeof(doc[0]); i++) {
		if (!subset(json_object_get(json_object_get(gold, "document"), doc[i]),
			    json_object_get(json_object_get(got, "document"), doc[i]), doc[i]))
			CHECK(!"document field differs");
	}
	if (!subset(json_object_get(json_object_get(gold, "document"), "unit"),
		    json_object_get(json_object_get(got, "document"), "unit"), "unit"))
		CHECK(!"unit differs");
	CHECK(json_array_size(gt) == json_array_size(ot));
	json_array_foreach(gt, i, x) {
		const json_t *y = json_array_get(ot, i);

		for (j = 0; j < 4; j++) {
			static const char *const keys[] = {"indicator", "value", "direction", "year"};

			if (!subset(json_object_get(x, keys[j]), json_object_get(y, keys[j]), keys[j])) {
				fprintf(stderr, "  %s: targets[%zu]\n", name, i);
				CHECK(!"target differs");
			}
		}
	}
	json_array_foreach(json_object_get(gold, "lint"), i, x) {
		k = json_string_value(json_object_get(x, "code"));
		if (!has_code(got, k)) {
			fprintf(stderr, "  %s: no %s finding\n", name, k);
			CHECK(!"lint finding missing");
		}
	}
}

TEST(golden_shared_plans)
{
	const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
	static const char *const names[] = {"001_f28231e8de378a86", "002_2416bb20971c1b07",
					    "004_43d52928025800ca"};
	size_t i, len;
	char path[512];

	snprintf(path, sizeof(path), "%s/plans", shared);
	if (access(path, R_OK) != 0) {
		printf("golden_shared_plans: %s not found, skipped\n", path);
		return;
	}
	for (i = 0; i < 3; i++) {
		char *text;
		json_t *gold, *got;
		json_error_t je;

		snprintf(path, sizeof(path), "%s/plans/%s.txt", shared, names[i]);
		text = slurp(path, &len);
		snprintf(path, sizeof(path), "%s/plans/%s.gold.json", shared, names[i]);
		gold = json_load_file(path, 0, &je);
		CHECK(text && gold);
		got = text ? import(text, len) : NULL;
		CHECK(got != NULL);
		if (got && gold)
			compare_with_gold(gold, got, names[i]);
		json_decref(got);
		json_decref(gold);
		free(text);
	}
}

/* NFD, CRLF, lines wrapped before lower-case words with blank lines between,
 * page numbers and bold markers: the damage of a PDF-to-text step. */
static char *damage(const char *s, size_t *outlen)
{
	utf8proc_uint8_t *nfd = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &nfd,
					  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	struct buf b;
	size_t col = 0, lines = 0;
	utf8proc_ssize_t i;

	buf_init(&b, (size_t)n * 3 + 1024);
	for (i = 0; i < n; i++) {
		char c = (char)nfd[i];

		if (c == '\n') {
			buf_puts(&b, "\r\n");
			col = 0;
			if (++lines % 9 == 0)
				buf_puts(&b, "\r\n  7\r\n\r\n");
			continue;
		}
		if (c == ' ' && col > 50 && i + 1 < n && nfd[i + 1] >= 'a' && nfd[i + 1] <= 'z') {
			buf_puts(&b, " \r\n\r\n");
			col = 0;
			continue;
		}
		buf_putc(&b, c);
		col++;
	}
	free(nfd);
	return buf_detach(&b, outlen);
}

static bool same_fields(const json_t *a, const json_t *b, const char *what)
{
	static const char *const keys[] = {"targets", "agencies", "assignments", "deadline", "references"};
	size_t i, j;
	bool ok = true;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const json_t *x = json_object_get(a, keys[i]), *y = json_object_get(b, keys[i]);

		if (strcmp(keys[i], "targets") == 0) {
			ok &= json_array_size(x) == json_array_size(y);
			for (j = 0; j < json_array_size(x) && ok; j++) {
				json_t *cx = json_deep_copy(json_array_get(x, j)), *cy = json_deep_copy(json_array_get(y, j));

				json_object_del(cx, "text");
				json_object_del(cy, "text");
				if (!json_equal(cx, cy)) {
					char *s1 = json_dumps(cx, 0), *s2 = json_dumps(cy, 0);

					fprintf(stderr, "  %s: target %zu: %s vs %s\n", what, j, s1, s2);
					free(s1);
					free(s2);
					ok = false;
				}
				json_decref(cx);
				json_decref(cy);
			}
		} else if (!json_equal(x, y)) {
			fprintf(stderr, "  %s: %s differs\n", what, keys[i]);
			ok = false;
		}
	}
	return ok;
}

TEST(damaged_text_reads_the_same)
{
	size_t len, dlen;
	char *text = slurp("tests/plan/assignments.txt", &len), *bad;
	json_t *a, *b;

	CHECK(text != NULL);
	if (!text)
		return;
	bad = damage(text, &dlen);
	a = import(text, len);
	b = import(bad, dlen);
	CHECK(a && b && same_fields(a, b, "damaged"));
	CHECK(a && b &&
	      json_equal(json_object_get(a, "document"), json_object_get(b, "document")));
	json_decref(a);
	json_decref(b);
	free(text);
	free(bad);
}

static void xml_escape(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '<')
			buf_puts(b, "&lt;");
		else if (s[i] == '>')
			buf_puts(b, "&gt;");
		else if (s[i] == '&')
			buf_puts(b, "&amp;");
		else
			buf_putc(b, s[i]);
	}
}

/* A DOCX of the text, one paragraph a line, each line in two runs. */
static bool write_docx(const char *path, const char *text)
{
	static const char types[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		"<Override PartName=\"/word/document.xml\" ContentType=\"application/"
		"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
	struct buf x;
	const char *p = text;
	zip_t *z;
	zip_source_t *s1, *s2;
	int err = 0;
	char *body;
	size_t blen;

	buf_init(&x, (size_t)8 << 20);
	buf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		     "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), half = n / 2;

		while (half < n && (p[half] & 0xC0) == 0x80)
			half++;
		buf_puts(&x, "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">");
		xml_escape(&x, p, half);
		buf_puts(&x, "</w:t></w:r><w:r><w:t xml:space=\"preserve\">");
		xml_escape(&x, p + half, n - half);
		buf_puts(&x, "</w:t></w:r><w:del><w:r><w:delText>Xóa bỏ</w:delText></w:r></w:del></w:p>");
		p += n + (nl ? 1 : 0);
	}
	buf_puts(&x, "<w:sectPr/></w:body></w:document>");
	body = buf_detach(&x, &blen);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z) {
		free(body);
		return false;
	}
	s1 = zip_source_buffer(z, types, sizeof(types) - 1, 0);
	s2 = zip_source_buffer(z, body, blen, 0);
	zip_file_add(z, "[Content_Types].xml", s1, ZIP_FL_ENC_UTF_8);
	zip_file_add(z, "word/document.xml", s2, ZIP_FL_ENC_UTF_8);
	err = zip_close(z);
	free(body);
	return err == 0;
}

static json_t *import_file(const char *path, struct errctx *e)
{
	size_t len;
	char *data = slurp(path, &len);
	struct buf text;
	json_t *out = NULL;

	buf_init(&text, (size_t)64 << 20);
	if (data && !plan_document_text(data, len, PLAN_FORMAT_AUTO, &text, e))
		plan_import(buf_str(&text), text.len, &out, e);
	buf_release(&text);
	free(data);
	return out;
}

TEST(docx_reads_like_text)
{
	char path[] = "/tmp/gemis-plan-XXXXXX";
	int fd = mkstemp(path);
	size_t len;
	char *text = slurp("tests/plan/directions.txt", &len);
	struct errctx e = {0};
	json_t *a, *b;

	CHECK(fd >= 0 && text);
	if (fd < 0 || !text)
		return;
	close(fd);
	CHECK(write_docx(path, text));
	a = import(text, len);
	b = import_file(path, &e);
	CHECK(b != NULL);
	CHECK(a && b && same_fields(a, b, "docx"));
	CHECK(a && b && json_equal(json_object_get(a, "document"), json_object_get(b, "document")));
	json_decref(a);
	json_decref(b);
	/* not a zip, no document.xml */
	{
		struct buf out;

		buf_init(&out, 1024);
		CHECK(plan_document_text("PK\x03\x04garbage", 11, PLAN_FORMAT_DOCX, &out, &e) == GEMIS_EFORMAT);
		buf_release(&out);
	}
	unlink(path);
	free(text);
}

static bool write_pdf(const char *path, const char *text)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, 1190, 842);
	cairo_t *cr = cairo_create(s);
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font = pango_font_description_from_string("DejaVu Sans 7");
	const char *p = text;
	double y = 20;
	cairo_status_t st;

	pango_layout_set_font_description(layout, font);
	while (*p) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		if (y > 800) {
			cairo_show_page(cr);
			y = 20;
		}
		pango_layout_set_text(layout, p, n);
		cairo_move_to(cr, 20, y);
		pango_cairo_show_layout(cr, layout);
		y += 11;
		p += n + (nl ? 1 : 0);
	}
	pango_font_description_free(font);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS;
}

TEST(pdf_with_text_and_scanned_pdf)
{
	char path[] = "/tmp/gemis-plan-XXXXXX";
	int fd = mkstemp(path);
	size_t len;
	char *text = slurp("tests/plan/years_values.txt", &len);
	struct errctx e = {0};
	json_t *a, *b;

	CHECK(fd >= 0 && text);
	if (fd < 0 || !text)
		return;
	close(fd);
	CHECK(write_pdf(path, text));
	a = import(text, len);
	b = import_file(path, &e);
	CHECK(b != NULL);
	CHECK(a && b && same_fields(a, b, "pdf"));
	json_decref(a);
	json_decref(b);
	/* a scan: an image, no text */
	{
		cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
		cairo_t *cr = cairo_create(s);

		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		cairo_rectangle(cr, 50, 50, 400, 600);
		cairo_fill(cr);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
	}
	memset(&e, 0, sizeof(e));
	b = import_file(path, &e);
	CHECK(b == NULL);
	CHECK(e.code == GEMIS_EFORMAT && strstr(e.msg, "no text layer") != NULL);
	unlink(path);
	free(text);
}

TEST(hostile_input)
{
	struct errctx e = {0};
	json_t *out = NULL;
	char junk[4096];
	size_t i;
	unsigned s = 12345;

	CHECK(plan_import("\xff\xfe bad", 6, &out, &e) == GEMIS_EFORMAT && out == NULL);
	CHECK(plan_import("", 0, &out, &e) == GEMIS_OK && out != NULL);
	json_decref(out);
	for (i = 0; i < sizeof(junk); i++) {
		s = s * 1103515245u + 12345u;
		junk[i] = " \n-.1234567890%/:;()abcXIVd"[(s >> 16) % 27];
	}
	out = NULL;
	CHECK(plan_import(junk, sizeof(junk), &out, &e) == GEMIS_OK && out != NULL);
	json_decref(out);
}

/* fontconfig (through pango) keeps its caches until the process ends. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig\nleak:libpangoft2\nleak:libpango-1.0\nleak:libcairo\n";
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	RUN(golden_small_documents);
	RUN(golden_shared_plans);
	RUN(damaged_text_reads_the_same);
	RUN(docx_reads_like_text);
	RUN(pdf_with_text_and_scanned_pdf);
	RUN(hostile_input);
	return harness_report();
}
