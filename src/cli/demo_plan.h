/* demo_plan.h — the demo district's issued 2024 plan (任务书) and a few change
 * requests to it, so that the pages show each state (DOMAIN.md §3). */
#ifndef BL_DEMO_PLAN_H
#define BL_DEMO_PLAN_H

#include <stdint.h>

#include "core/demo.h"
#include "store/store.h"

/* Issue DEMO_YEAR's plan as the project office, then propose, as the
 * sections, and decide, as the office: one plan change approved (a later
 * production date), one rejected (a later start), one pending (a later
 * completion) and one actual start date awaiting confirmation, each on the
 * first project of d that fits as of asof (none is made when none fits).
 * None changes a figure as of asof. unit maps the generator's unit ids to
 * the database's (demo.h). Each act is its own transaction; 0, or -1 after
 * printing why. */
int demo_plan_write(struct store *st, const struct demo_data *d, const int64_t *unit,
		    bl_day asof);

#endif
