/* visits_load.c — the supervision schedule's settings in effect (the defaults
 * overridden by the store's supervision.* settings) and the schedule from the
 * store's visits: one loader for the CLI and the server (as items_load.c is
 * for items). */
#include "core/visits.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_visits.h"
#include "util/xalloc.h"

struct load_ctx {
	struct schedule_settings *ss;
	int n_bad;
};

static int apply(void *ctx, const char *key, const char *value)
{
	struct load_ctx *c = ctx;

	if (schedule_setting_is_ours(key) && schedule_settings_set(c->ss, key, value))
		c->n_bad++;
	return 0;
}

int schedule_settings_load(struct store *st, struct schedule_settings *ss)
{
	struct load_ctx c = { ss, 0 };

	schedule_settings_defaults(ss);
	if (store_settings_each(st, apply, &c))
		return -1;
	return c.n_bad ? -1 : 0;
}

/* ---- the schedule from the store ---- */

struct visit_list {
	struct visit *v;
	size_t n, alloc;
	bl_day from, to;
};

static int take_visit(void *ctx, const struct visit *v)
{
	struct visit_list *l = ctx;

	if (v->kind != VK_SUPERVISION || v->on < l->from || v->on > l->to)
		return 0;
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	visit_init(&l->v[l->n]);
	l->v[l->n].id = v->id;
	l->v[l->n].project_id = v->project_id;
	l->v[l->n].on = v->on;
	l->v[l->n].kind = v->kind;
	l->n++;
	return 0;
}

enum bl_err schedule_compute(struct store *st, const struct dataset *ds,
			     const struct warning_settings *ws,
			     const struct schedule_settings *ss, bl_day asof, struct schedule *out)
{
	struct visit_list vl = { NULL, 0, 0, DAY_NONE, DAY_NONE };
	enum light *lights;
	enum bl_err rc;

	memset(out, 0, sizeof(*out));
	schedule_window(asof, ss, &vl.from, &vl.to);
	rc = store_visits_each(st, 0, take_visit, &vl);
	if (rc) {
		free(vl.v);
		return rc;
	}
	lights = xcalloc(ds->n_projects ? ds->n_projects : 1, sizeof(*lights));
	warnings_lights(ds, ws, vl.from, lights);
	schedule_build(ds, lights, ss, asof, vl.v, vl.n, out);
	free(lights);
	free(vl.v);
	return BL_OK;
}
