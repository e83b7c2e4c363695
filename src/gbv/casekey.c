/*
 * casekey.c: a case's fields sealed and opened in the case register's
 * domain (the cipher and the key file are util/seal.c's).
 */
#include "casekey.h"

#include "util/i18n.h"

#include "util/banned.h"

#define DOMAIN "gemis-case-1"

enum gemis_err case_seal(const struct case_key *k, const char *code, const char *field,
			 const void *pt, size_t n, struct buf *out)
{
	return seal_field(k, DOMAIN, code, field, pt, n, out);
}

enum gemis_err case_unseal(const struct case_key *k, const char *code, const char *field,
			   const void *ct, size_t n, struct buf *out, struct errctx *e)
{
	if (!ct || n < SEAL_OVERHEAD) {
		buf_reset(out);
		return err_set(e, GEMIS_EFORMAT, _("a sealed field of case %s is damaged"), code);
	}
	if (!seal_open(k, DOMAIN, code, field, ct, n, out))
		return err_set(e, GEMIS_EFORMAT,
			       _("a field of case %s does not open with this key (wrong key, or the data was altered)"),
			       code);
	return GEMIS_OK;
}
