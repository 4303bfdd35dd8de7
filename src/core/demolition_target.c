/* demolition_target.c — the actual of a demolition target: the completed
 * amount of the tasks of its scope at a day (see demolition_target.h). */
#include "core/demolition_target.h"

#include <stdlib.h>

#include "util/xalloc.h"

int demolition_measure_of(enum measure_key k)
{
	switch (k) {
	case M_DEMOLITION_AREA: return DM_AREA;
	case M_DEMOLITION_HOUSEHOLDS: return DM_HOUSEHOLDS;
	default: return -1;
	}
}

const char *demolition_target_problem(const struct target *t, const char **field)
{
	*field = NULL;
	if (demolition_measure_of(t->measure) < 0)
		return NULL;
	if (t->tier != TIER_ANY)
		*field = "tier";
	else if (t->department_id)
		*field = "department";
	else if (t->industrial)
		*field = "industrial";
	return *field ? "a demolition target has a section (or none) only: no tier, "
			"department or industrial filter"
		      : NULL;
}

/* 1 when task k counts for target t (a demolition measure dm) in ds. */
static int counts(const struct dataset *ds, const struct target *t, int dm,
		  const struct demolition_task *k)
{
	if (t->tier != TIER_ANY || t->department_id || t->industrial)
		return 0;
	if (k->year != t->year || (int)k->measure != dm)
		return 0;
	return !t->section_id || dataset_in_subtree(ds, k->section_id, t->section_id);
}

/* The latest report of task s->task on or before day on into *s. */
static void latest(const struct demolition_book *b, bl_day on, struct demolition_share *s)
{
	size_t i;

	s->has_report = 0;
	s->done = 0;
	s->reported_on = DAY_NONE;
	for (i = 0; i < b->n_reports; i++) {
		const struct demolition_report *r = &b->reports[i];

		if (r->task_id != s->task->id || r->on > on)
			continue;
		if (!s->has_report || r->on > s->reported_on) {
			s->has_report = 1;
			s->reported_on = r->on;
			s->done = r->done;
		}
	}
}

size_t demolition_target_shares(const struct dataset *ds, const struct target *t, bl_day on,
				struct demolition_share **out, int64_t *total)
{
	const struct demolition_book *b = ds->demolition;
	int dm = demolition_measure_of(t->measure);
	size_t i, n = 0;

	*out = NULL;
	*total = 0;
	if (!b || dm < 0)
		return 0;
	*out = xmalloc((b->n_tasks ? b->n_tasks : 1) * sizeof(**out));
	for (i = 0; i < b->n_tasks; i++) {
		struct demolition_share *s = &(*out)[n];

		if (!counts(ds, t, dm, &b->tasks[i]))
			continue;
		s->task = &b->tasks[i];
		latest(b, on, s);
		amount_add(total, s->done);
		n++;
	}
	return n;
}
