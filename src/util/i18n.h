/*
 * i18n.h: user-facing text through gettext catalogues.
 *
 * Messages are written in English in the source, wrapped in _() (or N_()
 * where only marked), extracted with xgettext into po/, translated in
 * po/vi/ (Vietnamese, the default) and po/en/, compiled with msgfmt
 * and embedded in the binary.  The lookup reads the embedded .mo files
 * directly instead of going through setlocale(): the web server answers each
 * request in the language that request asked for, on any thread, and a
 * machine does not need the vi_VN locale installed.
 */
#ifndef GEMIS_I18N_H
#define GEMIS_I18N_H

enum lang {
	LANG_VI = 0,
	LANG_EN = 1,
};

/* Sets the language of _() for the calling thread (default: Vietnamese). */
void i18n_set_lang(enum lang l);
enum lang i18n_lang(void);
/* "vi" or "en" to enum lang; returns -1 for anything else. */
int i18n_parse_lang(const char *s);
const char *i18n_lang_code(enum lang l);

/* Translation of msgid in language l; msgid itself when there is none.
 * The result is static (borrowed from the embedded catalogue). */
const char *i18n_get(enum lang l, const char *msgid) __attribute__((format_arg(2)));
/* Plural form: n selects the form by the language's rule. */
const char *i18n_nget(enum lang l, const char *msgid, const char *plural, unsigned long n)
	__attribute__((format_arg(2), format_arg(3)));

#define _(s) i18n_get(i18n_lang(), (s))
#define N_(s) (s)
#define ngettext_(s, p, n) i18n_nget(i18n_lang(), (s), (p), (n))

#endif
