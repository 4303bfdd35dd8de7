/* snap_refresh.c — a snapshot brought up to the store's current state. The
 * audit trail names every change since the snapshot's write generation
 * (store_changes_since); the new snapshot re-reads those rows only and
 * shares every other part with the old one: a report changes one project's
 * figures and the reports of two years, a listing one year's list, a
 * project the lists of the years it is listed in. Many changes, a unit, or
 * an entry it cannot name, and it is read afresh. */
#include <stdlib.h>
#include <string.h>

#include "snap/snap_int.h"
#include "util/xalloc.h"

/* More changes than this are read afresh: a whole import, typically. */
#define PATCH_MAX 20000

struct period_change {
	char *ref;
	int year;       /* a listing's year */
	bl_month month; /* a report's month */
};

struct changes {
	int all, settings, targets, items, funds, demolition, leads, supplies;
	char **projects;
	size_t n_projects, alloc_projects;
	struct period_change *listings, *reports;
	size_t n_listings, alloc_listings, n_reports, alloc_reports;
};

static void changes_release(struct changes *c)
{
	size_t i;

	for (i = 0; i < c->n_projects; i++)
		free(c->projects[i]);
	for (i = 0; i < c->n_listings; i++)
		free(c->listings[i].ref);
	for (i = 0; i < c->n_reports; i++)
		free(c->reports[i].ref);
	free(c->projects);
	free(c->listings);
	free(c->reports);
}

static int note_change(void *ctx, const struct store_change *sc)
{
	struct changes *c = ctx;
	struct period_change *pc;

	switch (sc->kind) {
	case SC_NONE:
		break;
	case SC_PROJECT:
		XGROW(c->projects, c->alloc_projects, c->n_projects + 1);
		c->projects[c->n_projects++] = xstrdup(sc->ref);
		break;
	case SC_LISTING:
		XGROW(c->listings, c->alloc_listings, c->n_listings + 1);
		pc = &c->listings[c->n_listings++];
		pc->ref = xstrdup(sc->ref);
		pc->year = sc->year;
		break;
	case SC_REPORT:
		XGROW(c->reports, c->alloc_reports, c->n_reports + 1);
		pc = &c->reports[c->n_reports++];
		pc->ref = xstrdup(sc->ref);
		pc->month = sc->month;
		break;
	case SC_TARGET:
	case SC_INDICATOR:
		c->targets = 1;
		break;
	case SC_SETTING:
		c->settings = 1;
		break;
	case SC_ITEM:
		c->items = 1;
		break;
	case SC_FUND:
		c->funds = 1;
		break;
	case SC_DEMOLITION: /* h-demotarget */
		c->demolition = 1;
		break;
	case SC_LEAD:
		c->leads = 1;
		break;
	case SC_SUPPLY: /* h-wait: the element-wait warning reads them */
		c->supplies = 1;
		break;
	default: /* a unit moves subtrees; an unknown entry may be anything */
		c->all = 1;
		break;
	}
	return 0;
}

/* ---- the new snapshot ---- */

/* A snapshot sharing every part of cur. */
static struct snapshot *share(const struct snapshot *cur)
{
	struct snapshot *s = xcalloc(1, sizeof(*s));
	size_t i;

	s->gen = cur->gen;
	s->units = snap_hold(cur->units);
	s->master = snap_hold(cur->master);
	s->settings = snap_hold(cur->settings);
	s->items = snap_hold(cur->items);
	s->funds = snap_hold(cur->funds);
	s->demolition = snap_hold(cur->demolition);
	s->signings = snap_hold(cur->signings);
	s->supplies = snap_hold(cur->supplies);
	s->n_years = cur->n_years;
	s->years = xmalloc((cur->n_years ? cur->n_years : 1) * sizeof(*s->years));
	for (i = 0; i < cur->n_years; i++) {
		s->years[i] = cur->years[i];
		snap_hold(s->years[i].list);
		snap_hold(s->years[i].reports);
		snap_hold(s->years[i].targets);
		snap_hold(s->years[i].items);
	}
	s->n_period_years = cur->n_period_years;
	s->period_years = xmalloc((cur->n_period_years + 1) * sizeof(*s->period_years));
	s->period_latest = xmalloc((cur->n_period_years + 1) * sizeof(*s->period_latest));
	if (cur->n_period_years) {
		memcpy(s->period_years, cur->period_years, cur->n_period_years * sizeof(int));
		memcpy(s->period_latest, cur->period_latest,
		       cur->n_period_years * sizeof(bl_month));
	}
	s->latest = cur->latest;
	return s;
}

/* s's master made its own (a copy sharing the records and figures). */
static struct snap_master *own_master(struct snapshot *s, int *owned)
{
	struct snap_master *old = s->master, *m;
	size_t i;

	if (*owned)
		return s->master;
	m = snap_new(sizeof(*m));
	m->n = old->n;
	m->recs = xmalloc((old->n ? old->n : 1) * sizeof(*m->recs));
	m->figs = xmalloc((old->n ? old->n : 1) * sizeof(*m->figs));
	m->by_ref = xmalloc((old->n ? old->n : 1) * sizeof(*m->by_ref));
	for (i = 0; i < old->n; i++) {
		m->recs[i] = snap_hold(old->recs[i]);
		m->figs[i] = snap_hold(old->figs[i]);
	}
	memcpy(m->by_ref, old->by_ref, old->n * sizeof(*m->by_ref));
	snap_master_drop(old);
	s->master = m;
	*owned = 1;
	return m;
}

/* The master's index of the project ref, or -1. */
static long find_ref(const struct snap_master *m, const char *ref)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->recs[m->by_ref[mid]]->p.ref, ref);

		if (!c)
			return (long)m->by_ref[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Which years' lists and reports to derive again (by index into s->years,
 * kept in step when years are added). */
struct dirty {
	int *years;         /* the years named */
	unsigned char *what; /* DIRTY_LIST | DIRTY_REPORTS per entry */
	size_t n, alloc;
};
#define DIRTY_LIST 1u
#define DIRTY_REPORTS 2u

static void mark(struct dirty *d, int year, unsigned what)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->years[i] == year) {
			d->what[i] |= (unsigned char)what;
			return;
		}
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 8;
		d->years = xrealloc(d->years, d->alloc * sizeof(*d->years));
		d->what = xrealloc(d->what, d->alloc);
	}
	d->years[d->n] = year;
	d->what[d->n++] = (unsigned char)what;
}

/* Every year whose list holds project id: its list is derived again. */
static void mark_listed(const struct snapshot *s, int64_t id, struct dirty *d)
{
	size_t i;

	for (i = 0; i < s->n_years; i++)
		if (snapshot_index(s, s->years[i].year, id) >= 0)
			mark(d, s->years[i].year, DIRTY_LIST);
}

/* Read the changed projects into s's master (inserted in id order when new). */
static enum bl_err patch_projects(struct store *st, struct snapshot *s, const struct changes *c,
				  int *owned, struct dirty *d)
{
	size_t k;
	int added = 0;

	for (k = 0; k < c->n_projects; k++) {
		struct snap_master *m = own_master(s, owned);
		struct snap_rec *r = snap_new(sizeof(*r));
		enum bl_err rc = store_project_by_ref(st, c->projects[k], &r->p);
		long i;

		if (rc) {
			free(r);
			if (rc == BL_ENOTFOUND)
				continue;
			return rc;
		}
		mark_listed(s, r->p.id, d);
		i = snap_master_find(m, r->p.id);
		if (i >= 0) {
			snap_rec_drop(m->recs[i]);
			m->recs[i] = r;
			continue;
		}
		/* New: ids grow, so this is nearly always the end. */
		for (i = (long)m->n; i > 0 && m->recs[i - 1]->p.id > r->p.id; i--)
			;
		m->recs = xrealloc(m->recs, (m->n + 1) * sizeof(*m->recs));
		m->figs = xrealloc(m->figs, (m->n + 1) * sizeof(*m->figs));
		memmove(m->recs + i + 1, m->recs + i, (m->n - (size_t)i) * sizeof(*m->recs));
		memmove(m->figs + i + 1, m->figs + i, (m->n - (size_t)i) * sizeof(*m->figs));
		m->recs[i] = r;
		m->figs[i] = NULL;
		m->n++;
		added = 1;
	}
	if (added)
		snap_master_index(s->master);
	return BL_OK;
}

/* Read the figures of each project with a changed report. */
static enum bl_err patch_reports(struct store *st, struct snapshot *s, const struct changes *c,
				 int *owned, struct dirty *d)
{
	size_t k;

	for (k = 0; k < c->n_reports; k++) {
		struct snap_master *m = own_master(s, owned);
		long i = find_ref(m, c->reports[k].ref);
		enum bl_err rc;

		if (i < 0)
			continue;
		mark(d, month_year(c->reports[k].month), DIRTY_REPORTS);
		mark(d, month_year(c->reports[k].month) + 1, DIRTY_REPORTS);
		if (k && !strcmp(c->reports[k - 1].ref, c->reports[k].ref))
			continue; /* read already */
		snap_figs_drop(m->figs[i]);
		m->figs[i] = NULL;
		rc = snap_load_figures(st, m, m->recs[i]->p.id);
		if (rc)
			return rc;
	}
	return BL_OK;
}

/* Put l into the listings v (by project id): replacing the project's, or
 * inserted in order. */
static void put_listing(struct listing **v, size_t *n, const struct listing *l)
{
	size_t lo = 0, hi = *n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((*v)[mid].project_id == l->project_id) {
			(*v)[mid] = *l;
			return;
		}
		if ((*v)[mid].project_id < l->project_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	memmove(*v + lo + 1, *v + lo, (*n - lo) * sizeof(**v));
	(*v)[lo] = *l;
	(*n)++;
}

/* Year y's list derived again: its listings with the changed ones of c read
 * in, over s's master. */
static enum bl_err relist(struct store *st, struct snapshot *s, struct snap_year *y,
			  const struct changes *c)
{
	struct listing *v, l;
	size_t n = y->list->n, k;
	enum bl_err rc = BL_OK;

	v = xmalloc((n ? n : 1) * sizeof(*v));
	memcpy(v, y->list->listings, n * sizeof(*v));
	for (k = 0; k < c->n_listings && !rc; k++) {
		long i;

		if (c->listings[k].year != y->year)
			continue;
		i = find_ref(s->master, c->listings[k].ref);
		if (i < 0)
			continue;
		rc = store_listing_get(st, s->master->recs[i]->p.id, y->year, &l);
		if (!rc)
			put_listing(&v, &n, &l);
		else if (rc == BL_ENOTFOUND)
			rc = BL_OK;
	}
	if (!rc) {
		snap_list_drop(y->list);
		y->list = snap_list_build(&s->units->ds, s->master, v, n);
		/* the items name their projects by place in the list */
		snap_year_items_drop(y->items);
		y->items = snap_year_items_build(s->items, y->list);
	}
	free(v);
	return rc;
}

/* Derive again what d names, year by year. */
static enum bl_err derive(struct store *st, struct snapshot *s, const struct changes *c,
			  const struct dirty *d)
{
	size_t k;
	enum bl_err rc;

	for (k = 0; k < d->n; k++) {
		struct snap_year *y;

		if (d->what[k] & DIRTY_LIST) {
			y = snap_year_of(s, d->years[k]);
			rc = relist(st, s, y, c);
			if (rc)
				return rc;
		} else {
			/* Reports of a year with no entry change nothing: it has
			 * no list (the year after a report's, typically). */
			size_t i;

			for (i = 0, y = NULL; i < s->n_years && !y; i++)
				if (s->years[i].year == d->years[k])
					y = &s->years[i];
			if (!y)
				continue;
		}
		snap_reports_drop(y->reports);
		y->reports = snap_reports_build(s->master, y->list, y->year);
	}
	return BL_OK;
}

static int cmp_ref(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_period_ref(const void *a, const void *b)
{
	return strcmp(((const struct period_change *)a)->ref, ((const struct period_change *)b)->ref);
}

/* Every supervision item read again, and each year's items made anew. */
static enum bl_err reload_items(struct store *st, struct snapshot *s)
{
	struct snap_items *it;
	enum bl_err rc = snap_load_items(st, &it);
	size_t i;

	if (rc)
		return rc;
	snap_items_drop(s->items);
	s->items = it;
	for (i = 0; i < s->n_years; i++) {
		snap_year_items_drop(s->years[i].items);
		s->years[i].items = snap_year_items_build(it, s->years[i].list);
	}
	return BL_OK;
}

/* The changes c applied to a share of cur, read in st's read transaction. */
static enum bl_err patch(struct store *st, const struct snapshot *cur, struct changes *c,
			 int64_t gen, struct snapshot **out)
{
	struct snapshot *s = share(cur);
	struct dirty d = { NULL, NULL, 0, 0 };
	enum bl_err rc = BL_OK;
	int owned = 0;
	size_t i;

	s->gen = gen;
	if (c->n_projects)
		qsort(c->projects, c->n_projects, sizeof(*c->projects), cmp_ref);
	if (c->n_reports)
		qsort(c->reports, c->n_reports, sizeof(*c->reports), cmp_period_ref);
	if (c->settings) {
		snap_settings_drop(s->settings);
		s->settings = NULL;
		rc = snap_load_settings(st, &s->settings);
	}
	if (!rc && c->targets)
		rc = snap_load_targets(st, s);
	if (!rc && c->items)
		rc = reload_items(st, s);
	if (!rc && c->funds) {
		snap_funds_drop(s->funds);
		s->funds = NULL;
		rc = snap_load_funds(st, &s->funds);
	}
	if (!rc && c->demolition) {
		snap_demolition_drop(s->demolition);
		s->demolition = NULL;
		rc = snap_load_demolition(st, &s->demolition);
	}
	if (!rc && c->leads) { /* h-talent: the signed leads the contest reads */
		snap_signings_drop(s->signings);
		s->signings = NULL;
		rc = snap_load_signings(st, &s->signings);
	}
	if (!rc && c->supplies) {
		snap_supplies_drop(s->supplies);
		s->supplies = NULL;
		rc = snap_load_supplies(st, &s->supplies);
	}
	if (!rc)
		rc = patch_projects(st, s, c, &owned, &d);
	if (!rc)
		rc = patch_reports(st, s, c, &owned, &d);
	for (i = 0; !rc && i < c->n_listings; i++)
		mark(&d, c->listings[i].year, DIRTY_LIST);
	if (!rc)
		rc = derive(st, s, c, &d);
	if (!rc && (owned || c->n_listings))
		snap_periods_build(s);
	free(d.years);
	free(d.what);
	if (rc) {
		snapshot_free(s);
		s = NULL;
	}
	*out = s;
	return rc;
}

enum bl_err snapshot_refresh(struct store *st, const struct snapshot *cur,
			     struct snapshot **out)
{
	struct changes c;
	enum bl_err rc;
	int64_t gen;
	int more = 0;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	rc = store_read_begin(st);
	if (rc)
		return rc;
	gen = store_generation(st);
	if (gen < 0) {
		rc = BL_EDB;
	} else if (gen != cur->gen) {
		/* A generation behind ours: another database, or one restored. */
		if (gen < cur->gen)
			c.all = 1;
		else
			rc = store_changes_since(st, cur->gen, PATCH_MAX, note_change, &c, &more);
		if (!rc && (c.all || more)) {
			store_read_end(st);
			changes_release(&c);
			return snapshot_load(st, out);
		}
		if (!rc)
			rc = patch(st, cur, &c, gen, out);
	}
	store_read_end(st);
	changes_release(&c);
	return rc;
}
