/*
 * progress.c: collecting a unit's indicators for a year and rendering them.
 */
#include "progress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/quota.h"
#include "core/register.h"
#include "core/smallnum.h"
#include "core/suppress.h"
#include "util/i18n.h"
#include "util/text.h"

#include "util/banned.h"

void progress_subunit_counts(const struct snapshot *s, int unit, int ind, int year,
			     unsigned counts[ST_COUNT])
{
	int c;

	unsigned char *mask = NULL;

	memset(counts, 0, ST_COUNT * sizeof(counts[0]));
	/* a register indicator's hidden sub-units are left out: their status
	 * would tell whether a small count met the target */
	if (catalog[ind].source == SRC_REGISTER && register_mask(&s->eng, year, ind, &mask) != GEMIS_OK)
		return;
	for (c = s->tree.units[unit].first_child; c >= 0; c = s->tree.units[c].next_sibling) {
		struct assessment a;
		size_t base = (size_t)c * REG_CELLS;

		if (mask && (mask[base + REG_CELL(REG_NUM, SEX_T)] || mask[base + REG_CELL(REG_DEN, SEX_T)]))
			continue;
		engine_assess(&s->eng, year, c, ind, &a);
		counts[a.status]++;
	}
	free(mask);
}

/* Sub-units left out of the counts above. */
static unsigned subunits_hidden(const struct snapshot *s, int unit, const unsigned counts[ST_COUNT])
{
	unsigned n = 0, sum = 0;
	int c, st;

	for (c = s->tree.units[unit].first_child; c >= 0; c = s->tree.units[c].next_sibling)
		n++;
	for (st = 0; st < ST_COUNT; st++)
		sum += counts[st];
	return n - sum;
}

void progress_shown(const struct snapshot *s, int unit, int year, int ind, struct shown *out)
{
	unsigned char *mask = NULL;
	size_t base = (size_t)unit * REG_CELLS;

	memset(out, 0, sizeof(*out));
	out->value = out->f = out->m = true;
	if (catalog[ind].source != SRC_REGISTER)
		return;
	if (register_mask(&s->eng, year, ind, &mask) != GEMIS_OK) {
		/* no memory to decide: hide everything rather than risk it */
		out->num = out->den = SUPP_SECONDARY;
		out->value = out->f = out->m = false;
		out->suppressed = true;
		return;
	}
	out->num = mask[base + REG_CELL(REG_NUM, SEX_T)];
	out->den = mask[base + REG_CELL(REG_DEN, SEX_T)];
	out->value = !out->num && !out->den;
	out->f = !mask[base + REG_CELL(REG_NUM, SEX_F)] && !mask[base + REG_CELL(REG_DEN, SEX_F)];
	out->m = !mask[base + REG_CELL(REG_NUM, SEX_M)] && !mask[base + REG_CELL(REG_DEN, SEX_M)];
	out->suppressed = !out->value || !out->f || !out->m;
	free(mask);
}

void progress_masks_init(struct progress_masks *m, const struct snapshot *s, int year)
{
	memset(m, 0, sizeof(*m));
	m->s = s;
	m->year = year;
}

/* The mask of a register indicator, computed on first use; NULL when it
 * could not be (no memory), in which case everything is to be hidden. */
static const unsigned char *masks_of(struct progress_masks *m, int ind)
{
	int k;

	for (k = 0; k < REGISTER_INDICATORS && register_indicator(k) != ind; k++)
		;
	if (k == REGISTER_INDICATORS || m->failed[k])
		return NULL;
	if (!m->mask[k] && register_mask(&m->s->eng, m->year, ind, &m->mask[k]) != GEMIS_OK) {
		m->failed[k] = true;
		return NULL;
	}
	return m->mask[k];
}

bool progress_masks_hidden(struct progress_masks *m, int unit, int ind)
{
	size_t base = (size_t)unit * REG_CELLS;
	const unsigned char *mask;

	if (catalog[ind].source != SRC_REGISTER)
		return false;
	mask = masks_of(m, ind);
	return !mask || mask[base + REG_CELL(REG_NUM, SEX_T)] || mask[base + REG_CELL(REG_DEN, SEX_T)];
}

unsigned char progress_masks_cell(struct progress_masks *m, int unit, int ind, int part, int sex)
{
	const unsigned char *mask;

	if (catalog[ind].source != SRC_REGISTER)
		return SUPP_SHOWN;
	mask = masks_of(m, ind);
	if (!mask || (part != PART_NUM && part != PART_DEN) || sex < SEX_F || sex > SEX_T)
		return SUPP_SECONDARY;
	return mask[(size_t)unit * REG_CELLS + REG_CELL(part == PART_NUM ? REG_NUM : REG_DEN, sex)];
}

void progress_masks_release(struct progress_masks *m)
{
	int k;

	for (k = 0; k < REGISTER_INDICATORS; k++)
		free(m->mask[k]);
	memset(m, 0, sizeof(*m));
}

static enum gemis_err json_num(struct buf *b, double v)
{
	return isnan(v) ? buf_puts(b, "null") : buf_put_number(b, v);
}

/* Rounds a computed value for output: 10 significant decimals are more
 * than any indicator needs and hide binary noise (41.199999999 -> 41.2). */
static double tidy(double v)
{
	return isnan(v) ? v : round(v * 1e10) / 1e10;
}

static enum gemis_err json_str(struct buf *b, const char *s)
{
	enum gemis_err err = buf_putc(b, '"');

	if (!err)
		err = buf_json_escape(b, s, strlen(s));
	if (!err)
		err = buf_putc(b, '"');
	return err;
}

/* "quota": {"missed": ["Q2"], "not_reported": ["Q4"]} for a commune,
 * {"communes_met": 12, "communes_judged": 38} above communes. */
static enum gemis_err quota_json(struct buf *b, const struct assessment *a)
{
	const unsigned masks[2] = {a->quota_missed, a->quota_unknown};
	const char *const names[2] = {"missed", "not_reported"};
	int i, k;

	if (a->quota_judged)
		return buf_printf(b, ", \"quota\": {\"communes_met\": %u, \"communes_judged\": %u}",
				  a->quota_met, a->quota_judged);
	buf_puts(b, ", \"quota\": {");
	for (i = 0; i < 2; i++) {
		bool first = true;

		buf_printf(b, "%s\"%s\": [", i ? ", " : "", names[i]);
		for (k = 0; k < 4; k++) {
			if (masks[i] & (1u << k)) {
				buf_printf(b, "%s\"Q%d\"", first ? "" : ", ", k + 1);
				first = false;
			}
		}
		buf_puts(b, "]");
	}
	buf_puts(b, "}");
	return buf_error(b);
}

/* "small_numbers": {"judged": "pooled" | "too_few_events", "events": 25,
 * "needed": 20, "from": 2022, "to": 2026, "pooled_value": 12.41} */
static enum gemis_err smallnum_json(struct buf *b, const struct assessment *a, int ind)
{
	const struct smallnum_rule *r = smallnum_rule_of(ind);

	buf_printf(b, ", \"small_numbers\": {\"judged\": \"%s\", \"events\": ",
			 a->small == SMALL_POOLED ? "pooled" : "too_few_events");
	json_num(b, a->small_events);
	buf_puts(b, ", \"needed\": ");
	json_num(b, r ? r->min : NAN);
	buf_printf(b, ", \"from\": %d, \"to\": %d", a->small_from, a->latest_year);
	if (a->small == SMALL_POOLED) {
		buf_puts(b, ", \"pooled_value\": ");
		json_num(b, tidy(a->pooled_value));
	}
	buf_puts(b, "}");
	return buf_error(b);
}

/* An indicator's numerator, denominator, value and values by sex, each
 * shown only as far as the register's small-count rule allows (sh). */
static void values_json(struct buf *b, const struct snapshot *s, int unit, int year, int k, const struct shown *sh)
{
	const struct engine *e = &s->eng;
	const struct indicator *ind = &catalog[k];
	char cell[8];

	if (ind->kind == IND_RATIO) {
		buf_puts(b, ", \"numerator\": ");
		if (sh->num)
			json_str(b, supp_format(0, sh->num, cell, sizeof(cell)));
		else
			json_num(b, engine_part(e, year, unit, k, PART_NUM, SEX_T));
		buf_puts(b, ", \"denominator\": ");
		if (sh->den)
			json_str(b, supp_format(0, sh->den, cell, sizeof(cell)));
		else
			json_num(b, engine_part(e, year, unit, k, PART_DEN, SEX_T));
	} else {
		buf_puts(b, ", \"numerator\": null, \"denominator\": null");
	}
	buf_puts(b, ", \"value\": ");
	json_num(b, sh->value ? tidy(engine_value(e, year, unit, k, SEX_T)) : NAN);
	buf_puts(b, ", \"by_sex\": ");
	if (ind->by_sex) {
		buf_puts(b, "{\"F\": ");
		json_num(b, sh->f ? tidy(engine_value(e, year, unit, k, SEX_F)) : NAN);
		buf_puts(b, ", \"M\": ");
		json_num(b, sh->m ? tidy(engine_value(e, year, unit, k, SEX_M)) : NAN);
		buf_puts(b, "}");
	} else {
		buf_puts(b, "null");
	}
}

/* "target": {...} or null. */
static void target_json(struct buf *b, const struct snapshot *s, const struct target *t)
{
	buf_puts(b, ", \"target\": ");
	if (!t) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "{\"value\": ");
	json_num(b, t->has_value ? t->value : NAN);
	buf_printf(b, ", \"direction\": \"%s\", \"year\": %d, \"set_by\": ", direction_id(t->dir), t->year);
	json_str(b, t->origin >= 0 ? s->tree.units[t->origin].code : "VN");
	if (t->has_baseline) {
		buf_puts(b, ", \"baseline\": {\"value\": ");
		json_num(b, t->base_value);
		buf_printf(b, ", \"year\": %d}", t->base_year);
	}
	buf_puts(b, "}");
}

/* The status and what it rests on, unless a small count is hidden. */
static void status_json(struct buf *b, const struct assessment *a, const struct shown *sh, int k)
{
	if (sh->suppressed)
		buf_puts(b, ", \"suppressed\": true");
	if (!sh->value) {
		/* a status would tell whether a hidden small count met the target */
		buf_puts(b, ", \"status\": \"suppressed\"");
		return;
	}
	buf_printf(b, ", \"status\": \"%s\"", status_id(a->status));
	/* silent in the year asked: what the older data said, apart */
	if (a->status == ST_NOT_REPORTED)
		buf_printf(b, ", \"previous_status\": \"%s\"", status_id(a->prior));
	if (!isnan(a->ratio)) {
		buf_puts(b, ", \"progress_ratio\": ");
		json_num(b, round(a->ratio * 1000) / 1000);
	}
	if (a->latest_year)
		buf_printf(b, ", \"latest_year\": %d", a->latest_year);
	if (a->quota)
		quota_json(b, a);
	if (a->small != SMALL_NONE)
		smallnum_json(b, a, k);
}

/* Above communes: how many reported the indicator and the sub-units'
 * statuses. */
static void subunits_json(struct buf *b, const struct snapshot *s, int unit, int year, int k)
{
	unsigned counts[ST_COUNT];
	int st;

	buf_printf(b, ", \"reporting\": {\"units\": %u, \"of\": %d}", engine_reporting(&s->eng, year, unit, k),
		   s->tree.units[unit].nleaves);
	progress_subunit_counts(s, unit, k, year, counts);
	buf_puts(b, ", \"subunits\": {");
	for (st = ST_COUNT - 1; st >= 0; st--)
		buf_printf(b, "\"%s\": %u%s", status_id((enum status)st), counts[st], st ? ", " : "");
	if (catalog[k].source == SRC_REGISTER)
		buf_printf(b, ", \"suppressed\": %u", subunits_hidden(s, unit, counts));
	buf_puts(b, "}");
}

enum gemis_err progress_json(const struct snapshot *s, int unit, int year, struct buf *b)
{
	const struct engine *e = &s->eng;
	const struct unit *u = &s->tree.units[unit];
	bool parent = u->first_child >= 0;
	int done = 0, all = 0;
	bool first = true;
	size_t k;

	buf_puts(b, "{\"unit\": ");
	json_str(b, u->code);
	buf_puts(b, ", \"name\": ");
	json_str(b, u->short_name);
	engine_count_reported(e, year, unit, &done, &all);
	buf_printf(b, ", \"level\": \"%s\", \"year\": %d, \"demo\": %s,"
		   " \"reported\": {\"units\": %d, \"of\": %d}, \"indicators\": [",
		   level_id(u->level), year, s->ds.demo ? "true" : "false", done, all);
	for (k = 0; k < catalog_n() && !buf_error(b); k++) {
		const struct indicator *ind = &catalog[k];
		const struct target *t = engine_target(e, unit, (int)k, year);
		struct assessment a;
		struct shown sh;

		/* a province's own indicator rolls up in the engine but is
		 * listed in that province only */
		if (!indicator_in_scope(&s->tree, ind, unit))
			continue;
		engine_assess(e, year, unit, (int)k, &a);
		progress_shown(s, unit, year, (int)k, &sh);
		buf_puts(b, first ? "\n  " : ",\n  ");
		first = false;
		buf_printf(b, "{\"indicator\": \"%s\", \"goal\": \"%s\", \"measure\": ", ind->id,
			   goal_id(ind->goal));
		json_str(b, ind->unit);
		values_json(b, s, unit, year, (int)k, &sh);
		target_json(b, s, t);
		status_json(b, &a, &sh, (int)k);
		if (parent)
			subunits_json(b, s, unit, year, (int)k);
		buf_puts(b, "}");
	}
	buf_puts(b, "\n]}\n");
	return buf_error(b);
}

void format_number(char *out, size_t n, double v, int decimals)
{
	char tmp[64], *dot;
	size_t len, i, intlen, o = 0;
	bool vi = i18n_lang() == LANG_VI, neg;

	if (isnan(v)) {
		snprintf(out, n, "–");
		return;
	}
	neg = v < 0;
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, fabs(v));
	dot = strchr(tmp, '.');
	if (dot) {
		len = strlen(tmp);
		while (len > 0 && tmp[len - 1] == '0')
			tmp[--len] = '\0';
		if (tmp[len - 1] == '.')
			tmp[--len] = '\0';
	}
	dot = strchr(tmp, '.');
	intlen = dot ? (size_t)(dot - tmp) : strlen(tmp);
	if (neg && o + 1 < n)
		out[o++] = '-';
	for (i = 0; tmp[i] && o + 1 < n; i++) {
		if (i < intlen && i > 0 && (intlen - i) % 3 == 0 && o + 1 < n)
			out[o++] = vi ? '.' : ',';
		if (tmp[i] == '.')
			out[o++] = vi ? ',' : '.';
		else
			out[o++] = tmp[i];
	}
	out[o] = '\0';
}

const char *measure_name(const char *m)
{
	if (strcmp(m, "%") == 0)
		return "%";
	if (strcmp(m, "ratio") == 0)
		return _("times");
	if (strcmp(m, "boys_per_100_girls") == 0)
		return _("boys/100 girls");
	if (strcmp(m, "per_100k_live_births") == 0)
		return _("/100,000 live births");
	if (strcmp(m, "per_1000_women") == 0)
		return _("/1,000 women");
	if (strcmp(m, "items_per_quarter") == 0)
		return _("items/quarter");
	return m;
}

/* A sparkline of the unit's yearly values up to `year` (at most `max`
 * years, oldest first), scaled between the smallest and largest; a space
 * for a year without data. */
static void trend_text(const struct snapshot *s, int unit, int ind, int year, int max, char *out,
		       size_t n)
{
	const struct engine *e = &s->eng;
	static const char *const bars[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	double v[16], lo = INFINITY, hi = -INFINITY;
	int first = year - max + 1, y, k = 0;
	size_t o = 0;

	if (first < e->year_min)
		first = e->year_min;
	for (y = first; y <= year && k < 16; y++, k++) {
		v[k] = engine_value(e, y, unit, ind, SEX_T);
		if (catalog[ind].source == SRC_REGISTER && !isnan(v[k])) {
			struct shown sh;

			/* a hidden year's value stays hidden in the sparkline too */
			progress_shown(s, unit, y, ind, &sh);
			if (!sh.value)
				v[k] = NAN;
		}
		if (!isnan(v[k])) {
			lo = v[k] < lo ? v[k] : lo;
			hi = v[k] > hi ? v[k] : hi;
		}
	}
	out[0] = '\0';
	if (lo > hi)
		return;
	for (y = 0; y < k; y++) {
		const char *c = " ";

		if (!isnan(v[y]))
			c = bars[hi > lo ? (int)((v[y] - lo) / (hi - lo) * 7 + 0.5) : 3];
		o += (size_t)snprintf(out + o, n > o ? n - o : 0, "%s", c);
	}
}

static const char *status_color(enum status s)
{
	switch (s) {
	case ST_ACHIEVED: return "\033[1;32m";
	case ST_ON_TRACK: return "\033[36m";
	case ST_AT_RISK: return "\033[33m";
	case ST_OFF_TRACK: return "\033[1;31m";
	default: return "\033[2m";
	}
}

void progress_target_text(const struct target *t, const char *measure, char *out, size_t n)
{
	char num[32];
	const char *m = measure_name(measure);

	if (!t) {
		snprintf(out, n, "–");
		return;
	}
	if (!t->has_value) {
		snprintf(out, n, "%s (%d)", _("achieve"), t->year);
		return;
	}
	format_number(num, sizeof(num), t->value, 2);
	snprintf(out, n, "%s %s%s%s (%d)", t->dir == DIR_AT_MOST ? "≤" : "≥", num,
		 strcmp(m, "%") == 0 ? "" : " ", m, t->year);
}

/* The columns of progress_text, in display cells. */
enum { W_NAME = 46, W_VAL = 10, W_TREND = 7, W_SEX = 13, W_TGT = 28, W_ST = 20 };

/* Drops the trailing spaces of the line being written. */
static void trim_line(struct buf *b)
{
	while (b->len && b->p[b->len - 1] == ' ')
		buf_truncate(b, b->len - 1);
}

/* A goal's title and the heads of its columns. */
static void goal_head(struct buf *b, int g, bool color, bool parent)
{
	buf_printf(b, "\n%s%s%s\n", color ? "\033[1m" : "", goal_name((enum goal)g, i18n_lang()),
		   color ? "\033[0m" : "");
	buf_puts(b, "  ");
	text_cell(b, _("Indicator"), W_NAME, false);
	text_cell(b, _("Value"), W_VAL, true);
	buf_puts(b, "  ");
	text_cell(b, _("Trend"), W_TREND, false);
	text_cell(b, _("Women / men"), W_SEX, false);
	text_cell(b, _("Target"), W_TGT, false);
	text_cell(b, _("Status"), W_ST, false);
	if (parent)
		buf_puts(b, _("Sub-units"));
	trim_line(b);
	buf_putc(b, '\n');
}

/* "3 achieved · 2 at risk · 1 hidden": the sub-units by status. */
static void subunits_text(struct buf *b, const struct snapshot *s, int unit, int year, int k)
{
	unsigned counts[ST_COUNT];
	int st;
	bool first = true;

	progress_subunit_counts(s, unit, k, year, counts);
	for (st = ST_COUNT - 1; st >= 0; st--) {
		if (!counts[st] || st == ST_NO_TARGET)
			continue;
		buf_printf(b, "%s%u %s", first ? "" : " · ", counts[st], status_name((enum status)st));
		first = false;
	}
	if (catalog[k].source == SRC_REGISTER && subunits_hidden(s, unit, counts))
		buf_printf(b, "%s%u %s", first ? "" : " · ", subunits_hidden(s, unit, counts), _("hidden"));
}

/* One indicator's line (and the note of a quota or rare events under
 * it); true when a figure was hidden for the register's sake. */
static bool indicator_text(struct buf *b, const struct snapshot *s, int unit, int year, int k, bool color,
			   bool parent)
{
	const struct engine *e = &s->eng;
	const struct indicator *ind = &catalog[k];
	struct assessment a;
	struct shown sh;
	char val[48], sex[64], tgt[64], f[24], m[24], trend[64];
	double v;

	engine_assess(e, year, unit, k, &a);
	progress_shown(s, unit, year, k, &sh);
	v = engine_value(e, year, unit, k, SEX_T);
	format_number(val, sizeof(val), v, 2);
	if (!isnan(v) && strcmp(ind->unit, "%") == 0)
		snprintf(val + strlen(val), sizeof(val) - strlen(val), "%%");
	if (!sh.value)
		snprintf(val, sizeof(val), "x");
	if (ind->by_sex) {
		format_number(f, sizeof(f), engine_value(e, year, unit, k, SEX_F), 1);
		format_number(m, sizeof(m), engine_value(e, year, unit, k, SEX_M), 1);
		if (!sh.f)
			snprintf(f, sizeof(f), "x");
		if (!sh.m)
			snprintf(m, sizeof(m), "x");
		snprintf(sex, sizeof(sex), "%s / %s", f, m);
	} else {
		snprintf(sex, sizeof(sex), " ");
	}
	progress_target_text(engine_target(e, unit, k, year), ind->unit, tgt, sizeof(tgt));
	buf_puts(b, "  ");
	text_cell(b, indicator_name(ind, i18n_lang()), W_NAME, false);
	text_cell(b, val, W_VAL, true);
	buf_puts(b, "  ");
	trend_text(s, unit, k, year, 5, trend, sizeof(trend));
	text_cell(b, trend, W_TREND, false);
	text_cell(b, sex, W_SEX, false);
	text_cell(b, tgt, W_TGT, false);
	if (color && sh.value)
		buf_puts(b, status_color(a.status));
	text_cell(b, sh.value ? status_name(a.status) : _("hidden (few cases)"), W_ST, false);
	if (color)
		buf_puts(b, "\033[0m");
	if (parent)
		subunits_text(b, s, unit, year, k);
	trim_line(b);
	buf_putc(b, '\n');
	if (sh.value && (a.quota || a.small != SMALL_NONE)) {
		char note[256];

		if (a.quota)
			quota_note(&a, note, sizeof(note));
		else
			smallnum_note(&a, k, note, sizeof(note));
		buf_printf(b, "    %s\n", note);
	}
	return sh.suppressed;
}

enum gemis_err progress_text(const struct snapshot *s, int unit, int year, bool color,
			     struct buf *b)
{
	const struct unit *u = &s->tree.units[unit];
	bool parent = u->first_child >= 0;
	bool register_hidden = false;
	int g;
	size_t k;

	buf_printf(b, _("Progress of %s (%s) in %d"), u->name, u->code, year);
	buf_putc(b, '\n');
	if (s->ds.demo) {
		buf_puts(b, _("DEMO DATA: these numbers are invented for trying gemis out."));
		buf_putc(b, '\n');
	}
	for (g = 0; g < GOAL_COUNT && !buf_error(b); g++) {
		goal_head(b, g, color, parent);
		for (k = 0; k < catalog_n(); k++) {
			if (catalog[k].goal == (enum goal)g && indicator_in_scope(&s->tree, &catalog[k], unit))
				register_hidden |= indicator_text(b, s, unit, year, (int)k, color, parent);
		}
	}
	if (register_hidden)
		buf_printf(b, "\n%s\n",
			   _("x: hidden to protect the people in the case register (fewer than 5 cases, or a figure from which such a count could be worked out)."));
	return buf_error(b);
}
