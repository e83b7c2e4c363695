/*
 * seal.c: the key file of the sealed registers and field sealing
 * (libsodium); see seal.h.
 */
#include "seal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

#include "banned.h"

#define KEY_MAGIC "gemis-case-key-1 "

static void key_id(struct seal_key *k)
{
	static const unsigned char label[] = "gemis case key id";
	unsigned char h[SEAL_KEY_ID_CHARS / 2];

	crypto_generichash(h, sizeof(h), label, sizeof(label) - 1, k->k, sizeof(k->k));
	sodium_bin2hex(k->id, sizeof(k->id), h, sizeof(h));
}

const char *seal_key_path(const char *opt)
{
	const char *env = getenv("GEMIS_CASE_KEY_FILE");

	if (opt && *opt)
		return opt;
	return env && *env ? env : NULL;
}

enum gemis_err seal_key_generate(const char *path, struct errctx *e)
{
	unsigned char k[SEAL_KEY_BYTES];
	char line[sizeof(KEY_MAGIC) + 2 * SEAL_KEY_BYTES + 2];
	size_t len;
	int fd;
	enum gemis_err err = GEMIS_OK;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(e, GEMIS_EIO, _("cannot create the key file %s: %s"), path,
			       strerror(errno));
	randombytes_buf(k, sizeof(k));
	memcpy(line, KEY_MAGIC, sizeof(KEY_MAGIC) - 1);
	sodium_bin2hex(line + sizeof(KEY_MAGIC) - 1, 2 * SEAL_KEY_BYTES + 1, k, sizeof(k));
	len = sizeof(KEY_MAGIC) - 1 + 2 * SEAL_KEY_BYTES;
	line[len++] = '\n';
	if (fchmod(fd, 0600) != 0 || write(fd, line, len) != (ssize_t)len || fsync(fd) != 0)
		err = err_set(e, GEMIS_EIO, _("cannot write the key file %s: %s"), path,
			      strerror(errno));
	if (close(fd) != 0 && !err)
		err = err_set(e, GEMIS_EIO, _("cannot write the key file %s: %s"), path,
			      strerror(errno));
	if (err)
		unlink(path);
	sodium_memzero(k, sizeof(k));
	sodium_memzero(line, sizeof(line));
	return err;
}

enum gemis_err seal_key_load(const char *path, struct seal_key *k, struct errctx *e)
{
	char line[sizeof(KEY_MAGIC) + 2 * SEAL_KEY_BYTES + 8];
	struct stat sb;
	ssize_t n;
	size_t got = 0;
	const char *end;
	int fd;
	enum gemis_err err = GEMIS_OK;

	memset(k, 0, sizeof(*k));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return err_set(e, GEMIS_EIO, _("cannot read the key file %s: %s"), path,
			       strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		err = err_set(e, GEMIS_EIO, _("the key file %s is not a regular file"), path);
		goto out;
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		err = err_set(e, GEMIS_EPERM,
			      _("the key file %s may be read or changed by other accounts "
				"(mode %03o): make it readable by its owner alone (chmod 600)"),
			      path, (unsigned)(sb.st_mode & 0777));
		goto out;
	}
	while (got < sizeof(line) - 1) {
		n = read(fd, line + got, sizeof(line) - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	line[got] = '\0';
	if (got < sizeof(KEY_MAGIC) - 1 + 2 * SEAL_KEY_BYTES ||
	    memcmp(line, KEY_MAGIC, sizeof(KEY_MAGIC) - 1) != 0 ||
	    sodium_hex2bin(k->k, sizeof(k->k), line + sizeof(KEY_MAGIC) - 1, 2 * SEAL_KEY_BYTES,
			   NULL, NULL, &end) != 0 ||
	    (*end != '\0' && *end != '\n' && *end != '\r')) {
		err = err_set(e, GEMIS_EFORMAT, _("%s is not a gemis case key file"), path);
		goto out;
	}
	key_id(k);
out:
	sodium_memzero(line, sizeof(line));
	if (err)
		sodium_memzero(k, sizeof(*k));
	close(fd);
	return err;
}

void seal_key_wipe(struct seal_key *k)
{
	sodium_memzero(k, sizeof(*k));
}

/* domain NUL code NUL field */
static enum gemis_err make_ad(struct buf *ad, const char *domain, const char *code,
			      const char *field)
{
	enum gemis_err err = buf_append(ad, domain, strlen(domain) + 1);

	if (!err)
		err = buf_append(ad, code, strlen(code) + 1);
	if (!err)
		err = buf_append(ad, field, strlen(field));
	return err;
}

enum gemis_err seal_field(const struct seal_key *k, const char *domain, const char *code,
			  const char *field, const void *pt, size_t n, struct buf *out)
{
	unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	struct buf ad;
	unsigned long long clen = 0;
	size_t start = out->len;
	enum gemis_err err;

	buf_init(&ad, 4096);
	err = make_ad(&ad, domain, code, field);
	if (err)
		goto out;
	randombytes_buf(nonce, sizeof(nonce));
	err = buf_append(out, nonce, sizeof(nonce));
	/* reserve room for the ciphertext and tag, then seal in place */
	if (!err)
		err = buf_append(out, pt, n);
	if (!err)
		err = buf_append(out, nonce, crypto_aead_xchacha20poly1305_ietf_ABYTES);
	if (err)
		goto out;
	crypto_aead_xchacha20poly1305_ietf_encrypt((unsigned char *)out->p + start + sizeof(nonce),
						   &clen, pt, n, (const unsigned char *)ad.p,
						   ad.len, NULL, nonce, k->k);
out:
	if (err)
		buf_truncate(out, start);
	buf_release(&ad);
	return err;
}

bool seal_open(const struct seal_key *k, const char *domain, const char *code, const char *field,
	       const void *ct, size_t n, struct buf *out)
{
	const size_t nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	const size_t ab = crypto_aead_xchacha20poly1305_ietf_ABYTES;
	const unsigned char *c = ct;
	unsigned long long plen = 0;
	struct buf ad;
	bool ok = false;

	buf_reset(out);
	if (!ct || n < nb + ab)
		return false;
	buf_init(&ad, 4096);
	/* room for the plain text: the ciphertext length is an upper bound */
	if (make_ad(&ad, domain, code, field) || buf_append(out, c + nb, n - nb))
		goto out;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out->p, &plen, NULL, c + nb,
						       n - nb, (const unsigned char *)ad.p, ad.len,
						       c, k->k) != 0)
		goto out;
	buf_truncate(out, (size_t)plen);
	ok = true;
out:
	if (!ok) {
		seal_wipe_buf(out);
		buf_reset(out);
	}
	buf_release(&ad);
	return ok;
}

void seal_wipe_buf(struct buf *out)
{
	if (out->p)
		sodium_memzero(out->p, out->cap);
}
