/*
 * test_workflow.c: the workflows of core/workflow.h: every transition of
 * every workflow, taken by every kind of account, against the tables
 * written out here by hand; and the messages of a refused step.
 */
#include <string.h>

#include "core/access.h"
#include "core/catalog.h"
#include "core/workflow.h"
#include "harness.h"
#include "util/i18n.h"

static struct tree t;

static void build_tree(void)
{
	struct errctx e = {0};

	tree_init(&t);
	tree_add(&t, "VN", "Việt Nam", "Việt Nam", LEVEL_NATION, NULL, 1, &e);
	tree_add(&t, "12", "Lai Châu", "Lai Châu", LEVEL_PROVINCE, "VN", 2, &e);
	tree_add(&t, "03390", "Xã Bình Lư", "Bình Lư", LEVEL_COMMUNE, "12", 3, &e);
	tree_add(&t, "03394", "Xã Sin Suối Hồ", "Sin Suối Hồ", LEVEL_COMMUNE, "12", 4, &e);
	tree_add(&t, "24", "Bắc Ninh", "Bắc Ninh", LEVEL_PROVINCE, "VN", 6, &e);
	tree_add(&t, "09385", "Xã Đồng Nguyên", "Đồng Nguyên", LEVEL_COMMUNE, "24", 7, &e);
	tree_finish(&t);
}

/* The accounts, in the order of the columns below. */
enum { ADMIN, PROV, PROV_OTHER, FOCAL, FOCAL_OTHER, REP_VHXH, REP_KINHTE, VIEWER, CASEWORKER, NWHO };

static struct principal who[NWHO];

static void build_accounts(void)
{
	static const struct {
		enum role role;
		const char *unit, *agency;
	} a[NWHO] = {
		[ADMIN] = {ROLE_ADMIN, "VN", NULL},
		[PROV] = {ROLE_PROVINCE, "12", NULL},
		[PROV_OTHER] = {ROLE_PROVINCE, "24", NULL},
		[FOCAL] = {ROLE_FOCAL, "03390", NULL},
		[FOCAL_OTHER] = {ROLE_FOCAL, "03394", NULL},
		[REP_VHXH] = {ROLE_REPORTER, "03390", "vhxh"},
		[REP_KINHTE] = {ROLE_REPORTER, "03390", "kinhte"},
		[VIEWER] = {ROLE_VIEWER, "03390", NULL},
		[CASEWORKER] = {ROLE_CASEWORKER, "03390", NULL},
	};
	int i;

	for (i = 0; i < NWHO; i++) {
		memset(&who[i], 0, sizeof(who[i]));
		who[i].user_id = i + 1;
		who[i].role = a[i].role;
		who[i].unit = tree_find(&t, a[i].unit);
		who[i].agency = a[i].agency ? agency_find(a[i].agency) : -1;
	}
}

/*
 * Each workflow written out: for every action, who may take it on a
 * document of Bình Lư's Culture and Social Affairs Office (column per
 * account above: Y may, . may not), and for every state the state it leads
 * to ('-': the action does not apply there).
 */
struct expect {
	const struct workflow *w;
	const char *unit;
	const char *states[8];
	struct {
		const char *action;
		const char *who;         /* NWHO characters */
		const char *to[8];       /* by state, as in states[] */
		bool comment;
	} act[8];
};

static const struct expect expected[] = {
	{&wf_form, "03390",
	 {"none", "draft", "submitted", "approved", "returned"},
	 {
		 /*                ADMIN PROV PROV_OTHER FOCAL FOCAL_OTHER REP_VHXH REP_KINHTE VIEWER CASEWORKER */
		 {"save", "Y..Y.Y...", {"draft", "draft", "-", "-", "returned"}, false},
		 {"submit", "Y..Y.Y...", {"submitted", "submitted", "-", "-", "submitted"}, false},
		 {"approve", "Y..Y.....", {"-", "-", "approved", "-", "-"}, false},
		 {"return", "Y..Y.....", {"-", "-", "returned", "-", "-"}, true},
		 {"reopen", "Y..Y.....", {"-", "-", "-", "draft", "-"}, false},
	 }},
	{&wf_estimate, "03390",
	 {"none", "draft", "submitted", "appraised", "approved", "returned"},
	 {
		 {"save", "Y..Y.Y...", {"draft", "draft", "-", "-", "-", "returned"}, false},
		 {"submit", "Y..Y.Y...", {"submitted", "submitted", "-", "-", "-", "submitted"}, false},
		 /* the economic office appraises another agency's estimate */
		 {"appraise", "Y..Y..Y..", {"-", "-", "appraised", "-", "-", "-"}, false},
		 {"approve", "Y..Y.....", {"-", "-", "-", "approved", "-", "-"}, false},
		 {"return", "Y..Y.....", {"-", "-", "returned", "returned", "-", "-"}, true},
		 {"reopen", "Y..Y.....", {"-", "-", "-", "-", "draft", "-"}, true},
		 {"spend", "Y..Y.Y...", {"-", "-", "-", "-", "approved", "-"}, false},
	 }},
	{&wf_recommendation, "03390",
	 {"none", "issued", "followed_up", "closed"},
	 {
		 /* the inspectors: the commune and its province */
		 {"issue", "YY.Y.....", {"issued", "-", "-", "-"}, false},
		 {"follow_up", "Y..Y.Y...", {"-", "followed_up", "-", "-"}, true},
		 {"reject", "YY.Y.....", {"-", "-", "issued", "-"}, true},
		 {"close", "YY.Y.....", {"-", "-", "closed", "-"}, false},
	 }},
	/* a draft's gender check: the drafting agency fills, the Culture and
	 * Social Affairs Office reviews (its own drafts: access_draft_review),
	 * the committee issues */
	{&wf_draft, "03390",
	 {"none", "draft", "submitted", "returned", "reviewed"},
	 {
		 {"save", "Y..Y.Y...", {"draft", "draft", "-", "returned", "-"}, false},
		 {"submit", "Y..Y.Y...", {"submitted", "submitted", "-", "submitted", "-"}, false},
		 {"return", "Y..Y.Y...", {"-", "-", "returned", "-", "-"}, true},
		 {"review", "Y..Y.Y...", {"-", "-", "reviewed", "-", "-"}, true},
		 {"issue", "Y..Y.....", {"-", "draft", "submitted", "returned", "reviewed"}, false},
	 }},
	/* a commune's report: the commune sends, its province receives */
	{&wf_report, "03390",
	 {"none", "draft", "submitted", "returned", "accepted"},
	 {
		 {"save", "Y..Y.....", {"draft", "draft", "-", "returned", "-"}, false},
		 {"submit", "Y..Y.....", {"submitted", "submitted", "-", "submitted", "-"}, false},
		 {"return", "YY.......", {"-", "-", "returned", "-", "-"}, true},
		 {"accept", "YY.......", {"-", "-", "accepted", "-", "-"}, false},
	 }},
	/* a province's report: the province sends, the ministry receives */
	{&wf_report, "12",
	 {"none", "draft", "submitted", "returned", "accepted"},
	 {
		 {"save", "YY.......", {"draft", "draft", "-", "returned", "-"}, false},
		 {"submit", "YY.......", {"submitted", "submitted", "-", "submitted", "-"}, false},
		 {"return", "Y........", {"-", "-", "returned", "-", "-"}, true},
		 {"accept", "Y........", {"-", "-", "accepted", "-", "-"}, false},
	 }},
};

static size_t count_of(const char *const *v, size_t max)
{
	size_t n = 0;

	while (n < max && v[n])
		n++;
	return n;
}

TEST(every_transition_by_every_account)
{
	size_t k, a, s;
	int i, vhxh = agency_find("vhxh");

	for (k = 0; k < sizeof(expected) / sizeof(expected[0]); k++) {
		const struct expect *x = &expected[k];
		const struct workflow *w = x->w;
		int unit = tree_find(&t, x->unit);
		size_t ns = count_of(x->states, 8), na = 0;

		while (na < 8 && x->act[na].action)
			na++;
		CHECK(w->nstates == ns);
		CHECK(w->nactions == na);
		for (s = 0; s < ns; s++)
			CHECK(wf_state_find(w, x->states[s]) == (int)s);
		for (a = 0; a < na; a++) {
			int act = wf_action_find(w, x->act[a].action);

			CHECK(act == (int)a);
			if (act < 0)
				continue;
			CHECK(((w->actions[act].flags & WF_COMMENT) != 0) == x->act[a].comment);
			for (s = 0; s < ns; s++) {
				int want = strcmp(x->act[a].to[s], "-") == 0 ? -1
									    : wf_state_find(w, x->act[a].to[s]);

				if (wf_next(w, (int)s, act) != want) {
					fprintf(stderr, "  %s/%s: %s from %s\n", w->id, x->unit, x->act[a].action,
						x->states[s]);
					CHECK(wf_next(w, (int)s, act) == want);
				}
				for (i = 0; i < NWHO; i++) {
					bool role = x->act[a].who[i] == 'Y';
					bool may = wf_may(w, &t, &who[i], (int)s, act, unit, vhxh);

					CHECK(wf_permitted(w, &t, &who[i], act, unit, vhxh) == role);
					if (may != (role && want >= 0)) {
						fprintf(stderr, "  %s/%s: account %d, %s from %s\n", w->id, x->unit,
							i, x->act[a].action, x->states[s]);
						CHECK(may == (role && want >= 0));
					}
				}
			}
		}
	}
}

TEST(every_workflow_listed_and_sound)
{
	size_t k, i;

	CHECK(workflow_count == 5);
	for (k = 0; k < workflow_count; k++) {
		const struct workflow *w = workflows[k];

		CHECK(strcmp(w->states[0].id, "none") == 0);
		CHECK(w->not_allowed && w->comment_needed && w->nrefusals > 0);
		/* every step names real states and actions, and no two steps
		 * leave one state by one action */
		for (i = 0; i < w->nsteps; i++) {
			const struct wf_step *s = &w->steps[i];
			size_t j;

			CHECK(s->from >= 0 && (size_t)s->from < w->nstates);
			CHECK(s->to > 0 && (size_t)s->to < w->nstates);
			CHECK(s->action >= 0 && (size_t)s->action < w->nactions);
			for (j = i + 1; j < w->nsteps; j++)
				CHECK(!(w->steps[j].from == s->from && w->steps[j].action == s->action));
		}
		/* a locked state counts as sent, and cannot be edited */
		for (i = 0; i < w->nstates; i++) {
			if (w->states[i].flags & WF_LOCKED)
				CHECK((w->states[i].flags & (WF_SENT | WF_EDITABLE)) == WF_SENT);
		}
		CHECK(wf_state_find(w, "nope") == -1 && wf_action_find(w, "nope") == -1);
		CHECK(wf_state_find(w, NULL) == -1);
		CHECK_STR(wf_state_id(w, -1), "?");
		CHECK_STR(wf_action_id(w, (int)w->nactions), "?");
		CHECK(wf_state_flags(w, 99) == 0);
	}
	CHECK(wf_state_flags(&wf_form, SUB_APPROVED) == (WF_SENT | WF_LOCKED));
	CHECK(wf_state_flags(&wf_form, SUB_SUBMITTED) == WF_SENT);
	CHECK(wf_state_flags(&wf_form, SUB_RETURNED) == WF_EDITABLE);
}

/* A history says each step in words of the workflow's table: every
 * action has them, in both languages (the entry page's history reads them
 * from here, issue 21). */
TEST(every_action_has_words_for_the_history)
{
	size_t k, i;

	for (k = 0; k < workflow_count; k++) {
		const struct workflow *w = workflows[k];

		for (i = 0; i < w->nactions; i++) {
			CHECK(w->actions[i].done != NULL);
			i18n_set_lang(LANG_VI);
			CHECK(w->actions[i].done && strcmp(wf_action_done(w, (int)i), w->actions[i].done) != 0);
		}
	}
	i18n_set_lang(LANG_VI);
	CHECK_STR(wf_action_done(&wf_form, SUB_SUBMIT), "đã gửi");
	i18n_set_lang(LANG_EN);
	CHECK_STR(wf_action_done(&wf_form, SUB_REOPEN), "reopened");
	CHECK_STR(wf_action_done(&wf_form, 99), "?");
	i18n_set_lang(LANG_VI);
}

TEST(refusals_say_why)
{
	struct errctx e = {0};
	int to = 0, unit = tree_find(&t, "03390"), vhxh = agency_find("vhxh");

	i18n_set_lang(LANG_EN);
	CHECK(wf_check_state(&wf_form, SUB_APPROVED, SUB_SAVE, &to, &e) == GEMIS_ECONFLICT && to == -1);
	CHECK_STR(e.msg, "this form is approved and locked: the focal point must reopen it first");
	CHECK(wf_check_state(&wf_form, SUB_APPROVED, SUB_APPROVE, &to, &e) == GEMIS_ECONFLICT);
	CHECK_STR(e.msg, "this form is approved and locked: the focal point must reopen it first");
	CHECK(wf_check_state(&wf_form, SUB_SUBMITTED, SUB_SUBMIT, &to, &e) == GEMIS_ECONFLICT);
	CHECK_STR(e.msg, "this form is submitted and waits for approval: it can change only after the "
			 "focal point returns it");
	CHECK(wf_check_state(&wf_form, SUB_DRAFT, SUB_REOPEN, &to, &e) == GEMIS_ECONFLICT);
	CHECK_STR(e.msg, "only an approved form can be reopened; this one is: draft");
	CHECK(wf_check_state(&wf_form, SUB_RETURNED, SUB_APPROVE, &to, &e) == GEMIS_ECONFLICT);
	CHECK_STR(e.msg, "only a submitted form can be approved or returned; this one is: returned");
	CHECK(wf_check_state(&wf_form, SUB_NONE, SUB_RETURN, &to, &e) == GEMIS_ECONFLICT);
	CHECK_STR(e.msg, "only a submitted form can be approved or returned; this one is: not started");
	CHECK(wf_check_state(&wf_form, SUB_SUBMITTED, SUB_RETURN, &to, &e) == GEMIS_OK);
	CHECK(to == SUB_RETURNED);
	CHECK(wf_check_state(&wf_report, 4, 0, &to, &e) == GEMIS_ECONFLICT);
	CHECK_STR(e.msg, "this report is accepted and locked with the figures it carried");
	CHECK(wf_check_state(&wf_report, 2, 1, &to, &e) == GEMIS_ECONFLICT);
	CHECK_STR(e.msg, "this report is submitted and waits for review: it can be sent again only after it is returned");
	CHECK(wf_check_state(&wf_report, 3, 3, &to, &e) == GEMIS_ECONFLICT);
	CHECK_STR(e.msg, "only a submitted report can be returned or accepted; this one is: returned");

	err_clear(&e);
	CHECK(wf_check_request(&wf_form, &t, &who[VIEWER], SUB_SAVE, unit, vhxh, NULL, &e) == GEMIS_EPERM);
	CHECK_STR(e.msg, "you may not do this to this form");
	CHECK(wf_check_request(&wf_form, &t, &who[FOCAL], SUB_RETURN, unit, vhxh, "", &e) == GEMIS_EINVAL);
	CHECK_STR(e.where, "comment");
	CHECK_STR(e.msg, "say why the form is returned, so that the agency knows what to fix");
	CHECK(wf_check_request(&wf_form, &t, &who[FOCAL], SUB_RETURN, unit, vhxh, "fix it", &e) == GEMIS_OK);
	CHECK(wf_check_request(&wf_form, &t, &who[FOCAL], SUB_APPROVE, unit, vhxh, NULL, &e) == GEMIS_OK);
	/* the role is checked before the comment */
	CHECK(wf_check_request(&wf_form, &t, &who[REP_VHXH], SUB_RETURN, unit, vhxh, NULL, &e) == GEMIS_EPERM);
	/* out of range */
	CHECK(!wf_permitted(&wf_form, &t, &who[ADMIN], 99, unit, vhxh));
	CHECK(!wf_permitted(&wf_form, &t, &who[ADMIN], SUB_SAVE, -1, vhxh));
	CHECK(!wf_permitted(&wf_form, &t, &who[ADMIN], SUB_SAVE, (int)t.n, vhxh));
	/* names for people follow the language */
	CHECK_STR(wf_state_name(&wf_form, SUB_APPROVED), "approved");
	i18n_set_lang(LANG_VI);
	CHECK(strcmp(wf_state_name(&wf_form, SUB_APPROVED), "approved") != 0);
}

/* Forms are filled in only for communes and wards. */
TEST(forms_only_for_communes)
{
	int prov = tree_find(&t, "12"), vhxh = agency_find("vhxh");

	CHECK(!wf_permitted(&wf_form, &t, &who[ADMIN], SUB_SAVE, prov, vhxh));
	CHECK(!wf_permitted(&wf_form, &t, &who[ADMIN], SUB_APPROVE, prov, vhxh));
}

int main(void)
{
	build_tree();
	build_accounts();
	RUN(every_transition_by_every_account);
	RUN(every_workflow_listed_and_sound);
	RUN(every_action_has_words_for_the_history);
	RUN(refusals_say_why);
	RUN(forms_only_for_communes);
	tree_release(&t);
	return harness_report();
}
