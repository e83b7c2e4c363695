/*
 * test_local.c: a plan's targets outside the catalog become the unit's
 * own indicators (store/local_indicators.h): made and kept by plan_load,
 * values recorded with versions, permissions and the lock of an approved
 * form, judged against the plan's target.  A real SQLite file, or the
 * PostgreSQL database of GEMIS_TEST_PG.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "store/local_indicators.h"
#include "store/plans.h"
#include "store_fixture.h"
#include "util/i18n.h"

/* A commune's plan: one catalog target, two numeric custom ones, one
 * qualitative; the economic office holds the economy's indicators. */
static const char plan_json[] =
	"{\"document\": {\"number\": \"1/KH-UBND\", \"date\": \"2026-04-10\", \"place\": \"Bình Lư\","
	" \"unit\": {\"level\": \"commune\", \"name\": \"Bình Lư\", \"code\": \"03390\"}, \"province\": \"Lai Châu\","
	" \"title\": \"Kế hoạch\", \"period\": [2026, 2030], \"signer\": null},"
	" \"references\": [], \"targets\": ["
	"{\"indicator\": \"female_wage_workers\", \"goal\": \"economy\", \"value\": 40, \"unit\": \"%\","
	" \"direction\": \"at_least\", \"year\": 2030, \"baseline\": null, \"text\": \"Lao động nữ làm công hưởng lương 40%.\"},"
	"{\"indicator\": \"custom\", \"goal\": \"family\", \"value\": 5, \"unit\": \"%\", \"direction\": \"at_most\","
	" \"year\": 2030, \"baseline\": {\"value\": 12, \"year\": 2025}, \"text\": \" Giảm tỷ lệ tảo hôn xuống dưới 5% vào năm 2030.\\n\"},"
	"{\"indicator\": \"custom\", \"goal\": \"economy\", \"value\": 120, \"unit\": \"lao động\", \"direction\": \"at_least\","
	" \"year\": 2027, \"baseline\": null, \"text\": \"Giải quyết việc làm mới cho ít nhất 120 lao động\"},"
	"{\"indicator\": \"custom\", \"goal\": \"family\", \"value\": null, \"unit\": null, \"direction\": \"achieve\","
	" \"year\": 2030, \"baseline\": null, \"text\": \"Duy trì mô hình địa chỉ tin cậy.\"}],"
	" \"agencies\": [\"vhxh\", \"kinhte\", \"yte\"], \"assignments\": {\"kinhte\": [\"female_wage_workers\"]},"
	" \"deadline\": {\"day\": 30, \"month\": 11, \"year\": null, \"to\": \"vhxh\"}, \"lint\": []}";

static struct principal who(const struct tree *t, const char *name, enum role r, const char *agency)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "%s", name);
	p.role = r;
	p.unit = tree_find(t, "03390");
	p.agency = agency ? agency_find(agency) : -1;
	return p;
}

TEST(labels_and_owner)
{
	json_error_t je;
	json_t *plan = json_loads(plan_json, 0, &je);
	char buf[16];

	CHECK(local_label_parse("L3") == 3 && local_label_parse("l12") == 12 && local_label_parse("7") == 7);
	CHECK(local_label_parse("L") == 0 && local_label_parse("L0") == 0 && local_label_parse("L2x") == 0 &&
	      local_label_parse("x2") == 0 && local_label_parse(NULL) == 0 && local_label_parse("L-1") == 0);
	CHECK_STR(local_label(4, buf, sizeof(buf)), "L4");
	CHECK(plan != NULL);
	/* the economy's indicators are the economic office's; the family's
	 * has none assigned, so the office the reports go to */
	CHECK_STR(local_owner(plan, GOAL_ECONOMY), "kinhte");
	CHECK_STR(local_owner(plan, GOAL_FAMILY), "vhxh");
	json_object_del(plan, "deadline");
	CHECK_STR(local_owner(plan, GOAL_FAMILY), "vhxh");
	json_object_set_new(plan, "deadline", json_pack("{s:s}", "to", "yte"));
	CHECK_STR(local_owner(plan, GOAL_HEALTH), "yte");
	json_decref(plan);
}

/* Values on L1 (tảo hôn, %, at most 5, owed by vhxh). */
static void record_checks(struct db *db, struct tree *t, int unit)
{
	struct principal vhxh = who(t, "binhlu.vhxh", ROLE_REPORTER, "vhxh");
	struct principal yte = who(t, "binhlu.yte", ROLE_REPORTER, "yte");
	struct principal focal = who(t, "binhlu", ROLE_FOCAL, NULL);
	struct local_list l;
	struct assessment a;
	struct diags d;
	struct errctx e = {0};
	long long id = 0, id2 = 0;

	diags_init(&d, 20);
	CHECK(local_record(db, t, &vhxh, unit, 1, 2026, 9.5, "Sổ hộ tịch", 0, 1000, &d, &id, &e) == GEMIS_OK && id > 0);
	/* the same version again: someone recorded since */
	CHECK(local_record(db, t, &vhxh, unit, 1, 2026, 9, NULL, 0, 1001, &d, &id2, &e) == GEMIS_ECONFLICT && id2 == 0);
	CHECK(strstr(e.msg, "binhlu.vhxh recorded a value") != NULL);
	/* bad values name their field, and nothing is written */
	CHECK(local_record(db, t, &vhxh, unit, 1, 2026, 101, NULL, id, 1002, &d, &id2, &e) == GEMIS_EINVAL);
	CHECK(d.n == 1 && strcmp(d.d[0].field, "value") == 0);
	diags_release(&d);
	diags_init(&d, 20);
	CHECK(local_record(db, t, &vhxh, unit, 1, 1800, NAN, NULL, id, 1002, &d, &id2, &e) == GEMIS_EINVAL);
	CHECK(d.n == 2 && strcmp(d.d[0].field, "value") == 0 && strcmp(d.d[1].field, "year") == 0);
	CHECK(fixture_count(db, "SELECT COUNT(*) FROM local_values") == 1);
	diags_release(&d);
	diags_init(&d, 20);
	/* a note's limit counts characters: 1000 Vietnamese ones pass (3000
	 * bytes), 1001 do not */
	{
		char note[3 * (LOCAL_NOTE_MAX + 1) + 1];
		int k;

		for (k = 0; k <= LOCAL_NOTE_MAX; k++)
			memcpy(note + 3 * k, "ộ", 3);
		note[3 * (LOCAL_NOTE_MAX + 1)] = '\0';
		CHECK(local_record(db, t, &vhxh, unit, 1, 2026, 9, note, id, 1002, &d, &id2, &e) == GEMIS_EINVAL);
		CHECK(d.n == 1 && strcmp(d.d[0].field, "note") == 0);
		note[3 * LOCAL_NOTE_MAX] = '\0';
		diags_release(&d);
		diags_init(&d, 20);
		CHECK(local_record(db, t, &vhxh, unit, 1, 2026, 9.5, note, id, 1002, &d, &id2, &e) == GEMIS_OK);
		id = id2;
	}
	/* another agency's account; an indicator the unit does not have */
	CHECK(local_record(db, t, &yte, unit, 1, 2026, 4, NULL, id, 1003, &d, &id2, &e) == GEMIS_EPERM);
	CHECK(local_record(db, t, &focal, unit, 9, 2026, 4, NULL, 0, 1003, &d, &id2, &e) == GEMIS_ENOTFOUND);
	/* the focal point corrects it: the latest is the value */
	CHECK(local_record(db, t, &focal, unit, 1, 2026, 4.5, NULL, id, 1004, &d, &id2, &e) == GEMIS_OK);
	CHECK(local_list(db, t, unit, &l, &e) == GEMIS_OK && l.n == 2);
	if (l.n == 2) {
		const struct local_value *v = local_value_of(&l.v[0], 2026);

		CHECK(v && v->value == 4.5 && v->id == id2 && strcmp(v->by, "binhlu") == 0 && !v->note);
		local_assess(&l.v[0], 2026, &a);
		CHECK(a.status == ST_ACHIEVED);
		local_assess(&l.v[0], 2027, &a);
		CHECK(a.status == ST_NOT_REPORTED && a.prior == ST_ACHIEVED);
		local_assess(&l.v[1], 2026, &a);
		CHECK(a.status == ST_NO_DATA);
	}
	local_list_release(&l);
	/* the focal point hands L2 to the health station: its reporter records
	 * it from then on, the culture-social office's no longer; the change
	 * is logged */
	CHECK(local_assign(db, t, &vhxh, unit, 2, "yte", 1010, &e) == GEMIS_EPERM);
	CHECK(local_assign(db, t, &focal, unit, 2, "nope", 1010, &e) == GEMIS_EINVAL && strcmp(e.where, "agency") == 0);
	CHECK(local_assign(db, t, &focal, unit, 9, "yte", 1010, &e) == GEMIS_ENOTFOUND);
	CHECK(local_assign(db, t, &focal, unit, 2, "yte", 1010, &e) == GEMIS_OK);
	CHECK(local_assign(db, t, &focal, unit, 2, "yte", 1011, &e) == GEMIS_OK); /* no change */
	CHECK(fixture_count(db, "SELECT COUNT(*) FROM local_log WHERE agency_before = 'kinhte' AND agency = 'yte'"
				" AND changed_by = 'binhlu'") == 1);
	CHECK(fixture_count(db, "SELECT COUNT(*) FROM local_log") == 1);
	CHECK(local_record(db, t, &yte, unit, 2, 2026, 30, NULL, 0, 1012, &d, &id2, &e) == GEMIS_OK);
	/* an approved form of vhxh for 2026 locks its values of 2026 */
	CHECK(db_run(db, &e,
		     "INSERT INTO submissions (unit_id, agency, period, status, created_at, updated_at, updated_by)"
		     " VALUES (?, 'vhxh', '2026', 'approved', 1, 1, 'binhlu')",
		     "i", t->units[unit].id) == GEMIS_OK);
	CHECK(local_record(db, t, &focal, unit, 1, 2026, 4, NULL, id2, 1005, &d, &id, &e) == GEMIS_ECONFLICT);
	CHECK(strstr(e.msg, "locked") != NULL);
	CHECK(local_record(db, t, &focal, unit, 1, 2027, 4, NULL, 0, 1006, &d, &id, &e) == GEMIS_OK);
	diags_release(&d);
}

/* Applying again keeps the indicators; another wording makes a new one
 * and leaves the old out of force with its values. */
static void reapply_checks(struct db *db, struct tree *t, int unit, json_t *plan)
{
	struct local_list l;
	struct plan_info info;
	struct diags d;
	struct errctx e = {0};
	struct arena mem;
	struct local_value *h;
	size_t nh;

	diags_init(&d, 20);
	CHECK(plan_load(db, t, plan, "test", false, &d, &info, &e) == GEMIS_OK);
	CHECK(info.nlocal_new == 0 && info.nlocal_kept == 2 && info.nskipped == 1);
	json_object_set_new(json_array_get(json_object_get(plan, "targets"), 1), "text",
			    json_string("Không còn tảo hôn vào năm 2030."));
	CHECK(plan_load(db, t, plan, "test", false, &d, &info, &e) == GEMIS_OK);
	CHECK(info.nlocal_new == 1 && info.nlocal_kept == 1);
	CHECK(local_list(db, t, unit, &l, &e) == GEMIS_OK && l.n == 3);
	if (l.n == 3) {
		CHECK(l.v[0].seq == 2 && l.v[0].in_force && l.v[1].seq == 3 && l.v[1].in_force);
		CHECK(l.v[2].seq == 1 && !l.v[2].in_force && l.v[2].nvalues == 2);
		CHECK(local_find(&l, 3) == &l.v[1] && local_find(&l, 4) == NULL);
	}
	local_list_release(&l);
	arena_init(&mem, 0);
	CHECK(local_history(db, t, unit, 1, &mem, &h, &nh, &e) == GEMIS_OK && nh == 4);
	if (nh == 4)
		CHECK(h[0].value == 9.5 && strcmp(h[0].note, "Sổ hộ tịch") == 0 && strlen(h[1].note) == 3 * LOCAL_NOTE_MAX &&
		      h[2].value == 4.5 && h[3].year == 2027);
	arena_release(&mem);
	diags_release(&d);
}

TEST(local_indicators_from_a_plan)
{
	const char *pg = getenv("GEMIS_TEST_PG");
	char dir[] = "/tmp/gemis-local-XXXXXX", path[64];
	const char *url = path;
	struct db *db = NULL;
	struct tree t;
	struct diags d;
	struct plan_info info;
	struct local_list l;
	struct errctx e = {0};
	json_error_t je;
	json_t *plan = json_loads(plan_json, 0, &je), *bad;
	int unit;

	if (pg && *pg) {
		url = pg;
	} else if (mkdtemp(dir)) {
		snprintf(path, sizeof(path), "%s/test.db", dir);
	} else {
		CHECK(!"temporary directory");
		return;
	}
	CHECK(plan != NULL);
	if (!plan || fixture_open(url, &db, &t) != 0) {
		CHECK(!"database");
		return;
	}
	unit = tree_find(&t, "03390");
	diags_init(&d, 100);
	/* a custom target without its sentence or goal is refused, by field */
	bad = json_deep_copy(plan);
	json_object_del(json_array_get(json_object_get(bad, "targets"), 2), "text");
	json_object_set_new(json_array_get(json_object_get(bad, "targets"), 2), "goal", json_string("sport"));
	CHECK(plan_load(db, &t, bad, "test", false, &d, &info, &e) == GEMIS_EINVAL);
	CHECK(d.n == 2 && strcmp(d.d[0].field, "targets[2].text") == 0 && strcmp(d.d[1].field, "targets[2].goal") == 0);
	CHECK(fixture_count(db, "SELECT COUNT(*) FROM local_indicators") == 0);
	json_decref(bad);
	diags_release(&d);
	diags_init(&d, 100);
	CHECK(plan_load(db, &t, plan, "test", false, &d, &info, &e) == GEMIS_OK);
	CHECK(info.ntargets == 1 && info.nlocal_new == 2 && info.nlocal_kept == 0 && info.nskipped == 1);
	CHECK(local_list(db, &t, unit, &l, &e) == GEMIS_OK && l.n == 2);
	if (l.n == 2) {
		CHECK_STR(l.v[0].name, "Giảm tỷ lệ tảo hôn xuống dưới 5% vào năm 2030.");
		CHECK(l.v[0].seq == 1 && l.v[0].goal == GOAL_FAMILY && l.v[0].polarity == POL_LOWER);
		CHECK_STR(l.v[0].agency, "vhxh");
		CHECK(l.v[0].in_force && l.v[0].target.dir == DIR_AT_MOST && l.v[0].target.value == 5 &&
		      l.v[0].target.year == 2030 && l.v[0].target.base_value == 12 && l.v[0].target.base_year == 2025);
		CHECK_STR(l.v[1].unit, "lao động");
		CHECK_STR(l.v[1].agency, "kinhte");
		CHECK(l.v[1].target.dir == DIR_AT_LEAST && !l.v[1].target.has_baseline && l.v[1].nvalues == 0);
	}
	local_list_release(&l);
	record_checks(db, &t, unit);
	reapply_checks(db, &t, unit, plan);
	json_decref(plan);
	diags_release(&d);
	tree_release(&t);
	db_close(db);
	if (url == path) {
		unlink(path);
		rmdir(dir);
	}
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	RUN(labels_and_owner);
	RUN(local_indicators_from_a_plan);
	return harness_report();
}
