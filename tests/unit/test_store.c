/*
 * test_store.c: the storage layer on a real database: migrations, the
 * administrative tree, values with their audit trail (all or nothing),
 * plans with their history, accounts and tokens.
 *
 * By default it runs on a new SQLite file in a temporary directory.  With
 * GEMIS_TEST_PG set to a PostgreSQL URL of an empty database it runs the
 * same checks there (the schema is dropped first), so that both backends
 * pass one suite.  tests/with-pg starts a throwaway cluster for it, and
 * ./dev test runs the suite both ways.
 *
 * Where the backends could differ, the suite pins down what callers rely
 * on: transactions and rollback after an error, constraint violations
 * reported as GEMIS_ECONFLICT, statements with many parameters and reused
 * many times, and several connections writing at once (read-check-write
 * batches taking turns, optimistic version checks refusing a stale save).
 */
#include <jansson.h>
#include <pthread.h>
#include <semaphore.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/values_csv.h"
#include "harness.h"
#include "store_fixture.h"
#include "store/plans.h"
#include "store/snapshot.h"
#include "store/submissions.h"
#include "store/store.h"
#include "store/users.h"
#include "store/values.h"
#include "util/i18n.h"

static struct db *db;
static struct tree tree;
static const char *test_url; /* of the database under test */

static long long count(const char *sql)
{
	return fixture_count(db, sql);
}

static int setup(const char *url)
{
	return fixture_open(url, &db, &tree);
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
	/* the trail still shows the replaced value's first entry, and each
	 * event once: the audit keeps only replaced values (migrations 0410-0412),
	 * the view value_audit tells the whole story */
	CHECK(count("SELECT COUNT(*) FROM value_audit WHERE old_value IS NULL AND new_value = 412") == 1);
	CHECK(count("SELECT COUNT(*) FROM value_audit") == 3);
	CHECK(count("SELECT COUNT(*) FROM value_changes") == 1);
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
	/* a commune without a plan of its own inherits the national target */
	CHECK(tree_find(&s.tree, "03394") >= 0);
	t = engine_target(&s.eng, tree_find(&s.tree, "03394"), ind, 2026);
	CHECK(t && t->value == 60 && t->origin == -1);
	snapshot_release(&s);
}

/* Every figure of two snapshots, bit for bit (NaN equal to NaN). */
static size_t snapshots_differ(const struct snapshot *a, const struct snapshot *b)
{
	size_t bad = 0;
	int y, u, k, part, sex;

	if (a->eng.year_min != b->eng.year_min || a->eng.year_max != b->eng.year_max)
		return 1;
	for (y = a->eng.year_min; y <= a->eng.year_max; y++) {
		for (u = 0; u < (int)a->tree.n; u++) {
			for (k = 0; k < (int)catalog_n(); k++) {
				for (part = 0; part < PART_SLOTS; part++) {
					for (sex = 0; sex < SEX_SLOTS; sex++) {
						double x = engine_part(&a->eng, y, u, k, part, sex);
						double z = engine_part(&b->eng, y, u, k, part, sex);

						if (!(x == z || (isnan(x) && isnan(z))))
							bad++;
					}
				}
				if (engine_reporting(&a->eng, y, u, k) != engine_reporting(&b->eng, y, u, k))
					bad++;
			}
		}
	}
	return bad;
}

/* A change applied in place (the units it touched read again, the roll-up
 * redone above them) gives the same figures as reading everything, and
 * leaves the snapshot it started from as it was, for its readers. */
TEST(changes_applied_in_place_equal_a_reload)
{
	struct snapshot s0, s1, s2, s3;
	struct diags d;
	struct values_result res;
	struct errctx e = {0};
	long long v0, v1, v2, av, *ids = NULL;
	size_t n = 0;
	bool all = true, masks = true;
	unsigned char *touched = calloc(tree.n, 1);
	int ind = catalog_find("primary_completion"), c1 = tree_find(&tree, "03394");
	double before;

	diags_init(&d, 50);
	CHECK(import_csv("unit,period,indicator,part,sex,value\n"
			 "03394,2025,primary_completion,num,F,300\n"
			 "03394,2025,primary_completion,den,F,1000\n"
			 "03394,2025,primary_completion,num,M,200\n"
			 "03394,2025,primary_completion,den,M,900\n"
			 "09385,2026,female_wage_workers,num,T,50\n"
			 "09385,2026,female_wage_workers,den,T,100\n"
			 "09385,2026Q1,news_items_per_quarter,value,T,4\n",
			 &d, &res) == GEMIS_OK);
	CHECK(store_versions(db, &v0, &av, &e) == GEMIS_OK);
	CHECK(snapshot_load(db, &s0, &e) == GEMIS_OK);
	before = engine_part(&s0.eng, 2025, c1, ind, PART_NUM, SEX_T);
	CHECK_EQ_DBL(before, 500, 0);

	/* values of two communes of two provinces, one of them quarterly */
	CHECK(import_csv("unit,period,indicator,part,sex,value\n"
			 "03394,2025,primary_completion,num,F,310\n"
			 "03394,2026,primary_completion,num,T,520\n"
			 "03394,2026,primary_completion,den,T,1900\n"
			 "09385,2026Q2,news_items_per_quarter,value,T,6\n",
			 &d, &res) == GEMIS_OK);
	CHECK(store_versions(db, &v1, &av, &e) == GEMIS_OK && v1 > v0);
	CHECK(store_changes_since(db, v0, v1, &ids, &n, &all, &e) == GEMIS_OK);
	CHECK(!all && n == 2);
	CHECK(snapshot_apply(db, &s0, ids, n, &s1, touched, &masks, &e) == GEMIS_OK);
	CHECK(!masks);
	CHECK(touched[c1] && touched[tree_find(&tree, "12")] && touched[0]);
	CHECK(!touched[tree_find(&tree, "03390")]);
	CHECK(snapshot_load(db, &s2, &e) == GEMIS_OK);
	CHECK(snapshots_differ(&s1, &s2) == 0);
	CHECK_EQ_DBL(engine_part(&s1.eng, 2025, c1, ind, PART_NUM, SEX_T), 510, 0);
	/* the old snapshot is untouched */
	CHECK_EQ_DBL(engine_part(&s0.eng, 2025, c1, ind, PART_NUM, SEX_T), before, 0);
	free(ids);
	ids = NULL;

	/* a year the engine has not computed yet: computed whole, same answer */
	CHECK(import_csv("unit,period,indicator,part,sex,value\n"
			 "03394,2021,primary_completion,num,T,600\n"
			 "03394,2021,primary_completion,den,T,2000\n",
			 &d, &res) == GEMIS_OK);
	CHECK(store_versions(db, &v2, &av, &e) == GEMIS_OK);
	CHECK(store_changes_since(db, v1, v2, &ids, &n, &all, &e) == GEMIS_OK && !all && n == 1);
	memset(touched, 0, tree.n);
	CHECK(snapshot_apply(db, &s1, ids, n, &s3, touched, &masks, &e) == GEMIS_OK);
	snapshot_release(&s2);
	CHECK(snapshot_load(db, &s2, &e) == GEMIS_OK);
	CHECK(snapshots_differ(&s3, &s2) == 0);
	CHECK(s3.eng.year_min == 2021);
	free(ids);
	ids = NULL;

	/* a plan cannot be applied unit by unit: the log says read it all */
	CHECK(store_data_changed(db, &e) == GEMIS_OK);
	CHECK(store_versions(db, &v0, &av, &e) == GEMIS_OK);
	CHECK(store_changes_since(db, v2, v0, &ids, &n, &all, &e) == GEMIS_OK && all);
	free(ids);
	/* nor a log that does not reach back (a version from before it) */
	CHECK(store_changes_since(db, 0, v0, &ids, &n, &all, &e) == GEMIS_OK && all);
	free(ids);

	snapshot_release(&s0);
	snapshot_release(&s1);
	snapshot_release(&s2);
	snapshot_release(&s3);
	free(touched);
	diags_release(&d);
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
	CHECK(users_add(db, &tree, "commonpw", ROLE_VIEWER, c, -1, NULL, "Password123", NULL, &e) == GEMIS_EINVAL);
	CHECK(strstr(e.msg, "most common") != NULL && strcmp(e.where, "password") == 0);
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
	CHECK(!access_in_scope(&tree, &p, tree_find(&tree, "03394")));
	CHECK(users_set_password(db, id, "QWERTYUIOP", &e) == GEMIS_EINVAL);
	CHECK(users_set_password(db, id, "another horse 2", &e) == GEMIS_OK);
	CHECK(users_check_password(db, "focal.binhlu", "correct horse 1", &u, &ok, &e) == GEMIS_OK && !ok);
	CHECK(users_check_password(db, "focal.binhlu", "another horse 2", &u, &ok, &e) == GEMIS_OK && ok);
}


/* Opens a second connection to the database under test. */
static struct db *second_connection(void)
{
	struct db *d = NULL;
	struct errctx e = {0};

	if (db_open(test_url, 0, &d, &e)) {
		fprintf(stderr, "second connection: %s\n", e.msg);
		return NULL;
	}
	return d;
}

TEST(transactions_commit_and_rollback)
{
	struct errctx e = {0};

	CHECK(db_exec(db, &e, "CREATE TABLE tx_probe (k TEXT PRIMARY KEY, v BIGINT NOT NULL)") == GEMIS_OK);
	CHECK(db_begin(db, &e) == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO tx_probe (k, v) VALUES (?, ?)", "ti", "a", 1LL) == GEMIS_OK);
	CHECK(db_begin(db, &e) == GEMIS_EDB); /* not nested */
	db_rollback(db);
	CHECK(count("SELECT COUNT(*) FROM tx_probe") == 0);

	CHECK(db_begin(db, &e) == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO tx_probe (k, v) VALUES (?, ?)", "ti", "a", 1LL) == GEMIS_OK);
	CHECK(db_commit(db, &e) == GEMIS_OK);
	CHECK(count("SELECT COUNT(*) FROM tx_probe") == 1);

	/* an error inside a transaction: rolling back leaves the connection
	 * usable (PostgreSQL refuses every statement of a failed transaction
	 * until then) and nothing of the transaction stays */
	CHECK(db_begin(db, &e) == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO tx_probe (k, v) VALUES (?, ?)", "ti", "b", 2LL) == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO tx_probe (k, v) VALUES (?, ?)", "ti", "a", 3LL) == GEMIS_ECONFLICT);
	db_rollback(db);
	CHECK(count("SELECT COUNT(*) FROM tx_probe") == 1);
	CHECK(db_run(db, &e, "INSERT INTO tx_probe (k, v) VALUES (?, ?)", "ti", "c", 4LL) == GEMIS_OK);
	CHECK(count("SELECT SUM(v) FROM tx_probe") == 5);

	/* a commit outside a transaction is an error on both backends */
	CHECK(db_commit(db, &e) != GEMIS_OK);
	CHECK(db_lock_table(db, "tx_probe", &e) == GEMIS_EDB); /* outside a transaction */
	CHECK(db_exec(db, &e, "DROP TABLE tx_probe") == GEMIS_OK);
}

/* The parts of one transaction (a group commit's writes, http/writers.c):
 * a part that fails, even by a constraint (which PostgreSQL answers by
 * refusing every later statement of the transaction), is undone alone;
 * the parts before and after it are committed together. */
TEST(savepoints_undo_one_part_alone)
{
	struct errctx e = {0};

	CHECK(db_savepoint(db, &e) == GEMIS_EDB); /* outside a transaction */
	CHECK(db_exec(db, &e, "CREATE TABLE sp_probe (k TEXT PRIMARY KEY, v BIGINT NOT NULL)") == GEMIS_OK);
	CHECK(db_begin(db, &e) == GEMIS_OK);
	CHECK(db_savepoint(db, &e) == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO sp_probe (k, v) VALUES (?, ?)", "ti", "a", 1LL) == GEMIS_OK);
	CHECK(db_savepoint_release(db, &e) == GEMIS_OK);
	CHECK(db_savepoint(db, &e) == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO sp_probe (k, v) VALUES (?, ?)", "ti", "b", 2LL) == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO sp_probe (k, v) VALUES (?, ?)", "ti", "a", 3LL) == GEMIS_ECONFLICT);
	CHECK(db_savepoint_rollback(db, &e) == GEMIS_OK);
	CHECK(db_savepoint(db, &e) == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO sp_probe (k, v) VALUES (?, ?)", "ti", "c", 4LL) == GEMIS_OK);
	CHECK(db_savepoint_release(db, &e) == GEMIS_OK);
	CHECK(db->in_tx);
	CHECK(db_commit(db, &e) == GEMIS_OK);
	CHECK(count("SELECT COUNT(*) FROM sp_probe") == 2);
	CHECK(count("SELECT SUM(v) FROM sp_probe") == 5); /* a and c, not b */
	CHECK(db_exec(db, &e, "DROP TABLE sp_probe") == GEMIS_OK);
}

/* A connection keeps the statements it prepared (db_sqlite.c): one taken
 * back must act as a new one.  Its bindings are gone, it holds no read of
 * an older state of the database, two of the same SQL can be open at once,
 * one that met an error is prepared afresh, it follows a change of the
 * schema, and more SQL texts than are kept push the oldest out. */
TEST(kept_statements_act_as_new_ones)
{
	struct errctx e = {0};
	struct db_stmt *a = NULL, *b = NULL;
	struct db *other = NULL;
	bool ok = true;
	int i;

	CHECK(db_exec(db, &e, "CREATE TABLE kept_probe (k BIGINT PRIMARY KEY, v TEXT)") == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO kept_probe (k, v) VALUES (1, 'one'), (2, 'two')", "") == GEMIS_OK);
	/* bound, run, given back: taken again, its parameter is NULL */
	CHECK(db_prepare(db, &a, &e, "SELECT COUNT(*) FROM kept_probe WHERE v = ? OR CAST(? AS TEXT) IS NULL") == GEMIS_OK);
	if (a) {
		db_bindv(a, "tt", "one", "x");
		CHECK(db_next(a) && db_col_int(a, 0) == 1);
		CHECK(db_finalize(a, &e) == GEMIS_OK);
	}
	a = NULL;
	CHECK(db_prepare(db, &a, &e, "SELECT COUNT(*) FROM kept_probe WHERE v = ? OR CAST(? AS TEXT) IS NULL") == GEMIS_OK);
	if (a) {
		CHECK(db_next(a) && db_col_int(a, 0) == 2); /* both NULL: every row */
		CHECK(db_finalize(a, &e) == GEMIS_OK);
	}
	/* given back after one row of two: it holds no read, and taken again
	 * it sees what another connection wrote meanwhile */
	a = NULL;
	CHECK(db_prepare(db, &a, &e, "SELECT v FROM kept_probe ORDER BY k") == GEMIS_OK);
	if (a) {
		CHECK(db_next(a) && strcmp(db_col_text(a, 0), "one") == 0);
		CHECK(db_finalize(a, &e) == GEMIS_OK);
	}
	CHECK(db_open(test_url, 0, &other, &e) == GEMIS_OK);
	if (other) {
		CHECK(db_run(other, &e, "UPDATE kept_probe SET v = 'uno' WHERE k = 1", "") == GEMIS_OK);
		db_close(other);
	}
	a = NULL;
	CHECK(db_prepare(db, &a, &e, "SELECT v FROM kept_probe ORDER BY k") == GEMIS_OK);
	/* the same SQL twice at once: two statements, each at its own row */
	CHECK(db_prepare(db, &b, &e, "SELECT v FROM kept_probe ORDER BY k") == GEMIS_OK);
	if (a && b) {
		CHECK(db_next(a) && strcmp(db_col_text(a, 0), "uno") == 0);
		CHECK(db_next(b) && strcmp(db_col_text(b, 0), "uno") == 0);
		CHECK(db_next(b) && strcmp(db_col_text(b, 0), "two") == 0);
		CHECK(db_next(a) && strcmp(db_col_text(a, 0), "two") == 0);
		CHECK(!db_next(a) && !db_next(b));
	}
	CHECK(db_finalize(a, &e) == GEMIS_OK);
	CHECK(db_finalize(b, &e) == GEMIS_OK);
	/* a statement that failed is not kept broken: the same SQL runs again */
	CHECK(db_run(db, &e, "INSERT INTO kept_probe (k, v) VALUES (?, ?)", "it", 1LL, "dup") == GEMIS_ECONFLICT);
	CHECK(db_run(db, &e, "INSERT INTO kept_probe (k, v) VALUES (?, ?)", "it", 3LL, "three") == GEMIS_OK);
	CHECK(count("SELECT COUNT(*) FROM kept_probe") == 3);
	/* the schema changes under a kept statement (the table made anew) */
	CHECK(count("SELECT SUM(k) FROM kept_probe") == 6);
	CHECK(db_exec(db, &e, "DROP TABLE kept_probe; CREATE TABLE kept_probe (v TEXT, k BIGINT PRIMARY KEY);"
		      " INSERT INTO kept_probe (v, k) VALUES ('ten', 10)") == GEMIS_OK);
	CHECK(count("SELECT SUM(k) FROM kept_probe") == 10);
	/* more SQL texts than are kept, twice over: each answers its own */
	for (i = 0; i < 2 * 200 && ok; i++) {
		char q[96];

		snprintf(q, sizeof(q), "SELECT %d + COUNT(*) FROM kept_probe WHERE k > ?", i % 200);
		a = NULL;
		if (db_prepare(db, &a, &e, q)) {
			ok = false;
			break;
		}
		db_bind_int(a, 1, 3);
		ok = db_next(a) && db_col_int(a, 0) == i % 200 + 1;
		ok &= db_finalize(a, &e) == GEMIS_OK;
	}
	CHECK(ok);
	CHECK(db_exec(db, &e, "DROP TABLE kept_probe") == GEMIS_OK);
}

TEST(constraints_are_conflicts)
{
	struct errctx e = {0};
	long long vn = tree.units[0].id;

	/* unique, primary key, foreign key, check, not null */
	CHECK(db_run(db, &e, "INSERT INTO meta (key, value) VALUES (?, ?)", "tt", "probe", "1") == GEMIS_OK);
	CHECK(db_run(db, &e, "INSERT INTO meta (key, value) VALUES (?, ?)", "tt", "probe", "2") ==
	      GEMIS_ECONFLICT);
	CHECK(strstr(e.msg, "database:") == e.msg);
	CHECK(db_run(db, &e,
		     "INSERT INTO units (code, level, name, short_name, parent_id, valid_from)"
		     " VALUES (?, ?, ?, ?, ?, ?)",
		     "ttttit", "77777", "commune", "X", "X", 999999999LL, "2025-07-01") == GEMIS_ECONFLICT);
	CHECK(db_run(db, &e,
		     "INSERT INTO units (code, level, name, short_name, parent_id, valid_from)"
		     " VALUES (?, ?, ?, ?, ?, ?)",
		     "ttttit", "77777", "hamlet", "X", "X", vn, "2025-07-01") == GEMIS_ECONFLICT);
	CHECK(db_run(db, &e, "INSERT INTO meta (key, value) VALUES (?, ?)", "tn", "probe2") ==
	      GEMIS_ECONFLICT);
	CHECK(db_run(db, &e, "DELETE FROM meta WHERE key = ?", "t", "probe") == GEMIS_OK);
	/* a syntax error is a database error, not a conflict */
	CHECK(db_run(db, &e, "SELEKT 1", "") == GEMIS_EDB);
}

TEST(statements_many_parameters_and_reuse)
{
	struct errctx e = {0};
	struct db_stmt *st = NULL;
	struct buf sql;
	size_t i;
	long long sum = 0;
	bool ok = true;

	/* 2,000 parameters in one statement (multi-row inserts use ~2,000) */
	CHECK(db_exec(db, &e, "CREATE TABLE params_probe (v BIGINT NOT NULL)") == GEMIS_OK);
	buf_init(&sql, 0);
	CHECK(buf_puts(&sql, "INSERT INTO params_probe (v) VALUES (?)") == GEMIS_OK);
	for (i = 1; i < 2000; i++)
		CHECK(buf_puts(&sql, ", (?)") == GEMIS_OK);
	CHECK(db_prepare(db, &st, &e, buf_str(&sql)) == GEMIS_OK);
	for (i = 0; st && i < 2000; i++)
		db_bind_int(st, (int)i + 1, (long long)i);
	if (st) {
		CHECK(db_step_done(st, &e) == GEMIS_OK);
		CHECK(db_changes(st) == 2000); /* still known after the reset */
	}
	CHECK(db_finalize(st, &e) == GEMIS_OK);
	sum = count("SELECT SUM(v) FROM params_probe");
	CHECK(sum == 1999LL * 2000 / 2);
	CHECK(db_exec(db, &e, "DROP TABLE params_probe") == GEMIS_OK);
	buf_release(&sql);

	/* a `?` inside a literal is not a parameter */
	st = NULL;
	CHECK(db_prepare(db, &st, &e, "SELECT '?' || ?") == GEMIS_OK);
	if (st) {
		db_bind_text(st, 1, "x");
		CHECK(db_next(st) && strcmp(db_col_text(st, 0), "?x") == 0);
		CHECK(db_finalize(st, &e) == GEMIS_OK);
	}

	/* more distinct statements than the PostgreSQL backend keeps prepared,
	 * each run several times, with bindings kept across resets */
	for (i = 0; i < 300 && ok; i++) {
		char q[96];
		int k;

		snprintf(q, sizeof(q), "SELECT CAST(? AS BIGINT) + %zu + CAST(? AS BIGINT)", i);
		st = NULL;
		if (db_prepare(db, &st, &e, q)) {
			ok = false;
			break;
		}
		db_bind_int(st, 2, 1000);
		for (k = 0; k < 3; k++) {
			db_bind_int(st, 1, k);
			if (!db_next(st) || db_col_int(st, 0) != (long long)(k + (int)i + 1000))
				ok = false;
			db_reset(st);
		}
		if (db_finalize(st, &e))
			ok = false;
	}
	CHECK(ok);

	/* values survive the trip: text with quotes and UTF-8, NULL, doubles,
	 * large integers, bytes with NULs */
	CHECK(db_exec(db, &e, "CREATE TABLE kinds_probe (t TEXT, d DOUBLE PRECISION, i BIGINT, b {{BLOB}})") !=
	      GEMIS_OK); /* placeholders are for migrations only */
	CHECK(db_exec(db, &e,
		      db_kind(db) == DB_SQLITE ? "CREATE TABLE kinds_probe (t TEXT, d DOUBLE PRECISION, i BIGINT, b BLOB)"
					       : "CREATE TABLE kinds_probe (t TEXT, d DOUBLE PRECISION, i BIGINT, b BYTEA)") ==
	      GEMIS_OK);
	st = NULL;
	CHECK(db_prepare(db, &st, &e, "INSERT INTO kinds_probe (t, d, i, b) VALUES (?, ?, ?, ?)") == GEMIS_OK);
	if (st) {
		static const unsigned char bytes[] = {0, 1, 0xff, 0, 'x'};
		size_t len = 0;
		const unsigned char *got;

		db_bind_text(st, 1, "Bình Lư 'x' \"y\"");
		db_bind_double(st, 2, 0.1 + 0.2);
		db_bind_int(st, 3, 9007199254740993LL);
		db_bind_blob(st, 4, bytes, sizeof(bytes));
		CHECK(db_step_done(st, &e) == GEMIS_OK);
		db_bind_null(st, 1);
		db_bind_double(st, 2, NAN);
		CHECK(db_step_done(st, &e) == GEMIS_OK);
		CHECK(db_finalize(st, &e) == GEMIS_OK);
		st = NULL;
		CHECK(db_prepare(db, &st, &e, "SELECT t, d, i, b FROM kinds_probe ORDER BY t IS NULL") == GEMIS_OK);
		CHECK(st && db_next(st));
		if (st) {
			CHECK_STR(db_col_text(st, 0), "Bình Lư 'x' \"y\"");
			CHECK(db_col_double(st, 1) == 0.1 + 0.2);
			CHECK(db_col_int(st, 2) == 9007199254740993LL);
			got = db_col_blob(st, 3, &len);
			CHECK(len == sizeof(bytes) && got && memcmp(got, bytes, len) == 0);
			CHECK(db_next(st));
			CHECK(db_col_text(st, 0) == NULL && isnan(db_col_double(st, 1)) && db_col_null(st, 1));
			CHECK(!db_next(st));
			CHECK(db_finalize(st, &e) == GEMIS_OK);
		}
	}
	CHECK(db_exec(db, &e, "DROP TABLE kinds_probe") == GEMIS_OK);
}

/* ---- several connections at once ---- */

struct writer {
	int id;
	int rounds;
	enum gemis_err err;
	char msg[sizeof(((struct errctx *)0)->msg)];
};

/* Imports `rounds` changes of one value, each a read-check-write batch
 * through its own connection. */
static void *import_writer(void *arg)
{
	struct writer *w = arg;
	struct db *d = second_connection();
	int i;

	if (!d) {
		w->err = GEMIS_EIO;
		return NULL;
	}
	for (i = 0; i < w->rounds && !w->err; i++) {
		struct value_row row = {0};
		struct diags dg;
		struct values_result res;
		struct errctx e = {0};
		char user[16];

		row.unit = tree_find(&tree, "03394");
		row.period = period_year_code(2026);
		row.ind = catalog_find("female_key_leaders");
		row.part = PART_DEN;
		row.sex = SEX_T;
		/* distinct from every other writer's values */
		row.value = 1000 + w->id * 1000 + i;
		row.line = i + 1;
		snprintf(user, sizeof(user), "writer%d", w->id);
		diags_init(&dg, 10);
		w->err = values_import(d, &tree, &row, 1, user, "import", 0, &dg, &res, NULL, NULL, &e);
		if (w->err)
			snprintf(w->msg, sizeof(w->msg), "%s", e.msg);
		else if (res.inserted + res.updated != 1)
			w->err = GEMIS_EDB;
		diags_release(&dg);
	}
	db_close(d);
	return NULL;
}

TEST(concurrent_imports_keep_the_audit_chain)
{
	pthread_t th[3];
	struct writer w[3];
	struct db_stmt *st = NULL;
	struct errctx e = {0};
	double prev = NAN, last = NAN;
	long long n = 0;
	bool chain = true;
	int i;

	for (i = 0; i < 3; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].id = i;
		w[i].rounds = 15;
		CHECK(pthread_create(&th[i], NULL, import_writer, &w[i]) == 0);
	}
	for (i = 0; i < 3; i++) {
		pthread_join(th[i], NULL);
		if (w[i].err)
			fprintf(stderr, "writer %d: %s\n", i, w[i].msg);
		CHECK(w[i].err == GEMIS_OK);
	}
	/* every change audited once, each with the value it replaced: no
	 * writer based a change on a value another had already replaced */
	CHECK(db_prepare(db, &st, &e,
			 "SELECT a.old_value, a.new_value FROM value_audit a JOIN units u ON u.id = a.unit_id"
			 " WHERE u.code = '03394' AND a.indicator = 'female_key_leaders' AND a.part = 'den'"
			 " ORDER BY a.batch") == GEMIS_OK);
	while (st && db_next(st)) {
		double o = db_col_double(st, 0);

		if (n == 0 ? !isnan(o) : o != prev)
			chain = false;
		prev = db_col_double(st, 1);
		n++;
	}
	CHECK(db_finalize(st, &e) == GEMIS_OK);
	CHECK(n == 45);
	CHECK(chain);
	{
		bool found = false;

		CHECK(values_get(db, &tree, tree_find(&tree, "03394"), period_year_code(2026),
				 catalog_find("female_key_leaders"), PART_DEN, SEX_T, &last, &found, &e) == GEMIS_OK);
		CHECK(found && last == prev);
	}
}

struct saver {
	long long id, version;
	long long changed;
	enum gemis_err err;
	int hold_ms; /* keep the transaction open this long after writing */
	sem_t *written; /* posted once the update is made, the transaction still open */
};

/* The optimistic save of a form: the update applies only to the version
 * the user loaded. */
static void *version_saver(void *arg)
{
	struct saver *s = arg;
	struct db *d = second_connection();
	struct db_stmt *st = NULL;
	struct errctx e = {0};

	if (!d) {
		s->err = GEMIS_EIO;
		if (s->written)
			sem_post(s->written);
		return NULL;
	}
	s->err = db_begin(d, &e);
	if (!s->err)
		s->err = db_prepare(d, &st, &e,
				    "UPDATE submissions SET status = 'draft', version = version + 1,"
				    " updated_at = ?, updated_by = ? WHERE id = ? AND version = ?");
	if (!s->err) {
		db_bindv(st, "itii", 2LL, "saver", s->id, s->version);
		s->err = db_step_done(st, &e);
		s->changed = db_changes(st);
		db_finalize(st, NULL);
	}
	if (s->written)
		sem_post(s->written);
	if (!s->err && s->hold_ms)
		usleep((useconds_t)s->hold_ms * 1000);
	if (!s->err)
		s->err = db_commit(d, &e);
	else
		db_rollback(d);
	db_close(d);
	return NULL;
}

TEST(optimistic_versions_refuse_a_stale_save)
{
	struct errctx e = {0};
	long long id = 0, version = 0;
	bool found = false;
	struct saver a = {0}, b = {0};
	pthread_t ta, tb;
	sem_t written;

	CHECK(db_run(db, &e,
		     "INSERT INTO submissions (unit_id, agency, period, status, created_at, updated_at, updated_by)"
		     " VALUES (?, 'yte', '2026', 'draft', 1, 1, 'tester')",
		     "i", tree.units[tree_find(&tree, "03390")].id) == GEMIS_OK);
	CHECK(db_query_int(db, &e, &id, &found,
			   "SELECT id FROM submissions WHERE agency = 'yte' AND period = '2026'", "") == GEMIS_OK &&
	      found);
	CHECK(db_query_int(db, &e, &version, &found, "SELECT version FROM submissions WHERE id = ?", "i",
			   id) == GEMIS_OK &&
	      version == 1);
	/* two savers loaded version 1; the first holds its transaction open
	 * while the second tries: the second waits, then finds the version
	 * gone and changes nothing */
	a.id = b.id = id;
	a.version = b.version = version;
	a.hold_ms = 300;
	/* the second starts only once the first has written: a sleep here
	 * let a busy machine start them in either order */
	CHECK(sem_init(&written, 0, 0) == 0);
	a.written = &written;
	CHECK(pthread_create(&ta, NULL, version_saver, &a) == 0);
	while (sem_wait(&written) != 0)
		;
	CHECK(pthread_create(&tb, NULL, version_saver, &b) == 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	CHECK(a.err == GEMIS_OK && b.err == GEMIS_OK);
	CHECK(a.changed + b.changed == 1);
	CHECK(a.changed == 1);
	sem_destroy(&written);
	CHECK(count("SELECT version FROM submissions WHERE agency = 'yte' AND period = '2026'") == 2);
	CHECK(db_run(db, &e, "DELETE FROM submissions WHERE id = ?", "i", id) == GEMIS_OK);
}

/* Two people save the same form at once, each from the version they saw,
 * through their own connections (as two `gemis serve` processes would):
 * one save wins, the other is refused with GEMIS_ECONFLICT, never lost
 * silently. */
struct form_saver {
	long long version;
	double value;
	enum gemis_err err;
	char msg[sizeof(((struct errctx *)0)->msg)];
	pthread_barrier_t *go;
	int form_of; /* 1: the caller builds the form and passes it
			(sub_request.form); 2: it passes its province's */
};

static void *save_form(void *arg)
{
	struct form_saver *f = arg;
	struct db *d = second_connection();
	struct principal who = {0};
	struct sub_request rq = {0};
	struct value_row rows[2];
	struct submission out;
	struct diags dg;
	struct form fm = {0};
	struct errctx e = {0};
	int u = tree_find(&tree, "03390"), ind = catalog_find("adolescent_birth_rate");

	pthread_barrier_wait(f->go);
	if (!d) {
		f->err = GEMIS_EIO;
		return NULL;
	}
	snprintf(who.name, sizeof(who.name), "rep.yte");
	who.user_id = 1;
	who.role = ROLE_REPORTER;
	who.unit = u;
	who.agency = agency_find("yte");
	memset(rows, 0, sizeof(rows));
	rows[0].unit = rows[1].unit = u;
	rows[0].period = rows[1].period = period_year_code(2026);
	rows[0].ind = rows[1].ind = ind;
	rows[0].sex = rows[1].sex = SEX_T;
	rows[0].part = PART_NUM;
	rows[0].value = f->value;
	rows[0].line = 1;
	rows[1].part = PART_DEN;
	rows[1].value = 1000;
	rows[1].line = 2;
	rq.unit = u;
	rq.agency = who.agency;
	rq.year = 2026;
	rq.action = SUB_SAVE;
	rq.version = f->version;
	rq.rows = rows;
	rq.n = 2;
	diags_init(&dg, 10);
	if (f->form_of) {
		f->err = form_build(d, &tree, f->form_of == 1 ? u : tree.units[u].parent, who.agency, 2026, &fm,
				    &e);
		rq.form = &fm;
	}
	if (!f->err)
		f->err = submissions_act(d, &tree, &who, &rq, &dg, &out, &e);
	snprintf(f->msg, sizeof(f->msg), "%s", dg.n ? dg.d[0].msg : e.msg);
	form_release(&fm);
	diags_release(&dg);
	db_close(d);
	return NULL;
}

TEST(concurrent_form_saves_never_lose_an_update)
{
	int round;

	for (round = 0; round < 2; round++) {
		struct form_saver a = {0}, b = {0};
		pthread_barrier_t go;
		pthread_t ta, tb;
		long long v0 = round == 0 ? 0 : 1;

		pthread_barrier_init(&go, NULL, 2);
		a.version = b.version = v0;
		a.value = 10 + round;
		b.value = 20 + round;
		a.go = b.go = &go;
		CHECK(pthread_create(&ta, NULL, save_form, &a) == 0);
		CHECK(pthread_create(&tb, NULL, save_form, &b) == 0);
		pthread_join(ta, NULL);
		pthread_join(tb, NULL);
		pthread_barrier_destroy(&go);
		if ((a.err == GEMIS_OK) == (b.err == GEMIS_OK))
			fprintf(stderr, "round %d: %s / %s\n", round, a.msg, b.msg);
		/* exactly one wins; the other hears of the conflict */
		CHECK((a.err == GEMIS_OK && b.err == GEMIS_ECONFLICT) ||
		      (b.err == GEMIS_OK && a.err == GEMIS_ECONFLICT));
		CHECK(count("SELECT COUNT(*) FROM submissions WHERE agency = 'yte' AND period = '2026'") == 1);
		CHECK(count("SELECT MAX(version) FROM submissions WHERE agency = 'yte' AND period = '2026'") ==
		      v0 + 1);
	}
}

/* A save given the form its caller built (as the handlers do) uses it;
 * one given another unit's form is refused and changes nothing. */
TEST(a_save_given_its_form)
{
	struct form_saver f = {0};
	pthread_barrier_t go;
	long long v = count("SELECT MAX(version) FROM submissions WHERE agency = 'yte' AND period = '2026'");

	pthread_barrier_init(&go, NULL, 1);
	f.go = &go;
	f.version = v;
	f.value = 7;
	f.form_of = 2;
	save_form(&f);
	CHECK(f.err == GEMIS_EINVAL);
	CHECK(count("SELECT MAX(version) FROM submissions WHERE agency = 'yte' AND period = '2026'") == v);
	f.form_of = 1;
	f.err = GEMIS_OK;
	save_form(&f);
	CHECK(f.err == GEMIS_OK);
	CHECK(count("SELECT MAX(version) FROM submissions WHERE agency = 'yte' AND period = '2026'") == v + 1);
	CHECK(count("SELECT CAST(v.value AS BIGINT) FROM submission_values v JOIN submissions s ON s.id ="
		    " v.submission_id WHERE s.agency = 'yte' AND s.period = '2026' AND v.part = 'num'") == 7);
	pthread_barrier_destroy(&go);
}

TEST(bulk_insertion)
{
	static const char *const cols[] = {"k", "t", "d"};
	struct db_bulk *b = NULL;
	struct errctx e = {0};
	int i;

	CHECK(db_exec(db, &e, "CREATE TABLE bulk_probe (k BIGINT PRIMARY KEY, t TEXT, d DOUBLE PRECISION)") ==
	      GEMIS_OK);
	CHECK(db_bulk_begin(db, &b, &e, "bulk_probe", cols, 3) == GEMIS_EDB); /* outside a transaction */
	CHECK(db_begin(db, &e) == GEMIS_OK);
	CHECK(db_bulk_begin(db, &b, &e, "bulk_probe", cols, 3) == GEMIS_OK);
	for (i = 0; b && i < 450; i++) {
		db_bulk_int(b, i);
		if (i == 7)
			db_bulk_text(b, "tab\there, newline\nthere, back\\slash, 'quote' \"dq\" Bình Lư");
		else if (i % 5 == 0)
			db_bulk_text(b, NULL);
		else
			db_bulk_text(b, "x");
		db_bulk_double(b, i % 3 == 0 ? NAN : i + 0.25);
	}
	CHECK(db_bulk_finish(b, &e) == GEMIS_OK);
	CHECK(db_commit(db, &e) == GEMIS_OK);
	CHECK(count("SELECT COUNT(*) FROM bulk_probe") == 450);
	CHECK(count("SELECT COUNT(*) FROM bulk_probe WHERE t IS NULL") == 90);
	CHECK(count("SELECT COUNT(*) FROM bulk_probe WHERE d IS NULL") == 150);
	CHECK(count("SELECT CAST(SUM(d) * 4 AS BIGINT) FROM bulk_probe") == 4 * (101025 - 33525) + 300);
	{
		struct db_stmt *st = NULL;

		CHECK(db_prepare(db, &st, &e, "SELECT t FROM bulk_probe WHERE k = 7") == GEMIS_OK);
		CHECK(st && db_next(st));
		if (st)
			CHECK_STR(db_col_text(st, 0),
				  "tab\there, newline\nthere, back\\slash, 'quote' \"dq\" Bình Lư");
		db_finalize(st, NULL);
	}
	/* a duplicate key: a conflict, and the transaction rolls back whole */
	CHECK(db_begin(db, &e) == GEMIS_OK);
	b = NULL;
	CHECK(db_bulk_begin(db, &b, &e, "bulk_probe", cols, 3) == GEMIS_OK);
	for (i = 1000; b && i < 1300; i++) {
		db_bulk_int(b, i == 1250 ? 3 : i);
		db_bulk_text(b, "y");
		db_bulk_double(b, 1);
	}
	CHECK(db_bulk_finish(b, &e) == GEMIS_ECONFLICT);
	db_rollback(db);
	CHECK(count("SELECT COUNT(*) FROM bulk_probe") == 450);
	/* the connection works afterwards */
	CHECK(db_exec(db, &e, "DROP TABLE bulk_probe") == GEMIS_OK);
}

TEST(no_password_in_connection_errors)
{
	struct db *d = NULL;
	struct errctx e = {0};
	char shown[256];

	CHECK(db_open("postgresql://gemis:s3cret-pw@/nodb?host=/nonexistent-gemis-dir&connect_timeout=2",
		      0, &d, &e) != GEMIS_OK);
	CHECK(d == NULL);
	CHECK(strstr(e.msg, "s3cret") == NULL);
	CHECK(strstr(e.msg, "PostgreSQL") != NULL);
	CHECK_STR(store_url_display("postgresql://gemis:s3cret-pw@db.example/gemis", shown, sizeof(shown)),
		  "postgresql://gemis:***@db.example/gemis");
	CHECK_STR(store_url_display("postgresql://gemis@/gemis?host=/tmp", shown, sizeof(shown)),
		  "postgresql://gemis@/gemis?host=/tmp");
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
		test_url = pg;
		if (setup(pg))
			return 1;
	} else {
		if (!mkdtemp(dir))
			return 1;
		snprintf(path, sizeof(path), "%s/test.db", dir);
		printf("backend: SQLite\n");
		test_url = path;
		if (setup(path))
			return 1;
	}
	RUN(tree_and_migrations);
	RUN(values_all_or_nothing);
	RUN(plans_history_and_targets);
	RUN(snapshot_uses_store);
	RUN(changes_applied_in_place_equal_a_reload);
	RUN(accounts_and_tokens);
	RUN(transactions_commit_and_rollback);
	RUN(savepoints_undo_one_part_alone);
	RUN(kept_statements_act_as_new_ones);
	RUN(constraints_are_conflicts);
	RUN(statements_many_parameters_and_reuse);
	RUN(bulk_insertion);
	RUN(concurrent_imports_keep_the_audit_chain);
	RUN(optimistic_versions_refuse_a_stale_save);
	RUN(concurrent_form_saves_never_lose_an_update);
	RUN(a_save_given_its_form);
	RUN(no_password_in_connection_errors);
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
