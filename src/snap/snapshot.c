/* snapshot.c — the snapshot's parts (reference-counted blocks that
 * snapshots share) and reading a snapshot: the year's dataset, a project by
 * ref, the settings, the periods and the list orders. */
#include <stdlib.h>
#include <string.h>

#include "core/scope.h"
#include "snap/snap_int.h"
#include "util/xalloc.h"

void *snap_new(size_t size)
{
	struct snap_ref *r = xcalloc(1, size);

	atomic_init(&r->n, 1);
	return r;
}

void *snap_hold(void *p)
{
	if (p)
		atomic_fetch_add_explicit(&((struct snap_ref *)p)->n, 1, memory_order_relaxed);
	return p;
}

/* 1 when this was the last reference on p. */
static int last(void *p)
{
	return p && atomic_fetch_sub_explicit(&((struct snap_ref *)p)->n, 1,
					      memory_order_acq_rel) == 1;
}

void snap_units_drop(struct snap_units *u)
{
	if (!last(u))
		return;
	u->ds.borrowed = 0;
	dataset_release(&u->ds);
	free(u);
}

void snap_rec_drop(struct snap_rec *r)
{
	if (!last(r))
		return;
	project_release(&r->p);
	free(r);
}

void snap_figs_drop(struct snap_figs *f)
{
	if (last(f))
		free(f);
}

void snap_master_drop(struct snap_master *m)
{
	size_t i;

	if (!last(m))
		return;
	for (i = 0; i < m->n; i++) {
		snap_rec_drop(m->recs[i]);
		snap_figs_drop(m->figs[i]);
	}
	free(m->recs);
	free(m->figs);
	free(m->by_ref);
	free(m);
}

void snap_list_drop(struct snap_list *l)
{
	int k;

	if (!last(l))
		return;
	for (k = 0; k < PO__MAX; k++)
		free(l->order[k]);
	for (k = 0; k < TIER__MAX; k++)
		free(l->tier[k]);
	free(l->industrial);
	free(l->subtree);
	free(l->department);
	free(l->projects);
	free(l->listings);
	free(l);
}

void snap_reports_drop(struct snap_reports *r)
{
	if (!last(r))
		return;
	if (r->drafts != r->counted)
		free(r->drafts);
	free(r->counted);
	free(r);
}

void snap_targets_drop(struct snap_targets *t)
{
	if (!last(t))
		return;
	free(t->targets);
	free(t->indicators);
	free(t);
}

void snap_settings_drop(struct snap_settings *s)
{
	size_t i;

	if (!last(s))
		return;
	for (i = 0; i < s->n; i++) {
		free(s->keys[i]);
		free(s->values[i]);
	}
	free(s->keys);
	free(s->values);
	free(s);
}

void snap_items_drop(struct snap_items *it)
{
	size_t i;

	if (!last(it))
		return;
	for (i = 0; i < it->n; i++)
		item_track_release(&it->tracks[i]);
	free(it->tracks);
	free(it->project_ids);
	free(it);
}

void snap_funds_drop(struct snap_funds *f)
{
	if (!last(f))
		return;
	fund_book_release(&f->b);
	free(f);
}

void snap_demolition_drop(struct snap_demolition *d)
{
	if (!last(d))
		return;
	demolition_book_release(&d->b);
	free(d);
}

void snap_signings_drop(struct snap_signings *g)
{
	if (!last(g))
		return;
	free(g->v);
	free(g);
}

void snap_supplies_drop(struct snap_supplies *s)
{
	size_t i;

	if (!last(s))
		return;
	for (i = 0; i < s->n; i++)
		supply_release(&s->rows[i]);
	free(s->rows);
	free(s);
}

void snap_year_items_drop(struct snap_year_items *yi)
{
	if (!last(yi))
		return;
	snap_items_drop(yi->from);
	free(yi->items);
	free(yi);
}

long snap_master_find(const struct snap_master *m, int64_t id)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = m->recs[mid]->p.id;

		if (v == id)
			return (long)mid;
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void snapshot_free(struct snapshot *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n_years; i++) {
		snap_list_drop(s->years[i].list);
		snap_reports_drop(s->years[i].reports);
		snap_targets_drop(s->years[i].targets);
		snap_year_items_drop(s->years[i].items);
	}
	free(s->years);
	snap_items_drop(s->items);
	snap_funds_drop(s->funds);
	snap_demolition_drop(s->demolition);
	snap_signings_drop(s->signings);
	snap_supplies_drop(s->supplies);
	snap_units_drop(s->units);
	snap_master_drop(s->master);
	snap_settings_drop(s->settings);
	free(s->period_years);
	free(s->period_latest);
	free(s);
}

int64_t snapshot_generation(const struct snapshot *s)
{
	return s->gen;
}

static const struct snap_year *find_year(const struct snapshot *s, int year)
{
	size_t lo = 0, hi = s->n_years;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->years[mid].year == year)
			return &s->years[mid];
		if (s->years[mid].year < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void snapshot_dataset(const struct snapshot *s, int year, unsigned parts, struct dataset *out)
{
	const struct snap_year *y = find_year(s, year);

	memset(out, 0, sizeof(*out));
	out->borrowed = 1;
	out->year = year;
	out->units = s->units->ds.units;
	out->n_units = s->units->ds.n_units;
	out->unit_by_id = s->units->ds.unit_by_id;
	out->unit_at = s->units->ds.unit_at;
	out->n_unit_at = s->units->ds.n_unit_at;
	if (!y)
		return;
	out->projects = y->list->projects;
	out->listings = y->list->listings;
	out->n_projects = y->list->n;
	out->reports = parts & DS_DRAFTS ? y->reports->drafts : y->reports->counted;
	out->targets = y->targets->targets;
	out->n_targets = y->targets->n_targets;
	out->indicators = y->targets->indicators;
	out->n_indicators = y->targets->n_indicators;
	out->items = y->items->items;
	out->n_items = y->items->n;
	out->funds = s->funds ? &s->funds->b : NULL;
	out->demolition = s->demolition ? &s->demolition->b : NULL;
	out->signings = s->signings ? s->signings->v : NULL;
	out->n_signings = s->signings ? s->signings->n : 0;
	out->supplies = s->supplies ? s->supplies->rows : NULL;
	out->n_supplies = s->supplies ? s->supplies->n : 0;
}

const struct project *snapshot_project(const struct snapshot *s, const char *ref)
{
	const struct snap_master *m = s->master;
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct project *p = &m->recs[m->by_ref[mid]]->p;
		int c = strcmp(p->ref, ref);

		if (!c)
			return p;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The texts of fig (struct snap_figs' form) into out's members, in enum
 * report_figure_text's order. */
static void report_texts(const struct snap_figs *b, const struct snap_fig *fig,
			 struct snapshot_report *out)
{
	const char **t[RF_TEXT__MAX] = {
		&out->progress, &out->problems, &out->return_reason, &out->submitted_by,
		&out->submitted_at, &out->verified_by, &out->verified_at,
	};
	const char *p = fig->text == SNAP_NO_TEXT ? NULL : b->texts + fig->text;
	unsigned mask = p ? (unsigned char)*p++ : 0;
	int k;

	for (k = 0; k < RF_TEXT__MAX; k++) {
		*t[k] = mask & (1u << k) ? p : NULL;
		if (mask & (1u << k))
			p += strlen(p) + 1;
	}
}

int snapshot_report(const struct snapshot *s, int64_t project_id, bl_month month,
		    struct snapshot_report *out)
{
	long i = snap_master_find(s->master, project_id);
	const struct snap_figs *b = i < 0 ? NULL : s->master->figs[i];
	size_t lo = 0, hi = b ? b->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct snap_fig *f = &b->f[mid];

		if (f->month == month) {
			out->invest = f->invest;
			out->output = f->output;
			out->version = f->version;
			out->status = (enum report_status)f->status;
			report_texts(b, f, out);
			return 0;
		}
		if (f->month < month)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long snapshot_index(const struct snapshot *s, int year, int64_t project_id)
{
	const struct snap_year *y = find_year(s, year);
	size_t lo = 0, hi = y ? y->list->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = y->list->projects[mid].id;

		if (v == project_id)
			return (long)mid;
		if (v < project_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int snapshot_settings_each(const struct snapshot *s,
			   int (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	size_t i;
	int rc;

	for (i = 0; i < s->settings->n; i++) {
		rc = fn(ctx, s->settings->keys[i], s->settings->values[i]);
		if (rc)
			return rc;
	}
	return 0;
}

int snapshot_warning_settings(const struct snapshot *s, struct warning_settings *ws,
			      const char **bad)
{
	*ws = s->settings->ws;
	*bad = s->settings->ws_bad ? s->settings->ws_bad_text : NULL;
	return s->settings->ws_bad ? -1 : 0;
}

void snapshot_periods(const struct snapshot *s, struct snapshot_periods *out)
{
	out->years = s->period_years;
	out->latest_in = s->period_latest;
	out->n_years = s->n_period_years;
	out->latest = s->latest;
}

const uint32_t *snapshot_order(const struct snapshot *s, int year, enum project_order o)
{
	const struct snap_year *y = find_year(s, year);

	return y && y->list->n && o < PO__MAX ? y->list->order[o] : NULL;
}

/* v &= w over n words; v is w's copy when NULL. */
static uint64_t *and_into(uint64_t *v, const uint64_t *w, size_t n)
{
	size_t k;

	if (!v) {
		v = xmalloc(n * sizeof(*v));
		memcpy(v, w, n * sizeof(*v));
		return v;
	}
	for (k = 0; k < n; k++)
		v[k] &= w[k];
	return v;
}

/* v &= the bitset of unit id in per (the list's per-unit bitsets), when id
 * is a unit s holds. */
static uint64_t *and_unit(uint64_t *v, const struct snap_list *l, const struct dataset *units,
			  const uint64_t *per, int64_t id)
{
	const struct unit *u = id ? dataset_unit(units, id) : NULL;

	return u ? and_into(v, per + (size_t)(u - units->units) * l->words, l->words) : v;
}

uint64_t *snapshot_candidates(const struct snapshot *s, int year, const struct scope *sc)
{
	const struct snap_year *y = find_year(s, year);
	const struct dataset *units = &s->units->ds;
	const struct snap_list *l;
	uint64_t *v = NULL;

	if (!y || !y->list->n)
		return NULL;
	l = y->list;
	if (sc->tier >= 0 && sc->tier < TIER__MAX)
		v = and_into(v, l->tier[sc->tier], l->words);
	if (sc->industrial_only)
		v = and_into(v, l->industrial, l->words);
	/* a unit the snapshot does not hold filters nothing out here */
	v = and_unit(v, l, units, l->department, sc->department_id);
	v = and_unit(v, l, units, l->department, sc->reach_department_id);
	v = and_unit(v, l, units, l->subtree, sc->section_id);
	return and_unit(v, l, units, l->subtree, sc->reach_section_id);
}
