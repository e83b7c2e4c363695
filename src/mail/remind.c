/*
 * remind.c: the reminders of one day (see remind.h).
 */
#include <sodium.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"
#include "formats/mail.h"
#include "remind.h"
#include "report/duelist.h"
#include "store/mail_log.h"
#include "store/plans.h"
#include "util/alloc.h"
#include "util/i18n.h"

#include "util/banned.h"

/* What one commune owes this year. */
struct owed {
	struct due_list cur;
	int year;
};

static const char *agency_label(const char *id)
{
	int k = agency_find(id);

	if (k < 0)
		return id;
	return i18n_lang() == LANG_EN ? agency_kinds[k].name_en : agency_kinds[k].name_vi;
}

/* Whether the item is one a reminder goes out for today: due in one of
 * the days_before, or late since 1, 1 + late_every, 1 + 2 late_every...
 * days. */
static bool remind_today(const struct mail_config *c, const struct due_item *it, struct date today)
{
	long long d;

	if (!it->has_due || it->alert == TA_NONE)
		return false;
	if (it->alert == TA_DUE_SOON)
		return mail_config_remind_day(c, date_diff(today, it->due));
	d = date_diff(it->due, today);
	return d == 1 || (c->late_every > 0 && d > 1 && (d - 1) % c->late_every == 0);
}

/* Whether item i of list l belongs in a mail: it is late or due soon, of
 * agency when one is named ("" names the commune's own items, its answers
 * to ad hoc requests). */
static bool listed(const struct due_list *l, size_t i, const char *agency)
{
	const struct due_item *it = &l->v[i];

	return it->alert != TA_NONE && (!agency || strcmp(it->agency ? it->agency : "", agency) == 0);
}

static void put_item(struct buf *b, const struct mail_config *c, const struct tree *t, int unit, int year,
		     const struct due_item *it, struct date today)
{
	char ds[DATE_TEXT_LEN];
	long long d = it->alert == TA_OVERDUE ? date_diff(it->due, today) : date_diff(today, it->due);

	date_format_dmy(it->due, ds);
	if (it->kind == DUE_FORM)
		buf_printf(b, "- %s %d", _("Report of"), year);
	else if (it->kind == DUE_ADHOC)
		buf_printf(b, "- %s: %s", _("Ad hoc request"), it->title);
	else if (it->kind == DUE_CHAIN_REPORT && t->units[it->to].level == LEVEL_NATION)
		buf_printf(b, "- %s", _("Yearly report to the ministry"));
	else if (it->kind == DUE_CHAIN_REPORT) {
		buf_puts(b, "- ");
		buf_printf(b, _("Yearly report to %s"), t->units[it->to].name);
	}
	else if (it->kind == DUE_RECOMMENDATION)
		buf_printf(b, "- %s: %s", _("Inspection's recommendation"), it->rec->text);
	else if (it->kind == DUE_COMPLAINT) /* the code, never the person */
		buf_printf(b, "- %s %s", cmp_kind_label(it->cmp->kind), it->cmp->code);
	else {
		struct arena a;

		arena_init(&a, 0);
		buf_printf(b, "- %s %s %s", _("Task"), task_label(&a, it->task), it->task->title);
		arena_release(&a);
	}
	buf_printf(b, ": %s %s, ", _("due"), ds);
	if (it->alert == TA_OVERDUE)
		buf_printf(b, ngettext_("%lld day late", "%lld days late", (unsigned long)d), d);
	else if (d == 0)
		buf_puts(b, _("due today"));
	else
		buf_printf(b, ngettext_("in %lld day", "in %lld days", (unsigned long)d), d);
	if (it->kind == DUE_TASK)
		buf_printf(b, " (%s)", task_status_name(it->status));
	buf_puts(b, "\n");
	if (c->site_url[0]) {
		if (it->kind == DUE_FORM)
			buf_printf(b, "  %s/entry/%s/%s/%d\n", c->site_url, t->units[unit].code, it->agency, year);
		else if (it->kind == DUE_ADHOC)
			buf_printf(b, "  %s/adhoc/%s/%lld\n", c->site_url, t->units[unit].code, it->request);
		else if (it->kind == DUE_CHAIN_REPORT)
			buf_printf(b, "  %s/chain/%s/%d/report\n", c->site_url, t->units[unit].code, year);
		else if (it->kind == DUE_RECOMMENDATION)
			buf_printf(b, "  %s/inspections/%s/%lld\n", c->site_url, t->units[unit].code,
				   it->rec->inspection_id);
		else if (it->kind == DUE_COMPLAINT)
			buf_printf(b, "  %s/complaints/%s/%s\n", c->site_url, t->units[unit].code, it->cmp->code);
		else
			buf_printf(b, "  %s/tasks/%s/%s?year=%d&agency=%s\n", c->site_url, t->units[unit].code,
				   it->task->uid, year, it->agency);
	}
}

/* The items of one agency (or of all when agency is NULL), late first. */
static void put_items(struct buf *b, const struct mail_config *c, const struct tree *t, int unit,
		      const struct owed *o, const char *agency, struct date today, unsigned *late, unsigned *soon)
{
	int pass;
	size_t i;

	for (pass = 0; pass < 2; pass++) {
		enum task_alert want = pass == 0 ? TA_OVERDUE : TA_DUE_SOON;
		bool head = false;

		for (i = 0; i < o->cur.n; i++) {
			if (!listed(&o->cur, i, agency) || o->cur.v[i].alert != want)
				continue;
			if (!head)
				buf_printf(b, "\n%s\n", want == TA_OVERDUE ? _("Late:") : _("Due soon:"));
			head = true;
			put_item(b, c, t, unit, o->year, &o->cur.v[i], today);
			if (want == TA_OVERDUE)
				(*late)++;
			else
				(*soon)++;
		}
	}
}

static void put_footer(struct buf *b, const char *name)
{
	buf_puts(b, "\n-- \n");
	buf_printf(b, _("gemis, the gender equality monitoring system, sent this message to the account %s "
			"because the plan gives its agency this work. Ask your focal point to change the address "
			"or to stop these reminders."),
		   name);
	buf_puts(b, "\n");
}

struct mailing {
	struct db *db;
	const struct tree *t;
	const struct remind_opts *o;
	struct remind_stats *st;
	const struct owed *owed;
	int unit;
	const char *agency;    /* NULL: the digest */
	char day[DATE_TEXT_LEN];
	struct errctx *e;
	enum gemis_err fatal;  /* a database or memory error */
};

static enum gemis_err compose(const struct mailing *m, const struct mail_recipient *r, struct buf *msg,
			      unsigned *items)
{
	const struct mail_config *c = m->o->cfg;
	const struct unit *u = &m->t->units[m->unit];
	struct buf body, subject;
	unsigned late = 0, soon = 0;
	char id[96], rnd[17], ds[DATE_TEXT_LEN];
	unsigned char raw[8];
	const char *to[1] = {r->email};
	struct mail_msg mm;
	enum gemis_err err;
	size_t k;

	buf_init(&body, 1 << 20);
	buf_init(&subject, 1024);
	if (m->agency) {
		buf_printf(&body, _("To %s, %s:"), agency_label(m->agency), u->name);
		buf_printf(&body, "\n\n%s\n",
			   _("Under the plan in force, your agency has work that is late or falls due soon:"));
		put_items(&body, c, m->t, m->unit, m->owed, m->agency, m->o->today, &late, &soon);
		buf_printf(&subject, _("[gemis] %s, %s: %u late, %u due soon"), agency_label(m->agency), u->short_name,
			   late, soon);
	} else {
		date_format_dmy(m->o->today, ds);
		buf_printf(&body, _("Daily digest for %s, %s."), u->name, ds);
		buf_printf(&body, "\n\n%s\n", _("Work of the commune's agencies that is late or falls due soon:"));
		for (k = 0; k < agency_kind_count; k++) {
			size_t before = body.len;
			unsigned l0 = late, s0 = soon;

			buf_printf(&body, "\n== %s ==\n", agency_label(agency_kinds[k].id));
			put_items(&body, c, m->t, m->unit, m->owed, agency_kinds[k].id, m->o->today, &late, &soon);
			if (late == l0 && soon == s0)
				buf_truncate(&body, before);
		}
		{
			size_t before = body.len;
			unsigned l0 = late, s0 = soon;

			buf_printf(&body, "\n== %s ==\n", _("The commune's own reports"));
			put_items(&body, c, m->t, m->unit, m->owed, "", m->o->today, &late, &soon);
			if (late == l0 && soon == s0)
				buf_truncate(&body, before);
		}
		buf_printf(&subject, _("[gemis] %s: daily digest, %u late, %u due soon"), u->short_name, late, soon);
	}
	put_footer(&body, r->name);
	*items = late + soon;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(rnd, sizeof(rnd), raw, sizeof(raw));
	snprintf(id, sizeof(id), "<%s.%s@%s>", m->day, rnd, strchr(c->from, '@') + 1);
	mm = (struct mail_msg){c->from, to, 1, buf_str(&subject), buf_str(&body), m->o->now, id};
	err = buf_error(&body) ? buf_error(&body) : buf_error(&subject);
	if (!err && *items)
		err = mail_compose(&mm, msg);
	buf_release(&body);
	buf_release(&subject);
	return err;
}

/* One recipient: unless one went today, compose, hand over, record. */
static enum gemis_err to_one(void *ctx, const struct mail_recipient *r)
{
	struct mailing *m = ctx;
	enum mail_kind kind = m->agency ? MAIL_REMIND : MAIL_DIGEST;
	struct buf msg;
	unsigned items = 0;
	bool sent = false;
	enum gemis_err err;

	err = mail_log_sent(m->db, m->day, r->user_id, kind, &sent, m->e);
	if (err)
		return m->fatal = err;
	if (sent) {
		m->st->already++;
		return GEMIS_OK;
	}
	if (!mail_address_ok(r->email))
		return GEMIS_OK; /* stored before it was checked: never sent to */
	buf_init(&msg, 2 << 20);
	err = compose(m, r, &msg, &items);
	if (err) {
		buf_release(&msg);
		return m->fatal = err_set(m->e, err, "%s", err_name(err));
	}
	if (items == 0) {
		buf_release(&msg);
		return GEMIS_OK;
	}
	{
		struct errctx se = {0};

		err = m->o->send(m->o->send_ctx, r->name, r->email, &msg, &se);
		buf_release(&msg);
		if (err) {
			if (!m->st->failed)
				*m->e = se;
			m->st->failed++;
			return GEMIS_OK;
		}
	}
	if (kind == MAIL_REMIND)
		m->st->reminders++;
	else
		m->st->digests++;
	if (!m->o->dry_run && (err = mail_log_add(m->db, m->day, r->user_id, kind, m->o->now, (int)items, m->e)))
		return m->fatal = err;
	return GEMIS_OK;
}

/* The commune's mails: each agency with something to remind of today,
 * then the digest. */
static enum gemis_err mail_unit(struct db *db, const struct tree *t, const struct remind_opts *o, int unit,
				const struct owed *ow, struct remind_stats *st, struct errctx *e)
{
	struct mailing m = {db, t, o, st, ow, unit, NULL, "", e, GEMIS_OK};
	size_t k, i;
	bool any = false;

	date_format_iso(o->today, m.day);
	for (k = 0; k < agency_kind_count && !m.fatal; k++) {
		const char *id = agency_kinds[k].id;
		bool due = false;

		for (i = 0; i < ow->cur.n && !due; i++)
			due = listed(&ow->cur, i, id) && remind_today(o->cfg, &ow->cur.v[i], o->today);
		if (!due)
			continue;
		any = true;
		m.agency = id;
		if (mail_recipients(db, t, unit, ROLE_REPORTER, id, to_one, &m, e) && !m.fatal)
			m.fatal = GEMIS_EDB;
	}
	for (i = 0; i < ow->cur.n && !any; i++)
		any = listed(&ow->cur, i, NULL);
	if (!m.fatal && o->cfg->digest && any) {
		m.agency = NULL;
		if (mail_recipients(db, t, unit, ROLE_FOCAL, NULL, to_one, &m, e) && !m.fatal)
			m.fatal = GEMIS_EDB;
	}
	return m.fatal;
}

static void leaves_of(const struct tree *t, int u, int *out, size_t *n)
{
	int c;

	if (t->units[u].first_child < 0) {
		out[(*n)++] = u;
		return;
	}
	for (c = t->units[u].first_child; c >= 0; c = t->units[c].next_sibling)
		leaves_of(t, c, out, n);
}

enum gemis_err remind_run(struct db *db, const struct tree *t, const struct remind_opts *o,
			  struct remind_stats *st, struct errctx *e)
{
	size_t n = 0, i;
	int *leaves = gemis_calloc((size_t)t->units[o->scope].nleaves + 1, sizeof(int));
	enum gemis_err err = GEMIS_OK;

	memset(st, 0, sizeof(*st));
	if (!leaves)
		return err_set(e, GEMIS_ENOMEM, "%s", err_name(GEMIS_ENOMEM));
	leaves_of(t, o->scope, leaves, &n);
	for (i = 0; i < n && !err; i++) {
		long long plan = 0;
		struct owed ow;

		if (o->progress)
			o->progress(o->progress_ctx, i, n);
		err = plan_in_force_id(db, t, leaves[i], &plan, e);
		if (err || !plan)
			continue;
		st->units++;
		memset(&ow, 0, sizeof(ow));
		ow.year = o->today.y;
		err = due_list_load(db, t, leaves[i], ow.year, o->today, o->now, o->cfg->days_before[0], NULL, &ow.cur,
				    e);
		if (!err)
			err = mail_unit(db, t, o, leaves[i], &ow, st, e);
		due_list_release(&ow.cur);
	}
	if (o->progress)
		o->progress(o->progress_ctx, n, n);
	free(leaves);
	return err;
}
