/*
 * sealed.c: a case's fields on their way into and out of the register:
 * the register's key checked against the one it was first used with,
 * fields sealed before they are written and opened when they are read
 * (casekey.c does the cryptography), the opened text wiped after use.
 */
#include "cases_int.h"

#include <sodium.h>
#include <string.h>

#include "store/store.h"
#include "util/i18n.h"

#include "util/banned.h"

enum gemis_err case_check_key(struct case_session *s, struct errctx *e)
{
	return store_key_check(s->db, s->key, e);
}

void case_sealed_init(struct case_sealed *x)
{
	size_t i;

	for (i = 0; i < NELEM(x->b); i++)
		buf_init(&x->b[i], CASE_NOTE_MAX * 2);
	x->n = 0;
}

void case_sealed_release(struct case_sealed *x)
{
	size_t i;

	for (i = 0; i < NELEM(x->b); i++)
		buf_release(&x->b[i]);
}

enum gemis_err case_seal_field(struct case_session *s, struct case_sealed *x, struct case_blob *out,
			       const char *code, const char *field, const char *text)
{
	struct buf *b;
	enum gemis_err err;

	out->p = NULL;
	out->len = 0;
	if (!text)
		return GEMIS_OK;
	if (x->n >= NELEM(x->b))
		return GEMIS_ELIMIT;
	b = &x->b[x->n++];
	err = case_seal(s->key, code, field, text, strlen(text), b);
	if (!err) {
		out->p = b->p;
		out->len = b->len;
	}
	return err;
}

enum gemis_err case_unseal_field(struct case_session *s, struct case_blob in, const char *code,
				 const char *field, struct buf *out, bool *null, struct errctx *e)
{
	*null = in.p == NULL;
	buf_reset(out);
	if (*null)
		return GEMIS_OK;
	return case_unseal(s->key, code, field, in.p, in.len, out, e);
}

static const char *const ct_fields[CASE_SEALED] = {"detected", "source", "survivor_age", "type",
						   "context", "perpetrator_age",
						   "perpetrator_relation", "notes", "closure"};
#define NCT CASE_SEALED

void case_opened_init(struct case_opened *o)
{
	size_t i;

	for (i = 0; i < NCT; i++)
		buf_init(&o->f[i], CASE_NOTE_MAX + 64);
}

void case_opened_release(struct case_opened *o)
{
	size_t i;

	for (i = 0; i < NCT; i++) {
		if (o->f[i].p)
			sodium_memzero(o->f[i].p, o->f[i].cap);
		buf_release(&o->f[i]);
	}
}

enum gemis_err case_open_row(struct case_session *s, const struct case_stored *c, struct case_opened *o,
			     size_t upto, struct errctx *e)
{
	enum gemis_err err = GEMIS_OK;
	size_t i;

	for (i = 0; i < upto && !err; i++)
		err = case_unseal_field(s, c->ct[i], c->code, ct_fields[i], &o->f[i], &o->null[i], e);
	return err;
}
