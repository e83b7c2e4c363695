/*
 * web.h: the pages of the web application: the route table (routes.c),
 * the page shell every page shares (layout.c), charts (chart.c) and the
 * pieces several pages show.  Pages are rendered on the server and work
 * without JavaScript; htmx and uPlot (embedded from npm) add inline checks
 * and interactive charts where they help.
 */
#ifndef GEMIS_WEB_H
#define GEMIS_WEB_H

#include "core/assess.h"
#include "core/date.h"
#include "core/period.h"
#include "http/html.h"
#include "http/http.h"

extern const struct route web_routes[];

/* The hooks of struct http_config. */
void web_error_page(struct http_req *r, int status, const char *message);
void web_login_page(struct http_req *r);

/* Opens a page: head, header with navigation, account and language
 * switch, banners (demo data, Action Month).  unit is the unit the page
 * is about (for the navigation), -1 for none. */
void page_begin(struct http_req *r, const char *title, int unit);
/* The same with extras in the head: PAGE_CHART loads uPlot. */
enum page_opts { PAGE_CHART = 1 };
void page_begin_opts(struct http_req *r, const char *title, int unit, unsigned opts);
void page_end(struct http_req *r);
/* Offline entry (offline.c): the head's manifest and script, the queue's
 * place and texts after the header, the account header for the service
 * worker. */
void offline_head(struct http_req *r);
void offline_shell(struct http_req *r);
void offline_account_header(struct http_req *r);
enum gemis_err page_sw(struct http_req *r);
enum gemis_err page_manifest(struct http_req *r);

/* A hidden input with the CSRF token, for every form that posts. */
void form_csrf(struct http_req *r);

/* A status for people: a coloured badge with the status in words. */
void status_badge(struct http_req *r, enum status s);
/* A unit's status in `year` with its year: "not reported in 2026" with
 * what the older data said ("2025: achieved") when the unit is silent in
 * the year shown, else the badge (its title names the year). */
void status_badge_year(struct http_req *r, const struct assessment *a, int year);
/* In place of a status whose small counts the case register hides: says
 * "hidden: few cases", never "no data". */
void hidden_badge(struct http_req *r);
/* CSS class of a status ("st-achieved", ...). */
const char *status_class(enum status s);

/* A value for people with its measurement unit ("41,2%", "1,4 lần"). */
const char *fmt_value(struct http_req *r, double v, const char *measure);
/* A target for people ("≥ 70% (2030)"), "–" when none. */
const char *fmt_target(struct http_req *r, const struct target *t, const char *measure);
/* A date and time for people in Vietnam's time ("14:05 30/11/2026"). */
const char *fmt_time(struct http_req *r, long long at);

/* A period for people: "2026", "quarter 2/2026", "month 3/2026". */
const char *fmt_period(struct http_req *r, period_t p);
/* Who entered or loaded something: the account's name, or words for the
 * demonstration data ("demo"). */
const char *fmt_who(struct http_req *r, const char *by);
/* How values came in (the audit's source: "form", "web", "api", "import",
 * "demo"), in words. */
const char *fmt_source(struct http_req *r, const char *src);

/* The year a page shows: ?year=, else the latest year with data up to
 * this year. */
int page_year(struct http_req *r);

/* A small trend chart (SVG) of the unit's indicator up to `year`, with the
 * target as a dashed line. */
void chart_sparkline(struct http_req *r, int unit, int ind, int year);
/* A larger chart of the same, with axes, for the indicator page. */
void chart_trend(struct http_req *r, int unit, int ind, int year);

/* The steps of a report up the chain or of an answer to an ad hoc
 * request, oldest first, each file linked as `files` followed by the
 * step's id (chain.c). */
struct chain_step;
void report_history(struct http_req *r, const struct chain_step *steps, size_t n, const char *files);

/* The moment reporting is judged at: now, or the end of $GEMIS_TODAY's day
 * when tests or demonstrations set one (reporting.c). */
long long reporting_judged_at(struct http_req *r);

/* Handlers (one file per page). */
enum gemis_err page_login_form(struct http_req *r);
enum gemis_err page_login(struct http_req *r);
enum gemis_err page_logout(struct http_req *r);
enum gemis_err page_lang(struct http_req *r);
enum gemis_err page_account(struct http_req *r);
enum gemis_err page_password(struct http_req *r);
enum gemis_err page_signout_all(struct http_req *r);
enum gemis_err page_token_create(struct http_req *r);
/* totp.c: two-step sign-in on the account page */
enum gemis_err page_totp(struct http_req *r);
enum gemis_err page_totp_post(struct http_req *r);
enum gemis_err page_token_revoke(struct http_req *r);
/* The value and status of indicator k of every unit above `unit` (the
 * province, the nation), as links to their indicator pages (compare.c). */
struct progress_masks;
void compare_above(struct http_req *r, struct progress_masks *pm, int unit, int k, int year);
/* The tokens section of the account page (tokens.c), with a token just
 * made (shown once) or a note of what was done; either may be NULL. */
void account_tokens(struct http_req *r, const char *token, const char *done);
/* Makes an API token for the signed-in account into out (not from a
 * request made with a token: GEMIS_EPERM). */
enum gemis_err account_token_make(struct http_req *r, const char *label, char out[TOKEN_CHARS + 1]);
enum gemis_err page_signins(struct http_req *r);
enum gemis_err page_home(struct http_req *r);
enum gemis_err page_indicator(struct http_req *r);
enum gemis_err page_province(struct http_req *r);
/* The province page's tile grid of its sub-units coloured by indicator
 * ind's status in `year`, with its legend and the choice of indicator
 * (tilemap.c); tilemap_indicator() is the indicator to show (?map=, else
 * sort_ind, else the first with a value), -1 for an unknown ?map=. */
struct snapshot;
int tilemap_indicator(struct http_req *r, const struct snapshot *s, int unit, int year, int sort_ind);
void tilemap(struct http_req *r, const struct snapshot *s, struct progress_masks *m, int unit, int year, int ind);
enum gemis_err page_entry_list(struct http_req *r);
enum gemis_err page_entry_form(struct http_req *r);
enum gemis_err page_entry_post(struct http_req *r);
enum gemis_err page_entry_check(struct http_req *r);
enum gemis_err page_review(struct http_req *r);
enum gemis_err page_plan(struct http_req *r);
enum gemis_err page_plan_upload(struct http_req *r);
enum gemis_err page_plan_review(struct http_req *r);
enum gemis_err page_plan_apply(struct http_req *r);
enum gemis_err page_plan_edit(struct http_req *r);
enum gemis_err page_plan_restore(struct http_req *r);
enum gemis_err page_upload_form(struct http_req *r);
enum gemis_err page_upload(struct http_req *r);
enum gemis_err page_users(struct http_req *r);
enum gemis_err page_users_add(struct http_req *r);
enum gemis_err page_users_disable(struct http_req *r);
enum gemis_err page_users_password(struct http_req *r);
enum gemis_err page_health(struct http_req *r);
/* tasks.c: the plan's tasks and the progress recorded on them */
enum gemis_err page_chain_report(struct http_req *r);
enum gemis_err page_chain_report_post(struct http_req *r);
enum gemis_err page_chain_file(struct http_req *r);
enum gemis_err page_tasks(struct http_req *r);
enum gemis_err page_task(struct http_req *r);
enum gemis_err page_task_post(struct http_req *r);
enum gemis_err page_task_evidence(struct http_req *r);
/* local.c: a unit's own indicators, from its plan's custom targets */
enum gemis_err page_local(struct http_req *r);
enum gemis_err page_local_post(struct http_req *r);
enum gemis_err page_catalog(struct http_req *r);
enum gemis_err page_catalog_add(struct http_req *r);
enum gemis_err page_catalog_break(struct http_req *r);
enum gemis_err page_catalog_retire(struct http_req *r);
enum gemis_err page_catalog_edit(struct http_req *r);
/* The catalog page's edit form (catalog_edit.c): for those who may edit
 * an added indicator; refused, filled with what was posted. */
void catalog_edit_form(struct http_req *r, bool refused);
/* The edit posted (POST /catalog/edit), r->err naming the field when refused. */
enum gemis_err catalog_edit_post(struct http_req *r);
/* A line linking to the unit's local indicators page with their count
 * ("2 local indicators"), and with agency (an agency kind id) the ones it
 * records; nothing when the unit has none. */
void local_link(struct http_req *r, int unit, int year, const char *agency);
/* The dashboard's box of what is late and due this week (tasks and forms,
 * per agency), or a reporter's agency's tasks; nothing for an area. */
void tasks_box(struct http_req *r, int unit, int year);
/* activities.c: the activity log */
enum gemis_err page_activities(struct http_req *r);
enum gemis_err page_activity_add(struct http_req *r);
enum gemis_err page_activity(struct http_req *r);
enum gemis_err page_activity_post(struct http_req *r);
enum gemis_err page_activity_import_form(struct http_req *r);
enum gemis_err page_activity_import(struct http_req *r);
enum gemis_err page_action_month(struct http_req *r);
/* budget.c: the budget of the plan (docs/budget.md) */
enum gemis_err page_budget(struct http_req *r);
enum gemis_err page_budget_add(struct http_req *r);
enum gemis_err page_budget_line(struct http_req *r);
enum gemis_err page_budget_step(struct http_req *r);
enum gemis_err page_budget_export(struct http_req *r);
/* scorecard.c: the agencies' scorecard (docs/scorecard.md) */
enum gemis_err page_scorecard(struct http_req *r);
enum gemis_err page_scorecard_xlsx(struct http_req *r);
/* Files the renderers write (libzip, libxlsxwriter, cairo write files): a
 * private directory under $TMPDIR and a path with extension ext in it
 * (reporting.c); send_rendered() answers with the file written there
 * unless err, as an attachment named filename, and removes both. */
enum gemis_err rendered_path(struct http_req *r, const char *ext, char dir[64], char path[96]);
enum gemis_err send_rendered(struct http_req *r, enum gemis_err err, const char *dir, const char *path,
			     const char *ctype, const char *filename);
enum gemis_err page_action_month_post(struct http_req *r);
/* complaints.c: citizens' feedback, petitions, complaints, denunciations */
enum gemis_err page_complaints(struct http_req *r);
enum gemis_err page_complaint_add(struct http_req *r);
enum gemis_err page_complaint(struct http_req *r);
enum gemis_err page_complaint_post(struct http_req *r);
/* inspections.c: inspections and supervision, their recommendations */
enum gemis_err page_inspections(struct http_req *r);
enum gemis_err page_inspection_add(struct http_req *r);
enum gemis_err page_inspection(struct http_req *r);
enum gemis_err page_inspection_post(struct http_req *r);
enum gemis_err page_recommendation_add(struct http_req *r);
enum gemis_err page_recommendation_post(struct http_req *r);
/* drafts.c: the gender check of draft legal documents (docs/drafts.md) */
enum gemis_err page_drafts(struct http_req *r);
enum gemis_err page_draft_add(struct http_req *r);
enum gemis_err page_draft(struct http_req *r);
enum gemis_err page_draft_post(struct http_req *r);
enum gemis_err page_draft_review(struct http_req *r);
enum gemis_err page_draft_issue(struct http_req *r);
/* reporting.c: reporting completeness and the yearly report's downloads */
enum gemis_err page_reporting(struct http_req *r);
/* adhoc.c: ad hoc requests and their answers */
enum gemis_err page_adhoc_list(struct http_req *r);
enum gemis_err page_adhoc_ask(struct http_req *r);
enum gemis_err page_adhoc(struct http_req *r);
enum gemis_err page_adhoc_post(struct http_req *r);
enum gemis_err page_adhoc_file(struct http_req *r);
/* chain.c: the reporting chain's periods and deadlines */
enum gemis_err page_chain(struct http_req *r);
/* A box for the dashboard and the reporting page: where the unit's own
 * yearly report up the chain stands (state, due, on time or late, the
 * comment it came back with) and, for a province or the nation, how many
 * of its units' reports it has received, accepted, late. */
void chain_box(struct http_req *r, int unit, int year);
enum gemis_err page_chain_set(struct http_req *r);
enum gemis_err page_report(struct http_req *r);

/* What the pages of the registers share for their fields (fields.c). */
/* Today in Vietnam ($GEMIS_TODAY in tests), as a date. */
struct date web_today(struct http_req *r);
/* An agency kind's name in the page's language, "–" for none. */
const char *web_agency_name(struct http_req *r, int k);
/* True when the account may enter for some agency of the unit (budget
 * estimates, local indicators' values). */
bool web_may_enter_any(struct http_req *r, int unit);
/* A day for people ("30/11/2026"), "–" for none. */
const char *web_day(struct http_req *r, struct date d);
/* A day for a date input ("2026-11-30"), "" for none. */
const char *web_iso_day(struct http_req *r, struct date d);
/* A day posted in a form, YYYY-MM-DD or DD/MM/YYYY; an invalid date
 * ({0, 0, 0}) when neither. */
struct date web_posted_day(struct http_req *r, const char *name);
/* err, with the problems of d in one message after the error's own when
 * it is GEMIS_EINVAL. */
struct diags;
enum gemis_err web_refuse(struct http_req *r, enum gemis_err err, const struct diags *d);
/* A positive record id; false for anything else. */
bool web_parse_id(const char *s, long long *id);
/* http_unit_record() for a form posted on one record (drafts, inspections,
 * recommendations): the unit and id of the path, and the version the form
 * was filled on (a 400 "version: missing" when there is none). */
enum gemis_err web_versioned_post(struct http_req *r, enum action a, int *unit, long long *id, long *version);
/* The page of one record of a unit (drafts, inspections): the unit and id
 * of the path (http_unit_record()), then render(r, unit, id, top) shows
 * it, top "Saved." after a change (?done=) or NULL. */
typedef enum gemis_err (*web_record_render)(struct http_req *r, int unit, long long id, const char *top);
enum gemis_err web_record_page(struct http_req *r, web_record_render render);
/* The end of a form's change to record id of unit, whose page is under
 * base ("/drafts"): err when it failed, else the data marked changed
 * (http_data_changed()) and a redirect to the page saying so (?done=1),
 * at recommendation rec ("#rec-ID") when rec > 0. */
enum gemis_err web_record_changed(struct http_req *r, enum gemis_err err, const char *base, int unit, long long id,
				  long long rec);

#endif
