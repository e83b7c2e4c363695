/*
 * regkey.c: the register key of a server (util/seal.h), read once from
 * $GEMIS_CASE_KEY_FILE when the first page or API route that seals or opens
 * personal data needs it: the case register's pages (web/cases.c) and the
 * complaints' (web/complaints.c, api/api_complaints.c) share it.
 */
#include <pthread.h>

#include "http.h"
#include "util/i18n.h"
#include "util/seal.h"

#include "util/banned.h"

static struct seal_key server_key;
static bool server_key_ok;
static struct errctx server_key_err;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void load_key(void)
{
	const char *path = seal_key_path(NULL);

	if (!path) {
		err_set(&server_key_err, GEMIS_EAUTH, "%s",
			N_("the server has no case register key: start it with GEMIS_CASE_KEY_FILE set"));
		return;
	}
	server_key_ok = seal_key_load(path, &server_key, &server_key_err) == GEMIS_OK;
}

enum gemis_err http_register_key(struct http_req *r, const struct seal_key **key)
{
	pthread_once(&key_once, load_key);
	*key = NULL;
	if (!server_key_ok)
		return http_fail(r, GEMIS_EIO, "%s", _(server_key_err.msg));
	*key = &server_key;
	return GEMIS_OK;
}
