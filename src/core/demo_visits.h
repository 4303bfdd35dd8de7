/* demo_visits.h — the demo district's commando teams (党员突击队) and site
 * visits (走访, 双月现场督办), made from the demo's projects and items
 * (core/demo.h), deterministic for a given demo: teams on the hard
 * projects (those a site visit raised an item on, and the filed-not-started
 * ones of 10 亿 and more), their monthly commando visits and the April and
 * June supervision visits the items came from; then, once stored, in every
 * two-month window up to asof a supervision visit to two of three projects
 * of its schedule, so that a schedule shows some visited and some not. */
#ifndef BL_DEMO_VISITS_H
#define BL_DEMO_VISITS_H

#include "core/demo.h"
#include "core/visits.h"
#include "util/error.h"

struct demo_visits {
	struct team *teams;   /* project_id: the demo's project ids */
	size_t n_teams;
	struct visit *visits; /* by day */
	size_t n_visits;
};

/* Fill *out (overwritten) from d as known on asof; release with
 * demo_visits_release. */
void demo_visits_generate(const struct demo_data *d, bl_day asof, struct demo_visits *out);
void demo_visits_release(struct demo_visits *v);

struct store;
/* After the demo is stored: for each two-month window (January–February, …,
 * the default odd months) whose second month's 10th is on or before asof,
 * a supervision visit on that day to two of every three projects on the
 * window's schedule (core/visits.h, default settings) not yet visited, one
 * transaction per window, audited under the store's actor. *n gets how
 * many. BL_OK or the store's error. */
enum bl_err demo_visits_supervise(struct store *st, bl_day asof, size_t *n);

#endif
