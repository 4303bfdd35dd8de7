/* leader_page.c — a leader's page (leader_page.h). */
#include "core/leader_page.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The index of project id in ds, or -1. */
static long index_of(const struct dataset *ds, int64_t id)
{
	size_t i;

	for (i = 0; ds && i < ds->n_projects; i++)
		if (ds->projects[i].id == id)
			return (long)i;
	return -1;
}

/* The lights of the rows listed in ds, as of day, into light (or before). */
static void lights(const struct leader_page_input *in, struct leader_page *pg, bl_day day,
		   int before)
{
	size_t *idx = xcalloc(pg->n + 1, sizeof(*idx)), n = 0, i, k = 0;
	enum light *out;

	for (i = 0; i < pg->n; i++)
		if (pg->v[i].index >= 0)
			idx[n++] = (size_t)pg->v[i].index;
	out = xcalloc(n + 1, sizeof(*out));
	if (n)
		warnings_lights_of(in->ds, in->ws, day, idx, n, out);
	for (i = 0; i < pg->n; i++) {
		if (pg->v[i].index < 0)
			continue;
		if (before)
			pg->v[i].light_before = (int)out[k++];
		else
			pg->v[i].light = (int)out[k++];
	}
	free(out);
	free(idx);
}

static void count_items(const struct leader_page_input *in, struct leader_page *pg)
{
	struct item_selection sel;
	struct item_query q;
	size_t i, k;

	if (!in->items)
		return;
	item_query_init(&q, in->asof);
	q.state = IS__MAX; /* pending: open or answered (items_view.h) */
	item_select(in->items, &q, NULL, &sel);
	for (i = 0; i < sel.n; i++)
		for (k = 0; k < pg->n; k++)
			if (pg->v[k].p->id == sel.v[i].e->it.project_id) {
				pg->v[k].open_items++;
				pg->v[k].overdue_items += sel.v[i].overdue != 0;
			}
	item_selection_release(&sel);
}

static void mark_changes(const struct leader_page_input *in, struct leader_page *pg)
{
	size_t i, k;

	for (i = 0; i < in->n_changes; i++)
		for (k = 0; k < pg->n; k++)
			if (in->changes[i].ref && !strcmp(in->changes[i].ref, pg->v[k].p->ref))
				pg->v[k].changes |= 1u << in->changes[i].change;
	for (k = 0; k < pg->n; k++)
		if (pg->v[k].light_before >= 0 && pg->v[k].light_before != pg->v[k].light)
			pg->v[k].changes |= 1u << LC_LIGHT;
}

/* changed first, then the worst light, then by ref */
static int row_cmp(const void *a, const void *b)
{
	const struct leader_row *x = a, *y = b;

	if (!x->changes != !y->changes)
		return x->changes ? -1 : 1;
	if (x->light != y->light)
		return y->light - x->light;
	return strcmp(x->p->ref, y->p->ref);
}

void leader_page_build(const struct leader_page_input *in, struct leader_page *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(in->n_projects + 1, sizeof(*out->v));
	out->n = in->n_projects;
	for (i = 0; i < out->n; i++) {
		out->v[i].p = &in->projects[i];
		out->v[i].index = index_of(in->ds, in->projects[i].id);
		out->v[i].light = out->v[i].light_before = -1;
	}
	lights(in, out, in->asof, 0);
	if (in->seen_on != DAY_NONE && in->seen_on <= in->asof && in->ds &&
	    day_year(in->seen_on) == in->ds->year)
		lights(in, out, in->seen_on, 1);
	count_items(in, out);
	mark_changes(in, out);
	qsort(out->v, out->n, sizeof(*out->v), row_cmp);
	for (i = 0; i < out->n; i++) {
		out->changed += out->v[i].changes != 0;
		if (out->v[i].light >= 0)
			out->by_light[out->v[i].light]++;
		out->open_items += out->v[i].open_items;
		out->overdue_items += out->v[i].overdue_items;
	}
}

void leader_page_release(struct leader_page *pg)
{
	free(pg->v);
	memset(pg, 0, sizeof(*pg));
}
