/*
 * plans.c: checking and storing plans, loading their targets.
 */
#include "plans.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "util/i18n.h"
#include "util/text.h"
#include "store.h"
#include "store_int.h"
#include "breakdowns.h"
#include "local_indicators.h"
#include "tasks.h"
#include "values.h"

#include "util/banned.h"

static const char *str_or_null(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool int_field(const json_t *o, const char *key, long long *out)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		return false;
	*out = json_integer_value(v);
	return true;
}

static void check_string_or_null(const json_t *o, const char *key, const char *path,
				 struct diags *d)
{
	const json_t *v = json_object_get(o, key);

	if (v && !json_is_null(v) && !json_is_string(v))
		diags_add(d, 0, path, _("must be a string or null"));
}

/* A numeric custom target becomes a local indicator named by its sentence
 * (store/local_indicators.h): it needs the sentence, a goal, and a unit
 * short enough for a column. */
static void check_custom(const json_t *t, size_t i, struct diags *d)
{
	const char *text = str_or_null(t, "text"), *unit = str_or_null(t, "unit");
	const json_t *u = json_object_get(t, "unit");
	char path[64];

	if (!text || !text[strspn(text, " \t\r\n")]) {
		snprintf(path, sizeof(path), "targets[%zu].text", i);
		diags_add(d, 0, path, _("a target outside the catalog needs its sentence: it names the local indicator"));
	}
	if (goal_parse(str_or_null(t, "goal")) < 0) {
		snprintf(path, sizeof(path), "targets[%zu].goal", i);
		diags_add(d, 0, path, _("unknown goal '%s'"), str_or_null(t, "goal") ? str_or_null(t, "goal") : "");
	}
	if ((u && !json_is_null(u) && !unit) || (unit && (strlen(unit) > 64 || !text_valid_utf8(unit, strlen(unit))))) {
		snprintf(path, sizeof(path), "targets[%zu].unit", i);
		diags_add(d, 0, path, _("must be a word of at most 64 bytes"));
	}
}

/* A target on a category of a breakdown names both, as codes; which ones
 * exist is the database's (breakdowns_resolve_plan()). */
static void check_category(const json_t *t, size_t i, struct diags *d)
{
	const json_t *b = json_object_get(t, "breakdown"), *c = json_object_get(t, "category");
	char path[64];

	if (!b && !c)
		return;
	snprintf(path, sizeof(path), "targets[%zu].%s", i, b ? "category" : "breakdown");
	if (!b || !c)
		diags_add(d, 0, path, _("a target on a category names both its breakdown and the category"));
	else if (!catalog_code_ok(json_string_value(b)) || !catalog_code_ok(json_string_value(c)))
		diags_add(d, 0, path, _("must be a code: a-z, 0-9 and '_', starting with a letter"));
}

/* Whether two targets are on the same group of people: both on the whole
 * indicator, or both on one category of one breakdown. */
static bool same_group(const json_t *a, const json_t *b)
{
	const char *ba = str_or_null(a, "breakdown"), *bb = str_or_null(b, "breakdown");
	const char *ca = str_or_null(a, "category"), *cb = str_or_null(b, "category");

	return (ba == bb || (ba && bb && strcmp(ba, bb) == 0)) && (ca == cb || (ca && cb && strcmp(ca, cb) == 0));
}

static void check_targets(const json_t *targets, int from, struct diags *d)
{
	size_t i, j;
	const json_t *t;

	if (!json_is_array(targets)) {
		if (targets)
			diags_add(d, 0, "targets", _("must be an array"));
		return;
	}
	json_array_foreach(targets, i, t) {
		char path[64];
		const char *ind = str_or_null(t, "indicator"), *dir = str_or_null(t, "direction");
		const json_t *val = json_object_get(t, "value"), *base = json_object_get(t, "baseline");
		long long year;
		int di;

		snprintf(path, sizeof(path), "targets[%zu]", i);
		if (!json_is_object(t)) {
			diags_add(d, 0, path, _("must be an object"));
			continue;
		}
		if (!ind || (strcmp(ind, "custom") != 0 && catalog_find(ind) < 0)) {
			snprintf(path, sizeof(path), "targets[%zu].indicator", i);
			diags_add(d, 0, path, _("unknown indicator '%s'"), ind ? ind : "");
		}
		di = direction_parse(dir);
		if (di < 0) {
			snprintf(path, sizeof(path), "targets[%zu].direction", i);
			diags_add(d, 0, path, _("unknown direction '%s' (at_least, at_most or achieve)"),
				  dir ? dir : "");
		}
		if (val && !json_is_null(val) && !json_is_number(val)) {
			snprintf(path, sizeof(path), "targets[%zu].value", i);
			diags_add(d, 0, path, _("must be a number or null"));
		} else if ((!val || json_is_null(val)) && di >= 0 && di != DIR_ACHIEVE) {
			snprintf(path, sizeof(path), "targets[%zu].value", i);
			diags_add(d, 0, path, _("a target with direction %s needs a value"), dir);
		} else if ((!val || json_is_null(val)) && di == DIR_ACHIEVE && ind && catalog_find(ind) >= 0 &&
			   !catalog[catalog_find(ind)].end_state) {
			/* "achieve" can be judged only where the end is all of them
			 * (the curriculum, a monthly programme); on the others it
			 * would replace the inherited target with one nobody can
			 * judge */
			snprintf(path, sizeof(path), "targets[%zu].value", i);
			diags_add(d, 0, path,
				  _("%s needs a value: a target without one can be judged only on an indicator whose end is "
				    "'all' (done, maintained); leave it out to keep the target in force"),
				  indicator_name(&catalog[catalog_find(ind)], i18n_lang()));
		} else if (json_is_number(val) && json_number_value(val) < 0) {
			snprintf(path, sizeof(path), "targets[%zu].value", i);
			diags_add(d, 0, path, _("must not be negative"));
		}
		/* a plan may restate a commitment already due ("từ năm 2025 trở đi"),
		 * so a target year may come before the plan's period */
		if (!int_field(t, "year", &year) || year < from - 10 || year > PERIOD_MAX_YEAR) {
			snprintf(path, sizeof(path), "targets[%zu].year", i);
			diags_add(d, 0, path, _("must be a year between %d and %d"), from - 10,
				  PERIOD_MAX_YEAR);
		}
		if (ind && strcmp(ind, "custom") == 0 && json_is_number(val))
			check_custom(t, i, d);
		check_category(t, i, d);
		if (base && !json_is_null(base)) {
			const json_t *bv = json_object_get(base, "value"), *by = json_object_get(base, "year");

			snprintf(path, sizeof(path), "targets[%zu].baseline", i);
			if (!json_is_object(base) || !json_is_number(bv) ||
			    (by && !json_is_null(by) && !json_is_integer(by)))
				diags_add(d, 0, path, _("must be {\"value\": number, \"year\": year or null}"));
		}
	}
	/* contradictions: one indicator, one year, two different commitments */
	json_array_foreach(targets, i, t) {
		const char *ind = str_or_null(t, "indicator");

		if (!ind || strcmp(ind, "custom") == 0)
			continue;
		for (j = i + 1; j < json_array_size(targets); j++) {
			const json_t *u = json_array_get(targets, j);
			const char *ind2 = str_or_null(u, "indicator");
			const char *d1 = str_or_null(t, "direction"), *d2 = str_or_null(u, "direction");
			const json_t *v1 = json_object_get(t, "value"), *v2 = json_object_get(u, "value");
			char path[64];

			if (!ind2 || strcmp(ind, ind2) != 0 || !same_group(t, u) ||
			    !json_equal(json_object_get(t, "year"), json_object_get(u, "year")))
				continue;
			if (d1 && d2 && strcmp(d1, d2) == 0 &&
			    ((json_is_null(v1) || !v1) == (json_is_null(v2) || !v2)) &&
			    (!json_is_number(v1) || !json_is_number(v2) ||
			     json_number_value(v1) == json_number_value(v2)))
				continue;
			snprintf(path, sizeof(path), "targets[%zu]", j);
			diags_add(d, 0, path, _("contradicts targets[%zu]: two different targets for %s in the same year"),
				  i, catalog_find(ind) >= 0 ? indicator_name(&catalog[catalog_find(ind)], i18n_lang()) : ind);
		}
	}
}

static void check_agencies(const json_t *plan, bool province, struct diags *d)
{
	const json_t *ag = json_object_get(plan, "agencies"), *as = json_object_get(plan, "assignments");
	const json_t *v, *x;
	const char *key;
	size_t i, j;

	if (ag && !json_is_array(ag))
		diags_add(d, 0, "agencies", _("must be an array"));
	json_array_foreach(ag, i, v) {
		char path[48];

		snprintf(path, sizeof(path), "agencies[%zu]", i);
		if (!json_is_string(v) || !plan_agency_known(json_string_value(v), province))
			diags_add(d, 0, path, _("unknown agency '%s'"),
				  json_is_string(v) ? json_string_value(v) : "");
	}
	if (as && !json_is_null(as) && !json_is_object(as)) {
		diags_add(d, 0, "assignments", _("must be an object"));
		return;
	}
	json_object_foreach((json_t *)as, key, v) {
		char path[96];

		if (!plan_agency_known(key, province)) {
			snprintf(path, sizeof(path), "assignments.%.40s", key);
			diags_add(d, 0, path, _("unknown agency '%s'"), key);
		}
		if (!json_is_array(v)) {
			snprintf(path, sizeof(path), "assignments.%.40s", key);
			diags_add(d, 0, path, _("must be an array"));
			continue;
		}
		json_array_foreach(v, j, x) {
			if (!json_is_string(x) || catalog_find(json_string_value(x)) < 0) {
				snprintf(path, sizeof(path), "assignments.%.40s[%zu]", key, j);
				diags_add(d, 0, path, _("unknown indicator '%s'"),
					  json_is_string(x) ? json_string_value(x) : "");
			}
		}
	}
}

/* A target on a province's own indicator in a plan of a unit outside that
 * province: refused by name, as it would be owed where it is not. */
static void check_target_scope(const json_t *targets, const struct tree *t, int unit, struct diags *d)
{
	const json_t *x;
	size_t i;

	json_array_foreach(targets, i, x) {
		int k = catalog_find(str_or_null(x, "indicator"));
		char path[64];

		if (k < 0 || indicator_in_scope(t, &catalog[k], unit))
			continue;
		snprintf(path, sizeof(path), "targets[%zu].indicator", i);
		diags_add(d, 0, path, _("%s belongs to province %s: %s is outside it"), catalog[k].id,
			  catalog[k].scope, t->units[unit].code);
	}
}

/* The same for an agency's duties (assignments.AGENCY[N]). */
static void check_duty_scope(const json_t *as, const struct tree *t, int unit, struct diags *d)
{
	const char *key;
	const json_t *v, *x;
	size_t j;

	json_object_foreach((json_t *)as, key, v) {
		json_array_foreach(v, j, x) {
			int k = catalog_find(json_string_value(x));
			char path[96];

			if (k < 0 || indicator_in_scope(t, &catalog[k], unit))
				continue;
			snprintf(path, sizeof(path), "assignments.%.40s[%zu]", key, j);
			diags_add(d, 0, path, _("%s belongs to province %s: %s is outside it"), catalog[k].id,
				  catalog[k].scope, t->units[unit].code);
		}
	}
}

void plan_check(const json_t *plan, const struct tree *t, int *unit, struct diags *d)
{
	const json_t *doc = json_object_get(plan, "document");
	const json_t *u = json_object_get(doc, "unit"), *per = json_object_get(doc, "period");
	const json_t *dl = json_object_get(plan, "deadline");
	const char *code = str_or_null(u, "code");
	int from = PERIOD_MIN_YEAR;
	bool province;

	*unit = -1;
	if (!json_is_object(plan)) {
		diags_add(d, 0, "", _("a plan must be a JSON object"));
		return;
	}
	if (!json_is_object(doc)) {
		diags_add(d, 0, "document", _("missing"));
		return;
	}
	if (!code) {
		diags_add(d, 0, "document.unit.code",
			  _("missing: the plan does not say which unit it belongs to"));
	} else {
		*unit = tree_find(t, code);
		if (*unit < 0)
			diags_add(d, 0, "document.unit.code",
				  _("unknown unit code '%s' (see `gemis units --search NAME`)"), code);
	}
	if (!json_is_array(per) || json_array_size(per) != 2 ||
	    !json_is_integer(json_array_get(per, 0)) || !json_is_integer(json_array_get(per, 1)) ||
	    json_integer_value(json_array_get(per, 0)) < PERIOD_MIN_YEAR ||
	    json_integer_value(json_array_get(per, 1)) > PERIOD_MAX_YEAR ||
	    json_integer_value(json_array_get(per, 0)) > json_integer_value(json_array_get(per, 1))) {
		diags_add(d, 0, "document.period", _("must be [first year, last year]"));
	} else {
		from = (int)json_integer_value(json_array_get(per, 0));
	}
	check_string_or_null(doc, "number", "document.number", d);
	check_string_or_null(doc, "date", "document.date", d);
	check_string_or_null(doc, "title", "document.title", d);
	check_targets(json_object_get(plan, "targets"), from, d);
	if (*unit >= 0 && json_is_array(json_object_get(plan, "targets")))
		check_target_scope(json_object_get(plan, "targets"), t, *unit, d);
	if (*unit >= 0 && json_is_object(json_object_get(plan, "assignments")))
		check_duty_scope(json_object_get(plan, "assignments"), t, *unit, d);
	province = *unit >= 0 && t->units[*unit].level == LEVEL_PROVINCE;
	check_agencies(plan, province, d);
	tasks_check(json_object_get(plan, "tasks"), province, d);
	if (dl && !json_is_null(dl)) {
		long long day, month, year;
		const json_t *y = json_object_get(dl, "year");

		if (!int_field(dl, "day", &day) || day < 1 || day > 31)
			diags_add(d, 0, "deadline.day", _("must be a day of the month"));
		if (!int_field(dl, "month", &month) || month < 1 || month > 12)
			diags_add(d, 0, "deadline.month", _("must be a month (1-12)"));
		if (y && !json_is_null(y) && (!int_field(dl, "year", &year) || year < PERIOD_MIN_YEAR))
			diags_add(d, 0, "deadline.year", _("must be a year or null"));
	}
}

void plan_retired_targets(const json_t *plan, struct diags *w)
{
	const json_t *t;
	size_t i;

	json_array_foreach(json_object_get(plan, "targets"), i, t) {
		const char *id = str_or_null(t, "indicator");
		long long year;
		char path[64];
		int k = id ? catalog_find(id) : -1;

		if (k < 0 || !int_field(t, "year", &year) || !catalog_retired(&catalog[k], (int)year))
			continue;
		snprintf(path, sizeof(path), "targets[%zu]", i);
		diags_add(w, 0, path,
			  _("%s is retired from %d: its target for %lld is stored as signed, but no value of %lld is "
			    "taken to judge it"),
			  indicator_name(&catalog[k], i18n_lang()), catalog_retired_from(&catalog[k]), year, year);
	}
}

/* An agency of a plan by its name in the current language, or its id. */
static const char *agency_words(const char *id)
{
	int a = agency_find(id);
	bool en = i18n_lang() == LANG_EN;

	if (a >= 0)
		return en ? agency_kinds[a].name_en : agency_kinds[a].name_vi;
	a = province_agency_find(id);
	if (a >= 0)
		return en ? province_agency_kinds[a].name_en : province_agency_kinds[a].name_vi;
	return NULL;
}

/* The words for a JSON path of plan_check() ("targets[3].value" is "target
 * 4 (its indicator), value"); false for a path it does not know. */
static bool field_words(const json_t *plan, const char *path, char *out, size_t sz)
{
	static const struct {
		const char *path, *words;
	} fixed[] = {
		{"document", N_("the plan's document part")},
		{"document.unit.code", N_("the plan's unit")},
		{"document.period", N_("the plan's period")},
		{"document.number", N_("the plan's number")},
		{"document.date", N_("the plan's date")},
		{"document.title", N_("the plan's title")},
		{"document.amends", N_("the plan it amends")},
		{"targets", N_("the targets")},
		{"agencies", N_("the agencies")},
		{"assignments", N_("the assignments")},
		{"deadline.day", N_("the deadline's day")},
		{"deadline.month", N_("the deadline's month")},
		{"deadline.year", N_("the deadline's year")},
	};
	static const struct {
		const char *key, *words;
	} parts[] = {
		{"indicator", N_("indicator")}, {"direction", N_("direction")}, {"value", N_("value")},
		{"year", N_("year")},		{"baseline", N_("baseline")},
	};
	char key[48];
	size_t i, k;
	int n = 0;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		if (strcmp(path, fixed[i].path) == 0) {
			snprintf(out, sz, "%s", _(fixed[i].words));
			return true;
		}
	}
	if (sscanf(path, "targets[%zu]%n", &i, &n) == 1 && n > 0) {
		const char *id = str_or_null(json_array_get(json_object_get(plan, "targets"), i), "indicator");
		int ind = id ? catalog_find(id) : -1;
		size_t used;

		snprintf(out, sz, _("target %zu"), i + 1);
		used = strlen(out);
		if (ind >= 0)
			snprintf(out + used, sz - used, " (%s)", indicator_short_name(&catalog[ind], i18n_lang()));
		if (path[n] == '\0')
			return true;
		for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			if (path[n] == '.' && strcmp(path + n + 1, parts[k].key) == 0) {
				used = strlen(out);
				snprintf(out + used, sz - used, ", %s", _(parts[k].words));
				return true;
			}
		}
		return false;
	}
	n = 0;
	if (sscanf(path, "agencies[%zu]%n", &i, &n) == 1 && n > 0 && path[n] == '\0') {
		snprintf(out, sz, _("agency %zu"), i + 1);
		return true;
	}
	n = 0;
	if (sscanf(path, "assignments.%47[^[]%n", key, &n) == 1 && n > 0) {
		const char *name = agency_words(key);

		snprintf(out, sz, _("the assignments of '%s'"), name ? name : key);
		if (path[n] == '\0')
			return true;
		if (sscanf(path + n, "[%zu]", &i) == 1) {
			size_t used = strlen(out);

			snprintf(out + used, sz - used, _(", indicator %zu"), i + 1);
			return true;
		}
		return false;
	}
	return false;
}

/* The message with the paths of targets in it ("contradicts targets[1]")
 * in words, into out. */
static void message_words(const char *msg, char *out, size_t sz)
{
	size_t used = 0, i;
	int n;

	out[0] = '\0';
	while (*msg && used + 1 < sz) {
		const char *p = strstr(msg, "targets[");

		n = 0;
		if (!p || sscanf(p, "targets[%zu]%n", &i, &n) != 1 || n == 0) {
			snprintf(out + used, sz - used, "%s", msg);
			return;
		}
		snprintf(out + used, sz - used, "%.*s", (int)(p - msg), msg);
		used = strlen(out);
		snprintf(out + used, sz - used, _("target %zu"), i + 1);
		used = strlen(out);
		msg = p + n;
	}
}

void plan_diags_in_words(const json_t *plan, struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		struct diag *x = &d->d[i];
		char words[200], said[sizeof(x->msg)], msg[sizeof(words) + sizeof(x->msg) + 2];
		size_t n;

		if (!x->field[0] || !field_words(plan, x->field, words, sizeof(words)))
			continue;
		message_words(x->msg, said, sizeof(said));
		snprintf(msg, sizeof(msg), "%s: %s", words, said);
		/* cut at a character boundary when it is too long */
		n = strlen(msg);
		if (n >= sizeof(x->msg)) {
			n = sizeof(x->msg) - 1;
			while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
				n--;
		}
		memcpy(x->msg, msg, n);
		x->msg[n] = '\0';
		x->field[0] = '\0';
	}
}

static const char *doc_str(const json_t *plan, const char *key)
{
	return str_or_null(json_object_get(plan, "document"), key);
}

/* ---- an amendment completes the plan in force ----
 *
 * An amending plan (document.amends) states only what changes.  Stored
 * alone, it would drop the rest of the plan it amends and with it the
 * commune's targets, which would fall back to the province's.  So it is
 * merged into the plan in force, and the result becomes the new plan in
 * force (the one before stays in the history):
 *   targets      one of the amendment replaces the target in force for the
 *                same indicator and year; the others stay; its "repealed"
 *                indicators lose their targets;
 *   assignments  the amendment's move the indicator to its agency (no other
 *                keeps it);
 *   deadline     the amendment's replaces it;
 *   document     the plan in force's, with the amendment listed under
 *                "amendments".
 * A yearly plan is a plan of its own: applied, it replaces the plan in
 * force, after the review of what changes (report/plandiff.h). */

/* The catalog index a target is on: its series where it names a category
 * (an amendment's "primary_completion" on minority pupils is the plan in
 * force's target on the series), -1 while that series is not there. */
static int target_indicator(const json_t *x)
{
	int k = catalog_find(str_or_null(x, "indicator"));
	const char *b = str_or_null(x, "breakdown"), *c = str_or_null(x, "category");

	return k >= 0 && !catalog[k].parent && b && c ? catalog_series(k, b, c) : k;
}

static bool same_target(const json_t *a, const json_t *b)
{
	const char *ia = str_or_null(a, "indicator"), *ib = str_or_null(b, "indicator");
	int ka = target_indicator(a);

	if (!json_equal(json_object_get(a, "year"), json_object_get(b, "year")))
		return false;
	if (ka >= 0 && ka == target_indicator(b))
		return true;
	return ia && ib && strcmp(ia, ib) == 0 && strcmp(ia, "custom") != 0 && same_group(a, b);
}

static bool in_list(const json_t *list, const char *s)
{
	const json_t *x;
	size_t i;

	json_array_foreach(list, i, x) {
		if (json_is_string(x) && strcmp(json_string_value(x), s) == 0)
			return true;
	}
	return false;
}

/* Removes ind from every agency's list of assignments but keep's. */
static void unassign(json_t *as, const char *ind, const char *keep)
{
	const char *key;
	json_t *list;
	void *tmp;

	json_object_foreach_safe(as, tmp, key, list) {
		size_t i;

		if (keep && strcmp(key, keep) == 0)
			continue;
		for (i = json_array_size(list); i-- > 0;) {
			if (strcmp(json_string_value(json_array_get(list, i)), ind) == 0)
				json_array_remove(list, i);
		}
		if (json_array_size(list) == 0)
			json_object_del(as, key);
	}
}

static json_t *merge_into(const json_t *base, const json_t *plan)
{
	json_t *m = json_deep_copy(base), *targets, *as, *ag, *doc, *list, *x;
	const json_t *y, *v;
	const char *key;
	size_t i, j;

	if (!m)
		return NULL;
	json_object_del(m, "lint");
	targets = json_object_get(m, "targets");
	if (!json_is_array(targets)) {
		targets = json_array();
		json_object_set_new(m, "targets", targets);
	}
	json_array_foreach(json_object_get(plan, "repealed"), i, y) {
		for (j = json_array_size(targets); j-- > 0;) {
			const char *ind = str_or_null(json_array_get(targets, j), "indicator");

			if (ind && str_or_null(y, "indicator") && strcmp(ind, str_or_null(y, "indicator")) == 0)
				json_array_remove(targets, j);
		}
	}
	json_array_foreach(json_object_get(plan, "targets"), i, y) {
		for (j = json_array_size(targets); j-- > 0;) {
			if (same_target(json_array_get(targets, j), y))
				json_array_remove(targets, j);
		}
		json_array_append_new(targets, json_deep_copy(y));
	}
	ag = json_object_get(m, "agencies");
	if (!json_is_array(ag)) {
		ag = json_array();
		json_object_set_new(m, "agencies", ag);
	}
	json_array_foreach(json_object_get(plan, "agencies"), i, y) {
		if (json_is_string(y) && !in_list(ag, json_string_value(y)))
			json_array_append_new(ag, json_deep_copy(y));
	}
	as = json_object_get(m, "assignments");
	if (!json_is_object(as)) {
		as = json_object();
		json_object_set_new(m, "assignments", as);
	}
	json_object_foreach((json_t *)json_object_get(plan, "assignments"), key, v) {
		json_array_foreach(v, i, y) {
			if (!json_is_string(y))
				continue;
			unassign(as, json_string_value(y), key);
			list = json_object_get(as, key);
			if (!list) {
				list = json_array();
				json_object_set_new(as, key, list);
			}
			if (!in_list(list, json_string_value(y)))
				json_array_append_new(list, json_deep_copy(y));
		}
	}
	y = json_object_get(plan, "deadline");
	if (json_is_object(y))
		json_object_set_new(m, "deadline", json_deep_copy(y));
	doc = json_object_get(m, "document");
	list = json_object_get(doc, "amendments");
	if (!json_is_array(list)) {
		list = json_array();
		json_object_set_new(doc, "amendments", list);
	}
	y = json_object_get(plan, "document");
	x = json_pack("{s:o, s:o, s:o}", "number", json_deep_copy(json_object_get(y, "number")), "date",
		      json_deep_copy(json_object_get(y, "date")), "title", json_deep_copy(json_object_get(y, "title")));
	json_array_append_new(list, x);
	return m;
}

enum gemis_err plan_complete(struct db *db, const struct tree *t, int unit, const json_t *plan, struct diags *d,
			     json_t **out, int *merged, struct errctx *e)
{
	const json_t *amends = json_object_get(json_object_get(plan, "document"), "amends");
	const char *want = str_or_null(amends, "number"), *have;
	struct db_stmt *st = NULL;
	json_t *base = NULL;
	enum gemis_err err;

	*out = NULL;
	*merged = 0;
	if (!json_is_object(amends))
		return GEMIS_OK;
	err = db_prepare(db, &st, e, "SELECT source FROM plans WHERE unit_id = ? AND superseded_at IS NULL");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[unit].id);
	if (db_next(st)) {
		json_error_t je;

		base = json_loads(db_col_text(st, 0), 0, &je);
	}
	err = db_finalize(st, e);
	if (err) {
		json_decref(base);
		return err;
	}
	if (!base) {
		diags_add(d, 0, "document.amends", _("the plan amends %s, but %s has no plan in force; apply that plan first"),
			  want ? want : "?", t->units[unit].name);
		return GEMIS_OK;
	}
	have = str_or_null(json_object_get(base, "document"), "number");
	if (want && have && strcmp(want, have) != 0) {
		diags_add(d, 0, "document.amends", _("the plan amends %s, but the plan in force is %s"), want, have);
		json_decref(base);
		return GEMIS_OK;
	}
	*out = merge_into(base, plan);
	json_decref(base);
	if (!*out)
		return GEMIS_ENOMEM;
	*merged = 1;
	return GEMIS_OK;
}

/* The plan's row (its document, deadline and JSON source); *id is its id. */
static enum gemis_err insert_plan(struct db *db, const struct tree *t, int unit, const json_t *plan,
				  const char *source, bool demo, const char *user, long long now, long long *id,
				  struct errctx *e)
{
	const json_t *doc = json_object_get(plan, "document"), *signer = json_object_get(doc, "signer"), *dl;
	long long from = json_integer_value(json_array_get(json_object_get(doc, "period"), 0));
	long long to = json_integer_value(json_array_get(json_object_get(doc, "period"), 1));
	struct db_stmt *st = NULL;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "INSERT INTO plans (unit_id, number, doc_date, title, period_from, period_to,"
			 " signer_name, signer_title, deadline_day, deadline_month, deadline_year,"
			 " deadline_to, source, demo, loaded_by, loaded_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bindv(st, "ittt", t->units[unit].id, doc_str(plan, "number"), doc_str(plan, "date"),
		 doc_str(plan, "title"));
	db_bind_int(st, 5, from);
	db_bind_int(st, 6, to);
	db_bind_text(st, 7, str_or_null(signer, "name"));
	db_bind_text(st, 8, str_or_null(signer, "title"));
	dl = json_object_get(plan, "deadline");
	if (json_is_object(dl)) {
		long long y;

		db_bind_int(st, 9, json_integer_value(json_object_get(dl, "day")));
		db_bind_int(st, 10, json_integer_value(json_object_get(dl, "month")));
		if (int_field(dl, "year", &y))
			db_bind_int(st, 11, y);
		else
			db_bind_null(st, 11);
		db_bind_text(st, 12, str_or_null(dl, "to"));
	} else {
		db_bind_null(st, 9);
		db_bind_null(st, 10);
		db_bind_null(st, 11);
		db_bind_null(st, 12);
	}
	db_bind_text(st, 13, source);
	db_bind_int(st, 14, demo ? 1 : 0);
	db_bind_text(st, 15, user);
	db_bind_int(st, 16, now);
	if (db_next(st))
		*id = db_col_int(st, 0);
	return db_finalize(st, e);
}

/* The plan's targets on the catalog's indicators. */
static enum gemis_err insert_targets(struct db *db, const json_t *plan, struct plan_info *info, struct errctx *e)
{
	const json_t *targets, *x;
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t i;

	err = db_prepare(db, &st, e,
			 "INSERT INTO targets (plan_id, indicator, direction, value, year, baseline_value,"
			 " baseline_year, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (err)
		return err;
	targets = json_object_get(plan, "targets");
	json_array_foreach(targets, i, x) {
		const char *ind = str_or_null(x, "indicator");
		const json_t *val = json_object_get(x, "value"), *base = json_object_get(x, "baseline");

		if (strcmp(ind, "custom") == 0)
			continue; /* local_from_plan()'s */
		db_bindv(st, "itt", info->id, ind, str_or_null(x, "direction"));
		db_bind_double(st, 4, json_is_number(val) ? json_number_value(val) : NAN);
		db_bind_int(st, 5, json_integer_value(json_object_get(x, "year")));
		if (json_is_object(base)) {
			long long by;

			db_bind_double(st, 6, json_number_value(json_object_get(base, "value")));
			if (int_field(base, "year", &by))
				db_bind_int(st, 7, by);
			else
				db_bind_null(st, 7);
		} else {
			db_bind_null(st, 6);
			db_bind_null(st, 7);
		}
		db_bind_text(st, 8, str_or_null(x, "text"));
		err = db_step_done(st, e);
		if (err) {
			db_finalize(st, NULL);
			return err;
		}
		info->ntargets++;
	}
	db_finalize(st, NULL);
	return GEMIS_OK;
}

/* The agencies the plan lists and the indicators it assigns to each. */
static enum gemis_err insert_agencies(struct db *db, const json_t *plan, long long id, struct errctx *e)
{
	const json_t *x, *v;
	struct db_stmt *st = NULL;
	enum gemis_err err;
	const char *key;
	size_t i, j;

	err = db_prepare(db, &st, e,
			 "INSERT INTO plan_agencies (plan_id, agency) VALUES (?, ?) ON CONFLICT DO NOTHING");
	if (err)
		return err;
	json_array_foreach(json_object_get(plan, "agencies"), i, v) {
		db_bindv(st, "it", id, json_string_value(v));
		err = db_step_done(st, e);
		if (err) {
			db_finalize(st, NULL);
			return err;
		}
	}
	db_finalize(st, NULL);
	st = NULL;

	err = db_prepare(db, &st, e,
			 "INSERT INTO assignments (plan_id, agency, indicator) VALUES (?, ?, ?)"
			 " ON CONFLICT DO NOTHING");
	if (err)
		return err;
	json_object_foreach((json_t *)json_object_get(plan, "assignments"), key, v) {
		json_array_foreach(v, j, x) {
			db_bindv(st, "itt", id, key, json_string_value(x));
			err = db_step_done(st, e);
			if (err) {
				db_finalize(st, NULL);
				return err;
			}
		}
	}
	db_finalize(st, NULL);
	return GEMIS_OK;
}

enum gemis_err plan_load(struct db *db, const struct tree *t, const json_t *plan, const char *user,
			 bool demo, struct diags *d, struct plan_info *info, struct errctx *e)
{
	json_t *merged = NULL, *resolved = NULL;
	enum gemis_err err;
	long long now = (long long)time(NULL), n;
	char *source = NULL;
	int unit;
	bool own_tx;

	memset(info, 0, sizeof(*info));
	plan_check(plan, t, &unit, d);
	if (d->total > 0)
		return err_set(e, GEMIS_EINVAL, "%zu problem(s) in the plan; nothing was stored", d->total);
	info->unit = unit;
	own_tx = !db->in_tx;
	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			return err;
	}
	/* an amendment or a yearly plan completes the plan in force */
	err = plan_complete(db, t, unit, plan, d, &merged, &info->merged, e);
	if (!err && merged) {
		int u2;

		plan_check(merged, t, &u2, d);
		plan = merged;
	}
	/* targets on a category go to its series, added where missing: the
	 * last check, as a series added is kept by this process even if the
	 * transaction were rolled back (store/indicators.h) */
	if (!err && d->total == 0)
		err = breakdowns_resolve_plan(db, plan, user ? user : "system", d, &resolved, &info->nseries,
					      &info->nwhole, e);
	if (resolved)
		plan = resolved;
	if (!err && d->total > 0)
		err = err_set(e, GEMIS_EINVAL, "%zu problem(s) in the plan; nothing was stored", d->total);
	if (err)
		goto fail;
	source = json_dumps(plan, JSON_COMPACT | JSON_SORT_KEYS);
	if (!source) {
		err = GEMIS_ENOMEM;
		goto fail;
	}
	err = plan_in_force_id(db, t, unit, &n, e);
	if (err)
		goto fail;
	info->replaced = n > 0;
	err = db_run(db, e, "UPDATE plans SET superseded_at = ? WHERE unit_id = ? AND superseded_at IS NULL",
		     "ii", now, t->units[unit].id);
	if (err)
		goto fail;
	err = insert_plan(db, t, unit, plan, source, demo, user, now, &info->id, e);
	if (!err)
		err = insert_targets(db, plan, info, e);
	if (!err)
		err = local_from_plan(db, t, unit, info->id, plan, user ? user : "system", now, &info->nlocal_new,
				      &info->nlocal_kept, &info->nskipped, e);
	if (!err)
		err = insert_agencies(db, plan, info->id, e);
	if (err)
		goto fail;
	err = tasks_store(db, info->id, t->units[unit].id, json_object_get(plan, "tasks"), e);
	if (err)
		goto fail;
	err = store_data_changed(db, e);
	if (err)
		goto fail;
	if (own_tx)
		err = db_commit(db, e);
	goto out;
fail:
	if (own_tx)
		db_rollback(db);
out:
	free(source);
	json_decref(merged);
	json_decref(resolved);
	return err;
}

enum gemis_err plans_load_targets(struct db *db, const struct tree *t, struct target **out,
				  size_t *n, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct target *v = NULL;
	size_t cap = 0;
	enum gemis_err err;

	*out = NULL;
	*n = 0;
	err = db_prepare(db, &st, e,
			 "SELECT p.unit_id, t.indicator, t.direction, t.value, t.year, t.baseline_value,"
			 " t.baseline_year, p.period_from FROM targets t JOIN " SQL_PLANS_IN_FORCE " p"
			 " ON p.id = t.plan_id ORDER BY t.id");
	if (err)
		return err;
	while (db_next(st)) {
		long long uid = db_col_int(st, 0);
		int ind = catalog_find(db_col_text(st, 1)), dir = direction_parse(db_col_text(st, 2));
		struct target *x;

		if (tree_find_id(t, uid) < 0 || ind < 0 || dir < 0)
			continue;
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct target *nv = realloc(v, ncap * sizeof(*nv));

			if (!nv) {
				err = GEMIS_ENOMEM;
				break;
			}
			v = nv;
			cap = ncap;
		}
		x = &v[(*n)++];
		memset(x, 0, sizeof(*x));
		x->indicator = ind;
		x->dir = (enum direction)dir;
		x->value = db_col_double(st, 3);
		x->has_value = !isnan(x->value);
		x->year = (int)db_col_int(st, 4);
		x->base_value = db_col_double(st, 5);
		x->has_baseline = !isnan(x->base_value);
		/* a baseline without a year is the level when the plan starts */
		x->base_year = db_col_null(st, 6) ? (int)db_col_int(st, 7) - 1 : (int)db_col_int(st, 6);
		x->origin = tree_find_id(t, uid);
	}
	if (err)
		db_finalize(st, NULL);
	else
		err = db_finalize(st, e);
	if (err) {
		free(v);
		*n = 0;
		return err;
	}
	*out = v;
	return GEMIS_OK;
}

enum gemis_err plan_uploads_purge(struct db *db, long long now, struct errctx *e)
{
	return db_run(db, e, "DELETE FROM plan_uploads WHERE applied_at IS NULL AND created_at < ?", "i",
		      now - PLAN_UPLOAD_KEEP_SECONDS);
}

enum gemis_err plan_upload_add(struct db *db, const struct tree *t, int unit, long long user_id,
			       const char *filename, const char *json, long long now, long long *id,
			       struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*id = 0;
	err = db_prepare(db, &st, e,
			 "INSERT INTO plan_uploads (unit_id, user_id, filename, plan_json, created_at)"
			 " VALUES (?, ?, ?, ?, ?) RETURNING id");
	if (err)
		return err;
	db_bindv(st, "iitti", t->units[unit].id, user_id, filename, json, now);
	if (db_next(st))
		*id = db_col_int(st, 0);
	return db_finalize(st, e);
}

enum gemis_err plan_upload_get(struct db *db, const struct tree *t, int unit, long long id,
			       json_t **plan, char **filename, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	*plan = NULL;
	*filename = NULL;
	err = db_prepare(db, &st, e,
			 "SELECT plan_json, filename FROM plan_uploads WHERE id = ? AND unit_id = ?"
			 " AND applied_at IS NULL");
	if (err)
		return err;
	db_bindv(st, "ii", id, t->units[unit].id);
	if (db_next(st)) {
		const char *name = db_col_text(st, 1);
		json_error_t je;

		*plan = json_loads(db_col_text(st, 0), 0, &je);
		*filename = strdup(name ? name : "");
		if (!*filename) {
			json_decref(*plan);
			*plan = NULL;
			db_finalize(st, NULL);
			return GEMIS_ENOMEM;
		}
	}
	return db_finalize(st, e);
}

enum gemis_err plan_upload_applied(struct db *db, long long id, long long now, struct errctx *e)
{
	return db_run(db, e, "UPDATE plan_uploads SET applied_at = ? WHERE id = ?", "ii", now, id);
}

enum gemis_err plan_json_targets(const json_t *plan, int unit, struct target **out, size_t *n)
{
	const json_t *x, *per = json_object_get(json_object_get(plan, "document"), "period");
	int from = (int)json_integer_value(json_array_get(per, 0));
	struct target *v;
	size_t i;

	*n = 0;
	*out = v = calloc(json_array_size(json_object_get(plan, "targets")) + 1, sizeof(*v));
	if (!v)
		return GEMIS_ENOMEM;
	json_array_foreach(json_object_get(plan, "targets"), i, x) {
		const char *id = str_or_null(x, "indicator");
		const json_t *val = json_object_get(x, "value"), *base = json_object_get(x, "baseline");
		int ind = id ? catalog_find(id) : -1, dir = direction_parse(str_or_null(x, "direction"));
		struct target *t;
		long long year;

		/* a target on a category is its series' (plan_load() adds it
		 * where missing; until then it is nobody's, not the whole's) */
		if (ind >= 0 && str_or_null(x, "category") && !catalog[ind].parent)
			ind = catalog_series(ind, str_or_null(x, "breakdown") ? str_or_null(x, "breakdown") : "",
					     str_or_null(x, "category"));
		if (ind < 0 || dir < 0 || !int_field(x, "year", &year))
			continue;
		t = &v[(*n)++];
		t->indicator = ind;
		t->dir = (enum direction)dir;
		t->has_value = json_is_number(val);
		t->value = t->has_value ? json_number_value(val) : NAN;
		t->year = (int)year;
		t->has_baseline = json_is_object(base) && json_is_number(json_object_get(base, "value"));
		t->base_value = t->has_baseline ? json_number_value(json_object_get(base, "value")) : NAN;
		/* as plans_load_targets() reads a stored one */
		t->base_year = json_is_integer(json_object_get(base, "year")) ?
				       (int)json_integer_value(json_object_get(base, "year")) :
				       from - 1;
		t->origin = unit;
	}
	return GEMIS_OK;
}

enum gemis_err plans_history(struct db *db, const struct tree *t, int unit, size_t max,
			     enum gemis_err (*fn)(void *ctx, const struct plan_version *v), void *ctx,
			     struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;
	size_t n = 0;

	err = db_prepare(db, &st, e,
			 "SELECT p.id, p.number, p.title, p.loaded_by, p.loaded_at, p.superseded_at,"
			 " (SELECT COUNT(DISTINCT indicator) FROM targets WHERE plan_id = p.id)"
			 " FROM plans p WHERE p.unit_id = ?"
			 " ORDER BY p.superseded_at IS NOT NULL, p.superseded_at DESC, p.id DESC");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[unit].id);
	while (n < max && db_next(st)) {
		struct plan_version v;

		memset(&v, 0, sizeof(v));
		v.id = db_col_int(st, 0);
		snprintf(v.number, sizeof(v.number), "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
		snprintf(v.title, sizeof(v.title), "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
		snprintf(v.loaded_by, sizeof(v.loaded_by), "%s", db_col_text(st, 3) ? db_col_text(st, 3) : "");
		v.loaded_at = db_col_int(st, 4);
		v.superseded_at = db_col_null(st, 5) ? 0 : db_col_int(st, 5);
		v.ntargets = (unsigned)db_col_int(st, 6);
		n++;
		err = fn(ctx, &v);
		if (err)
			break;
	}
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

enum gemis_err plan_in_force(struct db *db, const struct tree *t, int unit, bool want_doc,
			     struct plan_current *out, struct errctx *e)
{
	struct db_stmt *st = NULL;
	enum gemis_err err;

	memset(out, 0, sizeof(*out));
	err = db_prepare(db, &st, e,
			 "SELECT id, deadline_day, deadline_month, deadline_year, loaded_by, loaded_at, demo,"
			 " source FROM " SQL_PLANS_IN_FORCE " p WHERE unit_id = ?");
	if (err)
		return err;
	db_bind_int(st, 1, t->units[unit].id);
	if (db_next(st)) {
		const char *by = db_col_text(st, 4);

		out->id = db_col_int(st, 0);
		out->deadline_day = db_col_null(st, 1) ? 0 : (int)db_col_int(st, 1);
		out->deadline_month = db_col_null(st, 2) ? 0 : (int)db_col_int(st, 2);
		out->deadline_year = db_col_null(st, 3) ? 0 : (int)db_col_int(st, 3);
		snprintf(out->loaded_by, sizeof(out->loaded_by), "%s", by ? by : "");
		out->loaded_at = db_col_int(st, 5);
		out->demo = db_col_int(st, 6) != 0;
		if (want_doc) {
			const char *src = db_col_text(st, 7);
			json_error_t je;

			out->doc = src ? json_loads(src, 0, &je) : NULL;
		}
	}
	return db_finalize(st, e);
}

enum gemis_err plan_in_force_id(struct db *db, const struct tree *t, int unit, long long *id,
				struct errctx *e)
{
	struct plan_current p;
	enum gemis_err err = plan_in_force(db, t, unit, false, &p, e);

	*id = err ? 0 : p.id;
	return err;
}

enum gemis_err plan_restore(struct db *db, const struct tree *t, int unit, long long id, long long expect,
			    const char *user, struct diags *d, struct plan_info *info, struct errctx *e)
{
	struct db_stmt *st = NULL;
	json_t *plan = NULL;
	long long now_id = 0;
	bool demo = false, own_tx = !db->in_tx;
	enum gemis_err err;

	memset(info, 0, sizeof(*info));
	if (own_tx) {
		err = db_begin(db, e);
		if (err)
			return err;
	}
	err = plan_in_force_id(db, t, unit, &now_id, e);
	if (!err && now_id != expect)
		err = err_set(e, GEMIS_ECONFLICT, "%s",
			      _("the plan in force changed since you opened the page; reload it"));
	if (!err)
		err = db_prepare(db, &st, e,
				 "SELECT source, demo FROM plans WHERE id = ? AND unit_id = ? AND superseded_at IS NOT NULL");
	if (!err) {
		db_bindv(st, "ii", id, t->units[unit].id);
		if (db_next(st)) {
			json_error_t je;

			plan = json_loads(db_col_text(st, 0), 0, &je);
			demo = db_col_int(st, 1) != 0;
		}
		err = db_finalize(st, e);
	}
	if (!err && !plan)
		err = err_set(e, GEMIS_ENOTFOUND, "%s", _("that plan is not an earlier plan of this unit"));
	if (!err)
		err = plan_load(db, t, plan, user, demo, d, info, e);
	if (own_tx) {
		if (err)
			db_rollback(db);
		else
			err = db_commit(db, e);
	}
	json_decref(plan);
	return err;
}
