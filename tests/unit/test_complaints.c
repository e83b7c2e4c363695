/*
 * test_complaints.c: citizens' feedback, petitions, complaints and
 * denunciations: the rules (core/complaints.c: the checks by field, the
 * due day from a limit, overdue, who may do what), the seal's domains
 * (util/seal.c: a complainant's ciphertext does not open as a case's), and
 * the register on a real database (store/complaints.c): the time limits
 * as data, the person sealed and opened only for a handler, refusals
 * logged, an answer before the day received refused with nothing
 * written, a referral to a case of the same commune only.
 *
 * Runs on a new SQLite file; with GEMIS_TEST_PG set to a PostgreSQL URL of
 * an empty database, on PostgreSQL (the schema is dropped first).
 */
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/catalog.h"
#include "core/complaints.h"
#include "gbv/cases.h"
#include "harness.h"
#include "store/complaints.h"
#include "store/store.h"
#include "store/users.h"
#include "store_fixture.h"
#include "util/i18n.h"
#include "util/seal.h"

static struct db *db;
static const char *db_url;
static struct tree tree;
static char dir[] = "/tmp/gemis-complaints-XXXXXX";
static struct seal_key key;
static struct principal cw, focal, rep_vhxh, rep_ca, prov, focal_other, sup;

static struct date day(const char *s)
{
	struct date d = {0, 0, 0};

	date_parse_iso(s, strlen(s), &d);
	return d;
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

static struct cmp_fields good(void)
{
	struct cmp_fields f = {day("2026-03-02"), CH_HOTLINE, CK_COMPLAINT, GOAL_FAMILY, agency_find("vhxh"),
			       false, "Trần Thị NAME-4417", "0912 000 111", "bị trả lương thấp hơn", };

	return f;
}

TEST(checks_name_each_field)
{
	struct cmp_fields f = good();
	struct diags d;

	diags_init(&d, 20);
	cmp_check(&f, day("2026-12-01"), &d);
	CHECK(d.total == 0);
	f.channel = -1;
	f.kind = 9;
	f.field = -1;
	f.agency = -1;
	f.name = "";
	f.text = NULL;
	f.received = day("2027-01-01");
	cmp_check(&f, day("2026-12-01"), &d);
	CHECK(has_field(&d, "channel"));
	CHECK(has_field(&d, "kind"));
	CHECK(has_field(&d, "field"));
	CHECK(has_field(&d, "agency"));
	CHECK(has_field(&d, "name"));
	CHECK(has_field(&d, "text"));
	CHECK(has_field(&d, "received"));
	CHECK(d.total == 7);
	diags_release(&d);
	diags_init(&d, 20);
	f = good();
	f.name = "two\nlines";
	cmp_check(&f, day("2026-12-01"), &d);
	CHECK(has_field(&d, "name") && d.total == 1);
	diags_release(&d);
	diags_init(&d, 20);
	cmp_answer_check(day("2026-03-02"), day("2026-03-01"), "ok", day("2026-12-01"), &d);
	CHECK(has_field(&d, "answered_on") && d.total == 1);
	cmp_answer_check(day("2026-03-02"), day("2026-03-02"), "", day("2026-12-01"), &d);
	CHECK(has_field(&d, "answer") && d.total == 2);
	cmp_answer_check(day("2026-03-02"), day("2026-12-02"), "ok", day("2026-12-01"), &d);
	CHECK(d.total == 3);
	diags_release(&d);
}

TEST(due_day_and_overdue)
{
	struct cmp_limit l = {CK_COMPLAINT, 10, 30, 15, "Luật Khiếu nại 2011"};
	struct diags d;
	char s[DATE_TEXT_LEN];

	date_format_iso(cmp_due(day("2026-03-02"), &l, false), s);
	CHECK_STR(s, "2026-04-11");
	date_format_iso(cmp_due(day("2026-03-02"), &l, true), s);
	CHECK_STR(s, "2026-04-26");
	date_format_iso(cmp_due(day("2026-12-20"), &l, false), s); /* across the year */
	CHECK_STR(s, "2027-01-29");
	CHECK(!cmp_overdue(CS_RECEIVED, day("2026-04-11"), day("2026-04-11")));
	CHECK(cmp_overdue(CS_RECEIVED, day("2026-04-11"), day("2026-04-12")));
	CHECK(cmp_overdue(CS_HANDLING, day("2026-04-11"), day("2026-04-12")));
	CHECK(!cmp_overdue(CS_ANSWERED, day("2026-04-11"), day("2026-05-12")));
	CHECK(!cmp_overdue(CS_WITHDRAWN, day("2026-04-11"), day("2026-05-12")));
	CHECK(cmp_due_soon(CS_RECEIVED, day("2026-04-11"), day("2026-04-05"), 7));
	CHECK(!cmp_due_soon(CS_RECEIVED, day("2026-04-11"), day("2026-04-01"), 7));
	/* retention runs from the day a matter closed; an open one keeps all */
	CHECK(cmp_past_retention(CS_ANSWERED, day("2021-02-01"), day("2026-12-15"), 1825));
	CHECK(!cmp_past_retention(CS_ANSWERED, day("2021-12-20"), day("2026-12-15"), 1825));
	CHECK(!cmp_past_retention(CS_ANSWERED, day("2026-12-05"), day("2026-12-15"), 10));
	CHECK(cmp_past_retention(CS_WITHDRAWN, day("2026-12-04"), day("2026-12-15"), 10));
	CHECK(!cmp_past_retention(CS_HANDLING, day("2001-01-01"), day("2026-12-15"), 0));
	CHECK(!cmp_past_retention(CS_ANSWERED, day("2021-02-01"), day("2026-12-15"), -1));
	diags_init(&d, 10);
	cmp_limit_check(&l, &d);
	CHECK(d.total == 0);
	l.answer_days = 0;
	l.source[0] = '\0';
	cmp_limit_check(&l, &d);
	CHECK(has_field(&d, "answer_days") && has_field(&d, "source"));
	diags_release(&d);
}

TEST(who_may)
{
	int u = tree_find(&tree, "03390"), other = tree_find(&tree, "09385"), vhxh = agency_find("vhxh");

	CHECK(cmp_may(&tree, &focal, CA_HANDLE, u, vhxh));
	CHECK(cmp_may(&tree, &rep_vhxh, CA_HANDLE, u, vhxh));
	CHECK(cmp_may(&tree, &rep_vhxh, CA_RECEIVE, u, vhxh));
	CHECK(!cmp_may(&tree, &rep_ca, CA_HANDLE, u, vhxh));
	CHECK(!cmp_may(&tree, &rep_ca, CA_RECEIVE, u, vhxh));
	CHECK(cmp_may(&tree, &rep_ca, CA_LIST, u, -1));
	CHECK(!cmp_may(&tree, &prov, CA_HANDLE, u, vhxh));
	CHECK(cmp_may(&tree, &prov, CA_LIST, u, -1));
	CHECK(!cmp_may(&tree, &sup, CA_HANDLE, u, vhxh));
	CHECK(cmp_may(&tree, &sup, CA_LIST, u, -1));
	CHECK(!cmp_may(&tree, &focal_other, CA_LIST, u, -1));
	CHECK(!cmp_may(&tree, &focal, CA_HANDLE, other, vhxh));
	CHECK(!cmp_may(&tree, &prov, CA_LIST, tree_find(&tree, "12"), -1)); /* a province keeps none */
}

TEST(seal_domains_are_apart)
{
	struct buf ct, pt;

	buf_init(&ct, 4096);
	buf_init(&pt, 4096);
	CHECK(seal_field(&key, "gemis-complaint-1", "03390-2026-0001", "name", "Hoa", 3, &ct) == GEMIS_OK);
	CHECK(ct.len == 3 + SEAL_OVERHEAD);
	CHECK(seal_open(&key, "gemis-complaint-1", "03390-2026-0001", "name", ct.p, ct.len, &pt));
	CHECK_STR(buf_str(&pt), "Hoa");
	CHECK(!seal_open(&key, "gemis-case-1", "03390-2026-0001", "name", ct.p, ct.len, &pt));
	CHECK(!seal_open(&key, "gemis-complaint-1", "03390-2026-0002", "name", ct.p, ct.len, &pt));
	CHECK(!seal_open(&key, "gemis-complaint-1", "03390-2026-0001", "contact", ct.p, ct.len, &pt));
	CHECK(pt.len == 0);
	buf_release(&ct);
	buf_release(&pt);
}

static struct cmp_session session(const struct principal *who, const char *today)
{
	struct cmp_session s = {db, &tree, who, &key, day(today), 1780000000};

	return s;
}

static long long count(const char *sql)
{
	return fixture_count(db, sql);
}

TEST(register_seals_and_refuses)
{
	struct cmp_session s = session(&focal, "2026-06-01"), sr = session(&rep_ca, "2026-06-01");
	struct cmp_fields f = good();
	struct diags d;
	struct errctx e = {0};
	struct arena mem;
	struct complaint c, *v;
	char code[CMP_CODE_MAX + 1];
	size_t n;
	long long refusals = count("SELECT COUNT(*) FROM case_access_log WHERE allowed = 0");

	diags_init(&d, 20);
	arena_init(&mem, 0);
	CHECK(complaint_add(&s, tree_find(&tree, "03390"), &f, code, &d, &e) == GEMIS_OK);
	CHECK_STR(code, "03390-2026-0001");
	CHECK(count("SELECT COUNT(*) FROM complaints WHERE due = '2026-04-11' AND status = 'received'") == 1);
	/* the name is nowhere in plain text */
	CHECK(count("SELECT COUNT(*) FROM complaints WHERE name_ct IS NOT NULL AND contact_ct IS NOT NULL") == 1);
	/* a reporter of another agency: the matter, never the person */
	CHECK(complaint_get(&sr, code, false, &mem, &c, &e) == GEMIS_OK);
	CHECK(!c.opened && c.name == NULL);
	CHECK(complaint_get(&sr, code, true, &mem, &c, &e) == GEMIS_EPERM);
	CHECK(strstr(e.msg, "NAME-4417") == NULL);
	CHECK(complaint_get(&sr, "03390-2026-0099", true, &mem, &c, &e) == GEMIS_EPERM);
	CHECK(count("SELECT COUNT(*) FROM case_access_log WHERE allowed = 0 AND action = 'complaint_read'") ==
	      refusals + 2);
	/* the handling agency's reporter opens it */
	s = session(&rep_vhxh, "2026-06-01");
	CHECK(complaint_get(&s, code, true, &mem, &c, &e) == GEMIS_OK);
	CHECK(c.opened);
	CHECK_STR(c.name, "Trần Thị NAME-4417");
	CHECK_STR(c.contact, "0912 000 111");
	/* a list never carries the person */
	s = session(&prov, "2026-06-01");
	CHECK(complaints_list(&s, tree_find(&tree, "12"), 2026, &mem, &v, &n, &e) == GEMIS_OK);
	CHECK(n == 1 && !v[0].opened && v[0].name == NULL);
	CHECK(complaints_list(&sr, tree_find(&tree, "12"), 2026, &mem, &v, &n, &e) == GEMIS_EPERM);
	arena_release(&mem);
	diags_release(&d);
}

TEST(answers_in_order_and_nothing_half_written)
{
	struct cmp_session s = session(&rep_vhxh, "2026-06-01"), so = session(&rep_ca, "2026-06-01");
	struct diags d;
	struct errctx e = {0};
	struct arena mem;
	struct complaint c;
	const char *code = "03390-2026-0001";

	diags_init(&d, 20);
	arena_init(&mem, 0);
	CHECK(complaint_get(&s, code, false, &mem, &c, &e) == GEMIS_OK);
	CHECK(complaint_answer(&s, code, c.version, CS_ANSWERED, day("2026-03-01"), "Đã trả lời", &d, &e) ==
	      GEMIS_EINVAL);
	CHECK(has_field(&d, "answered_on"));
	CHECK(count("SELECT COUNT(*) FROM complaints WHERE status = 'received' AND answer_ct IS NULL AND version = 1") ==
	      1);
	CHECK(complaint_answer(&so, code, c.version, CS_ANSWERED, day("2026-03-10"), "x", &d, &e) == GEMIS_EPERM);
	CHECK(complaint_answer(&s, code, c.version + 5, CS_HANDLING, day("2026-03-10"), NULL, &d, &e) ==
	      GEMIS_ECONFLICT);
	CHECK(complaint_answer(&s, code, c.version, CS_HANDLING, day("2026-03-10"), NULL, &d, &e) == GEMIS_OK);
	CHECK(complaint_answer(&s, code, c.version + 1, CS_ANSWERED, day("2026-03-20"), "Đã trả lời ANSWER-88", &d,
			       &e) == GEMIS_OK);
	CHECK(complaint_get(&s, code, true, &mem, &c, &e) == GEMIS_OK);
	CHECK(c.status == CS_ANSWERED && c.version == 3);
	CHECK_STR(c.answer, "Đã trả lời ANSWER-88");
	/* closed: no more changes */
	CHECK(complaint_answer(&s, code, c.version, CS_WITHDRAWN, day("2026-03-21"), NULL, &d, &e) == GEMIS_ECONFLICT);
	arena_release(&mem);
	diags_release(&d);
}

TEST(a_kind_without_a_limit_is_refused)
{
	struct cmp_session s = session(&focal, "2026-06-01");
	struct cmp_fields f = good();
	struct diags d;
	struct errctx e = {0};
	char code[CMP_CODE_MAX + 1];
	long long before = count("SELECT COUNT(*) FROM complaints");

	f.kind = CK_DENUNCIATION;
	diags_init(&d, 20);
	CHECK(db_exec(db, &e, "UPDATE complaint_limits SET answer_days = 0 WHERE kind = 'denunciation'") == GEMIS_OK);
	CHECK(complaint_add(&s, tree_find(&tree, "03390"), &f, code, &d, &e) == GEMIS_EINVAL);
	CHECK(has_field(&d, "kind"));
	CHECK(count("SELECT COUNT(*) FROM complaints") == before);
	CHECK(db_exec(db, &e, "UPDATE complaint_limits SET answer_days = 30 WHERE kind = 'denunciation'") == GEMIS_OK);
	/* a rule that does not exist (none of the register's matters uses it) */
	f.kind = CK_PETITION;
	CHECK(db_exec(db, &e, "DELETE FROM complaint_limits WHERE kind = 'petition'") == GEMIS_OK);
	diags_release(&d);
	diags_init(&d, 20);
	CHECK(complaint_add(&s, tree_find(&tree, "03390"), &f, code, &d, &e) == GEMIS_EINVAL);
	CHECK(d.n == 1 && strcmp(d.d[0].field, "kind") == 0 && strstr(d.d[0].msg, "there is no time limit") != NULL);
	CHECK(count("SELECT COUNT(*) FROM complaints") == before);
	f.kind = CK_DENUNCIATION;
	CHECK(complaint_add(&s, tree_find(&tree, "03390"), &f, code, &d, &e) == GEMIS_OK);
	CHECK_STR(code, "03390-2026-0002");
	CHECK(count("SELECT COUNT(*) FROM complaints WHERE code = '03390-2026-0002' AND due = '2026-04-08'") == 1);
	diags_release(&d);
}

TEST(refer_to_a_case_of_the_commune)
{
	struct cmp_session s = session(&focal, "2026-06-01");
	struct errctx e = {0};
	struct arena mem;
	struct complaint c;
	const char *code = "03390-2026-0002";
	static const char case_json[] =
		"{\"detected\": \"2026-02-17\", \"source\": \"trusted_address\", \"survivor\": {\"sex\": \"F\","
		" \"age_group\": \"25-59\"}, \"type\": \"psychological_abuse\", \"trafficking_return\": false,"
		" \"consent_statistics\": true}";
	struct case_session cs = {db, &tree, &cw, &key, NULL, 0};
	char ccode[CASE_CODE_CHARS + 1], q[200];

	arena_init(&mem, 0);
	CHECK(complaint_get(&s, code, false, &mem, &c, &e) == GEMIS_OK);
	CHECK(complaint_refer(&s, code, c.version, "NOCASE-1", &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "case");
	CHECK(complaint_refer(&s, code, c.version, "bad code!", &e) == GEMIS_EINVAL);
	/* a real case of the commune, through the case register */
	CHECK(case_add(&cs, tree_find(&tree, "03390"), case_json, strlen(case_json), ccode, &e) == GEMIS_OK);
	CHECK(complaint_refer(&s, code, c.version, ccode, &e) == GEMIS_OK);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM complaints WHERE case_code = '%s' AND version = %lld", ccode,
		 c.version + 1);
	CHECK(count(q) == 1);
	arena_release(&mem);
}

/* A matter recorded on a second connection while the first's is not yet
 * committed (a thread of its own: it waits for the first). */
struct racer {
	struct cmp_session s;
	char code[CMP_CODE_MAX + 1];
	enum gemis_err err;
};

static void *record_meanwhile(void *p)
{
	struct racer *r = p;
	struct cmp_fields f = good();
	struct diags d;
	struct errctx e = {0};

	diags_init(&d, 20);
	r->err = complaint_add(&r->s, tree_find(&tree, "03390"), &f, r->code, &d, &e);
	if (r->err)
		fprintf(stderr, "the second matter: %s\n", e.msg);
	diags_release(&d);
	return NULL;
}

/* Regression: two matters recorded at the same moment both read the same
 * highest number; the second failed on the code's uniqueness (PostgreSQL). */
TEST(two_at_once_get_two_numbers)
{
	struct cmp_session s = session(&focal, "2026-06-01");
	struct cmp_fields f = good();
	struct diags d;
	struct errctx e = {0};
	struct racer r;
	struct db *other = NULL;
	pthread_t th;
	char code[CMP_CODE_MAX + 1];
	struct timespec pause = {0, 300 * 1000 * 1000};

	diags_init(&d, 20);
	CHECK(store_open(db_url, 0, &other, &e) == GEMIS_OK);
	if (!other)
		return;
	r.s = session(&focal, "2026-06-01");
	r.s.db = other;
	CHECK(db_begin(db, &e) == GEMIS_OK);
	CHECK(complaint_add(&s, tree_find(&tree, "03390"), &f, code, &d, &e) == GEMIS_OK);
	CHECK(pthread_create(&th, NULL, record_meanwhile, &r) == 0);
	nanosleep(&pause, NULL); /* the other reaches its turn and waits */
	CHECK(db_commit(db, &e) == GEMIS_OK);
	pthread_join(th, NULL);
	CHECK(r.err == GEMIS_OK);
	CHECK(strcmp(code, r.code) != 0);
	CHECK(strncmp(r.code, "03390-2026-", 11) == 0 && atoi(r.code + 11) == atoi(code + 11) + 1);
	db_close(other);
	diags_release(&d);
}

static int account(const char *name, enum role r, const char *unit, const char *agency, struct principal *p)
{
	struct errctx e = {0};
	struct user_rec u;
	long long id;
	bool found;

	if (users_add(db, &tree, name, r, tree_find(&tree, unit), agency ? agency_find(agency) : -1, NULL,
		      "a long enough password", &id, &e) ||
	    users_find(db, name, &u, &found, &e) || !found || principal_of(&tree, &u, p)) {
		fprintf(stderr, "account %s: %s\n", name, e.msg);
		return -1;
	}
	return 0;
}

static int setup(const char *url)
{
	struct errctx e = {0};
	char kp[128];

	db_url = url;
	if (fixture_open(url, &db, &tree))
		return -1;
	snprintf(kp, sizeof(kp), "%s/case.key", dir);
	if (seal_key_generate(kp, &e) || seal_key_load(kp, &key, &e)) {
		fprintf(stderr, "key: %s\n", e.msg);
		return -1;
	}
	if (account("focal.binhlu", ROLE_FOCAL, "03390", NULL, &focal) ||
	    account("vhxh.binhlu", ROLE_REPORTER, "03390", "vhxh", &rep_vhxh) ||
	    account("ca.binhlu", ROLE_REPORTER, "03390", "congan", &rep_ca) ||
	    account("prov.12", ROLE_PROVINCE, "12", NULL, &prov) ||
	    account("mttq.binhlu", ROLE_SUPERVISOR, "03390", NULL, &sup) ||
	    account("focal.dongnguyen", ROLE_FOCAL, "09385", NULL, &focal_other) ||
	    account("cw.binhlu", ROLE_CASEWORKER, "03390", NULL, &cw))
		return -1;
	return 0;
}

int main(void)
{
	const char *pg = getenv("GEMIS_TEST_PG");
	char path[64];
	int rc;

	if (sodium_init() < 0 || !mkdtemp(dir))
		return 1;
	i18n_set_lang(LANG_EN);
	RUN(checks_name_each_field);
	RUN(due_day_and_overdue);
	if (pg && *pg) {
		printf("backend: PostgreSQL\n");
		if (setup(pg))
			return 1;
	} else {
		snprintf(path, sizeof(path), "%s/test.db", dir);
		printf("backend: SQLite\n");
		if (setup(path))
			return 1;
	}
	RUN(who_may);
	RUN(seal_domains_are_apart);
	RUN(register_seals_and_refuses);
	RUN(answers_in_order_and_nothing_half_written);
	RUN(a_kind_without_a_limit_is_refused);
	RUN(refer_to_a_case_of_the_commune);
	RUN(two_at_once_get_two_numbers);
	rc = harness_report();
	seal_key_wipe(&key);
	tree_release(&tree);
	db_close(db);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	return rc;
}
