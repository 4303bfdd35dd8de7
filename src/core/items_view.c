/* items_view.c — the book of items and its selections (items_view.h). */
#include "core/items_view.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_items.h"
#include "util/xalloc.h"

struct load_ctx {
	struct item_book *b;
	size_t alloc_p;
};

static int take_project(void *ctx, const struct project *p)
{
	struct load_ctx *c = ctx;

	XGROW(c->b->projects, c->alloc_p, c->b->n_projects + 1);
	project_copy(&c->b->projects[c->b->n_projects++], p);
	return 0;
}

static int take_item(void *ctx, const struct item *it)
{
	struct load_ctx *c = ctx;
	struct item_entry *e;

	XGROW(c->b->v, c->b->alloc, c->b->n + 1);
	e = &c->b->v[c->b->n++];
	memset(e, 0, sizeof(*e));
	item_copy(&e->it, it);
	e->track.id = it->id;
	e->track.owner_id = it->owner_id;
	e->track.category = it->category;
	e->track.raised_on = it->raised_on;
	return 0;
}

static int take_step(void *ctx, const struct item_step *s)
{
	struct load_ctx *c = ctx;
	struct item_entry *e = (struct item_entry *)item_book_find(c->b, s->item_id);

	if (e)
		item_track_add(&e->track, s->on, &s->after);
	return 0;
}

const struct item_entry *item_book_find(const struct item_book *b, int64_t id)
{
	size_t lo = 0, hi = b->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->v[mid].it.id == id)
			return &b->v[mid];
		if (b->v[mid].it.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct project *item_book_project(const struct item_book *b, int64_t id)
{
	size_t lo = 0, hi = b->n_projects;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->projects[mid].id == id)
			return &b->projects[mid];
		if (b->projects[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

enum bl_err item_book_load(struct store *st, struct item_book *b)
{
	struct load_ctx c = { b, 0 };
	enum bl_err rc;
	size_t i, kept = 0;

	memset(b, 0, sizeof(*b));
	rc = store_units(st, &b->units.units, &b->units.n_units);
	if (!rc)
		rc = store_item_projects(st, take_project, &c);
	if (!rc)
		rc = store_items_each(st, take_item, &c);
	if (!rc)
		rc = store_item_steps(st, 0, take_step, &c);
	if (rc) {
		item_book_release(b);
		return rc;
	}
	dataset_index(&b->units);
	/* An item whose project is not (yet) read is left out. */
	for (i = 0; i < b->n; i++) {
		b->v[i].p = item_book_project(b, b->v[i].it.project_id);
		if (!b->v[i].p) {
			item_release(&b->v[i].it);
			item_track_release(&b->v[i].track);
			continue;
		}
		b->v[kept++] = b->v[i];
	}
	b->n = kept;
	return BL_OK;
}

void item_book_release(struct item_book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		item_release(&b->v[i].it);
		item_track_release(&b->v[i].track);
	}
	free(b->v);
	for (i = 0; i < b->n_projects; i++)
		project_release(&b->projects[i]);
	free(b->projects);
	dataset_release(&b->units);
	memset(b, 0, sizeof(*b));
}

void item_query_init(struct item_query *q, bl_day asof)
{
	memset(q, 0, sizeof(*q));
	q->asof = asof;
	q->level = q->category = q->state = -1;
}

static int contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

/* 1 when e, in state s on the day, passes q's filters. */
static int matches(const struct item_book *b, const struct item_entry *e,
		   const struct item_state *s, const struct item_query *q)
{
	if (q->overdue && !item_overdue(s, q->asof))
		return 0;
	if (q->level > 0 && s->level != q->level)
		return 0;
	if (q->category >= 0 && (int)e->it.category != q->category)
		return 0;
	if (q->state >= 0 && (q->state == IS__MAX ? !item_pending(s->status)
			      : (int)s->status != q->state))
		return 0;
	if (q->owner_id && e->it.owner_id != q->owner_id)
		return 0;
	if (q->section_id && !dataset_in_subtree(&b->units, e->p->section_id, q->section_id))
		return 0;
	if (q->department_id && e->p->department_id != q->department_id)
		return 0;
	if (q->project_id && e->it.project_id != q->project_id)
		return 0;
	if (q->q && *q->q && !contains(e->it.title, q->q) && !contains(e->p->ref, q->q) &&
	    !contains(e->p->name, q->q))
		return 0;
	return 1;
}

/* Pending before done; then the earliest deadline; then by id. */
static int cmp_seen(const void *x, const void *y)
{
	const struct item_seen *a = x, *c = y;
	int pa = item_pending(a->s.status), pc = item_pending(c->s.status);

	if (pa != pc)
		return pa ? -1 : 1;
	if (a->s.deadline != c->s.deadline)
		return a->s.deadline < c->s.deadline ? -1 : 1;
	return a->e->it.id < c->e->it.id ? -1 : a->e->it.id > c->e->it.id;
}

void item_select(const struct item_book *b, const struct item_query *q, const struct actor *a,
		 struct item_selection *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(b->n + 1, sizeof(*out->v));
	for (i = 0; i < b->n; i++) {
		const struct item_entry *e = &b->v[i];
		struct item_seen *v = &out->v[out->n];

		if (!item_track_at(&e->track, q->asof, &v->s))
			continue;
		if (a && !access_item_visible(a, &b->units, e->p, e->it.owner_id))
			continue;
		if (!matches(b, e, &v->s, q))
			continue;
		v->e = e;
		v->overdue = item_overdue(&v->s, q->asof);
		v->days_late = item_days_late(&v->s, q->asof);
		v->days_left = item_pending(v->s.status) && !v->overdue
				       ? (int64_t)v->s.deadline - q->asof : 0;
		out->pending += item_pending(v->s.status) != 0;
		if (v->overdue) {
			out->overdue++;
			if (v->s.level >= ITEM_LEVEL_MIN && v->s.level <= ITEM_LEVEL_MAX)
				out->by_level[v->s.level]++;
		}
		out->n++;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_seen);
}

void item_selection_release(struct item_selection *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}
