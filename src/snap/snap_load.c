/* snap_load.c — a snapshot of the whole store, read in one read transaction:
 * units, settings, every project with its report figures, every listing,
 * target and indicator value, then derived year by year (snap_build.c). */
#include <stdlib.h>
#include <string.h>

#include "snap/snap_int.h"
#include "store/store_guarantees.h"
#include "store/store_items.h"
#include "store/store_leads.h"
#include "util/xalloc.h"

enum bl_err snap_load_units(struct store *st, struct snap_units **out)
{
	struct snap_units *u = snap_new(sizeof(*u));
	enum bl_err rc = store_units(st, &u->ds.units, &u->ds.n_units);

	if (rc) {
		free(u);
		*out = NULL;
		return rc;
	}
	dataset_index(&u->ds);
	*out = u;
	return BL_OK;
}

struct settings_ctx {
	struct snap_settings *s;
	size_t alloc;
};

static int add_setting(void *ctx, const char *key, const char *value)
{
	struct settings_ctx *c = ctx;
	struct snap_settings *s = c->s;

	if (s->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 16;
		s->keys = xrealloc(s->keys, c->alloc * sizeof(*s->keys));
		s->values = xrealloc(s->values, c->alloc * sizeof(*s->values));
	}
	s->keys[s->n] = xstrdup(key);
	s->values[s->n++] = xstrdup(value);
	return 0;
}

enum bl_err snap_load_settings(struct store *st, struct snap_settings **out)
{
	struct settings_ctx c = { snap_new(sizeof(*c.s)), 0 };
	enum bl_err rc = store_settings_each(st, add_setting, &c);

	*out = NULL;
	if (rc) {
		snap_settings_drop(c.s);
		return rc;
	}
	/* The one loader every caller uses (core/warnings_load.c), in this
	 * read transaction: the same settings as above. */
	c.s->ws_bad = warning_settings_load(st, &c.s->ws, warning_bad_text,
					    c.s->ws_bad_text) != 0;
	*out = c.s;
	return BL_OK;
}

/* ---- every project and its figures ---- */

struct master_ctx {
	struct snap_master *m;
	size_t alloc;
};

static int add_project(void *ctx, const struct project *p)
{
	struct master_ctx *c = ctx;
	struct snap_rec *r = snap_new(sizeof(*r));

	project_copy(&r->p, p);
	XGROW(c->m->recs, c->alloc, c->m->n + 1);
	c->m->recs[c->m->n++] = r;
	return 0;
}

static int cmp_rec_id(const void *a, const void *b)
{
	const struct snap_rec *x = *(struct snap_rec *const *)a;
	const struct snap_rec *y = *(struct snap_rec *const *)b;

	return (x->p.id > y->p.id) - (x->p.id < y->p.id);
}

struct snap_figs *snap_figs_make(const struct snap_fig *f, size_t n, const char *texts,
				 size_t len)
{
	struct snap_figs *b;
	char *t;

	if (!n)
		return NULL;
	b = snap_new(sizeof(*b) + n * sizeof(b->f[0]) + len);
	b->n = n;
	memcpy(b->f, f, n * sizeof(*f));
	t = (char *)(b->f + n);
	if (len)
		memcpy(t, texts, len);
	b->texts = t;
	return b;
}

/* Figures arrive by project id, then month: one project's are gathered in
 * run (their texts in tx) and become its block when the next project's
 * begin. */
struct figs_ctx {
	struct snap_master *m;
	int64_t id;
	struct snap_fig *run;
	size_t n, alloc;
	char *tx;
	size_t tn, talloc;
};

static void figs_flush(struct figs_ctx *c)
{
	long i = c->n ? snap_master_find(c->m, c->id) : -1;

	if (i >= 0) {
		snap_figs_drop(c->m->figs[i]);
		c->m->figs[i] = snap_figs_make(c->run, c->n, c->tx, c->tn);
	}
	c->n = 0;
	c->tn = 0;
}

/* f's texts appended to c's (struct snap_figs' form); their offset, or
 * SNAP_NO_TEXT when f has none. */
static uint32_t add_texts(struct figs_ctx *c, const struct report_figure *f)
{
	size_t at = c->tn, len[RF_TEXT__MAX], need = 1;
	unsigned mask = 0;
	int k;

	for (k = 0; k < RF_TEXT__MAX; k++) {
		len[k] = f->text[k] ? strlen(f->text[k]) + 1 : 0;
		mask |= f->text[k] ? 1u << k : 0;
		need += len[k];
	}
	if (!mask || c->tn + need >= SNAP_NO_TEXT)
		return SNAP_NO_TEXT; /* (4 GiB of one project's texts: not a real case) */
	XGROW(c->tx, c->talloc, c->tn + need);
	c->tx[c->tn++] = (char)mask;
	for (k = 0; k < RF_TEXT__MAX; k++) {
		memcpy(c->tx + c->tn, f->text[k] ? f->text[k] : "", len[k]);
		c->tn += len[k];
	}
	return (uint32_t)at;
}

static int add_figure(void *ctx, const struct report_figure *f)
{
	struct figs_ctx *c = ctx;
	struct snap_fig *x;

	if (f->project_id != c->id)
		figs_flush(c);
	c->id = f->project_id;
	XGROW(c->run, c->alloc, c->n + 1);
	x = &c->run[c->n++];
	x->month = f->month;
	x->status = (uint8_t)f->status;
	x->invest = f->invest;
	x->output = f->output;
	x->version = f->version;
	x->text = add_texts(c, f);
	return 0;
}

enum bl_err snap_load_figures(struct store *st, struct snap_master *m, int64_t project_id)
{
	struct figs_ctx c = { m, 0, NULL, 0, 0, NULL, 0, 0 };
	enum bl_err rc = store_report_figures_each(st, project_id, add_figure, &c);

	if (!rc)
		figs_flush(&c);
	free(c.run);
	free(c.tx);
	return rc;
}

static enum bl_err load_master(struct store *st, struct snap_master **out)
{
	struct master_ctx c = { snap_new(sizeof(*c.m)), 0 };
	enum bl_err rc = store_projects_each(st, add_project, &c);

	*out = c.m;
	if (rc)
		return rc;
	if (c.m->n)
		qsort(c.m->recs, c.m->n, sizeof(*c.m->recs), cmp_rec_id);
	c.m->figs = xcalloc(c.m->n ? c.m->n : 1, sizeof(*c.m->figs));
	snap_master_index(c.m);
	return snap_load_figures(st, c.m, 0);
}

/* ---- supervision items ---- */

struct items_ctx {
	struct snap_items *it;
	size_t alloc;
};

static int add_item(void *ctx, const struct item *x)
{
	struct items_ctx *c = ctx;
	struct snap_items *it = c->it;
	struct item_track *t;

	if (it->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 16;
		it->tracks = xrealloc(it->tracks, c->alloc * sizeof(*it->tracks));
		it->project_ids = xrealloc(it->project_ids, c->alloc * sizeof(*it->project_ids));
	}
	t = &it->tracks[it->n];
	memset(t, 0, sizeof(*t));
	t->id = x->id;
	t->owner_id = x->owner_id;
	t->category = x->category;
	t->title = xstrdup(x->title ? x->title : "");
	t->raised_on = x->raised_on;
	it->project_ids[it->n++] = x->project_id;
	return 0;
}

/* As sqlite_dataset.c take_step: each step's state on its track (items come
 * by id, so a binary search finds it). */
static int add_step(void *ctx, const struct item_step *st)
{
	struct snap_items *it = ((struct items_ctx *)ctx)->it;
	size_t lo = 0, hi = it->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (it->tracks[mid].id < st->item_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < it->n && it->tracks[lo].id == st->item_id)
		item_track_add(&it->tracks[lo], st->on, &st->after);
	return 0;
}

enum bl_err snap_load_funds(struct store *st, struct snap_funds **out)
{
	struct snap_funds *f = snap_new(sizeof(*f));
	enum bl_err rc = fund_book_load(st, &f->b);

	if (rc) {
		snap_funds_drop(f);
		f = NULL;
	}
	*out = f;
	return rc;
}

enum bl_err snap_load_demolition(struct store *st, struct snap_demolition **out)
{
	struct snap_demolition *d = snap_new(sizeof(*d));
	enum bl_err rc = store_demolition_book(st, &d->b);

	if (rc) {
		snap_demolition_drop(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

enum bl_err snap_load_signings(struct store *st, struct snap_signings **out)
{
	struct snap_signings *g = snap_new(sizeof(*g));
	enum bl_err rc = store_lead_signings(st, &g->v, &g->n);

	if (rc) {
		snap_signings_drop(g);
		g = NULL;
	}
	*out = g;
	return rc;
}

enum bl_err snap_load_supplies(struct store *st, struct snap_supplies **out)
{
	struct snap_supplies *s = snap_new(sizeof(*s));
	enum bl_err rc = store_supplies(st, &s->rows, &s->n);

	if (rc) {
		snap_supplies_drop(s);
		s = NULL;
	}
	*out = s;
	return rc;
}

enum bl_err snap_load_items(struct store *st, struct snap_items **out)
{
	struct items_ctx c = { snap_new(sizeof(*c.it)), 0 };
	enum bl_err rc = store_items_each(st, add_item, &c);

	if (!rc && c.it->n)
		rc = store_item_steps(st, 0, add_step, &c);
	if (rc) {
		snap_items_drop(c.it);
		c.it = NULL;
	}
	*out = c.it;
	return rc;
}

/* ---- listings, targets, indicators, by year ---- */

struct listings_ctx {
	struct listing *l;
	size_t n, alloc;
};

static int add_listing(void *ctx, const struct listing *l)
{
	struct listings_ctx *c = ctx;

	XGROW(c->l, c->alloc, c->n + 1);
	c->l[c->n++] = *l;
	return 0;
}

/* The year's entry of s, added (with empty parts) when missing. */
struct snap_year *snap_year_of(struct snapshot *s, int year)
{
	size_t lo = 0, hi = s->n_years;
	struct snap_year *y;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->years[mid].year == year)
			return &s->years[mid];
		if (s->years[mid].year < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	s->years = xrealloc(s->years, (s->n_years + 1) * sizeof(*s->years));
	memmove(s->years + lo + 1, s->years + lo, (s->n_years - lo) * sizeof(*s->years));
	s->n_years++;
	y = &s->years[lo];
	y->year = year;
	y->list = snap_list_build(&s->units->ds, s->master, NULL, 0);
	y->reports = snap_reports_build(s->master, y->list, year);
	y->targets = snap_targets_build(year, NULL, 0, NULL, 0);
	y->items = snap_year_items_build(s->items, y->list);
	return y;
}

enum bl_err snap_load_targets(struct store *st, struct snapshot *s)
{
	struct target *t = NULL;
	struct indicator_value *v = NULL;
	size_t n_t = 0, n_v = 0, i;
	enum bl_err rc = store_targets(st, 0, &t, &n_t);

	if (!rc)
		rc = store_indicator_values(st, &v, &n_v);
	for (i = 0; !rc && i < n_t; i++)
		snap_year_of(s, t[i].year);
	for (i = 0; !rc && i < n_v; i++)
		if (v[i].month != MONTH_NONE)
			snap_year_of(s, month_year(v[i].month));
	for (i = 0; !rc && i < s->n_years; i++) {
		snap_targets_drop(s->years[i].targets);
		s->years[i].targets = snap_targets_build(s->years[i].year, t, n_t, v, n_v);
	}
	free(t);
	free(v);
	return rc;
}

/* Each year's list and reports from the listings (by year, project id). */
static void build_years(struct snapshot *s, const struct listing *l, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		struct snap_year *y = snap_year_of(s, l[i].year);

		for (j = i; j < n && l[j].year == l[i].year; j++)
			;
		snap_list_drop(y->list);
		snap_reports_drop(y->reports);
		snap_year_items_drop(y->items);
		y->list = snap_list_build(&s->units->ds, s->master, l + i, j - i);
		y->reports = snap_reports_build(s->master, y->list, y->year);
		y->items = snap_year_items_build(s->items, y->list);
		i = j;
	}
}

static enum bl_err load_all(struct store *st, struct snapshot *s)
{
	struct listings_ctx lc = { NULL, 0, 0 };
	enum bl_err rc;

	s->gen = store_generation(st);
	if (s->gen < 0)
		return BL_EDB;
	rc = snap_load_units(st, &s->units);
	if (!rc)
		rc = snap_load_settings(st, &s->settings);
	if (!rc)
		rc = load_master(st, &s->master);
	if (!rc)
		rc = snap_load_items(st, &s->items);
	if (!rc)
		rc = snap_load_funds(st, &s->funds);
	if (!rc)
		rc = snap_load_demolition(st, &s->demolition);
	if (!rc)
		rc = snap_load_signings(st, &s->signings);
	if (!rc)
		rc = snap_load_supplies(st, &s->supplies);
	if (!rc)
		rc = store_listings_by_year_each(st, add_listing, &lc);
	if (!rc)
		build_years(s, lc.l, lc.n);
	free(lc.l);
	if (!rc)
		rc = snap_load_targets(st, s);
	if (!rc)
		snap_periods_build(s);
	return rc;
}

enum bl_err snapshot_load(struct store *st, struct snapshot **out)
{
	struct snapshot *s = xcalloc(1, sizeof(*s));
	enum bl_err rc = store_read_begin(st);

	s->loaded = 1;
	if (!rc) {
		rc = load_all(st, s);
		store_read_end(st);
	}
	if (rc) {
		snapshot_free(s);
		s = NULL;
	}
	*out = s;
	return rc;
}
