/*
 * i18n.c: lookup in embedded GNU .mo catalogues.
 *
 * The .mo layout (GNU gettext manual, "The Format of GNU MO Files"):
 *   u32 magic 0x950412de (in the file's byte order), u32 revision,
 *   u32 N strings, u32 offset of the originals table, u32 offset of the
 *   translations table, then hash data we do not use.  Each table has N
 *   entries {u32 length, u32 offset}; originals are sorted by bytes, so a
 *   binary search finds a msgid.  A plural entry's original is
 *   "msgid\0msgid_plural" and its translation the forms separated by NULs.
 */
#include "i18n.h"

#include <stdint.h>
#include <string.h>

#include "embed.h"

#include "banned.h"

static _Thread_local enum lang cur_lang = LANG_VI;

void i18n_set_lang(enum lang l)
{
	cur_lang = l;
}

enum lang i18n_lang(void)
{
	return cur_lang;
}

int i18n_parse_lang(const char *s)
{
	if (!s)
		return -1;
	if (strncmp(s, "vi", 2) == 0)
		return LANG_VI;
	if (strncmp(s, "en", 2) == 0)
		return LANG_EN;
	return -1;
}

const char *i18n_lang_code(enum lang l)
{
	return l == LANG_EN ? "en" : "vi";
}

struct mo {
	const unsigned char *data;
	size_t size;
	uint32_t n, orig, trans;
	int swap;
};

static uint32_t rd32(const struct mo *m, size_t off)
{
	uint32_t v;

	memcpy(&v, m->data + off, 4);
	if (m->swap)
		v = __builtin_bswap32(v);
	return v;
}

static int mo_open(struct mo *m, const char *name)
{
	const struct embed_file *f = embed_find(name);
	uint32_t magic;

	if (!f || f->size < 28)
		return -1;
	m->data = f->data;
	m->size = f->size;
	memcpy(&magic, f->data, 4);
	if (magic == 0x950412deU)
		m->swap = 0;
	else if (magic == 0xde120495U)
		m->swap = 1;
	else
		return -1;
	m->n = rd32(m, 8);
	m->orig = rd32(m, 12);
	m->trans = rd32(m, 16);
	if ((uint64_t)m->orig + 8ull * m->n > m->size || (uint64_t)m->trans + 8ull * m->n > m->size)
		return -1;
	return 0;
}

/* Finds key (length klen, may contain a NUL for plurals) and returns the
 * translation and its length, or NULL. */
static const char *mo_find(const struct mo *m, const char *key, size_t klen, size_t *tlen)
{
	uint32_t lo = 0, hi = m->n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t len = rd32(m, m->orig + 8u * mid);
		uint32_t off = rd32(m, m->orig + 8u * mid + 4);
		size_t cmplen;
		int c;

		if ((uint64_t)off + len > m->size)
			return NULL;
		cmplen = len < klen ? len : klen;
		c = memcmp(key, m->data + off, cmplen);
		if (c == 0)
			c = klen < len ? -1 : klen > len ? 1 : 0;
		if (c == 0) {
			uint32_t tl = rd32(m, m->trans + 8u * mid);
			uint32_t to = rd32(m, m->trans + 8u * mid + 4);

			if ((uint64_t)to + tl >= m->size || tl == 0)
				return NULL;
			*tlen = tl;
			return (const char *)m->data + to;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct mo *catalogue(enum lang l)
{
	static struct mo mos[2];
	static int state[2]; /* 0 unknown, 1 loaded, -1 absent */
	static const char *names[2] = {"locale/vi.mo", "locale/en.mo"};
	int i = l == LANG_EN ? 1 : 0;

	/* Racing threads compute the same values; the embedded data never changes. */
	if (state[i] == 0)
		state[i] = mo_open(&mos[i], names[i]) == 0 ? 1 : -1;
	return state[i] == 1 ? &mos[i] : NULL;
}

const char *i18n_get(enum lang l, const char *msgid)
{
	const struct mo *m = catalogue(l);
	const char *t;
	size_t tlen;

	if (!m || !msgid || !*msgid)
		return msgid;
	t = mo_find(m, msgid, strlen(msgid), &tlen);
	return t ? t : msgid;
}

const char *i18n_nget(enum lang l, const char *msgid, const char *plural, unsigned long n)
{
	const struct mo *m = catalogue(l);
	char key[1024];
	size_t a = strlen(msgid), b = strlen(plural), tlen;
	const char *t;
	/* Vietnamese has one form; English two. */
	unsigned form = (l == LANG_EN && n != 1) ? 1 : 0;

	if (m && a + b + 1 < sizeof(key)) {
		memcpy(key, msgid, a);
		key[a] = '\0';
		memcpy(key + a + 1, plural, b);
		t = mo_find(m, key, a + b + 1, &tlen);
		if (t) {
			const char *p = t, *end = t + tlen;

			while (form > 0 && p < end) {
				p += strlen(p) + 1;
				form--;
			}
			if (p < end)
				return p;
			return t;
		}
	}
	return (l == LANG_EN && n != 1) ? plural : msgid;
}
