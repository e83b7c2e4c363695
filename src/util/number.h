/*
 * number.h: the one reader of a number written as a reported value.
 *
 * Every importer (CSV, XLSX, ADX, DHIS2 JSON, the API, the web form) goes
 * through values_parse_fields(), which reads the value with number_parse(),
 * so they all take the same numbers and refuse the others with the same
 * words.  Accepted: an optional sign, digits, at most one decimal mark
 * ('.' or ','), spaces around.  Refused: an exponent, thousands
 * separators, anything else, and more than NUMBER_MAX_DIGITS significant
 * digits: a double keeps 15 exactly, so a value is stored as it was
 * written or not at all (1,000 nines were once stored as 1e+63).
 */
#ifndef GEMIS_NUMBER_H
#define GEMIS_NUMBER_H

#include <stddef.h>

#define NUMBER_MAX_DIGITS 15
#define NUMBER_MAX_CHARS 40 /* leading and trailing zeros included */

enum number_problem {
	NUMBER_OK,
	NUMBER_EMPTY,  /* nothing but spaces */
	NUMBER_SYNTAX, /* not a number as above */
	NUMBER_DIGITS, /* more than NUMBER_MAX_DIGITS significant digits, or
			* longer than NUMBER_MAX_CHARS */
};

/* Reads s[0..len) (which need not be NUL-terminated); *out is set only
 * when the result is NUMBER_OK. */
enum number_problem number_parse(const char *s, size_t len, double *out);

/* The message for a problem, in the current language, quoting what was
 * written (cut to a few dozen characters, with its length when cut). */
void number_problem_text(enum number_problem p, const char *s, size_t len, char *out, size_t n);

/* Writes s[0..len) into out[0..n) for a message: cut at a character
 * boundary to at most 24 bytes with "…" and the length in characters when
 * longer. */
void number_quote(const char *s, size_t len, char *out, size_t n);

/*
 * Amounts of money in whole đồng, as Vietnamese write them ("12.500.000",
 * "12.500.000 đ") or as typed on an English keyboard ("12,500,000",
 * "12 500 000", "12500000"): thousands separators ('.', ',', a space or a
 * no-break space) in groups of three, all the same one, an optional
 * "đ", "đồng" or "VND" after.  Refused, each in its own words: a negative
 * amount, a fraction ("12,5", "12.500,50"), more than DONG_MAX_DIGITS
 * digits, anything else.
 */
#define DONG_MAX_DIGITS 15 /* below 10^15 đồng: exact in a double and a BIGINT */
#define DONG_TEXT_LEN 32   /* "999.999.999.999.999 đ" and its NUL */

enum dong_problem {
	DONG_OK,
	DONG_EMPTY,
	DONG_NEGATIVE,
	DONG_FRACTION,
	DONG_SYNTAX,
	DONG_TOO_LARGE,
};

/* Reads s[0..len); *out is set only when the result is DONG_OK. */
enum dong_problem dong_parse(const char *s, size_t len, long long *out);
/* The message for a problem, in the current language, quoting s. */
void dong_problem_text(enum dong_problem p, const char *s, size_t len, char *out, size_t n);
/* "12.500.000 đ" (with_unit) or "12.500.000" into out (n >= DONG_TEXT_LEN). */
void dong_format(long long v, int with_unit, char *out, size_t n);

#endif
