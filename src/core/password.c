/*
 * password.c: the rules for a new password (see password.h).
 *
 * The common list is read where it lies in the binary, line by line, at
 * each check: 1,600 lines of 20 KB take microseconds, next to the
 * argon2id hash that follows every accepted password, and need no
 * allocation or lock.
 */
#include "password.h"

#include <string.h>
#include <strings.h>

#include "util/embed.h"
#include "util/i18n.h"

#include "util/banned.h"

#define COMMON_LIST "data/passwords/common.txt"

bool password_is_common(const char *password)
{
	const struct embed_file *f = embed_find(COMMON_LIST);
	const char *p, *end, *nl;
	size_t n = strlen(password);

	if (!f)
		return false;
	p = (const char *)f->data;
	end = p + f->size;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (*p != '#' && (size_t)(nl - p) == n && strncasecmp(p, password, n) == 0)
			return true;
	}
	return false;
}

const char *password_problem(const char *password, const char *name)
{
	size_t n = strlen(password);

	if (n < PASSWORD_MIN)
		return N_("a password needs at least 10 characters");
	if (n > PASSWORD_MAX)
		return N_("a password has at most 256 characters");
	if (password_is_common(password))
		return N_("this password is one of the most common ones, which are guessed first: choose another");
	if (name && strlen(name) >= 3 && strcasestr(password, name))
		return N_("a password may not contain the user name");
	return NULL;
}
