/*
 * test_budget.c: the budget of the plan: amounts in đồng as people write
 * them (util/number.h), the flag and the sums of lines against hand sums
 * (core/budget.h), and lines through wf_estimate on a real database
 * (store/budget.h: who may take each step, fields refused by name, nothing
 * half-written, versions, the append-only trail).  On PostgreSQL when
 * GEMIS_TEST_PG is set.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/budget.h"
#include "core/catalog.h"
#include "core/workflow.h"
#include "harness.h"
#include "plan/plan.h"
#include "store/budget.h"
#include "store/plans.h"
#include "store/tasks.h"
#include "store_fixture.h"
#include "util/i18n.h"
#include "util/number.h"

/* ---- amounts ---------------------------------------------------------------- */

static void reads(const char *s, long long want)
{
	long long v = -7;
	enum dong_problem p = dong_parse(s, strlen(s), &v);

	if (p != DONG_OK || v != want)
		fprintf(stderr, "  \"%s\": problem %d, %lld, want %lld\n", s, (int)p, v, want);
	CHECK(p == DONG_OK && v == want);
}

static void refused(const char *s, enum dong_problem want)
{
	long long v = -7;
	enum dong_problem p = dong_parse(s, strlen(s), &v);

	if (p != want)
		fprintf(stderr, "  \"%s\": problem %d, want %d\n", s, (int)p, (int)want);
	CHECK(p == want && v == -7);
}

TEST(amounts_as_people_write_them)
{
	char out[DONG_TEXT_LEN];

	reads("12500000", 12500000);
	reads("12.500.000", 12500000);
	reads("12.500.000 đ", 12500000);
	reads(" 12.500.000đ ", 12500000);
	reads("12.500.000 đồng", 12500000);
	reads("12,500,000", 12500000);
	reads("12 500 000", 12500000);
	reads("12\xc2\xa0" "500\xc2\xa0" "000 VND", 12500000);
	reads("0", 0);
	reads("+1.000", 1000);
	reads("999.999.999.999.999", 999999999999999LL);
	refused("", DONG_EMPTY);
	refused(" đ", DONG_EMPTY);
	refused("-5", DONG_NEGATIVE);
	refused("-12.500.000 đ", DONG_NEGATIVE);
	refused("12,5", DONG_FRACTION);
	refused("12.5", DONG_FRACTION);
	refused("12.500,50", DONG_FRACTION);
	refused("1.000.000,5", DONG_FRACTION);
	refused("12.50.000", DONG_SYNTAX);
	refused("1234.567", DONG_SYNTAX);
	refused("12.500 000", DONG_SYNTAX);
	refused("1e6", DONG_SYNTAX);
	refused("mười triệu", DONG_SYNTAX);
	refused("12..500", DONG_SYNTAX);
	refused("1.000.000.000.000.000", DONG_TOO_LARGE);
	dong_format(12500000, 1, out, sizeof(out));
	CHECK_STR(out, "12.500.000 đ");
	dong_format(999, 0, out, sizeof(out));
	CHECK_STR(out, "999");
	dong_format(1000, 0, out, sizeof(out));
	CHECK_STR(out, "1.000");
	dong_format(0, 1, out, sizeof(out));
	CHECK_STR(out, "0 đ");
	dong_format(999999999999999LL, 1, out, sizeof(out));
	CHECK_STR(out, "999.999.999.999.999 đ");
	dong_problem_text(DONG_NEGATIVE, "-5", 2, out, sizeof(out));
	CHECK(strstr(out, "'-5'") != NULL);
}

/* ---- the flag and the sums ---------------------------------------------------- */

static struct budget_line line(const char *status, const char *source, const char *goals, long long est,
			       long long appr, long long ok, long long spent)
{
	struct budget_line l;

	memset(&l, 0, sizeof(l));
	l.status = wf_state_find(&wf_estimate, status);
	l.source = source;
	l.goals = goals;
	l.estimate = est;
	l.appraised = appr;
	l.approved = ok;
	l.spent = spent;
	return l;
}

TEST(sums_equal_hand_sums)
{
	const char *sources[] = {"nsnn_xa", "ctmtqg_ntm", "khac"};
	struct budget_sum by_source[3];
	struct budget_totals t;
	struct budget_line l[] = {
		line("approved", "nsnn_xa", "1", 10000000, 9000000, 8000000, 8500000), /* over: flagged */
		line("approved", "nsnn_xa", "1,6", 5000000, 5000000, 5000000, 2000000),
		line("appraised", "ctmtqg_ntm", "6", 7000000, 6500000, BUDGET_NONE, BUDGET_NONE),
		line("submitted", "khac", "", 3000000, BUDGET_NONE, BUDGET_NONE, BUDGET_NONE),
		line("draft", "nsnn_xa", "2", 1000000, BUDGET_NONE, BUDGET_NONE, BUDGET_NONE), /* not sent */
		line("draft", "nsnn_xa", "2", 4000000, 4000000, 4000000, 1000000), /* reopened, spent: flagged */
	};

	CHECK(budget_overspent(&l[0]));
	CHECK(!budget_overspent(&l[1]));
	CHECK(!budget_overspent(&l[2]));
	CHECK(budget_overspent(&l[5]));
	budget_totals(l, 6, sources, 3, by_source, &t);
	/* by hand: estimates of the sent lines 10+5+7+3 million */
	CHECK(t.all.lines == 6);
	CHECK(t.all.estimate == 25000000);
	CHECK(t.all.appraised == 9000000 + 5000000 + 6500000);
	CHECK(t.all.approved == 13000000);
	CHECK(t.all.spent == 8500000 + 2000000 + 1000000);
	CHECK(t.all.overspent == 2);
	CHECK(by_source[0].estimate == 15000000 && by_source[0].approved == 13000000);
	CHECK(by_source[0].spent == 11500000 && by_source[0].lines == 4);
	CHECK(by_source[1].estimate == 7000000 && by_source[1].appraised == 6500000 && by_source[1].approved == 0);
	CHECK(by_source[2].estimate == 3000000);
	/* goal 1: lines 0 and 1; goal 6: lines 1 and 2 (line 1 cites both) */
	CHECK(t.by_goal[1].approved == 13000000 && t.by_goal[1].spent == 10500000);
	CHECK(t.by_goal[6].estimate == 12000000 && t.by_goal[6].approved == 5000000);
	CHECK(t.by_goal[2].lines == 2 && t.by_goal[2].estimate == 0 && t.by_goal[2].spent == 1000000);
	CHECK(t.by_goal[0].lines == 1 && t.by_goal[0].estimate == 3000000);
}

/* ---- on a database ------------------------------------------------------------ */

static const char *plan_json =
	"{\"document\": {\"unit\": {\"code\": \"03390\"}, \"period\": [2026, 2030]},"
	" \"targets\": [], \"agencies\": [\"vhxh\", \"kinhte\"], \"assignments\": {},"
	" \"tasks\": ["
	"  {\"number\": \"1\", \"title\": \"Tuyên truyền về bình đẳng giới\", \"lead\": [\"vhxh\"],"
	"   \"timeframe\": \"Hằng năm\", \"goals\": [\"6\"]},"
	"  {\"number\": \"2\", \"title\": \"Hỗ trợ phụ nữ khởi nghiệp\", \"lead\": [\"kinhte\"], \"goals\": [\"2\"]}"
	" ]}";

static struct principal who(const struct tree *t, const char *name, enum role r, const char *unit, const char *agency)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "%s", name);
	p.role = r;
	p.unit = tree_find(t, unit);
	p.agency = agency ? agency_find(agency) : -1;
	return p;
}

static bool has_field(const struct diags *d, const char *field)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (strcmp(d->d[i].field, field) == 0)
			return true;
	}
	return false;
}

static enum gemis_err step(struct db *db, struct tree *t, const struct principal *p, int unit, long long id,
			   struct budget_step *s, struct diags *d, struct errctx *e)
{
	diags_release(d);
	diags_init(d, 20);
	return budget_act(db, t, p, unit, id, s, 2000, d, e);
}

static void line_walk(struct db *db, struct tree *t, int unit)
{
	struct principal vhxh = who(t, "binhlu.vhxh", ROLE_REPORTER, "03390", "vhxh");
	struct principal kinhte = who(t, "binhlu.kinhte", ROLE_REPORTER, "03390", "kinhte");
	struct principal focal = who(t, "binhlu", ROLE_FOCAL, "03390", NULL);
	struct principal other = who(t, "laichau.x", ROLE_FOCAL, "03394", NULL);
	struct principal prov = who(t, "laichau", ROLE_PROVINCE, "12", NULL);
	struct principal admin = who(t, "admin", ROLE_ADMIN, "VN", NULL);
	struct budget_fields f = {"2026", "vhxh", "1", "nsnn_xa", NULL, "12.500.000", "Pa nô, tờ rơi"};
	struct budget_step s;
	struct budget_list l;
	struct budget_event *ev = NULL;
	struct diags d;
	struct errctx e = {0};
	long long id = 0, id2 = 0;
	size_t nev = 0;

	diags_init(&d, 20);
	/* bad input, every field named, nothing written */
	{
		struct budget_fields bad = {"2026", "vhxh", "9.9", "quy_den", NULL, "-5", NULL};

		CHECK(budget_add(db, t, &vhxh, unit, &bad, false, 1000, &d, &id, &e) == GEMIS_EINVAL);
		CHECK(has_field(&d, "task") && has_field(&d, "source") && has_field(&d, "estimate"));
		CHECK(has_field(&d, "title")); /* no task found, no title */
		diags_release(&d);
		diags_init(&d, 20);
		bad.task = "1";
		bad.source = "nsnn_xa";
		bad.estimate = "12,5";
		CHECK(budget_add(db, t, &vhxh, unit, &bad, false, 1000, &d, &id, &e) == GEMIS_EINVAL);
		CHECK(d.n == 1 && strcmp(d.d[0].field, "estimate") == 0 && strstr(d.d[0].msg, "whole") != NULL);
		CHECK(fixture_count(db, "SELECT COUNT(*) FROM budget_lines") == 0);
		CHECK(fixture_count(db, "SELECT COUNT(*) FROM budget_log") == 0);
	}
	/* another agency's reporter, another commune, a province account */
	f.agency = "yte";
	CHECK(budget_add(db, t, &vhxh, unit, &f, false, 1000, &d, &id, &e) == GEMIS_EPERM);
	f.agency = "vhxh";
	CHECK(budget_add(db, t, &other, unit, &f, false, 1000, &d, &id, &e) == GEMIS_EPERM);
	CHECK(budget_add(db, t, &prov, unit, &f, false, 1000, &d, &id, &e) == GEMIS_EPERM);
	/* the task of the plan of another commune is not one of this plan */
	{
		struct budget_fields g = f;
		struct task_list tl;

		CHECK(tasks_of_unit(db, t, unit, &tl, &e) == GEMIS_OK && tl.n == 2);
		g.task = tl.n ? tl.t[0].uid : "";
		diags_release(&d);
		diags_init(&d, 20);
		CHECK(budget_add(db, t, &admin, tree_find(t, "03394"), &g, false, 1000, &d, &id, &e) == GEMIS_EINVAL);
		CHECK(has_field(&d, "task"));
		task_list_release(&tl);
	}
	diags_release(&d);
	diags_init(&d, 20);
	CHECK(budget_add(db, t, &vhxh, unit, &f, false, 1000, &d, &id, &e) == GEMIS_OK && id > 0);

	memset(&s, 0, sizeof(s));
	s.action = "submit";
	s.version = 1;
	CHECK(step(db, t, &vhxh, unit, id, &s, &d, &e) == GEMIS_OK);
	/* the agency cannot appraise its own estimate; the economic office does */
	s.action = "appraise";
	s.version = 2;
	s.amount = "11.000.000";
	CHECK(step(db, t, &vhxh, unit, id, &s, &d, &e) == GEMIS_EPERM);
	s.amount = "mười";
	CHECK(step(db, t, &kinhte, unit, id, &s, &d, &e) == GEMIS_EINVAL && has_field(&d, "appraised"));
	s.amount = "11.000.000";
	CHECK(step(db, t, &kinhte, unit, id, &s, &d, &e) == GEMIS_OK);
	/* approval: not by the economic office; the decision is required */
	s.action = "approve";
	s.version = 3;
	s.amount = NULL;
	CHECK(step(db, t, &kinhte, unit, id, &s, &d, &e) == GEMIS_EPERM);
	CHECK(step(db, t, &focal, unit, id, &s, &d, &e) == GEMIS_EINVAL);
	CHECK(has_field(&d, "decision_no") && has_field(&d, "decision_date"));
	s.decision_no = "125/QĐ-UBND";
	s.decision_date = "31/12/2025";
	CHECK(step(db, t, &focal, unit, id, &s, &d, &e) == GEMIS_OK);
	/* a step on an old version, and one that does not apply */
	s.action = "spend";
	s.amount = "11.500.000";
	CHECK(step(db, t, &vhxh, unit, id, &s, &d, &e) == GEMIS_ECONFLICT);
	CHECK(strstr(e.msg, "binhlu changed this budget line") != NULL);
	s.version = 4;
	s.action = "submit";
	CHECK(step(db, t, &vhxh, unit, id, &s, &d, &e) == GEMIS_ECONFLICT);
	/* spending above what was approved: recorded and flagged */
	s.action = "spend";
	CHECK(step(db, t, &vhxh, unit, id, &s, &d, &e) == GEMIS_OK);
	/* a second line, by the focal point, without a task */
	{
		struct budget_fields g = {"2026", "kinhte", "", "ctmtqg_ntm", "Vốn vay khởi nghiệp", "7000000", NULL};

		CHECK(budget_add(db, t, &focal, unit, &g, true, 1000, &d, &id2, &e) == GEMIS_OK);
	}
	CHECK(budget_load(db, t, unit, 2026, &l, &e) == GEMIS_OK);
	CHECK(l.n == 2 && l.nsrc == 6);
	if (l.n == 2) {
		const struct budget_line *x = budget_find(&l, id);

		CHECK(x && x->approved == 11000000 && x->appraised == 11000000 && x->spent == 11500000);
		CHECK(x && x->estimate == 12500000 && budget_overspent(x));
		CHECK(x && strcmp(x->decision_date, "2025-12-31") == 0 && strcmp(x->task_label, "1") == 0);
		CHECK(x && strcmp(x->goals, "6") == 0 && strcmp(x->by, "binhlu.vhxh") == 0);
		CHECK_STR(budget_source_name(&l, "ctmtqg_ntm", false), "Chương trình mục tiêu quốc gia xây dựng nông thôn mới");
		CHECK(budget_history(db, t, unit, id, &l, &ev, &nev, &e) == GEMIS_OK && nev == 5);
		if (nev == 5) {
			CHECK_STR(ev[0].action, "save");
			CHECK_STR(ev[3].action, "approve");
			CHECK(ev[3].approved == 11000000 && strcmp(ev[3].by, "binhlu") == 0);
			CHECK_STR(ev[4].status, "approved");
			CHECK(ev[4].spent == 11500000);
		}
	}
	budget_list_release(&l);
	/* the province sees its communes' lines */
	CHECK(budget_load(db, t, tree_find(t, "12"), 2026, &l, &e) == GEMIS_OK && l.n == 2);
	budget_list_release(&l);
	/* reopening needs a comment; the approval stays in the trail only */
	s.action = "reopen";
	s.version = 5;
	CHECK(step(db, t, &focal, unit, id, &s, &d, &e) == GEMIS_EINVAL);
	s.comment = "Điều chỉnh theo Quyết định bổ sung";
	CHECK(step(db, t, &focal, unit, id, &s, &d, &e) == GEMIS_OK);
	CHECK(fixture_count(db, "SELECT COUNT(*) FROM budget_lines WHERE approved IS NULL AND status = 'draft'") == 1);
	CHECK(fixture_count(db, "SELECT COUNT(*) FROM budget_log WHERE approved = 11000000") == 2);
	/* the trail cannot be rewritten */
	CHECK(db_run(db, &e, "UPDATE budget_log SET spent = 0", "") != GEMIS_OK);
	CHECK(db_run(db, &e, "DELETE FROM budget_log", "") != GEMIS_OK);
	CHECK(fixture_count(db, "SELECT COUNT(*) FROM budget_log") == 7);
	diags_release(&d);
}

TEST(lines_through_the_workflow)
{
	const char *pg = getenv("GEMIS_TEST_PG");
	char dir[] = "/tmp/gemis-budget-XXXXXX", path[64];
	const char *url = path;
	struct db *db = NULL;
	struct tree t;
	struct diags d;
	struct plan_info info;
	struct errctx e = {0};
	json_error_t je;
	json_t *plan = json_loads(plan_json, 0, &je);

	if (pg && *pg) {
		url = pg;
	} else if (mkdtemp(dir)) {
		snprintf(path, sizeof(path), "%s/test.db", dir);
	} else {
		CHECK(!"temporary directory");
		return;
	}
	CHECK(plan != NULL);
	if (fixture_open(url, &db, &t) != 0) {
		CHECK(!"database");
		return;
	}
	diags_init(&d, 100);
	CHECK(plan_load(db, &t, plan, "test", false, &d, &info, &e) == GEMIS_OK);
	line_walk(db, &t, tree_find(&t, "03390"));
	diags_release(&d);
	json_decref(plan);
	db_close(db);
	tree_release(&t);
	if (!(pg && *pg)) {
		unlink(path);
		rmdir(dir);
	}
}

int main(void)
{
	i18n_set_lang(LANG_EN);
	RUN(amounts_as_people_write_them);
	RUN(sums_equal_hand_sums);
	RUN(lines_through_the_workflow);
	return harness_report();
}
