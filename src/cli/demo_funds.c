/* demo_funds.c — `ballast demo`'s policy fulfilment (core/demo_funds.h):
 * the official 2023 and 2024 calendars, the policies and the applications
 * with their payments, written in the demo's transaction as the store
 * writes any (audited). */
#include <stdlib.h>
#include <string.h>

#include "cli/demo_funds.h"
#include "core/demo_funds.h"
#include "store/store_funds.h"

enum bl_err demo_funds_write(struct store *st, const struct demo_data *d, const int64_t *unit,
			     const int64_t *project, bl_day asof)
{
	struct demo_funds f;
	int64_t pol[3];
	enum bl_err rc = BL_OK;
	size_t i;
	int s;

	demo_funds_generate(d, asof, &f);
	for (i = 0; i < f.n_days && !rc; i++)
		rc = store_workday_put(st, &f.days[i]);
	for (i = 0; i < 3 && !rc; i++) {
		for (s = 0; s < FS__MAX; s++)
			f.policies[i].owner[s] = unit[f.policies[i].owner[s] - 1];
		rc = store_policy_put(st, &f.policies[i]);
		pol[i] = f.policies[i].id;
	}
	for (i = 0; i < f.n && !rc; i++) {
		struct application *a = &f.apps[i].a;

		a->policy_id = pol[a->policy_id - 1];
		a->project_id = a->project_id ? project[a->project_id - 1] : 0;
		rc = store_application_put(st, a);
	}
	demo_funds_release(&f);
	return rc;
}
