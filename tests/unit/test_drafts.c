/*
 * test_drafts.c: the gender check of a draft (core/drafts.h,
 * store/drafts.h): the fields and answers refused by name, the checklist
 * read from its table, who fills, reviews and issues (the drafting
 * agency's reporter, the Culture and Social Affairs Office but never on
 * its own draft, the focal point; the Fatherland Front's supervisor
 * neither), dates out of order, nothing half-written, and the sums of a
 * year.  The store part runs on SQLite, or on PostgreSQL with
 * $GEMIS_TEST_PG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/access.h"
#include "core/catalog.h"
#include "core/drafts.h"
#include "core/workflow.h"
#include "harness.h"
#include "store/drafts.h"
#include "store_fixture.h"
#include "util/i18n.h"

/* The fields d names, one a space. */
static const char *fields(const struct diags *d)
{
	static char out[512];
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < d->n && len < sizeof(out); i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", i ? " " : "", d->d[i].field);
	return out;
}

static struct draft_fields good(void)
{
	struct draft_fields x;

	memset(&x, 0, sizeof(x));
	x.kind = DK_DECISION;
	x.title = "Quyết định hỗ trợ phát triển sinh kế";
	x.drafted_on = (struct date){2026, 10, 1};
	x.agency = agency_find("kinhte");
	return x;
}

static const char *check(const struct draft_fields *x)
{
	struct diags d;
	const char *f;

	diags_init(&d, 20);
	draft_check(x, (struct date){2026, 11, 20}, &d);
	f = fields(&d);
	diags_release(&d);
	return f;
}

TEST(draft_fields)
{
	struct draft_fields x = good();

	CHECK_STR(check(&x), "");
	x.kind = -1;
	x.title = "";
	CHECK_STR(check(&x), "kind title");
	x = good();
	x.title = "two\nlines";
	x.number = "12/QĐ-UBND";
	CHECK_STR(check(&x), "title");
	x = good();
	x.drafted_on = (struct date){2026, 12, 1}; /* after today */
	CHECK_STR(check(&x), "drafted_on");
	x.drafted_on = (struct date){2026, 2, 30};
	x.agency = -1;
	CHECK_STR(check(&x), "drafted_on agency");
	CHECK(draft_kind_parse("plan") == DK_PLAN && draft_kind_parse("law") == -1 && draft_kind_parse(NULL) == -1);
	CHECK_STR(draft_kind_id(DK_OTHER), "other");
	CHECK_STR(draft_kind_id(9), "?");
}

static const struct gc_question qs[] = {
	{"affected", false, true, "Ai?", "Whom?", "art. 21"},
	{"widens_gap", true, true, "Khoảng cách?", "Gap?", "art. 21"},
	{"consulted", false, false, "Lấy ý kiến?", "Consulted?", "art. 22"},
};
static const struct gc_checklist list = {1, qs, 3};

static const char *answers(const struct draft_answer *a, size_t n, bool submit)
{
	struct diags d;
	const char *f;

	diags_init(&d, 20);
	draft_answers_check(&list, a, n, submit, &d);
	f = fields(&d);
	diags_release(&d);
	return f;
}

TEST(answers_by_question)
{
	struct draft_answer a[] = {{"affected", "2.300 nữ, 2.250 nam"}, {"widens_gap", "no"}};
	struct draft_answer bad[] = {{"nope", "x"}, {"widens_gap", "maybe"}, {"affected", "a"}, {"affected", "b"}};

	CHECK_STR(answers(a, 2, true), "");
	/* saving keeps what is not answered yet; submitting does not */
	CHECK_STR(answers(a, 1, false), "");
	CHECK_STR(answers(a, 1, true), "answers.widens_gap");
	CHECK_STR(answers(NULL, 0, true), "answers.affected answers.widens_gap");
	CHECK_STR(answers(bad, 4, false), "answers.nope answers.widens_gap answers.affected");
	a[0].answer = "";
	CHECK_STR(answers(a, 2, true), "answers.affected");
	CHECK(gc_find(&list, "consulted") == &qs[2] && gc_find(&list, "x") == NULL);
}

TEST(issue_dates_in_order)
{
	struct diags d;
	struct date drafted = {2026, 10, 1}, today = {2026, 11, 20};

	diags_init(&d, 20);
	draft_issue_check("12/QĐ-UBND", (struct date){2026, 11, 2}, drafted, today, &d);
	CHECK_STR(fields(&d), "");
	draft_issue_check("", (struct date){2026, 9, 30}, drafted, today, &d);
	CHECK_STR(fields(&d), "issued_no issued_on");
	diags_release(&d);
	diags_init(&d, 20);
	draft_issue_check("12", (struct date){2026, 11, 21}, drafted, today, &d);
	CHECK_STR(fields(&d), "issued_on");
	diags_release(&d);
}

static struct principal account(const struct tree *t, enum role r, const char *unit, const char *agency)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "%s-%s", role_id(r), agency ? agency : unit);
	p.role = r;
	p.unit = tree_find(t, unit);
	p.agency = agency ? agency_find(agency) : -1;
	return p;
}

TEST(who_reviews)
{
	struct tree t;
	struct errctx e = {0};
	int unit, vhxh = agency_find("vhxh"), kinhte = agency_find("kinhte");

	tree_init(&t);
	tree_add(&t, "VN", "Việt Nam", "Việt Nam", LEVEL_NATION, NULL, 1, &e);
	tree_add(&t, "12", "Lai Châu", "Lai Châu", LEVEL_PROVINCE, "VN", 2, &e);
	tree_add(&t, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, &e);
	tree_add(&t, "03394", "Xã Sin Suối Hồ", "Sin Suối Hồ", LEVEL_COMMUNE, "12", 4, &e);
	tree_finish(&t);
	unit = tree_find(&t, "03390");
	{
		struct principal office = account(&t, ROLE_REPORTER, "03390", "vhxh");
		struct principal econ = account(&t, ROLE_REPORTER, "03390", "kinhte");
		struct principal focal = account(&t, ROLE_FOCAL, "03390", NULL);
		struct principal other = account(&t, ROLE_FOCAL, "03394", NULL);
		struct principal front = account(&t, ROLE_SUPERVISOR, "03390", NULL);
		struct principal prov = account(&t, ROLE_PROVINCE, "12", NULL);

		CHECK(access_draft_review(&t, &office, unit, kinhte));
		CHECK(!access_draft_review(&t, &office, unit, vhxh)); /* its own draft */
		CHECK(access_draft_review(&t, &focal, unit, vhxh));
		CHECK(!access_draft_review(&t, &econ, unit, kinhte));
		CHECK(!access_draft_review(&t, &other, unit, kinhte));
		CHECK(!access_draft_review(&t, &front, unit, kinhte));
		CHECK(!access_draft_review(&t, &prov, unit, kinhte));
		CHECK(!access_allows(&t, &front, ACT_ENTER, unit, kinhte));
		CHECK(access_allows(&t, &front, ACT_READ, unit, -1));
	}
	tree_release(&t);
}

static long long count(struct db *db, const char *sql)
{
	return fixture_count(db, sql);
}

/* The store: a draft registered by its agency, refused half-filled on
 * submit with nothing written, reviewed by the office, issued by the
 * focal point, then kept. */
static void store_walk(struct db *db, struct tree *t)
{
	struct errctx e = {0};
	struct diags d;
	struct arena mem;
	struct draft x, got, *v = NULL;
	struct draft_sum s;
	struct gc_checklist c;
	struct date today = {2026, 11, 20};
	int unit = tree_find(t, "03390");
	struct principal econ = account(t, ROLE_REPORTER, "03390", "kinhte");
	struct principal office = account(t, ROLE_REPORTER, "03390", "vhxh");
	struct principal focal = account(t, ROLE_FOCAL, "03390", NULL);
	struct principal front = account(t, ROLE_SUPERVISOR, "03390", NULL);
	struct draft_answer some[] = {{"affected", "2.300 nữ, 2.250 nam"}, {"widens_gap", "no"}};
	struct draft_answer rest[] = {{"gender_issue", "Nữ ít tiếp cận vốn"}, {"impact", "Nữ hưởng 40%"},
				      {"data_used", "Điều tra hộ 2025"}, {"mitigation", "Ưu tiên hộ do nữ làm chủ"}};
	struct draft_answer unknown[] = {{"nope", "x"}};
	size_t n = 0;

	arena_init(&mem, 0);
	CHECK(gc_checklist_load(db, 0, &mem, &c, &e) == GEMIS_OK && c.version == 1 && c.n == 8);
	CHECK(gc_find(&c, "widens_gap") && gc_find(&c, "widens_gap")->yesno && gc_find(&c, "consulted") &&
	      !gc_find(&c, "consulted")->required);
	CHECK(gc_checklist_load(db, 7, &mem, &c, &e) == GEMIS_ENOTFOUND);
	memset(&x, 0, sizeof(x));
	x.unit = unit;
	x.f = good();
	diags_init(&d, 30);
	/* the Front's supervisor reads only; the economic office cannot
	 * enter for the police */
	CHECK(draft_save(db, t, &front, &x, NULL, 0, false, today, 100, &d, &e) == GEMIS_EPERM);
	x.f.agency = agency_find("congan");
	CHECK(draft_save(db, t, &econ, &x, NULL, 0, false, today, 100, &d, &e) == GEMIS_EPERM);
	x.f = good();
	CHECK(draft_save(db, t, &econ, &x, unknown, 1, false, today, 100, &d, &e) == GEMIS_EINVAL);
	CHECK_STR(fields(&d), "answers.nope");
	diags_release(&d);
	diags_init(&d, 30);
	CHECK(draft_save(db, t, &econ, &x, some, 2, true, today, 100, &d, &e) == GEMIS_EINVAL);
	CHECK_STR(fields(&d), "answers.gender_issue answers.impact answers.data_used answers.mitigation");
	CHECK(count(db, "SELECT COUNT(*) FROM drafts") == 0 && count(db, "SELECT COUNT(*) FROM draft_answers") == 0);
	diags_release(&d);
	diags_init(&d, 30);
	CHECK(draft_save(db, t, &econ, &x, some, 2, false, today, 100, &d, &e) == GEMIS_OK);
	CHECK(x.id > 0 && x.version == 1 && x.state == DR_DRAFT && x.checklist_version == 1);
	/* a review before the check is submitted */
	CHECK(draft_act(db, t, &office, unit, x.id, DR_REVIEW, 1, "tốt", 110, &e) == GEMIS_ECONFLICT);
	CHECK(draft_save(db, t, &econ, &x, rest, 4, true, today, 120, &d, &e) == GEMIS_OK && x.state == DR_SUBMITTED);
	CHECK(count(db, "SELECT COUNT(*) FROM draft_answers") == 6);
	/* the agency does not review its own, a stale version is refused */
	CHECK(draft_act(db, t, &econ, unit, x.id, DR_REVIEW, 2, "tốt", 130, &e) == GEMIS_EPERM);
	CHECK(draft_act(db, t, &office, unit, x.id, DR_RETURN, 1, "thiếu số liệu", 130, &e) == GEMIS_ECONFLICT);
	CHECK(draft_act(db, t, &office, unit, x.id, DR_RETURN, 2, "", 130, &e) == GEMIS_EINVAL &&
	      strcmp(e.where, "comment") == 0);
	CHECK(draft_act(db, t, &office, unit, x.id, DR_RETURN, 2, "thiếu số liệu theo thôn", 130, &e) == GEMIS_OK);
	/* a save on the version before the return is stale */
	CHECK(draft_save(db, t, &econ, &x, rest, 1, true, today, 140, &d, &e) == GEMIS_ECONFLICT);
	x.version = 3;
	CHECK(draft_save(db, t, &econ, &x, rest, 1, true, today, 140, &d, &e) == GEMIS_OK && x.version == 4);
	CHECK(draft_act(db, t, &office, unit, x.id, DR_REVIEW, 4, "Đạt yêu cầu", 150, &e) == GEMIS_OK);
	/* reviewed: locked */
	CHECK(draft_save(db, t, &econ, &x, rest, 1, false, today, 160, &d, &e) == GEMIS_ECONFLICT);
	/* issued: by the focal point, not before the draft's day */
	CHECK(draft_issue(db, t, &office, unit, x.id, 5, "12/QĐ-UBND", (struct date){2026, 11, 2}, today, 170, &d, &e) ==
	      GEMIS_EPERM);
	CHECK(draft_issue(db, t, &focal, unit, x.id, 5, "12/QĐ-UBND", (struct date){2026, 9, 2}, today, 170, &d, &e) ==
	      GEMIS_EINVAL);
	CHECK_STR(fields(&d), "issued_on");
	diags_release(&d);
	diags_init(&d, 30);
	CHECK(draft_issue(db, t, &focal, unit, x.id, 5, "12/QĐ-UBND", (struct date){2026, 11, 2}, today, 170, &d, &e) ==
	      GEMIS_OK);
	CHECK(draft_issue(db, t, &focal, unit, x.id, 6, "13/QĐ-UBND", (struct date){2026, 11, 3}, today, 180, &d, &e) ==
	      GEMIS_ECONFLICT);
	CHECK(draft_get(db, t, unit, x.id, &mem, &got, &e) == GEMIS_OK);
	CHECK(got.issued && strcmp(got.issued_no, "12/QĐ-UBND") == 0 && got.state == DR_REVIEWED && got.nanswers == 6);
	CHECK(got.nsteps == 6 && strcmp(got.steps[5].action, "issue") == 0 && strcmp(got.review, "Đạt yêu cầu") == 0);
	CHECK(strcmp(got.answers[0].question, "affected") == 0);
	/* a second draft, not checked, issued */
	memset(&x, 0, sizeof(x));
	x.unit = unit;
	x.f = good();
	x.f.kind = DK_PLAN;
	x.f.agency = agency_find("vhxh");
	CHECK(draft_save(db, t, &office, &x, NULL, 0, false, today, 200, &d, &e) == GEMIS_OK);
	CHECK(draft_issue(db, t, &focal, unit, x.id, 1, "20/KH-UBND", (struct date){2026, 11, 10}, today, 210, &d, &e) ==
	      GEMIS_OK);
	CHECK(drafts_list(db, t, tree_find(t, "12"), 2026, &mem, &v, &n, &e) == GEMIS_OK && n == 2);
	drafts_sum(v, n, &s);
	CHECK(s.drafts == 2 && s.reviewed == 1 && s.issued == 2 && s.issued_reviewed == 1 && s.by_kind[DK_PLAN] == 1);
	CHECK(drafts_list(db, t, tree_find(t, "03394"), 2026, &mem, &v, &n, &e) == GEMIS_OK && n == 0);
	diags_release(&d);
	arena_release(&mem);
}

TEST(store_on_both_backends)
{
	const char *pg = getenv("GEMIS_TEST_PG");
	char dir[] = "/tmp/gemis-dr-XXXXXX", path[64];
	const char *url = path;
	struct db *db = NULL;
	struct tree t;

	if (pg && *pg) {
		url = pg;
	} else if (mkdtemp(dir)) {
		snprintf(path, sizeof(path), "%s/test.db", dir);
	} else {
		CHECK(!"temporary directory");
		return;
	}
	if (fixture_open(url, &db, &t) != 0) {
		CHECK(!"database");
		return;
	}
	store_walk(db, &t);
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
	RUN(draft_fields);
	RUN(answers_by_question);
	RUN(issue_dates_in_order);
	RUN(who_reviews);
	RUN(store_on_both_backends);
	return harness_report();
}
