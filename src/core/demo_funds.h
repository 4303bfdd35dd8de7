/* demo_funds.h — the demo district's policy fulfilment (政策兑现, DOMAIN.md §7):
 * three 2024 policies and thirty applications in every step, some of them
 * late, with the official 2023 and 2024 calendars their limits count on.
 * Pure: the ids are the generator's (demo.h); `ballast demo` writes them. */
#ifndef BL_DEMO_FUNDS_H
#define BL_DEMO_FUNDS_H

#include "core/demo.h"
#include "core/funds.h"

struct demo_application {
	struct application a; /* policy_id: index + 1 into policies; project_id: a
	                       * generator project id or 0 */
};

struct demo_funds {
	struct policy policies[3]; /* owner ids: generator unit ids */
	struct demo_application *apps; /* by applied_on */
	size_t n;
	struct workcal_day days[2 * WORKCAL_OFFICIAL_MAX]; /* 2023 and 2024 */
	size_t n_days;
};

/* The demo's policies and applications as known on asof (a step or payment
 * after it is not there yet), companies taken from d's industrial projects
 * and a few firms without a project. Deterministic. Release with
 * demo_funds_release. */
void demo_funds_generate(const struct demo_data *d, bl_day asof, struct demo_funds *out);
void demo_funds_release(struct demo_funds *f);

#endif
