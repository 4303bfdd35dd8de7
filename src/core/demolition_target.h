/* demolition_target.h — a demolition target (征拆目标, issue #15 item 5): a
 * target on measure demolition_area_m2 or demolition_households is judged
 * like every target (core/targets.h), its actual the completed amount of the
 * demolition tasks (core/demolition.h) of its scope: over the tasks of the
 * target's year and measure whose section lies in the target's section
 * subtree (0: the district), Σ the latest progress report of each on or
 * before the day judged (a task without one counts 0). A demolition target
 * has no tier, department or industrial filter; one that names any counts no
 * task. h-demotarget. */
#ifndef BL_DEMOLITION_TARGET_H
#define BL_DEMOLITION_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "core/demolition.h"
#include "core/model.h"

/* The demolition measure (DM_AREA, DM_HOUSEHOLDS) of measure k; -1 when k is
 * not a demolition measure. */
int demolition_measure_of(enum measure_key k);

/* NULL when target t may stand (not a demolition measure, or one without a
 * tier, department or industrial filter); else a short static English
 * reason, and *field the offending one ("tier", "department", "industrial"). */
const char *demolition_target_problem(const struct target *t, const char **field);

/* One task of a demolition target's drill-down. */
struct demolition_share {
	const struct demolition_task *task; /* in ds->demolition */
	int has_report;                     /* a report on or before the day */
	int64_t done;                       /* its figure, 0 when none */
	bl_day reported_on;                 /* its day, or DAY_NONE */
};

/* The tasks that count for target t (a demolition measure) in ds, each with
 * its latest report on or before day `on`, into *out (xmalloc'd, in the
 * book's order; free it), their number returned; *total gets Σ done
 * (overflow-checked: saturates at AMOUNT_MAX). */
size_t demolition_target_shares(const struct dataset *ds, const struct target *t, bl_day on,
				struct demolition_share **out, int64_t *total);

#endif
