/*
 * number.c: reading a reported value (number.h).
 */
#include "number.h"

#include <errno.h>
#include <math.h>
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
