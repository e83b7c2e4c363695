/*
 * catalog_json.c: an optional catalog of indicators read from its JSON
 * file (the layout is in catalog_json.h).  Every refusal names the field,
 * "indicators[3].factor"; what an indicator may be is catalog_check()'s.
 */
#include "catalog_json.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

/* The fields an entry takes; any other is refused by name. */
static const char *const entry_fields[] = {
        "id",     "goal",  "name_vi", "name_en", "part_vi", "part_en",  "den_vi",
        "den_en", "parts", "kind",    "measure", "factor",  "polarity", "by_sex",
        "share",  "space", "time",    "target",  "local",   "source",   "formula",
        NULL,
};

static enum gemis_err bad(struct errctx *e, size_t i, const char *field, const char *why)
{
	char where[96];

	snprintf(where, sizeof(where), "indicators[%zu]%s%s", i, field[0] ? "." : "", field);
	return err_set_at(e, GEMIS_EINVAL, where, "%s", _(why));
}

/* The string field key of o in mem, NULL when absent; *ok false when it is
 * there and not a string. */
static const char *text(const json_t *o, const char *key, struct arena *mem, bool *ok)
{
	const json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*ok = false;
		return NULL;
	}
	return arena_strndup(mem, json_string_value(v), json_string_length(v));
}

/* An enumerated field: its parsed value, dflt when absent. */
static enum gemis_err enum_field(const json_t *o, size_t i, const char *key,
                                 int (*parse)(const char *), int dflt, int *out, struct errctx *e)
{
	const json_t *v = json_object_get(o, key);

	*out = dflt;
	if (!v)
		return GEMIS_OK;
	if (!json_is_string(v) || (*out = parse(json_string_value(v))) < 0)
		return bad(e, i, key, N_("not a value it takes"));
	return GEMIS_OK;
}

static enum gemis_err bool_field(const json_t *o, size_t i, const char *key, bool *out,
                                 struct errctx *e)
{
	const json_t *v = json_object_get(o, key);

	*out = false;
	if (v && !json_is_boolean(v))
		return bad(e, i, key, N_("must be true or false"));
	*out = v && json_is_true(v);
	return GEMIS_OK;
}

/* "parts": ["num", "den"] is a ratio, ["value"] a value. */
static int parts_parse(const json_t *v)
{
	if (json_is_array(v) && json_array_size(v) == 1 && json_is_string(json_array_get(v, 0)) &&
	    strcmp(json_string_value(json_array_get(v, 0)), "value") == 0)
		return IND_VALUE;
	if (json_is_array(v) && json_array_size(v) == 2 && json_is_string(json_array_get(v, 0)) &&
	    json_is_string(json_array_get(v, 1)) &&
	    strcmp(json_string_value(json_array_get(v, 0)), "num") == 0 &&
	    strcmp(json_string_value(json_array_get(v, 1)), "den") == 0)
		return IND_RATIO;
	return -1;
}

static enum gemis_err kind_field(const json_t *o, size_t i, struct indicator *ind, struct errctx *e)
{
	const json_t *parts = json_object_get(o, "parts");
	int kind;
	enum gemis_err err = enum_field(o, i, "kind", ind_kind_parse, IND_RATIO, &kind, e);

	if (err)
		return err;
	if (parts) {
		int k = parts_parse(parts);

		if (k < 0)
			return bad(e, i, "parts", N_("must be [\"num\", \"den\"] or [\"value\"]"));
		if (json_object_get(o, "kind") && k != kind)
			return bad(e, i, "parts", N_("says another kind than the field kind"));
		kind = k;
	}
	ind->kind = (enum ind_kind)kind;
	return GEMIS_OK;
}

static enum gemis_err target_field(const json_t *o, size_t i, struct indicator *ind,
                                   struct errctx *e)
{
	const json_t *t = json_object_get(o, "target"), *v, *y;
	int d;

	if (!t || json_is_null(t))
		return GEMIS_OK;
	if (!json_is_object(t))
		return bad(e, i, "target", N_("must be {\"direction\", \"value\", \"year\"}"));
	if (enum_field(t, i, "direction", direction_parse, -1, &d, e) || d < 0)
		return bad(e, i, "target.direction", N_("at_least, at_most or achieve"));
	v = json_object_get(t, "value");
	y = json_object_get(t, "year");
	if (d != DIR_ACHIEVE && !json_is_number(v))
		return bad(e, i, "target.value", N_("must be a number"));
	if (!json_is_integer(y))
		return bad(e, i, "target.year", N_("must be a year"));
	ind->has_national = true;
	ind->national_dir = (enum direction)d;
	ind->national_value = d != DIR_ACHIEVE ? json_number_value(v) : 0;
	ind->national_year = (int)json_integer_value(y);
	return GEMIS_OK;
}

/* The texts of an entry; the first that is not a string is named. */
static enum gemis_err entry_texts(const json_t *o, size_t i, struct indicator *ind,
                                  struct arena *mem, struct errctx *e)
{
	static const char *const keys[] = {"id",      "name_vi", "name_en", "part_vi",
	                                   "part_en", "den_vi",  "den_en",  "measure", "formula"};
	const char **to[] = {&ind->id,         &ind->name_vi,    &ind->name_en,    &ind->part_vi[0],
	                     &ind->part_en[0], &ind->part_vi[1], &ind->part_en[1], &ind->unit,
	                     &ind->formula_text};
	size_t k;

	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		bool ok = true;

		*to[k] = text(o, keys[k], mem, &ok);
		if (!ok)
			return bad(e, i, keys[k], N_("must be a string"));
		if (k < 5 && !*to[k])
			return bad(e, i, keys[k], N_("missing"));
	}
	return GEMIS_OK;
}

/* An unknown field, or a series' (added by `gemis indicator breakdown`). */
static enum gemis_err entry_fields_known(const json_t *o, size_t i, struct errctx *e)
{
	const char *key;
	const json_t *v;

	json_object_foreach((json_t *)o, key, v)
	{
		size_t k;

		for (k = 0; entry_fields[k] && strcmp(entry_fields[k], key) != 0; k++)
			continue;
		if (!entry_fields[k]) {
			char field[64];

			snprintf(field, sizeof(field), "%.60s", key);
			return bad(e, i, field,
			           strcmp(key, "parent") == 0 || strcmp(key, "breakdown") == 0 ||
			                           strcmp(key, "category") == 0
			                   ? N_("a category series is added by `gemis indicator "
			                        "breakdown`")
			                   : N_("not a field a catalog entry takes"));
		}
	}
	return GEMIS_OK;
}

static enum gemis_err entry_enums(const json_t *o, size_t i, struct indicator *ind,
                                  struct errctx *e)
{
	int goal, pol, space, time;
	enum gemis_err err;

	err = enum_field(o, i, "goal", goal_parse, -1, &goal, e);
	if (!err && goal < 0)
		err = bad(e, i, "goal", N_("missing"));
	if (!err)
		err = enum_field(o, i, "polarity", polarity_parse, POL_HIGHER, &pol, e);
	if (!err)
		err = enum_field(o, i, "space", space_agg_parse, SPACE_SUM, &space, e);
	if (!err)
		err = enum_field(o, i, "time", time_agg_parse, TIME_SUM, &time, e);
	if (err)
		return err;
	ind->goal = (enum goal)goal;
	ind->polarity = (enum polarity)pol;
	ind->space = (enum space_agg)space;
	ind->time[0] = ind->time[1] = (enum time_agg)time;
	return GEMIS_OK;
}

static enum gemis_err entry(const json_t *o, size_t i, struct indicator *ind, struct arena *mem,
                            struct errctx *e)
{
	const json_t *factor = json_object_get(o, "factor"), *src = json_object_get(o, "source");
	enum gemis_err err;

	memset(ind, 0, sizeof(*ind));
	if (!json_is_object(o))
		return bad(e, i, "", N_("must be an object"));
	err = entry_fields_known(o, i, e);
	if (!err)
		err = entry_texts(o, i, ind, mem, e);
	if (!err)
		err = entry_enums(o, i, ind, e);
	if (!err)
		err = kind_field(o, i, ind, e);
	if (!err)
		err = bool_field(o, i, "by_sex", &ind->by_sex, e);
	if (!err)
		err = bool_field(o, i, "share", &ind->share, e);
	if (!err)
		err = target_field(o, i, ind, e);
	if (err)
		return err;
	if (factor && !json_is_number(factor))
		return bad(e, i, "factor", N_("must be a number"));
	if (src && (!json_is_string(src) || strcmp(json_string_value(src), "reported") != 0))
		return bad(e, i, "source", N_("an added indicator is reported by agencies"));
	if (ind->kind == IND_VALUE && (ind->part_vi[1] || ind->part_en[1]))
		return bad(e, i, "den_vi", N_("a value indicator has one part only"));
	ind->factor = factor ? json_number_value(factor) : ind->kind == IND_RATIO ? 100 : 1;
	if (!ind->unit)
		ind->unit = ind->kind == IND_RATIO ? "%" : "count";
	ind->source = SRC_REPORTED;
	return GEMIS_OK;
}

/* name and source: plain lines of text. */
static enum gemis_err head(const json_t *root, struct arena *mem, struct catalog_file *out,
                           struct errctx *e)
{
	bool ok = true;

	out->name = text(root, "name", mem, &ok);
	if (!ok || !catalog_text_ok(out->name, CATALOG_NAME_MAX))
		return err_set_at(e, GEMIS_EINVAL, "name", "%s",
		                  _("missing or not a plain line of text"));
	out->source = text(root, "source", mem, &ok);
	if (!ok || !catalog_text_ok(out->source, CATALOG_NAME_MAX))
		return err_set_at(
		        e, GEMIS_EINVAL, "source", "%s",
		        _("missing or not a plain line of text: say where the list comes from"));
	return GEMIS_OK;
}

enum gemis_err catalog_file_parse(const char *data, size_t len, struct arena *mem,
                                  struct catalog_file *out, struct errctx *e)
{
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	const json_t *list;
	enum gemis_err err;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!root)
		return err_set_at(e, GEMIS_EINVAL, "", _("line %d: not JSON: %s"), jerr.line,
		                  jerr.text);
	list = json_object_get(root, "indicators");
	err = json_is_object(root)
	              ? head(root, mem, out, e)
	              : err_set_at(e, GEMIS_EINVAL, "", "%s", _("a catalog file is a JSON object"));
	if (!err && (!json_is_array(list) || json_array_size(list) == 0 ||
	             json_array_size(list) > CATALOG_FILE_MAX))
		err = err_set_at(e, GEMIS_EINVAL, "indicators",
		                 _("must be a list of 1 to %d indicators"), CATALOG_FILE_MAX);
	if (!err) {
		out->n = json_array_size(list);
		out->ind = arena_alloc(mem, out->n * sizeof(*out->ind));
		if (!out->ind)
			err = GEMIS_ENOMEM;
	}
	for (i = 0; !err && i < out->n; i++)
		err = entry(json_array_get(list, i), i, &out->ind[i], mem, e);
	json_decref(root);
	return err;
}
