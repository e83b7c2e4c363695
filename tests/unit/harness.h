/*
 * harness.h: a small unit-test harness (after cmark's api_test harness).
 *
 *	TEST(name) { CHECK(x == 1); CHECK_EQ_DBL(v, 41.2, 1e-9); CHECK_STR(s, "a"); }
 *	int main(void) { RUN(name); return harness_report(); }
 *
 * Every CHECK counts; a failed one prints its file, line and expression and
 * the test goes on.  harness_report() prints "N passed, N failed" and returns
 * the exit status.
 */
#ifndef GEMIS_HARNESS_H
#define GEMIS_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int harness_pass, harness_fail;
static const char *harness_test;

#define TEST(name) static void test_##name(void)
#define RUN(name)                  \
	do {                       \
		harness_test = #name; \
		test_##name();     \
	} while (0)

#define CHECK(cond)                                                                        \
	do {                                                                               \
		if (cond) {                                                                \
			harness_pass++;                                                    \
		} else {                                                                   \
			harness_fail++;                                                    \
			fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, \
				harness_test, #cond);                                      \
		}                                                                          \
	} while (0)

#define CHECK_EQ_DBL(got, want, eps)                                                         \
	do {                                                                                 \
		double g_ = (got), w_ = (want);                                              \
		if ((isnan(g_) && isnan(w_)) || fabs(g_ - w_) <= (eps)) {                    \
			harness_pass++;                                                      \
		} else {                                                                     \
			harness_fail++;                                                      \
			fprintf(stderr, "%s:%d: %s: %s is %.12g, want %.12g\n", __FILE__, __LINE__, \
				harness_test, #got, g_, w_);                                 \
		}                                                                            \
	} while (0)

#define CHECK_STR(got, want)                                                                  \
	do {                                                                                  \
		const char *g_ = (got), *w_ = (want);                                         \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                                        \
			harness_pass++;                                                       \
		} else {                                                                      \
			harness_fail++;                                                       \
			fprintf(stderr, "%s:%d: %s: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
				harness_test, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");  \
		}                                                                             \
	} while (0)

static inline int harness_report(void)
{
	printf("%d passed, %d failed\n", harness_pass, harness_fail);
	return harness_fail ? 1 : 0;
}

#endif
