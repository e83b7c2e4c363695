/*
 * number.c: reading a reported value (number.h).
 */
#include "number.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#include "banned.h"

enum number_problem number_parse(const char *s, size_t len, double *out)
{
	char tmp[NUMBER_MAX_CHARS + 8];
	size_t i = 0, k = 0, int_start, int_end, frac_start = 0, frac_end = 0, sig;
	char *end;
	double v;

	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0)
		return NUMBER_EMPTY;
	if (s[0] == '-' || s[0] == '+')
		tmp[k++] = s[i++];
	/* digits, then optionally a mark and digits: a digit on each side */
	int_start = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	int_end = i;
	if (int_end == int_start)
		return NUMBER_SYNTAX;
	if (i < len && (s[i] == '.' || s[i] == ',')) {
		frac_start = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		frac_end = i;
		if (frac_end == frac_start)
			return NUMBER_SYNTAX;
	}
	if (i != len)
		return NUMBER_SYNTAX;
	/* significant digits: the integer part without its leading zeros and
	 * the fraction without its trailing ones */
	while (int_start + 1 < int_end && s[int_start] == '0')
		int_start++;
	while (frac_end > frac_start && s[frac_end - 1] == '0')
		frac_end--;
	sig = (int_end - int_start) + (frac_end - frac_start);
	if (int_end - int_start == 1 && s[int_start] == '0')
		sig--; /* "0.25": the zero is not significant */
	if (sig > NUMBER_MAX_DIGITS || len > NUMBER_MAX_CHARS)
		return NUMBER_DIGITS;
	memcpy(tmp + k, s + int_start, int_end - int_start);
	k += int_end - int_start;
	if (frac_end > frac_start) {
		tmp[k++] = '.';
		memcpy(tmp + k, s + frac_start, frac_end - frac_start);
		k += frac_end - frac_start;
	}
	tmp[k] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (*end || errno || !isfinite(v))
		return NUMBER_SYNTAX;
	*out = v;
	return NUMBER_OK;
}

void number_quote(const char *s, size_t len, char *out, size_t n)
{
	size_t cut = len, chars = 0, i;

	for (i = 0; i < len; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	if (len > 24) {
		cut = 24;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		snprintf(out, n, "%.*s… (%zu)", (int)cut, s, chars);
	} else {
		snprintf(out, n, "%.*s", (int)len, s);
	}
}

void number_problem_text(enum number_problem p, const char *s, size_t len, char *out, size_t n)
{
	char q[64];

	number_quote(s, len, q, sizeof(q));
	switch (p) {
	case NUMBER_OK:
		snprintf(out, n, "%s", "");
		break;
	case NUMBER_EMPTY:
		snprintf(out, n, "%s", _("the value is empty"));
		break;
	case NUMBER_SYNTAX:
		snprintf(out, n, _("'%s' is not a number"), q);
		break;
	case NUMBER_DIGITS:
		snprintf(out, n,
			 _("'%s' is too long for a value: a value is kept exactly as written, so it "
			   "has at most %d significant digits"),
			 q, NUMBER_MAX_DIGITS);
		break;
	}
}

/* --- amounts in đồng ------------------------------------------------------ */

/* The length of the separator at s[0..len): '.', ',', ' ', U+00A0 or
 * U+202F; 0 when none.  *kind gets a byte naming it. */
static size_t dong_sep(const char *s, size_t len, char *kind)
{
	if (len >= 1 && (s[0] == '.' || s[0] == ',' || s[0] == ' ')) {
		*kind = s[0];
		return 1;
	}
	if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
		*kind = ' ';
		return 2;
	}
	if (len >= 3 && memcmp(s, "\xE2\x80\xAF", 3) == 0) {
		*kind = ' ';
		return 3;
	}
	return 0;
}

/* s[0..*len) without spaces around and without a unit after. */
static const char *dong_trim(const char *s, size_t *len)
{
	static const char *const units[] = {"đồng", "đ", "Đ", "VNĐ", "VND", "vnđ", "vnd"};
	size_t n = *len, k;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		size_t u = strlen(units[k]);

		if (n >= u && memcmp(s + n - u, units[k], u) == 0) {
			n -= u;
			break;
		}
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* Reads the digits of s[0..len) into *v, checking the groups between
 * separators. */
static enum dong_problem dong_groups(const char *s, size_t len, long long *v)
{
	size_t i = 0, run = 0, first = 0, groups = 0, digits = 0;
	char kind = 0, last = 0, k;
	long long x = 0;

	for (;;) {
		size_t start = i, m;

		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (digits || s[i] != '0')
				digits++;
			if (digits > DONG_MAX_DIGITS)
				return DONG_TOO_LARGE;
			x = x * 10 + (s[i] - '0');
			i++;
		}
		run = i - start;
		if (run == 0)
			return DONG_SYNTAX;
		if (groups == 0)
			first = run;
		if (i == len)
			break;
		m = dong_sep(s + i, len - i, &k);
		if (m == 0)
			return DONG_SYNTAX;
		if (kind && k != kind)
			return (k == '.' || k == ',') && kind != k ? DONG_FRACTION : DONG_SYNTAX;
		kind = k;
		last = k;
		if (groups && run != 3)
			return DONG_SYNTAX;
		groups++;
		i += m;
	}
	/* the run after the last separator: three digits, else a fraction */
	if (groups && run != 3)
		return last == ' ' ? DONG_SYNTAX : DONG_FRACTION;
	if (groups && first > 3)
		return DONG_SYNTAX;
	*v = x;
	return DONG_OK;
}

enum dong_problem dong_parse(const char *s, size_t len, long long *out)
{
	enum dong_problem p;
	long long v = 0;

	s = dong_trim(s, &len);
	if (len == 0)
		return DONG_EMPTY;
	if (s[0] == '+') {
		s++, len--;
	} else if (s[0] == '-') {
		p = dong_groups(s + 1, len - 1, &v);
		return p == DONG_OK || p == DONG_FRACTION || p == DONG_TOO_LARGE ? DONG_NEGATIVE : p;
	}
	p = dong_groups(s, len, &v);
	if (p == DONG_OK)
		*out = v;
	return p;
}

void dong_problem_text(enum dong_problem p, const char *s, size_t len, char *out, size_t n)
{
	char q[64];

	number_quote(s, len, q, sizeof(q));
	switch (p) {
	case DONG_OK:
		snprintf(out, n, "%s", "");
		break;
	case DONG_EMPTY:
		snprintf(out, n, "%s", _("the amount is empty"));
		break;
	case DONG_NEGATIVE:
		snprintf(out, n, _("'%s' is negative: an amount is 0 đ or more"), q);
		break;
	case DONG_FRACTION:
		snprintf(out, n, _("'%s' is not a whole number of đồng"), q);
		break;
	case DONG_SYNTAX:
		snprintf(out, n, _("'%s' is not an amount in đồng (write 12500000 or 12.500.000)"), q);
		break;
	case DONG_TOO_LARGE:
		snprintf(out, n, _("'%s' is too large: an amount has at most %d digits"), q, DONG_MAX_DIGITS);
		break;
	}
}

void dong_format(long long v, int with_unit, char *out, size_t n)
{
	char digits[24], grouped[DONG_TEXT_LEN];
	size_t len, i, k = 0;
	bool neg = v < 0;

	snprintf(digits, sizeof(digits), "%llu", neg ? 0ULL - (unsigned long long)v : (unsigned long long)v);
	len = strlen(digits);
	if (neg)
		grouped[k++] = '-';
	for (i = 0; i < len && k + 2 < sizeof(grouped); i++) {
		if (i && (len - i) % 3 == 0)
			grouped[k++] = '.';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	snprintf(out, n, with_unit ? "%s đ" : "%s", grouped);
}
