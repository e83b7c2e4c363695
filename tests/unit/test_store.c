/*
 * test_store.c: the storage layer on a real database: migrations, the
 * administrative tree, values with their audit trail (all or nothing),
 * plans with their history, accounts and tokens.
 *
 * By default it runs on a new SQLite file in a temporary directory.  With
 * GEMIS_TEST_PG set to a PostgreSQL URL of an empty database it runs the
 * same checks there (the schema is dropped first), so that both backends
 * pass one suite.
 */
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/values_csv.h"
#include "harness.h"
#include "store/plans.h"
#include "store/snapshot.h"
#include "store/store.h"
#include "store/users.h"
#include "store/values.h"
#include "util/i18n.h"

static struct db *db;
static struct tree tree;

static long long count(const char *sql)
{
	long long n = -1;
	bool found;
	struct errctx e = {0};

	if (db_query_int(db, &e, &n, &found, sql, "") || !found)
		return -1;
	return n;
}

static int setup(const char *url)
{
	struct errctx e = {0};
	bool installed;

	if (strncmp(url, "postgres", 8) == 0) {
		struct db *raw;

		if (db_open(url, 0, &raw, &e)) {
			fprintf(stderr, "%s\n", e.msg);
			return -1;
		}
		db_exec(raw, &e, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
		db_close(raw);
	}
	if (store_open(url, DB_OPEN_CREATE, &db, &e) || store_init(db, &installed, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	tree_init(&tree);
	if (units_load_tree(db, &tree, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

TEST(tree_and_migrations)
{
	struct errctx e = {0};
	bool installed = true;

	CHECK(tree.n == 3356);
	CHECK(tree.units[0].nleaves == 3321);
	CHECK(tree_find(&tree, "03390") >= 0);
	CHECK(strcmp(tree.units[tree.units[tree_find(&tree, "03390")].parent].code, "12") == 0);
	CHECK(count("SELECT COUNT(*) FROM agencies") == 3321 * 13);
	/* a second init and a second migration run change nothing */
	CHECK(store_init(db, &installed, &e) == GEMIS_OK && !installed);
	CHECK(count("SELECT COUNT(*) FROM units") == 3356);
	CHECK(count("SELECT COUNT(*) FROM schema_migrations") >= 2);
}

static enum gemis_err import_csv(const char *csv, struct diags *d, struct values_result *res)
{
	struct value_rows rows = {0};
	struct errctx e = {0};
	enum gemis_err err;

	err = values_csv_parse(csv, strlen(csv), &tree, &rows, d, &e);
	if (!err)
		err = values_import(db, &tree, rows.v, rows.n, "tester", "import", 0, d, res, NULL, NULL, &e);
	value_rows_release(&rows);
	return err;
}

TEST(values_all_or_nothing)
{
	struct diags d;
	struct values_result res;
	double v = 0;
	bool found = false;
	struct errctx e = {0};
	int u = tree_find(&tree, "03390"), ind = catalog_find("female_wage_workers");

	diags_init(&d, 50);
	CHECK(import_csv("unit,period,indicator,part,sex,value\n"
			 "03390,2026,female_wage_workers,num,T,412\n"
			 "03390,2026,female_wage_workers,den,T,1000\n",
			 &d, &res) == GEMIS_OK);
	CHECK(res.inserted == 2 && d.total == 0);
	CHECK(values_get(db, &tree, u, period_year_code(2026), ind, PART_NUM, SEX_T, &v, &found, &e) ==
		      GEMIS_OK &&
	      found && v == 412);
	CHECK(count("SELECT COUNT(*) FROM value_audit WHERE old_value IS NULL") == 2);
	diags_release(&d);

	/* one bad line among good ones: nothing written */
	diags_init(&d, 50);
	CHECK(import_csv("unit,period,indicator,part,sex,value\n"
			 "03390,2026,female_wage_workers,num,T,500\n"
			 "03390,2027,female_wage_workers,num,T,5\n"
			 "03390,2027,female_wage_workers,den,T,4\n",
			 &d, &res) == GEMIS_EINVAL);
	CHECK(d.total == 1 && d.n == 1 && d.d[0].line == 3);
	CHECK(values_get(db, &tree, u, period_year_code(2026), ind, PART_NUM, SEX_T, &v, &found, &e) ==
		      GEMIS_OK &&
	      v == 412);
	CHECK(count("SELECT COUNT(*) FROM datavalues") == 2);
	diags_release(&d);

	/* a change is audited with its old value */
	diags_init(&d, 50);
	CHECK(import_csv("unit,period,indicator,part,sex,value\n03390,2026,female_wage_workers,num,T,450\n",
			 &d, &res) == GEMIS_OK);
	CHECK(res.updated == 1);
	CHECK(count("SELECT COUNT(*) FROM value_audit WHERE old_value = 412 AND new_value = 450") == 1);
	diags_release(&d);
}

TEST(plans_history_and_targets)
{
	struct diags d;
	struct plan_info info;
	struct errctx e = {0};
	struct target *t = NULL;
	size_t n = 0, i;
	json_error_t jerr;
	json_t *plan = json_loads(
		"{\"document\": {\"unit\": {\"code\": \"03390\"}, \"period\": [2026, 2030], \"number\": \"645/KH-UBND\"},"
		" \"targets\": [{\"indicator\": \"female_wage_workers\", \"direction\": \"at_least\", \"value\": 40, \"year\": 2030},"
		"  {\"indicator\": \"adolescent_birth_rate\", \"direction\": \"at_most\", \"value\": 50, \"year\": 2030,"
		"   \"baseline\": {\"value\": 55, \"year\": null}},"
		"  {\"indicator\": \"custom\", \"direction\": \"achieve\", \"value\": null, \"year\": 2030}],"
		" \"agencies\": [\"vhxh\", \"yte\"], \"assignments\": {\"yte\": [\"adolescent_birth_rate\"]},"
		" \"deadline\": {\"day\": 30, \"month\": 11, \"year\": null, \"to\": \"vhxh\"}}",
		0, &jerr);

	CHECK(plan != NULL);
	diags_init(&d, 20);
	CHECK(plan_load(db, &tree, plan, "tester", false, &d, &info, &e) == GEMIS_OK);
	CHECK(info.ntargets == 2 && info.nskipped == 1 && !info.replaced);
	CHECK(plan_load(db, &tree, plan, "tester", false, &d, &info, &e) == GEMIS_OK);
	CHECK(info.replaced);
	CHECK(count("SELECT COUNT(*) FROM plans") == 2);
	CHECK(count("SELECT COUNT(*) FROM plans WHERE superseded_at IS NULL") == 1);
	CHECK(count("SELECT COUNT(*) FROM targets") == 4);
	CHECK(plans_load_targets(db, &tree, &t, &n, &e) == GEMIS_OK && n == 2);
	for (i = 0; i < n; i++) {
		CHECK(t[i].origin == tree_find(&tree, "03390"));
		if (t[i].indicator == catalog_find("adolescent_birth_rate"))
			CHECK(t[i].has_baseline && t[i].base_value == 55 && t[i].base_year == 2025);
	}
	free(t);
	diags_release(&d);
	json_decref(plan);
}

TEST(snapshot_uses_store)
{
	struct snapshot s;
	struct errctx e = {0};
	int u, ind = catalog_find("female_wage_workers");
	const struct target *t;

	CHECK(snapshot_load(db, &s, &e) == GEMIS_OK);
	u = tree_find(&s.tree, "03390");
	CHECK_EQ_DBL(engine_value(&s.eng, 2026, u, ind, SEX_T), 45, 1e-12);
	CHECK_EQ_DBL(engine_part(&s.eng, 2026, tree_find(&s.tree, "12"), ind, PART_DEN, SEX_T), 1000, 0);
	t = engine_target(&s.eng, u, ind, 2026);
	CHECK(t && t->value == 40);
	t = engine_target(&s.eng, tree_find(&s.tree, "03391"), ind, 2026);
	CHECK(!t || t->value == 60);
	snapshot_release(&s);
}

TEST(accounts_and_tokens)
{
	struct errctx e = {0};
	struct user_rec u;
	struct principal p;
	char token[TOKEN_CHARS + 1];
	long long id = 0;
	bool ok = false, found = false;
	int c = tree_find(&tree, "03390");

	i18n_set_lang(LANG_EN);
	CHECK(users_add(db, &tree, "focal.binhlu", ROLE_FOCAL, c, -1, "Nguyễn Thị A", "correct horse 1", &id, &e) == GEMIS_OK);
	CHECK(id > 0);
	CHECK(users_add(db, &tree, "focal.binhlu", ROLE_FOCAL, c, -1, NULL, "correct horse 1", NULL, &e) == GEMIS_ECONFLICT);
	CHECK(users_add(db, &tree, "Bad Name", ROLE_VIEWER, c, -1, NULL, NULL, NULL, &e) == GEMIS_EINVAL);
	CHECK(users_add(db, &tree, "shortpw", ROLE_VIEWER, c, -1, NULL, "short", NULL, &e) == GEMIS_EINVAL);
	CHECK(strstr(e.msg, "10 characters") != NULL);
	CHECK(users_add(db, &tree, "rep", ROLE_REPORTER, c, -1, NULL, NULL, NULL, &e) == GEMIS_EINVAL);
	CHECK(users_add(db, &tree, "prov", ROLE_PROVINCE, c, -1, NULL, NULL, NULL, &e) == GEMIS_EINVAL);
	CHECK(users_add(db, &tree, "prov12", ROLE_PROVINCE, tree_find(&tree, "12"), -1, NULL, NULL, NULL, &e) == GEMIS_OK);

	CHECK(users_check_password(db, "focal.binhlu", "correct horse 1", &u, &ok, &e) == GEMIS_OK && ok);
	CHECK(users_check_password(db, "focal.binhlu", "wrong horse 1", &u, &ok, &e) == GEMIS_OK && !ok);
	CHECK(users_check_password(db, "nobody", "correct horse 1", &u, &ok, &e) == GEMIS_OK && !ok);
	CHECK(users_check_password(db, "prov12", "", &u, &ok, &e) == GEMIS_OK && !ok);
	CHECK(count("SELECT COUNT(*) FROM users WHERE password_hash LIKE '$argon2id$%'") == 1);

	CHECK(tokens_create(db, id, "script", token, &e) == GEMIS_OK);
	CHECK(strncmp(token, "gmt_", 4) == 0 && strlen(token) == TOKEN_CHARS);
	CHECK(tokens_lookup(db, token, &u, &found, &e) == GEMIS_OK && found && u.id == id);
	CHECK(strcmp(u.unit_code, "03390") == 0 && u.role == ROLE_FOCAL);
	token[10] = token[10] == 'a' ? 'b' : 'a';
	CHECK(tokens_lookup(db, token, &u, &found, &e) == GEMIS_OK && !found);
	CHECK(tokens_lookup(db, "gmt_short", &u, &found, &e) == GEMIS_OK && !found);
	CHECK(count("SELECT COUNT(*) FROM api_tokens WHERE token_hash LIKE 'gmt_%'") == 0);

	CHECK(users_find(db, "focal.binhlu", &u, &found, &e) == GEMIS_OK && found);
	CHECK(principal_of(&tree, &u, &p) == GEMIS_OK && p.unit == c && p.role == ROLE_FOCAL);
	CHECK(access_in_scope(&tree, &p, c));
	CHECK(!access_in_scope(&tree, &p, tree_find(&tree, "12")));
	CHECK(!access_in_scope(&tree, &p, tree_find(&tree, "03391")));
	CHECK(users_set_password(db, id, "another horse 2", &e) == GEMIS_OK);
	CHECK(users_check_password(db, "focal.binhlu", "correct horse 1", &u, &ok, &e) == GEMIS_OK && !ok);
	CHECK(users_check_password(db, "focal.binhlu", "another horse 2", &u, &ok, &e) == GEMIS_OK && ok);
}

int main(void)
{
	const char *pg = getenv("GEMIS_TEST_PG");
	char dir[] = "/tmp/gemis-store-XXXXXX", path[64];
	int rc;

	if (sodium_init() < 0)
		return 1;
	if (pg && *pg) {
		printf("backend: PostgreSQL\n");
		if (setup(pg))
			return 1;
	} else {
		if (!mkdtemp(dir))
			return 1;
		snprintf(path, sizeof(path), "%s/test.db", dir);
		printf("backend: SQLite\n");
		if (setup(path))
			return 1;
	}
	RUN(tree_and_migrations);
	RUN(values_all_or_nothing);
	RUN(plans_history_and_targets);
	RUN(snapshot_uses_store);
	RUN(accounts_and_tokens);
	rc = harness_report();
	tree_release(&tree);
	db_close(db);
	if (!(pg && *pg)) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			rc = 1;
	}
	return rc;
}
