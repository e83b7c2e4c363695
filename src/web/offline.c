/*
 * offline.c: what lets an agency enter its forms on a weak line
 * (docs/web.md, "Offline entry").
 *
 *   GET /sw.js                  the service worker (web/static/sw.js), at
 *                               the root so that its scope is the site
 *   GET /manifest.webmanifest   the web app manifest, in the page's
 *                               language (?lang=vi|en&v=VERSION), for the
 *                               home screen
 *
 * and, on every signed-in page, the account the offline queue belongs to
 * and the queue's texts from the catalogues (a JSON block the script reads;
 * no inline script, which the Content-Security-Policy forbids), with the
 * place where web/static/offline.js says what waits to be sent.
 *
 * What the service worker keeps is decided in sw.js: the static files, the
 * dashboard and the entry forms, per account; never any other page (the
 * case and complaint registers among them).  Signing out clears it all
 * (page_logout()'s Clear-Site-Data, and offline.js before it).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#include "util/banned.h"

enum gemis_err page_sw(struct http_req *r)
{
	return http_embedded(r, "web/sw.js");
}

static json_t *icon(const char *src, const char *sizes, const char *purpose)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "src", src, "sizes", sizes, "type", "image/png", "purpose", purpose);
}

enum gemis_err page_manifest(struct http_req *r)
{
	const char *lang = http_param(r, "lang"), *v = http_asset_version(r);
	json_t *o, *icons;
	char *s;

	if (lang && i18n_parse_lang(lang) >= 0) {
		r->lang = (enum lang)i18n_parse_lang(lang);
		i18n_set_lang(r->lang);
	}
	icons = json_array();
	if (!icons)
		return GEMIS_ENOMEM;
	json_array_append_new(icons, icon(arena_printf(&r->arena, "/static/icon-192.png?v=%s", v), "192x192", "any"));
	json_array_append_new(icons, icon(arena_printf(&r->arena, "/static/icon-512.png?v=%s", v), "512x512", "any"));
	json_array_append_new(icons, icon(arena_printf(&r->arena, "/static/icon-maskable-512.png?v=%s", v), "512x512",
					  "maskable"));
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "name",
		      _("gemis: gender equality monitoring"), "short_name", "gemis", "description",
		      _("The commune's gender equality plan: its forms, indicators and reports"), "lang",
		      i18n_lang_code(r->lang), "start_url", "/", "scope", "/", "display", "standalone",
		      "background_color", "#ffffff", "theme_color", "#7b2d6b", "icons", icons);
	if (!o)
		return GEMIS_ENOMEM;
	s = json_dumps(o, JSON_INDENT(1));
	json_decref(o);
	if (!s)
		return GEMIS_ENOMEM;
	r->ctype = "application/manifest+json";
	/* fetched on every page: from the browser's cache once it has this
	 * version (a fetch cut short by the page moving on made Chromium
	 * report a syntax error) */
	http_set_header(r, "Cache-Control", http_param(r, "v") && strcmp(http_param(r, "v"), v) == 0
						    ? "public, max-age=31536000, immutable"
						    : "no-cache");
	html_raw(r, s, strlen(s));
	free(s);
	return GEMIS_OK;
}

/* The head's links: the manifest, its colour, the icon an iPhone takes. */
void offline_head(struct http_req *r)
{
	const char *v = http_asset_version(r);

	html(r, "<link rel=\"manifest\" href=\"/manifest.webmanifest?lang=%s&amp;v=%s\">"
		"<meta name=\"theme-color\" content=\"#7b2d6b\">"
		"<link rel=\"apple-touch-icon\" href=\"/static/icon-192.png?v=%s\">",
	     i18n_lang_code(r->lang), v, v);
	if (r->signed_in)
		html(r, "<script src=\"/static/offline.js?v=%s\" defer></script>", v);
}

/* The texts offline.js shows by key, translated when sent. */
static const struct {
	const char *key, *msgid;
} offline_msgs[] = {
	{"region", N_("Entries kept on this device")},
	{"offline", N_("No connection. What you save is kept on this device and sent when the line returns.")},
	{"queued", N_("waiting to be sent, saved on this device at %s")},
	{"conflict", N_("changed on the server meanwhile: open it to choose")},
	{"refused", N_("refused by the server: open it to see why")},
	{"signin", N_("Sign in again to send what waits on this device.")},
	{"send", N_("Send now")},
	{"sent", N_("Sent: %s.")},
	{"kept", N_("Not sent: there is no connection. The form is kept on this device and will be sent when "
		    "the line returns.")},
	{"back", N_("What you saved on this device and has not been sent yet is back in the form.")},
	{"conflict_title", N_("This form was changed on the server after you opened it")},
	{"conflict_text", N_("Nothing was overwritten. Compare the two versions and choose which one to keep.")},
	{"field", N_("Field")},
	{"server", N_("On the server now")},
	{"mine", N_("Yours, saved on this device")},
	{"keep_mine", N_("Keep mine")},
	{"keep_server", N_("Keep the server's")},
	{"narrative", N_("Results of the agency's tasks and a short narrative")},
	{"signout", N_("Entries saved on this device have not been sent yet and will be lost if you sign out. "
		       "Sign out anyway?")},
};

/* The texts offline.js shows, from the catalogues. */
static json_t *offline_texts(void)
{
	json_t *t = json_object();
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < sizeof(offline_msgs) / sizeof(offline_msgs[0]); i++)
		json_object_set_new(t, offline_msgs[i].key, json_string(_(offline_msgs[i].msgid)));
	/* the count decides the plural form; offline.js has one and many */
	json_object_set_new(t, "waiting_one", json_string(ngettext_("%d entry saved on this device waits to be sent.",
								    "%d entries saved on this device wait to be sent.", 1)));
	json_object_set_new(t, "waiting_many", json_string(ngettext_("%d entry saved on this device waits to be sent.",
								     "%d entries saved on this device wait to be sent.", 2)));
	return t;
}

/* On a signed-in page: the queue's place and its data (account, texts). */
void offline_shell(struct http_req *r)
{
	json_t *o, *t;
	char *s;

	if (!r->signed_in || r->by_token)
		return;
	t = offline_texts();
	o = t ? json_pack("{s:s, s:s, s:o}", "account", arena_printf(&r->arena, "u%lld", r->who.user_id), "v",
			  http_asset_version(r), "t", t)
	      : NULL;
	s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (s) {
		html_json(r, "offline-data", s, strlen(s));
		free(s);
	}
	html(r, "<section id=\"offline-queue\" class=\"offline-queue\" aria-label=\"%s\" hidden></section>",
	     _("Entries kept on this device"));
}

/* The account whose pages the service worker may keep, on the answer. */
void offline_account_header(struct http_req *r)
{
	if (r->signed_in && !r->by_token)
		http_set_header(r, "X-Gemis-Account", arena_printf(&r->arena, "u%lld", r->who.user_id));
}
