/*
 * err.h: the one error enum of gemis and the context that carries an
 * error's detail (file, line, field, message) to the place that reports it.
 *
 * Functions return enum gemis_err (GEMIS_OK is 0) and put results in
 * out-parameters.  The human-readable detail goes into a struct errctx the
 * caller passes in; turning a code into an exit status or HTTP status
 * happens in exactly one place per front end (cli/main.c, http/).
 */
#ifndef GEMIS_ERR_H
#define GEMIS_ERR_H

#include <stdarg.h>

#include <stddef.h>

enum gemis_err {
	GEMIS_OK = 0,
	GEMIS_ENOMEM,    /* allocation failed */
	GEMIS_EINVAL,    /* bad input: the context says where */
	GEMIS_ENOTFOUND, /* a named thing does not exist */
	GEMIS_EIO,       /* a file or socket failed */
	GEMIS_EDB,       /* the database failed */
	GEMIS_ECONFLICT, /* a concurrent change or a duplicate */
	GEMIS_EPERM,     /* not allowed for this user */
	GEMIS_ELIMIT,    /* a size or time limit was exceeded */
	GEMIS_EFORMAT,   /* a file is not in the expected format */
	GEMIS_EAUTH,     /* not signed in or bad credentials */
};

struct errctx {
	enum gemis_err code;
	char where[256]; /* "values.csv:12" or "targets[3].value", may be empty */
	char msg[768];
};

/* Record an error; the message is printf-formatted.  Returns code so that
 * callers can write `return err_set(e, GEMIS_EINVAL, ...);`.  e may be NULL. */
enum gemis_err err_set(struct errctx *e, enum gemis_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* err_set with the arguments as a va_list: for a function that takes a
 * message of its own to record (store_unit_get()). */
enum gemis_err err_vset(struct errctx *e, enum gemis_err code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Like err_set, with a location ("file:line", "field") stored apart. */
enum gemis_err err_set_at(struct errctx *e, enum gemis_err code, const char *where,
			  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

void err_clear(struct errctx *e);

/* A short English name of the code, for logs ("invalid input"). */
const char *err_name(enum gemis_err code);

#endif
