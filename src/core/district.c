/* district.c — the district tree and one district's view of a dataset
 * (district.h): what lets one instance hold a whole city. */
#include "core/district.h"

#include <stdlib.h>
#include <string.h>

#include "core/items.h"
#include "util/xalloc.h"

int64_t district_of_unit(const struct dataset *ds, int64_t unit_id)
{
	int depth;

	/* The depth bound guards against a cycle in bad data (as dataset_in_subtree). */
	for (depth = 0; unit_id && depth < 64; depth++) {
		const struct unit *u = dataset_unit(ds, unit_id);

		if (!u)
			return 0;
		if (u->kind == UNIT_DISTRICT)
			return u->id;
		unit_id = u->parent_id;
	}
	return 0;
}

size_t district_count(const struct dataset *ds)
{
	size_t i, n = 0;

	for (i = 0; i < ds->n_units; i++)
		n += ds->units[i].kind == UNIT_DISTRICT;
	return n;
}

int64_t district_key(const struct dataset *ds, int64_t district_id)
{
	return district_count(ds) > 1 ? district_id : 0;
}

/* 1 when unit id is in district d's subtree or on its path to the root. */
static int unit_kept(const struct dataset *ds, int64_t id, int64_t d)
{
	return dataset_in_subtree(ds, id, d) || dataset_in_subtree(ds, d, id);
}

static void view_units(const struct dataset *src, int64_t d, struct dataset *v)
{
	size_t i;

	v->units = xcalloc(src->n_units + 1, sizeof(*v->units));
	v->n_units = 0;
	for (i = 0; i < src->n_units; i++)
		if (unit_kept(src, src->units[i].id, d))
			v->units[v->n_units++] = src->units[i];
}

/* The projects of d's sections; map[i] is project i's index in the view,
 * (size_t)-1 when it is not there (caller frees map). */
static size_t *view_projects(const struct dataset *src, int64_t d, struct dataset *v)
{
	size_t *map = xcalloc(src->n_projects + 1, sizeof(*map)), i, n = 0;

	v->projects = xcalloc(src->n_projects + 1, sizeof(*v->projects));
	v->listings = xcalloc(src->n_projects + 1, sizeof(*v->listings));
	v->reports = xcalloc(src->n_projects + 1, sizeof(*v->reports));
	for (i = 0; i < src->n_projects; i++) {
		map[i] = (size_t)-1;
		if (!dataset_in_subtree(src, src->projects[i].section_id, d))
			continue;
		v->projects[n] = src->projects[i];
		if (src->listings)
			v->listings[n] = src->listings[i];
		if (src->reports)
			v->reports[n] = src->reports[i];
		map[i] = n++;
	}
	v->n_projects = n;
	return map;
}

static void view_rest(const struct dataset *src, int64_t d, const size_t *map,
		      struct dataset *v)
{
	size_t i;

	v->targets = xcalloc(src->n_targets + 1, sizeof(*v->targets));
	for (v->n_targets = i = 0; i < src->n_targets; i++)
		if (!src->targets[i].section_id ||
		    dataset_in_subtree(src, src->targets[i].section_id, d))
			v->targets[v->n_targets++] = src->targets[i];
	v->indicators = xcalloc(src->n_indicators + 1, sizeof(*v->indicators));
	for (v->n_indicators = i = 0; i < src->n_indicators; i++)
		if (!src->indicators[i].unit_id ||
		    dataset_in_subtree(src, src->indicators[i].unit_id, d))
			v->indicators[v->n_indicators++] = src->indicators[i];
	v->items = xcalloc(src->n_items + 1, sizeof(*v->items));
	for (v->n_items = i = 0; i < src->n_items; i++) {
		if (src->items[i].project >= src->n_projects ||
		    map[src->items[i].project] == (size_t)-1)
			continue;
		v->items[v->n_items] = src->items[i];
		v->items[v->n_items++].project = map[src->items[i].project];
	}
	v->own_signings = xcalloc(src->n_signings + 1, sizeof(*v->own_signings));
	for (v->n_signings = i = 0; i < src->n_signings; i++)
		if (dataset_in_subtree(src, src->signings[i].followed_by, d))
			v->own_signings[v->n_signings++] = src->signings[i];
	v->signings = src->signings ? v->own_signings : NULL;
}

void district_view(const struct dataset *src, int64_t district_id, struct dataset *view)
{
	size_t *map;

	memset(view, 0, sizeof(*view));
	view->year = src->year;
	view->funds = src->funds;
	view->demolition = src->demolition;
	view->supplies = src->supplies;
	view->n_supplies = src->n_supplies;
	view_units(src, district_id, view);
	map = view_projects(src, district_id, view);
	view_rest(src, district_id, map, view);
	free(map);
	dataset_index(view);
	view->borrowed = 1;
}

void district_view_release(struct dataset *view)
{
	free(view->units);
	free(view->projects);
	free(view->listings);
	free(view->reports);
	free(view->targets);
	free(view->indicators);
	free(view->items);
	free(view->own_signings);
	free(view->unit_by_id);
	free(view->unit_at);
	memset(view, 0, sizeof(*view));
}
