/*
 * text.h: UTF-8 text helpers shared by importers, matching and output.
 *
 * Vietnamese text arrives in NFC or NFD and with diacritics used
 * inconsistently ("hoá"/"hóa"), so matching compares folded keys: NFC,
 * lower case, marks stripped, đ turned into d, runs of space and
 * punctuation collapsed to one space.
 */
#ifndef GEMIS_TEXT_H
#define GEMIS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool text_valid_utf8(const char *s, size_t len);
/* The length of the longest valid UTF-8 prefix of s[0..len): where the
 * first bad byte is (len when there is none). */
size_t text_utf8_prefix(const char *s, size_t len);

/* Appends the NFC form of s to out.  s must be valid UTF-8. */
enum gemis_err text_nfc(struct buf *out, const char *s, size_t len);

/* Appends the folded matching key of s (see above) to out.  Letters and
 * digits are kept; everything else becomes a single space; the key has no
 * leading or trailing space. */
enum gemis_err text_fold(struct buf *out, const char *s, size_t len);

/* The folded key of s[0..len) (as text_fold()), NUL-terminated and
 * allocated from a; NULL when memory runs out. */
const char *text_fold_arena(struct arena *a, const char *s, size_t len);

/* The characters (code points) of a UTF-8 string: what a text's limit
 * counts, as a browser's maxlength does, not its bytes (a Vietnamese
 * letter takes two or three); each byte that starts no character counts
 * as one. */
size_t text_chars(const char *s);

/* Display width in terminal columns of a UTF-8 string (combining marks 0). */
size_t text_width(const char *s);

/* Appends s as a cell of a text table: padded to w display columns (on
 * the left when right), or cut at a character boundary with "…" when it
 * is wider.  w >= 1. */
enum gemis_err text_cell(struct buf *b, const char *s, size_t w, bool right);

/* Trims ASCII white space in place; returns s. */
char *text_trim(char *s);

/* Parses a decimal number written with '.' or ',' as decimal mark.  The whole
 * of s[0..len) (after trimming spaces) must be the number.  Returns false when
 * it is not one.  number_parse() (number.h), which says why. */
bool text_parse_number(const char *s, size_t len, double *out);

/* The offset of the first control character (C0 but tab, DEL, or NUL) in
 * s[0..len), or -1 when there is none.  Text fields never hold one: a NUL
 * cuts a C string ("03394\0junk" read as 03394), the others hide in
 * messages and logs. */
long text_control_at(const char *s, size_t len);

/* Parses a whole non-negative base-10 integer in s[0..len); false on junk or overflow. */
bool text_parse_long(const char *s, size_t len, long *out);

#endif
