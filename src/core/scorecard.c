/*
 * scorecard.c: computing a score from its criteria (scorecard.h).
 */
#include "scorecard.h"

#include <math.h>
#include <string.h>

#include "util/i18n.h"

#include "util/banned.h"

static const char *const ids[SC_COUNT] = {"forms_on_time", "tasks_done", "indicators_on_track", "activities_logged"};

const char *sc_criterion_id(enum sc_criterion c)
{
	return (unsigned)c < SC_COUNT ? ids[c] : "?";
}

const char *sc_criterion_name(enum sc_criterion c)
{
	static const char *const names[SC_COUNT] = {
		N_("forms on time"), N_("tasks done"), N_("indicators achieved or on track"),
		N_("quarters with activities logged"),
	};

	return (unsigned)c < SC_COUNT ? _(names[c]) : "?";
}

int sc_criterion_parse(const char *s)
{
	int i;

	for (i = 0; s && i < SC_COUNT; i++) {
		if (strcmp(ids[i], s) == 0)
			return i;
	}
	return -1;
}

void sc_rules_default(struct sc_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->version = 1;
	memcpy(r->origin, "VN", 3);
	r->weight[SC_FORMS] = 30;
	r->weight[SC_TASKS] = 30;
	r->weight[SC_INDICATORS] = 25;
	r->weight[SC_ACTIVITIES] = 15;
}

void sc_compute(const struct sc_rules *r, const struct sc_input *in, struct sc_score *out)
{
	double wsum = 0, acc = 0;
	int c;

	for (c = 0; c < SC_COUNT; c++) {
		out->points[c] = 0;
		out->share[c] = NAN;
		if (!in->whole[c] || r->weight[c] <= 0)
			continue;
		out->share[c] = (double)(in->part[c] > in->whole[c] ? in->whole[c] : in->part[c]) / in->whole[c];
		wsum += r->weight[c];
		acc += r->weight[c] * out->share[c];
	}
	out->score = wsum > 0 ? 100 * acc / wsum : NAN;
	for (c = 0; c < SC_COUNT && wsum > 0; c++) {
		if (!isnan(out->share[c]))
			out->points[c] = 100 * r->weight[c] * out->share[c] / wsum;
	}
}
