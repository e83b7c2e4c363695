/*
 * activities.c: the activity log.
 *
 *   GET  /activities?unit=&year=&quarter=&agency=   a commune's log: the short form
 *                                                   to add one (made for a phone:
 *                                                   only the title needs typing),
 *                                                   the quarters against the
 *                                                   plan's quota beside what was
 *                                                   typed, and the activities;
 *                                                   for a province, its communes'
 *                                                   quarters at a glance
 *   POST /activities                                adds one
 *   GET  /activities/{unit}/{id}                    one, to change or remove, with
 *                                                   its history
 *   POST /activities/{unit}/{id}                    action=save or delete
 *   GET  /activities/import, POST /activities/import
 *                                                   a CSV or XLSX log, all or
 *                                                   nothing, every bad row named
 *
 * Rules are store/activities.h's; the vocabulary core/activities.h's.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/quota.h"
#include "store/activities.h"
#include "store/tasks.h"
#include "util/text.h"
#include "web.h"

#include "util/banned.h"

static const char *agency_label(struct http_req *r, int k)
{
	if (k < 0 || (size_t)k >= agency_kind_count)
		return "?";
	return r->lang == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

static const char *day_text(struct http_req *r, struct date d)
{
	char s[DATE_TEXT_LEN];

	date_format_dmy(d, s);
	return arena_strdup(&r->arena, s);
}

/* s cut to about max bytes at a space, with an ellipsis: a whole word
 * and a whole character, never a piece of either. */
static const char *short_text(struct http_req *r, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return s;
	n = max;
	while (n > 0 && s[n] != ' ')
		n--;
	if (n == 0) /* one long word: cut before a character's first byte */
		for (n = max; n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; n--)
			;
	return arena_printf(&r->arena, "%.*s…", (int)n, s);
}

/* The agencies the account may log for in the unit. */
static bool may_log(struct http_req *r, int unit, int agency)
{
	return http_can(r, ACT_ENTER, unit, agency);
}

/* The log's quarters judged against the unit's quota of news items
 * (core/quota.h, as the indicator's status is): every quarter of the year
 * must have its N, a quarter with nothing logged is not reported. */
static double judge_log(struct http_req *r, int unit, int year, const struct log_quarter q[4],
			struct quota_check *qc)
{
	int i, ind = catalog_find("news_items_per_quarter");
	double quota = quota_min(ind, ind >= 0 ? engine_target(&r->snap->eng, unit, ind, year) : NULL,
				 QUOTA_NEWS_DEFAULT),
	       n[4];

	for (i = 0; i < 4; i++)
		n[i] = q[i].kept ? (double)q[i].news : NAN;
	quota_check(n, quota, qc);
	return quota;
}

/* --- the short form ------------------------------------------------------- */

struct typed {
	const char *date, *kind, *channel, *title, *place, *women, *men, *task, *agency;
	bool action_month;
};

static void typed_from(struct http_req *r, struct typed *ty)
{
	memset(ty, 0, sizeof(*ty));
	if (r->method != HTTP_POST)
		return;
	ty->date = http_param(r, "date");
	ty->kind = http_param(r, "kind");
	ty->channel = http_param(r, "channel");
	ty->title = http_param(r, "title");
	ty->place = http_param(r, "place");
	ty->women = http_param(r, "women");
	ty->men = http_param(r, "men");
	ty->task = http_param(r, "task");
	ty->agency = http_param(r, "agency");
	ty->action_month = http_param(r, "action_month") != NULL;
}

static void activity_fields(struct http_req *r, int unit, const struct activity *a, const struct typed *ty)
{
	struct task_list tl;
	struct db *db;
	char iso[DATE_TEXT_LEN];
	size_t k;
	int kind = a ? (int)a->kind : ty->kind ? act_kind_parse(ty->kind) : AK_NEWS;
	int chan = a ? (int)a->channel : ty->channel ? act_channel_parse(ty->channel) : -1;
	int agency = a ? a->agency : ty->agency ? agency_find(ty->agency) : r->who.agency;

	date_format_iso(a ? a->day : web_today(r), iso);
	html(r, "<fieldset class=\"kinds\"><legend>%s</legend>", _("What"));
	for (k = 0; k < AK_COUNT; k++)
		html(r, "<label><input type=\"radio\" name=\"kind\" value=\"%s\"%s> %s</label>", act_kind_id((enum act_kind)k),
		     (int)k == kind ? " checked" : "", act_kind_name((enum act_kind)k));
	html(r, "</fieldset>");
	html(r, "<label>%s <input name=\"title\" maxlength=\"%d\" required value=\"%s\" autocomplete=\"off\"></label>",
	     _("Title"), ACT_TITLE_MAX, a ? a->title : ty->title ? ty->title : "");
	html(r, "<div class=\"row\"><label>%s <input type=\"date\" name=\"date\" value=\"%s\"></label>", _("Date"),
	     ty->date ? ty->date : iso);
	html(r, "<label>%s <select name=\"channel\"><option value=\"\">%s</option>", _("Channel"), _("as usual for the kind"));
	for (k = 0; k < AC_COUNT; k++)
		html(r, "<option value=\"%s\"%s>%s</option>", act_channel_id((enum act_channel)k),
		     (int)k == chan ? " selected" : "", act_channel_name((enum act_channel)k));
	html(r, "</select></label></div>");
	html(r, "<details%s><summary>%s</summary>", a || (ty->place && *ty->place) ? " open" : "",
	     _("Where, who took part, the task it serves"));
	html(r, "<label>%s <input name=\"place\" maxlength=\"%d\" value=\"%s\"></label>", _("Village or group reached"),
	     ACT_PLACE_MAX, a ? a->place : ty->place ? ty->place : "");
	html(r, "<div class=\"row\"><label>%s <input name=\"women\" inputmode=\"numeric\" value=\"%s\"></label>"
		"<label>%s <input name=\"men\" inputmode=\"numeric\" value=\"%s\"></label></div>",
	     _("Women taking part"), a && a->women >= 0 ? arena_printf(&r->arena, "%d", a->women) : ty->women ? ty->women : "",
	     _("Men taking part"), a && a->men >= 0 ? arena_printf(&r->arena, "%d", a->men) : ty->men ? ty->men : "");
	if (!http_db(r, &db) && tasks_of_unit(db, &r->snap->tree, unit, &tl, NULL) == GEMIS_OK) {
		html(r, "<label>%s <select name=\"task\"><option value=\"\">–</option>", _("Task it serves"));
		for (k = 0; k < tl.n; k++) {
			const char *sel = a ? a->task_uid : ty->task ? ty->task : "";

			if (agency >= 0 && (size_t)agency < agency_kind_count && !task_role(&tl.t[k], agency_kinds[agency].id))
				continue;
			html(r, "<option value=\"%s\"%s lang=\"vi\">%s %s</option>", tl.t[k].uid,
			     strcmp(sel, tl.t[k].uid) == 0 ? " selected" : "", task_label(&tl.mem, &tl.t[k]),
			     short_text(r, tl.t[k].title, 80));
		}
		html(r, "</select></label>");
		task_list_release(&tl);
	}
	html(r, "<label class=\"tick\"><input type=\"checkbox\" name=\"action_month\" value=\"1\"%s> %s</label>",
	     (a ? a->action_month : ty->action_month) ? " checked" : "",
	     _("Part of the Action Month (always for a day from 15/11 to 15/12; tick it for one before or after)"));
	html(r, "</details>");
}

static void agency_choice(struct http_req *r, int unit, int current)
{
	size_t k;

	if (r->who.role == ROLE_REPORTER && r->who.agency >= 0) {
		html(r, "<input type=\"hidden\" name=\"agency\" value=\"%s\">", agency_kinds[r->who.agency].id);
		return;
	}
	html(r, "<label>%s <select name=\"agency\">", _("Agency"));
	for (k = 0; k < agency_kind_count; k++) {
		if (may_log(r, unit, (int)k))
			html(r, "<option value=\"%s\"%s>%s</option>", agency_kinds[k].id, (int)k == current ? " selected" : "",
			     agency_label(r, (int)k));
	}
	html(r, "</select></label>");
}

/* Reads the posted fields into a; problems to d. */
static void read_posted(struct http_req *r, struct activity *a, struct diags *d)
{
	const char *date = http_param_or(r, "date", ""), *kind = http_param_or(r, "kind", "news");
	const char *chan = http_param_or(r, "channel", ""), *w = http_param_or(r, "women", ""),
		   *m = http_param_or(r, "men", ""), *task = http_param_or(r, "task", "");
	long v;
	int k;

	a->agency = agency_find(http_param_or(r, "agency", ""));
	if (!date_parse_iso(date, strlen(date), &a->day) &&
	    !(date_parse_dmy(date, strlen(date), &a->day) && a->day.y))
		diags_add(d, 0, "date", _("not a date"));
	k = act_kind_parse(kind);
	if (k < 0)
		diags_add(d, 0, "kind", _("unknown kind of activity"));
	a->kind = k >= 0 ? (enum act_kind)k : AK_NEWS;
	k = *chan ? act_channel_parse(chan) : (int)act_kind_channel(a->kind);
	if (k < 0)
		diags_add(d, 0, "channel", _("unknown channel"));
	a->channel = k >= 0 ? (enum act_channel)k : AC_DIRECT;
	snprintf(a->title, sizeof(a->title), "%s", http_param_or(r, "title", ""));
	snprintf(a->place, sizeof(a->place), "%s", http_param_or(r, "place", ""));
	a->women = a->men = -1;
	if (*w && (!text_parse_long(w, strlen(w), &v) || v > ACT_PEOPLE_MAX))
		diags_add(d, 0, "women", _("'%s' is not a number of people"), w);
	else if (*w)
		a->women = (int)v;
	if (*m && (!text_parse_long(m, strlen(m), &v) || v > ACT_PEOPLE_MAX))
		diags_add(d, 0, "men", _("'%s' is not a number of people"), m);
	else if (*m)
		a->men = (int)v;
	snprintf(a->task_uid, sizeof(a->task_uid), "%s", task);
	/* a day of the Action Month is part of it; a launch before it or a
	 * closing after it is, when ticked */
	a->action_month = http_param(r, "action_month") != NULL || act_in_action_month(a->day);
}

/* --- a commune's log ---------------------------------------------------------- */

static void quarters(struct http_req *r, int unit, int year)
{
	struct log_quarter q[4];
	struct quota_check qc;
	struct db *db;
	char note[160];
	double quota;
	int i;

	if (http_db(r, &db) || activity_log_compare(db, &r->snap->tree, unit, year, q, NULL))
		return;
	quota = judge_log(r, unit, year, q, &qc);
	html(r, "<section class=\"quarters\"><h2>%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th class=\"num\">%s</th>"
		"<th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
	     arena_printf(&r->arena, _("News items against the quota of %g a quarter"), quota), _("Quarter"),
	     _("News items logged"), _("Quota met"), _("Typed in a form"), _("Months with a programme"));
	for (i = 0; i < 4; i++) {
		html(r, "<tr><td>%s</td>", arena_printf(&r->arena, _("quarter %d/%d"), i + 1, year));
		if (!q[i].kept) {
			html(r, "<td class=\"num\">–</td><td class=\"hint\">%s</td>", _("nothing logged"));
		} else {
			html(r, "<td class=\"num\">%u</td><td>", q[i].news);
			if (!(qc.missed & 1u << i))
				html(r, "<span class=\"ts ts-done\">%s</span>", _("met"));
			else
				html(r, "<span class=\"ts ts-not_done\">%s</span>", _("not met"));
			html(r, "</td>");
		}
		if (q[i].typed)
			html(r, "<td class=\"num%s\">%g%s</td>", q[i].differs ? " late" : "", q[i].typed_news,
			     q[i].differs ? arena_printf(&r->arena, " · %s", _("differs from the log")) : "");
		else
			html(r, "<td class=\"num\">–</td>");
		if (q[i].kept)
			html(r, "<td class=\"num\">%u/%u</td></tr>", q[i].programmes, q[i].months);
		else
			html(r, "<td class=\"num\">–</td></tr>");
	}
	quota_check_note(&qc, note, sizeof(note));
	html(r, "</tbody></table></div><p class=\"quota ts-%s\">%s: %s</p>", qc.missed ? "not_done" : "done",
	     _("The year"), note);
	html(r, "<p class=\"hint\">%s</p></section>",
	     _("A quarter with anything logged counts its news items from the log; what a form typed for it is shown beside, never chosen instead."));
}

static void log_table(struct http_req *r, int unit, const struct activity_list *l)
{
	const struct unit *u = &r->snap->tree.units[unit];
	size_t i;

	if (!l->n) {
		html(r, "<p>%s</p>", _("Nothing logged for this period."));
		return;
	}
	html(r, "<div class=\"scroll\"><table class=\"log\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th class=\"num\">%s</th><th>%s</th></tr></thead><tbody>",
	     _("Date"), _("What"), _("Title"), _("Village or group reached"), _("Women / men"), _("Agency"));
	for (i = 0; i < l->n; i++) {
		const struct activity *a = &l->a[i];

		html(r, "<tr><td>%s%s</td><td>%s<br><small>%s</small></td><td>", day_text(r, a->day),
		     a->action_month ? " ★" : "", act_kind_name(a->kind), act_channel_name(a->channel));
		if (may_log(r, unit, a->agency))
			html(r, "<a href=\"/activities/%s/%lld\" lang=\"vi\">%s</a>", u->code, a->id, a->title);
		else
			html(r, "<span lang=\"vi\">%s</span>", a->title);
		html(r, "</td><td lang=\"vi\">%s</td><td class=\"num\">%s</td><td>%s</td></tr>", a->place[0] ? a->place : "–",
		     a->women >= 0 || a->men >= 0
			     ? arena_printf(&r->arena, "%s / %s", a->women >= 0 ? arena_printf(&r->arena, "%d", a->women) : "–",
					    a->men >= 0 ? arena_printf(&r->arena, "%d", a->men) : "–")
			     : "–",
		     agency_label(r, a->agency));
	}
	html(r, "</tbody></table></div><p class=\"hint\">★ %s</p>", _("part of the Action Month"));
}

static void commune_log(struct http_req *r, int unit, int year, int quarter, const struct typed *ty,
			const char *top, bool top_ok)
{
	const struct unit *u = &r->snap->tree.units[unit];
	struct activity_list l;
	struct db *db;
	bool can = false;
	size_t k;
	int q;

	for (k = 0; k < agency_kind_count && !can; k++)
		can = may_log(r, unit, (int)k);
	if (top)
		html(r, "<p class=\"%s\" role=\"%s\">%s</p>", top_ok ? "ok" : "error", top_ok ? "status" : "alert", top);
	if (can) {
		/* data-offline: kept on a phone with no line (offline.js) */
		html(r, "<form method=\"post\" action=\"/activities\" class=\"stack quick\" data-offline=\"/activities?unit=%s\">"
			"<h2>%s</h2>", u->code, _("Log an activity"));
		form_csrf(r);
		html(r, "<input type=\"hidden\" name=\"unit\" value=\"%s\">", u->code);
		agency_choice(r, unit, ty->agency ? agency_find(ty->agency) : r->who.agency);
		activity_fields(r, unit, NULL, ty);
		html(r, "<div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"/activities/import?unit=%s\">%s</a></div></form>",
		     _("Save"), u->code, _("Import a spreadsheet"));
	}
	quarters(r, unit, year);
	html(r, "<h2>%s</h2><p class=\"picker\">", _("Logged"));
	for (q = 0; q <= 4; q++) {
		const char *label = q ? arena_printf(&r->arena, _("quarter %d/%d"), q, year) : _("the whole year");

		if (q == quarter)
			html(r, "<strong>%s</strong> ", label);
		else
			html(r, "<a href=\"/activities?unit=%s&amp;year=%d&amp;quarter=%d\">%s</a> ", u->code, year, q, label);
	}
	html(r, "</p>");
	if (!http_db(r, &db) &&
	    activities_list(db, &r->snap->tree, unit, year, quarter, -1, &l, NULL) == GEMIS_OK) {
		log_table(r, unit, &l);
		activity_list_release(&l);
	}
}

/* A province: each commune's news items a quarter against its quota. */
static void area_log(struct http_req *r, int unit, int year)
{
	const struct tree *t = &r->snap->tree;
	struct db *db;
	int c, i;

	if (t->units[unit].level != LEVEL_PROVINCE || http_db(r, &db)) {
		html(r, "<ul class=\"cols\">");
		for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
			html(r, "<li><a href=\"/activities?unit=%s&amp;year=%d\">%s</a></li>", t->units[c].code, year,
			     t->units[c].short_name);
		html(r, "</ul>");
		return;
	}
	html(r, "<div class=\"scroll\"><table><thead><tr><th>%s</th>", _("Commune or ward"));
	for (i = 1; i <= 4; i++)
		html(r, "<th class=\"num\">%s</th>", arena_printf(&r->arena, _("quarter %d/%d"), i, year));
	html(r, "</tr></thead><tbody>");
	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling) {
		struct log_quarter q[4];
		struct quota_check qc;

		if (activity_log_compare(db, t, c, year, q, NULL))
			continue;
		judge_log(r, c, year, q, &qc);
		html(r, "<tr><td><a href=\"/activities?unit=%s&amp;year=%d\">%s</a></td>", t->units[c].code, year,
		     t->units[c].short_name);
		for (i = 0; i < 4; i++) {
			if (!q[i].kept)
				html(r, "<td class=\"num hint\">–</td>");
			else
				html(r, "<td class=\"num\"><span class=\"ts %s\">%u</span></td>",
				     qc.missed & 1u << i ? "ts-not_done" : "ts-done", q[i].news);
		}
		html(r, "</tr>");
	}
	html(r, "</tbody></table></div>");
}

static enum gemis_err render_log(struct http_req *r, int unit, const struct typed *ty, const char *top, bool top_ok)
{
	const struct snapshot *s = r->snap;
	int year = http_year_or_this(r);
	const char *qs = http_param(r, "quarter");
	long q = 0;

	if (qs)
		text_parse_long(qs, strlen(qs), &q);
	if (q < 0 || q > 4)
		q = 0;
	page_begin(r, _("Activities"), unit);
	html(r, "<div class=\"head\"><h1>%s <small>%s · %d</small></h1></div>", _("Activities"), s->tree.units[unit].name,
	     year);
	if (s->tree.units[unit].first_child >= 0)
		area_log(r, unit, year);
	else
		commune_log(r, unit, year, (int)q, ty, top, top_ok);
	page_end(r);
	return GEMIS_OK;
}

enum gemis_err page_activities(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	struct typed ty;
	enum gemis_err err;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	typed_from(r, &ty);
	return render_log(r, unit, &ty, http_param(r, "done") ? _("Saved.") : NULL, true);
}

/* Problems as one message for the top of the page. */
static const char *problems_text(struct http_req *r, const struct diags *d)
{
	struct buf b;
	size_t i;
	const char *out;

	buf_init(&b, 8192);
	for (i = 0; i < d->n; i++)
		buf_printf(&b, "%s%s: %s", i ? "; " : "", d->d[i].field, d->d[i].msg);
	out = arena_strdup(&r->arena, buf_str(&b));
	buf_release(&b);
	return out;
}

enum gemis_err page_activity_add(struct http_req *r)
{
	struct activity a;
	struct diags d;
	struct db *db;
	struct typed ty;
	enum gemis_err err;
	int unit;
	const char *ag = http_param_or(r, "agency", "");

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_param(r, "unit"), ACT_ENTER, agency_find(ag), &unit);
	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	diags_init(&d, 30);
	a.unit = unit;
	read_posted(r, &a, &d);
	/* drawn by the browser (offline.js): the same entry sent twice is one */
	snprintf(a.client_key, sizeof(a.client_key), "%s", http_param_or(r, "entry", ""));
	err = http_db(r, &db);
	if (!err && d.total == 0)
		err = activity_save(db, &r->snap->tree, &r->who, &a, web_today(r), r->now, &d, &r->err);
	else if (!err)
		err = http_fail(r, GEMIS_EINVAL, "%s", _("the activity was not saved"));
	if (!err) {
		http_data_changed(r);
		err = http_redirect(r, arena_printf(&r->arena, "/activities?unit=%s&year=%d&done=1",
						    r->snap->tree.units[unit].code, a.day.y));
	} else if (err == GEMIS_EINVAL || err == GEMIS_ECONFLICT) {
		typed_from(r, &ty);
		render_log(r, unit, &ty,
			   d.n ? arena_printf(&r->arena, "%s %s", r->err.msg, problems_text(r, &d)) : r->err.msg, false);
		err = http_keep_body(r, err);
	}
	diags_release(&d);
	return err;
}

/* --- one activity ---------------------------------------------------------------- */

/* What a change left (store/activities.c's JSON of the fields) in words:
 * the date, the kind and channel, the title, where and who took part. */
static void change_fields(struct http_req *r, const char *what)
{
	json_t *o = what ? json_loads(what, 0, NULL) : NULL;
	const char *day = json_string_value(json_object_get(o, "date"));
	const char *title = json_string_value(json_object_get(o, "title"));
	const char *place = json_string_value(json_object_get(o, "place"));
	const json_t *w = json_object_get(o, "women"), *m = json_object_get(o, "men");
	const char *ks = json_string_value(json_object_get(o, "kind")), *cs = json_string_value(json_object_get(o, "channel"));
	int kind = ks ? act_kind_parse(ks) : -1, chan = cs ? act_channel_parse(cs) : -1;
	struct date d;

	if (!o)
		return;
	if (day && date_parse_iso(day, strlen(day), &d))
		html(r, ": %s", day_text(r, d));
	if (kind >= 0)
		html(r, " · %s", act_kind_name((enum act_kind)kind));
	if (chan >= 0)
		html(r, " (%s)", act_channel_name((enum act_channel)chan));
	if (title)
		html(r, " · <q lang=\"vi\">%s</q>", title);
	if (place && *place)
		html(r, " · <span lang=\"vi\">%s</span>", place);
	if (json_is_integer(w) || json_is_integer(m))
		html(r, " · %s %s / %s", _("Women / men"),
		     json_is_integer(w) ? arena_printf(&r->arena, "%lld", (long long)json_integer_value(w)) : "–",
		     json_is_integer(m) ? arena_printf(&r->arena, "%lld", (long long)json_integer_value(m)) : "–");
	if (json_is_true(json_object_get(o, "action_month")))
		html(r, " · ★");
	json_decref(o);
}

static enum gemis_err change_row(void *ctx, const struct activity_change *c)
{
	struct http_req *r = ctx;
	const char *what = c->action;

	if (!strcmp(what, "create"))
		what = _("logged");
	else if (!strcmp(what, "update"))
		what = _("changed");
	else if (!strcmp(what, "delete"))
		what = _("removed");
	else if (!strcmp(what, "import"))
		what = _("imported");
	html(r, "<li>%s · %s · %s", fmt_time(r, c->at), c->by, what);
	change_fields(r, c->what);
	html(r, "</li>");
	return GEMIS_OK;
}

static enum gemis_err render_activity(struct http_req *r, int unit, const struct activity *a, const struct typed *ty,
				      const char *top)
{
	const struct unit *u = &r->snap->tree.units[unit];
	struct db *db;

	page_begin(r, arena_printf(&r->arena, "%s · %s", _("Activity"), day_text(r, a->day)), unit);
	html(r, "<nav class=\"crumbs\"><a href=\"/activities?unit=%s&amp;year=%d\">%s</a> › %s</nav>", u->code, a->day.y,
	     _("Activities"), u->name);
	html(r, "<h1 lang=\"vi\">%s</h1>", a->title);
	if (top)
		html(r, "<p class=\"error\" role=\"alert\">%s</p>", top);
	html(r, "<form method=\"post\" action=\"/activities/%s/%lld\" class=\"stack quick\" data-offline=\"/activities/%s/%lld\">",
	     u->code, a->id, u->code, a->id);
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", a->version);
	agency_choice(r, unit, a->agency);
	activity_fields(r, unit, ty && ty->title ? NULL : a, ty ? ty : &(struct typed){0});
	html(r, "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\">%s</button>"
		"<button type=\"submit\" name=\"action\" value=\"delete\" class=\"danger\">%s</button></div></form>",
	     _("Save"), _("Remove"));
	html(r, "<section><h2>%s</h2><ol class=\"history\">", _("History"));
	if (!http_db(r, &db))
		activity_history(db, &r->snap->tree, unit, a->id, change_row, r, NULL);
	html(r, "</ol></section>");
	page_end(r);
	return GEMIS_OK;
}

static enum gemis_err open_activity(struct http_req *r, int *unit, struct activity *a)
{
	const char *sid = http_arg(r, 1);
	struct db *db;
	long id = 0;
	enum gemis_err err;
	size_t k;
	bool any = false;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_arg(r, 0), ACT_READ, -1, unit);
	if (err)
		return err;
	/* an account that may log nothing here learns nothing of what is here */
	for (k = 0; k < agency_kind_count && !any; k++)
		any = may_log(r, *unit, (int)k);
	if (!any)
		return GEMIS_EPERM;
	if (!sid || !text_parse_long(sid, strlen(sid), &id) || id <= 0)
		return GEMIS_ENOTFOUND;
	err = http_db(r, &db);
	if (!err)
		err = activity_get(db, &r->snap->tree, *unit, id, a, &r->err);
	if (!err && !may_log(r, *unit, a->agency))
		err = GEMIS_EPERM; /* shown only to those who may change it */
	return err;
}

enum gemis_err page_activity(struct http_req *r)
{
	struct activity a;
	int unit;
	enum gemis_err err = open_activity(r, &unit, &a);

	if (err)
		return err;
	return render_activity(r, unit, &a, NULL, NULL);
}

enum gemis_err page_activity_post(struct http_req *r)
{
	struct activity a, cur;
	struct diags d;
	struct db *db;
	struct typed ty;
	const char *act = http_param_or(r, "action", "save"), *ver = http_param_or(r, "version", "0");
	long v = 0;
	int unit;
	enum gemis_err err = open_activity(r, &unit, &cur);

	if (err)
		return err;
	text_parse_long(ver, strlen(ver), &v);
	err = http_db(r, &db);
	if (err)
		return err;
	diags_init(&d, 30);
	if (strcmp(act, "delete") == 0) {
		err = activity_delete(db, &r->snap->tree, &r->who, unit, cur.id, v, r->now, &r->err);
	} else {
		memset(&a, 0, sizeof(a));
		a.id = cur.id;
		a.unit = unit;
		a.version = v;
		read_posted(r, &a, &d);
		if (d.total == 0)
			err = activity_save(db, &r->snap->tree, &r->who, &a, web_today(r), r->now, &d, &r->err);
		else
			err = http_fail(r, GEMIS_EINVAL, "%s", _("the activity was not saved"));
	}
	if (!err) {
		http_data_changed(r);
		err = http_redirect(r, arena_printf(&r->arena, "/activities?unit=%s&year=%d&done=1",
						    r->snap->tree.units[unit].code, cur.day.y));
	} else if (err == GEMIS_EINVAL || err == GEMIS_ECONFLICT) {
		typed_from(r, &ty);
		render_activity(r, unit, &cur, &ty,
				d.n ? arena_printf(&r->arena, "%s %s", r->err.msg, problems_text(r, &d)) : r->err.msg);
		err = http_keep_body(r, err);
	}
	diags_release(&d);
	return err;
}

/* --- import ------------------------------------------------------------------------- */

static void import_form(struct http_req *r, int unit)
{
	const struct unit *u = &r->snap->tree.units[unit];

	html(r, "<form method=\"post\" action=\"/activities/import\" enctype=\"multipart/form-data\" class=\"stack\">");
	form_csrf(r);
	html(r, "<input type=\"hidden\" name=\"unit\" value=\"%s\">", u->code);
	agency_choice(r, unit, r->who.agency);
	html(r, "<label>%s <input type=\"file\" name=\"file\" accept=\".csv,.xlsx,text/csv\" required></label>"
		"<label class=\"tick\"><input type=\"checkbox\" name=\"dry_run\" value=\"1\"> %s</label>"
		"<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	     _("A CSV file or a workbook"), _("Only check it, import nothing"), _("Import"));
	html(r, "<p class=\"hint\">%s</p><pre translate=\"no\">date,kind,channel,title,place,women,men,task,action_month\n"
		"05/07/2026,tin bài,loa truyền thanh,Tuyên truyền Luật Bình đẳng giới,Bản Nà Ún,,,,\n"
		"20/11/2026,tập huấn,trực tiếp,Tập huấn kỹ năng phòng chống bạo lực gia đình,Bản Phiêng Kham,23,12,,1</pre>",
	     _("The first row names the columns (in English or Vietnamese); the agency column may be left out, then the agency chosen above is the one of every row. Every row is checked: one problem anywhere imports nothing, and each is named by its line."));
}

enum gemis_err page_activity_import_form(struct http_req *r)
{
	const struct snapshot *s = http_snap(r);
	const char *code = http_param(r, "unit");
	enum gemis_err err;
	int unit;

	if (!s)
		return GEMIS_EDB;
	err = http_unit_or_own(r, code, ACT_READ, &unit);
	if (err)
		return err;
	page_begin(r, _("Import activities"), unit);
	html(r, "<h1>%s <small>%s</small></h1>", _("Import activities"), s->tree.units[unit].name);
	import_form(r, unit);
	page_end(r);
	return GEMIS_OK;
}

enum gemis_err page_activity_import(struct http_req *r)
{
	const struct http_file *f = http_file(r, "file");
	struct act_row *rows = NULL;
	struct activity *acts = NULL;
	long *lines = NULL;
	struct diags d;
	struct db *db;
	size_t n = 0, added = 0, i;
	bool dry = http_param(r, "dry_run") != NULL;
	int unit, agency = agency_find(http_param_or(r, "agency", ""));
	enum gemis_err err;

	if (!http_snap(r))
		return GEMIS_EDB;
	err = http_unit(r, http_param(r, "unit"), ACT_ENTER, agency, &unit);
	if (err)
		return err;
	if (!f)
		return http_fail(r, GEMIS_EINVAL, "%s", _("choose a file"));
	diags_init(&d, 200);
	err = http_db(r, &db);
	if (!err)
		err = activities_read(f->data, f->len, &rows, &n, &d, &r->err);
	if (!err)
		err = activities_from_rows(db, &r->snap->tree, unit, agency, rows, n, &acts, &lines, &d, &r->err);
	if (!err)
		err = activities_import(db, &r->snap->tree, &r->who, acts, lines, n, dry || d.total > 0, web_today(r),
					r->now, &d, &added, &r->err);
	if (!err && d.total > 0)
		err = http_fail(r, GEMIS_EINVAL,
				ngettext_("%zu problem in the file; nothing was imported",
					  "%zu problems in the file; nothing was imported", d.total),
				d.total);
	if (!err && !dry)
		http_data_changed(r);
	page_begin(r, _("Import activities"), unit);
	html(r, "<h1>%s <small>%s</small></h1>", _("Import activities"), r->snap->tree.units[unit].name);
	if (!err) {
		html(r, "<p class=\"ok\" role=\"status\">%s</p>",
		     arena_printf(&r->arena,
				  dry ? ngettext_("%zu activity checked: the file can be imported (dry run, nothing imported).",
						  "%zu activities checked: the file can be imported (dry run, nothing imported).", added)
				      : ngettext_("%zu activity imported.", "%zu activities imported.", added),
				  added));
		html(r, "<p><a href=\"/activities?unit=%s\">%s</a></p>", r->snap->tree.units[unit].code, _("Activities"));
	} else {
		html(r, "<p class=\"error\" role=\"alert\">%s %s</p>", f->filename ? f->filename : "",
		     r->err.msg[0] ? r->err.msg : _("the file was not imported"));
		if (d.n) {
			html(r, "<ul class=\"problems\">");
			for (i = 0; i < d.n; i++)
				html(r, "<li>%s %ld, %s: %s</li>", _("line"), d.d[i].line, d.d[i].field, d.d[i].msg);
			html(r, "</ul>");
		}
		import_form(r, unit);
	}
	page_end(r);
	free(rows);
	free(acts);
	free(lines);
	diags_release(&d);
	return err ? http_keep_body(r, err) : GEMIS_OK;
}
