/*
 * demo.h: a database a newcomer can explore.
 *
 * The real plans of three communes (embedded from data/demo/plans/, the
 * hand-checked answers for the plans in the shared reference set), and
 * invented but plausible values for 2024-2026 for every commune and ward of
 * their provinces (Lai Châu, Bắc Ninh, Hải Phòng), drawn from a seeded
 * generator so that every run builds the same database.  Every value has
 * source "demo", every plan demo = 1, and meta "demo" is set, so that
 * reports and pages say it is demo data.
 */
#ifndef GEMIS_DEMO_H
#define GEMIS_DEMO_H

#include "db.h"
#include "values.h"

/* The demo accounts, all with the password DEMO_PASSWORD (printed by
 * `gemis demo` and `./dev run`; never use it outside a demo). */
#define DEMO_PASSWORD "gemis-demo-2026"

struct demo_account {
	const char *name;
	const char *role;   /* role id */
	const char *unit;   /* unit code */
	const char *agency; /* agency id or NULL */
	const char *full_name;
	const char *what;   /* N_() text: what to try with it */
};
extern const struct demo_account demo_accounts[];
extern const size_t demo_account_count;

enum demo_flags {
	/* take some of Bình Lư's 2026 forms through the workflow (approved,
	 * submitted, returned), record its agencies' progress on their tasks
	 * (done, in progress, could not be done) and log its third quarter's
	 * activities and its Action Month, so that the reporting, task and
	 * activity pages show it in motion, and take two years of its budget
	 * lines through the estimate workflow; tests start from forms never
	 * saved, so it is not the default */
	DEMO_FORMS = 1,
};

/* Builds the demo in an initialised database that holds no values or
 * plans, with the demo accounts, in one transaction.  progress may be
 * NULL. */
/* Bình Lư's feedback and complaints of 2026 (store/complaints.h), sealed
 * with key: `gemis demo --forms` adds them when a register key is given. */
struct seal_key;
struct tree;
enum gemis_err demo_complaints(struct db *db, const struct tree *t, const struct seal_key *key, struct errctx *e);

enum gemis_err demo_build(struct db *db, int flags, values_progress_fn progress, void *pctx,
			  struct errctx *e);

#endif
