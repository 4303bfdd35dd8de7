/* snap_build.c — deriving a snapshot's parts from its rows: a year's list
 * with its sorted orders, a year's reports (DOMAIN.md §3: only submitted and
 * verified reports count; drafts too in the labelled view), a year's targets
 * and indicator values, the ref index and the periods. Each derivation is the
 * one store_load_dataset makes, so a snapshot's dataset and a fresh load of
 * the same data are the same. */
#include <stdlib.h>
#include <string.h>

#include "snap/snap_int.h"
#include "util/xalloc.h"

/* ---- a year's list ---- */

struct order_ctx {
	const struct snap_list *l;
	enum project_order o;
};

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_order(const void *pa, const void *pb, void *ctx)
{
	const struct order_ctx *c = ctx;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct project *p = &c->l->projects[a], *q = &c->l->projects[b];
	int r = 0;

	switch (c->o) {
	case PO_NAME: r = cmp_str(p->name, q->name); break;
	case PO_TOTAL_INVESTMENT: r = cmp_i64(p->total_investment, q->total_investment); break;
	case PO_ANNUAL_PLAN:
		r = cmp_i64(c->l->listings[a].annual_plan, c->l->listings[b].annual_plan);
		break;
	case PO_PLANNED_START: r = cmp_i64(p->planned_start, q->planned_start); break;
	case PO_SECTION: r = cmp_i64(p->section_id, q->section_id); break;
	default: break;
	}
	return r ? r : cmp_str(p->ref, q->ref);
}

static void sort_orders(struct snap_list *l)
{
	struct order_ctx c = { l, PO_REF };
	size_t i;
	int k;

	for (k = 0; k < PO__MAX; k++) {
		l->order[k] = xmalloc((l->n ? l->n : 1) * sizeof(*l->order[k]));
		if (k == PO_REF) {
			for (i = 0; i < l->n; i++)
				l->order[k][i] = (uint32_t)i;
		} else {
			/* Each order starts from the ref order, which makes its sort
			 * cheaper where many keys tie (sections, absent amounts). */
			memcpy(l->order[k], l->order[PO_REF], l->n * sizeof(*l->order[k]));
		}
		c.o = (enum project_order)k;
		qsort_r(l->order[k], l->n, sizeof(*l->order[k]), cmp_order, &c);
	}
}

static void set_bit(uint64_t *v, size_t i)
{
	v[i >> 6] |= UINT64_C(1) << (i & 63);
}

/* The list's filter bitsets (struct snap_list). The subtree of a unit holds
 * the projects whose section's chain up the tree passes through it, walked
 * as dataset_in_subtree walks it (the section itself, even when it is not a
 * loaded unit, is matched by id; the walk stops at a missing unit, at the
 * root, or 64 levels up). */
static void build_filters(struct snap_list *list, const struct dataset *units)
{
	size_t w = list->words = (list->n + 63) / 64, nu = list->n_units = units->n_units, i;
	int t, depth;

	for (t = 0; t < TIER__MAX; t++)
		list->tier[t] = xcalloc(w ? w : 1, sizeof(uint64_t));
	list->industrial = xcalloc(w ? w : 1, sizeof(uint64_t));
	list->subtree = xcalloc(nu * w + 1, sizeof(uint64_t));
	list->department = xcalloc(nu * w + 1, sizeof(uint64_t));
	for (i = 0; i < list->n; i++) {
		const struct project *p = &list->projects[i];
		const struct unit *u;
		int64_t id = p->section_id;

		for (t = 0; t < TIER__MAX; t++)
			if (list->listings[i].tiers & TIER_BIT(t))
				set_bit(list->tier[t], i);
		if (p->industrial)
			set_bit(list->industrial, i);
		u = p->department_id ? dataset_unit(units, p->department_id) : NULL;
		if (u)
			set_bit(list->department + (size_t)(u - units->units) * w, i);
		for (depth = 0; id && depth < 64; depth++) {
			u = dataset_unit(units, id);
			if (!u)
				break;
			set_bit(list->subtree + (size_t)(u - units->units) * w, i);
			id = u->parent_id;
		}
	}
}

struct snap_list *snap_list_build(const struct dataset *units, const struct snap_master *m,
				  const struct listing *l, size_t n)
{
	struct snap_list *list = snap_new(sizeof(*list));
	size_t k;

	list->projects = xcalloc(n ? n : 1, sizeof(*list->projects));
	list->listings = xcalloc(n ? n : 1, sizeof(*list->listings));
	for (k = 0; k < n; k++) {
		long i = snap_master_find(m, l[k].project_id);

		if (i < 0)
			continue;
		list->projects[list->n] = m->recs[i]->p;
		list->listings[list->n++] = l[k];
	}
	sort_orders(list);
	build_filters(list, units);
	return list;
}

/* ---- a year's reports ---- */

/* DOMAIN.md §3 "What counts": core's rule (model.h report_status_counts),
 * asked with the status's key as the store's loader asks it. */
static int counts(unsigned status, int with_drafts)
{
	return report_status_counts(status < REPORT_STATUS__MAX ? report_status_keys[status] : NULL,
				    with_drafts);
}

/* As sqlite_dataset.c load_reports: the months of year give the amounts and
 * bits 0-11, the months of year-1 the bits 12-23 only; an absent amount
 * counts as 0. */
static void year_reports_of(const struct snap_figs *f, int year, int with_drafts,
			    struct year_reports *out)
{
	size_t k;

	memset(out, 0, sizeof(*out));
	for (k = 0; f && k < f->n; k++) {
		const struct snap_fig *x = &f->f[k];
		int y = month_year(x->month), m = month_of_year(x->month) - 1;

		if (x->month == MONTH_NONE || (y != year && y != year - 1))
			continue;
		if (!counts(x->status, with_drafts)) {
			out->uncounted |= 1u << (y == year ? m : 12 + m);
			continue;
		}
		if (y != year) {
			out->reported |= 1u << (12 + m);
			continue;
		}
		out->invest[m] = x->invest == AMOUNT_NONE ? 0 : x->invest;
		out->output[m] = x->output == AMOUNT_NONE ? 0 : x->output;
		out->reported |= 1u << m;
	}
}

struct snap_reports *snap_reports_build(const struct snap_master *m,
					const struct snap_list *list, int year)
{
	struct snap_reports *r = snap_new(sizeof(*r));
	size_t i;

	int same = 1;

	r->counted = xcalloc(list->n ? list->n : 1, sizeof(*r->counted));
	r->drafts = xcalloc(list->n ? list->n : 1, sizeof(*r->drafts));
	for (i = 0; i < list->n; i++) {
		long k = snap_master_find(m, list->projects[i].id);
		const struct snap_figs *f = k < 0 ? NULL : m->figs[k];

		year_reports_of(f, year, 0, &r->counted[i]);
		year_reports_of(f, year, 1, &r->drafts[i]);
		same = same && !memcmp(&r->counted[i], &r->drafts[i], sizeof(r->drafts[i]));
	}
	/* No draft among the year's reports (an imported city has none): the
	 * view with drafts is the same array. */
	if (same) {
		free(r->drafts);
		r->drafts = r->counted;
	}
	return r;
}

/* ---- a year's supervision items ---- */

struct snap_year_items *snap_year_items_build(struct snap_items *all,
					      const struct snap_list *list)
{
	struct snap_year_items *yi = snap_new(sizeof(*yi));
	size_t k;

	yi->from = snap_hold(all);
	yi->items = xcalloc(all && all->n ? all->n : 1, sizeof(*yi->items));
	for (k = 0; all && k < all->n; k++) {
		size_t lo = 0, hi = list->n;

		while (lo < hi) { /* the project's place in the list (by id) */
			size_t mid = lo + (hi - lo) / 2;

			if (list->projects[mid].id < all->project_ids[k])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == list->n || list->projects[lo].id != all->project_ids[k])
			continue; /* an item of a project not listed in the year */
		yi->items[yi->n] = all->tracks[k];
		yi->items[yi->n++].project = lo;
	}
	return yi;
}

/* ---- a year's targets ---- */

struct snap_targets *snap_targets_build(int year, const struct target *t, size_t n_t,
					const struct indicator_value *v, size_t n_v)
{
	struct snap_targets *tg = snap_new(sizeof(*tg));
	size_t k;

	tg->targets = xcalloc(n_t ? n_t : 1, sizeof(*tg->targets));
	for (k = 0; k < n_t; k++)
		if (t[k].year == year)
			tg->targets[tg->n_targets++] = t[k];
	tg->indicators = xcalloc(n_v ? n_v : 1, sizeof(*tg->indicators));
	for (k = 0; k < n_v; k++)
		if (v[k].month != MONTH_NONE && month_year(v[k].month) == year)
			tg->indicators[tg->n_indicators++] = v[k];
	return tg;
}

/* ---- the ref index ---- */

static int cmp_by_ref(const void *pa, const void *pb, void *ctx)
{
	const struct snap_master *m = ctx;

	return strcmp(m->recs[*(const uint32_t *)pa]->p.ref, m->recs[*(const uint32_t *)pb]->p.ref);
}

void snap_master_index(struct snap_master *m)
{
	size_t i;

	free(m->by_ref);
	m->by_ref = xmalloc((m->n ? m->n : 1) * sizeof(*m->by_ref));
	for (i = 0; i < m->n; i++)
		m->by_ref[i] = (uint32_t)i;
	qsort_r(m->by_ref, m->n, sizeof(*m->by_ref), cmp_by_ref, m);
}

/* ---- the periods ---- */

/* The slot of year in s's period years (added, keeping them ascending). */
static size_t period_slot(struct snapshot *s, size_t *alloc, int year)
{
	size_t lo = 0, hi = s->n_period_years;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->period_years[mid] == year)
			return mid;
		if (s->period_years[mid] < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (s->n_period_years == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 16;
		s->period_years = xrealloc(s->period_years, *alloc * sizeof(*s->period_years));
		s->period_latest = xrealloc(s->period_latest, *alloc * sizeof(*s->period_latest));
	}
	memmove(s->period_years + lo + 1, s->period_years + lo,
		(s->n_period_years - lo) * sizeof(*s->period_years));
	memmove(s->period_latest + lo + 1, s->period_latest + lo,
		(s->n_period_years - lo) * sizeof(*s->period_latest));
	s->period_years[lo] = year;
	s->period_latest[lo] = MONTH_NONE;
	s->n_period_years++;
	return lo;
}

void snap_periods_build(struct snapshot *s)
{
	const struct snap_master *m = s->master;
	size_t alloc = 0, i, k;

	free(s->period_years);
	free(s->period_latest);
	s->period_years = NULL;
	s->period_latest = NULL;
	s->n_period_years = 0;
	s->latest = MONTH_NONE;
	for (i = 0; i < s->n_years; i++)
		if (s->years[i].list->n)
			period_slot(s, &alloc, s->years[i].year);
	for (i = 0; i < m->n; i++) {
		const struct snap_figs *f = m->figs[i];

		for (k = 0; f && k < f->n; k++) {
			bl_month mo = f->f[k].month;
			size_t y;

			if (mo == MONTH_NONE)
				continue;
			y = period_slot(s, &alloc, month_year(mo));
			if (!counts(f->f[k].status, 0))
				continue;
			if (s->latest == MONTH_NONE || mo > s->latest)
				s->latest = mo;
			if (s->period_latest[y] == MONTH_NONE || mo > s->period_latest[y])
				s->period_latest[y] = mo;
		}
	}
}
