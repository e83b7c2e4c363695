/*
 * fuzz_fields.c: libFuzzer target for the small readers every domain's
 * forms, files and API bodies go through: amounts of money (dong_parse:
 * budget lines), dates (ISO and Vietnamese day/month/year: tasks,
 * activities, inspections, drafts), deadlines as plans write them, periods
 * and the small-number rules.  The first byte picks the reader; where a
 * value is read, writing it out and reading that again must give it back
 * (abort() otherwise, which libFuzzer reports as a crash).  Build and run
 * with `make FUZZ=1 fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/deadline.h"
#include "core/period.h"
#include "core/smallnum.h"
#include "util/number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void money(const char *s, size_t len)
{
	char text[DONG_TEXT_LEN], why[256];
	long long v, again;
	enum dong_problem p = dong_parse(s, len, &v);

	if (p != DONG_OK) {
		dong_problem_text(p, s, len, why, sizeof(why));
		return;
	}
	if (v < 0)
		abort();
	dong_format(v, 1, text, sizeof(text));
	if (dong_parse(text, strlen(text), &again) != DONG_OK || again != v)
		abort();
}

static void day(const char *s, size_t len, bool iso)
{
	char text[DATE_TEXT_LEN];
	struct date d, again;

	if (!(iso ? date_parse_iso(s, len, &d) : date_parse_dmy(s, len, &d)))
		return;
	if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31)
		abort();
	if (iso)
		date_format_iso(d, text);
	else
		date_format_dmy(d, text);
	if (!(iso ? date_parse_iso(text, strlen(text), &again) : date_parse_dmy(text, strlen(text), &again)) ||
	    again.y != d.y || again.m != d.m || again.d != d.d)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1;
	size_t len = size ? size - 1 : 0;
	struct smallnum_rule rules[SMALLNUM_MAX_RULES];
	struct errctx e = {0};
	struct deadline dl;
	period_t p;
	size_t n;

	if (size == 0)
		return 0;
	switch (data[0] % 6) {
	case 0: money(s, len); break;
	case 1: day(s, len, true); break;
	case 2: day(s, len, false); break;
	case 3: deadline_parse(s, len, &dl); break;
	case 4: period_parse(s, len, &p); break;
	default: smallnum_parse(s, len, rules, &n, &e); break;
	}
	return 0;
}
