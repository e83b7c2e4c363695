/*
 * test_util.c: the parts of src/util/ that are not exercised through a
 * domain: the sandbox that reads hostile documents in a child process.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "util/i18n.h"
#include "util/sandbox.h"

static const struct sandbox_limits limits = {(size_t)32 << 20, 5};

static enum gemis_err upper(const void *in, size_t len, struct buf *out, struct errctx *e)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = ((const char *)in)[i];

		if (buf_putc(out, (char)(c >= 'a' && c <= 'z' ? c - 32 : c)))
			return err_set(e, GEMIS_ELIMIT, "too long");
	}
	if (len == 0)
		return err_set_at(e, GEMIS_EFORMAT, "input", "%s", i18n_lang() == LANG_EN ? "empty" : "rỗng");
	return GEMIS_OK;
}

static enum gemis_err hog(const void *in, size_t len, struct buf *out, struct errctx *e)
{
	size_t i, n = (size_t)256 << 20;
	char *p = malloc(n);

	(void)in, (void)len, (void)out, (void)e;
	/* touch every page, slowly enough for the watchdog to see it grow */
	for (i = 0; p && i < n; i += 4096) {
		p[i] = 1;
		if (i % ((size_t)1 << 20) == 0)
			usleep(200);
	}
	free(p);
	return GEMIS_OK;
}

static enum gemis_err sleeper(const void *in, size_t len, struct buf *out, struct errctx *e)
{
	(void)in, (void)len, (void)out, (void)e;
	for (;;)
		sleep(1);
	return GEMIS_OK;
}

static enum gemis_err crasher(const void *in, size_t len, struct buf *out, struct errctx *e)
{
	(void)in, (void)len, (void)out, (void)e;
	_exit(3);
}

/* A child's result, its error and its language come back; a child past
 * its memory or time is killed and said to be; a crash is a crash; the
 * parent's buffer keeps nothing of a killed child. */
static void sandbox_cases(void)
{
	struct sandbox_limits quick = {(size_t)32 << 20, 1};
	struct errctx e = {0};
	enum sandbox_end end;
	struct buf out;

	buf_init(&out, 1024);
	buf_puts(&out, "kept:");
	CHECK(sandbox_run(upper, &limits, "plan 2026", 9, &out, &end, &e) == GEMIS_OK);
	CHECK(end == SANDBOX_DONE);
	CHECK_STR(buf_str(&out), "kept:PLAN 2026");

	i18n_set_lang(LANG_EN);
	CHECK(sandbox_run(upper, &limits, "", 0, &out, &end, &e) == GEMIS_EFORMAT);
	CHECK(end == SANDBOX_DONE && e.code == GEMIS_EFORMAT);
	CHECK_STR(e.where, "input");
	CHECK_STR(e.msg, "empty");
	i18n_set_lang(LANG_VI);

	/* the parent's maximum holds in the child */
	buf_reset(&out);
	{
		char big[2048];

		memset(big, 'a', sizeof(big));
		CHECK(sandbox_run(upper, &limits, big, sizeof(big), &out, &end, &e) == GEMIS_ELIMIT);
		CHECK(end == SANDBOX_DONE);
	}

	buf_reset(&out);
	buf_puts(&out, "kept");
	CHECK(sandbox_run(hog, &limits, "x", 1, &out, &end, &e) == GEMIS_ELIMIT);
	CHECK(end == SANDBOX_MEMORY);
	CHECK_STR(buf_str(&out), "kept");

	CHECK(sandbox_run(sleeper, &quick, "x", 1, &out, &end, &e) == GEMIS_ELIMIT);
	CHECK(end == SANDBOX_TIME);

	CHECK(sandbox_run(crasher, &limits, "x", 1, &out, &end, &e) == GEMIS_EIO);
	CHECK(end == SANDBOX_CRASH);
	buf_release(&out);
}

TEST(sandbox_direct)
{
	sandbox_cases();
}

/* The same through the helper a server starts before its threads. */
TEST(sandbox_helper)
{
	struct errctx e = {0};

	CHECK(sandbox_start(&e) == GEMIS_OK);
	CHECK(sandbox_start(&e) == GEMIS_OK);
	sandbox_cases();
	sandbox_stop();
}

int main(void)
{
	RUN(sandbox_direct);
	RUN(sandbox_helper);
	return harness_report();
}
