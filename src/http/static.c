/*
 * static.c: the embedded files under web/ (our own assets from web/static/
 * and the pinned npm ones under web/vendor/), served from the binary's
 * memory.  Text files are gzip-compressed once, on first request, for
 * clients that accept it: on a weak connection htmx is 16 KB instead of 50.
 * URLs carry ?v=ASSET_VERSION (a hash of every embedded web file); with the
 * current version a file may be cached for a year.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "internal.h"
#include "util/embed.h"

#include "util/banned.h"

struct gz_cache {
	pthread_mutex_t mu;
	struct buf *gz;  /* [embed_count]; p NULL until made */
	bool *tried;
};

static pthread_mutex_t gz_init_mu = PTHREAD_MUTEX_INITIALIZER;

static const char *mime_of(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".json", "application/json; charset=utf-8"},
		{".txt", "text/plain; charset=utf-8"},
		{".woff2", "font/woff2"},
	};
	size_t n = strlen(name), i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t l = strlen(types[i].ext);

		if (n > l && strcmp(name + n - l, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

static bool compressible(const char *type)
{
	return strncmp(type, "text/", 5) == 0 || strstr(type, "json") || strstr(type, "svg");
}

bool http_gzip(const void *src, size_t len, int level, struct buf *out)
{
	const unsigned char *data = src;
	z_stream z;
	unsigned char chunk[16384];
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		if (rc == Z_STREAM_ERROR || buf_append(out, chunk, sizeof(chunk) - z.avail_out)) {
			deflateEnd(&z);
			return false;
		}
	} while (rc != Z_STREAM_END);
	deflateEnd(&z);
	return true;
}

const struct buf *http_gz_get(struct http_server *s, size_t index)
{
	struct gz_cache *c;
	const struct buf *res = NULL;

	pthread_mutex_lock(&gz_init_mu);
	if (!s->gz) {
		c = calloc(1, sizeof(*c));
		if (c) {
			c->gz = calloc(embed_count, sizeof(*c->gz));
			c->tried = calloc(embed_count, sizeof(*c->tried));
			if (!c->gz || !c->tried) {
				free(c->gz);
				free(c->tried);
				free(c);
				c = NULL;
			} else {
				pthread_mutex_init(&c->mu, NULL);
			}
		}
		s->gz = c;
	}
	pthread_mutex_unlock(&gz_init_mu);
	c = s->gz;
	if (!c || index >= embed_count)
		return NULL;
	pthread_mutex_lock(&c->mu);
	if (!c->tried[index]) {
		struct buf *b = &c->gz[index];

		c->tried[index] = true;
		buf_init(b, embed_files[index].size + 4096);
		if (!http_gzip(embed_files[index].data, embed_files[index].size, 9, b) ||
		    b->len >= embed_files[index].size)
			buf_release(b);
	}
	if (c->gz[index].p)
		res = &c->gz[index];
	pthread_mutex_unlock(&c->mu);
	return res;
}

void http_gz_free(struct http_server *s)
{
	size_t i;

	if (!s->gz)
		return;
	for (i = 0; i < embed_count; i++)
		buf_release(&s->gz->gz[i]);
	free(s->gz->gz);
	free(s->gz->tried);
	pthread_mutex_destroy(&s->gz->mu);
	free(s->gz);
	s->gz = NULL;
}

enum gemis_err http_static(struct http_req *r)
{
	const char *rest = http_arg(r, 0), *name;

	if (!rest || strstr(rest, "..") || strchr(rest, '\\'))
		return GEMIS_ENOTFOUND;
	name = arena_printf(&r->arena, "web/%s", rest);
	if (!name)
		return GEMIS_ENOMEM;
	return http_embedded(r, name);
}

enum gemis_err http_embedded(struct http_req *r, const char *name)
{
	const char *v = http_param(r, "v"), *ae, *type;
	size_t i;

	for (i = 0; i < embed_count; i++) {
		if (strcmp(embed_files[i].name, name) == 0)
			break;
	}
	if (i == embed_count)
		return GEMIS_ENOTFOUND;
	type = mime_of(name);
	r->ctype = type;
	http_set_header(r, "Cache-Control",
			v && strcmp(v, r->srv->asset_version) == 0 ? "public, max-age=31536000, immutable"
								     : "no-cache");
	http_set_header(r, "ETag", arena_printf(&r->arena, "\"%s\"", r->srv->asset_version));
	{
		const char *inm = http_header(r, "If-None-Match");
		const char *etag = arena_printf(&r->arena, "\"%s\"", r->srv->asset_version);

		if (inm && etag && strcmp(inm, etag) == 0) {
			r->status = 304;
			return GEMIS_OK;
		}
	}
	if (compressible(type)) {
		const struct buf *gz;

		http_set_header(r, "Vary", "Accept-Encoding");
		ae = http_header(r, "Accept-Encoding");
		if (ae && strstr(ae, "gzip")) {
			gz = http_gz_get(r->srv, i);
			if (gz) {
				http_set_header(r, "Content-Encoding", "gzip");
				r->persist = gz->p;
				r->persist_len = gz->len;
				return GEMIS_OK;
			}
		}
	}
	r->persist = (const char *)embed_files[i].data;
	r->persist_len = embed_files[i].size;
	return GEMIS_OK;
}
