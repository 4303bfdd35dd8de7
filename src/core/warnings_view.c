/* warnings_view.c — choosing and ordering the warnings to show (the CLI's
 * list, the API's, the bulletin's), with the lights of the projects in view. */
#include <stdlib.h>
#include <string.h>

#include "core/scope.h"
#include "core/warnings.h"
#include "util/xalloc.h"

static int cmp_shown(const void *a, const void *b)
{
	const struct warning_shown *x = a, *y = b;
	int c;

	c = (int)y->w->level - (int)x->w->level; /* red first */
	if (c)
		return c;
	c = strcmp(x->p->ref ? x->p->ref : "", y->p->ref ? y->p->ref : "");
	if (c)
		return c;
	return (int)x->w->rule - (int)y->w->rule;
}

static int in_view(const struct dataset *ds, const struct scope *sc, size_t i,
		   int (*visible)(void *ctx, const struct project *p), void *ctx)
{
	if (!scope_matches(ds, sc, i))
		return 0;
	return !visible || visible(ctx, &ds->projects[i]);
}

void warnings_select(const struct dataset *ds, const struct warning_list *wl,
		     const struct scope *sc, enum light min,
		     int (*visible)(void *ctx, const struct project *p), void *ctx,
		     struct warning_view *out)
{
	struct scope all;
	size_t i;

	if (sc)
		all = *sc;
	else
		scope_init(&all, ds->year, DAY_NONE);
	all.year = ds->year;
	all.lights = wl->lights;
	memset(out, 0, sizeof(*out));
	out->v = xcalloc(wl->n ? wl->n : 1, sizeof(*out->v));
	for (i = 0; i < ds->n_projects && i < wl->n_lights; i++)
		if (in_view(ds, &all, i, visible, ctx))
			out->lights[wl->lights[i]]++;
	for (i = 0; i < wl->n; i++) {
		size_t k = wl->items[i].project;

		if (!in_view(ds, &all, k, visible, ctx))
			continue;
		out->counts[wl->items[i].level]++;
		if (wl->items[i].level < min)
			continue;
		out->v[out->n].w = &wl->items[i];
		out->v[out->n++].p = &ds->projects[k];
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_shown);
}

void warning_view_release(struct warning_view *wv)
{
	free(wv->v);
	memset(wv, 0, sizeof(*wv));
}

void warning_view_keep_rule(struct warning_view *wv, int rule)
{
	size_t i, n = 0;

	if (rule < 0)
		return;
	for (i = 0; i < wv->n; i++)
		if ((int)wv->v[i].w->rule == rule)
			wv->v[n++] = wv->v[i];
	wv->n = n;
}
