/*
 * err.c: recording error detail in a struct errctx.
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

enum gemis_err err_vset(struct errctx *e, enum gemis_err code, const char *fmt, va_list ap)
{
	if (!e)
		return code;
	e->code = code;
	e->where[0] = '\0';
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return code;
}

enum gemis_err err_set(struct errctx *e, enum gemis_err code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}

enum gemis_err err_set_at(struct errctx *e, enum gemis_err code, const char *where,
			  const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	snprintf(e->where, sizeof(e->where), "%s", where ? where : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void err_clear(struct errctx *e)
{
	if (!e)
		return;
	e->code = GEMIS_OK;
	e->where[0] = '\0';
	e->msg[0] = '\0';
}

const char *err_name(enum gemis_err code)
{
	switch (code) {
	case GEMIS_OK: return "ok";
	case GEMIS_ENOMEM: return "out of memory";
	case GEMIS_EINVAL: return "invalid input";
	case GEMIS_ENOTFOUND: return "not found";
	case GEMIS_EIO: return "input/output error";
	case GEMIS_EDB: return "database error";
	case GEMIS_ECONFLICT: return "conflict";
	case GEMIS_EPERM: return "not permitted";
	case GEMIS_ELIMIT: return "limit exceeded";
	case GEMIS_EFORMAT: return "bad format";
	case GEMIS_EAUTH: return "not authenticated";
	}
	return "unknown error";
}
