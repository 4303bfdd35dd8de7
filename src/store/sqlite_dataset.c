/* sqlite_dataset.c — loading one year's dataset for the measures, targets and
 * warnings: units, the year's listed projects with their listings, the reports
 * that count (DOMAIN.md §3), targets and indicator values. What a caller does
 * not read is left out: most of the cost of a city-wide `ballast measures`. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_items.h"
#include "store/store_leads.h"
#include "core/funds_view.h"
#include "store/store_guarantees.h"
#include "store/store_sharing.h"
#include "util/xalloc.h"

_Static_assert(TIER_BIT(TIER_PROVINCE) == 1 && TIER_BIT(TIER_CITY) == 2 &&
	       TIER_BIT(TIER_DISTRICT) == 4, "ST_DS_PROJECTS_CORE computes the tier bits");

/* The columns of ST_DS_PROJECTS_CORE into p and l: what the measures read. */
static void col_project_core(struct dbq *s, int year, struct project *p, struct listing *l)
{
	int k;

	project_init(p);
	p->id = dbq_i64(s, 0);
	p->section_id = col_id(s, 1);
	p->department_id = col_id(s, 2);
	p->industrial = (int)dbq_i64(s, 3) != 0;
	p->industry = col_str(s, 4);
	p->planned_start = col_day(s, 5);
	for (k = 0; k < STAGE__MAX; k++)
		p->stage_on[k] = col_day(s, 6 + k);
	p->land_on = col_day(s, 12);
	memset(l, 0, sizeof(*l));
	l->project_id = p->id;
	l->year = year;
	l->tiers = (unsigned)(int)dbq_i64(s, 13);
	l->annual_plan = col_amount(s, 14);
}

static enum bl_err load_projects(struct store *st, int year, unsigned parts,
				 struct dataset *ds)
{
	int full = (parts & DS_DETAILS) != 0;
	struct dbq *s = stmt_get(st, full ? ST_DS_PROJECTS : ST_DS_PROJECTS_CORE);
	size_t alloc = 0, alloc_l = 0;
	int rc;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, year);
	while ((rc = dbq_step(s)) == DB_ROW) {
		size_t i = ds->n_projects;

		XGROW(ds->projects, alloc, i + 1);
		XGROW(ds->listings, alloc_l, i + 1);
		if (full) {
			col_project(s, 0, &ds->projects[i]);
			col_listing(s, PROJECT_NCOLS, &ds->listings[i]);
		} else {
			col_project_core(s, year, &ds->projects[i], &ds->listings[i]);
		}
		ds->n_projects++;
	}
	dbq_reset(s);
	if (rc != DB_DONE)
		return db_fail(st, "read projects");
	ds->reports = xcalloc(ds->n_projects ? ds->n_projects : 1, sizeof(*ds->reports));
	return BL_OK;
}

/* The month's reports that are not submitted or verified (drafts, returned,
 * a status this binary does not know), from the partial index
 * reports_month_uncounted (h-bench1's migration; every other report of the
 * month is submitted or verified, and counts): their project ids, ascending,
 * and whether each counts (core's rule, model.h) with drafts or without. */
struct uncounted {
	struct { int64_t id; int counts; } *v;
	size_t n, alloc;
};

static enum bl_err load_uncounted(struct store *st, const char *month, int with_drafts,
				  struct uncounted *u)
{
	struct dbq *s = stmt_get(st, ST_DS_UNCOUNTED);
	int rc;

	u->n = 0;
	if (!s)
		return BL_EDB;
	dbq_bind_text_kept(s, 1, month, 7);
	while ((rc = dbq_step(s)) == DB_ROW) {
		XGROW(u->v, u->alloc, u->n + 1);
		u->v[u->n].id = dbq_i64(s, 0);
		u->v[u->n++].counts = report_status_counts(dbq_text(s, 1),
							   with_drafts);
	}
	dbq_reset(s);
	return rc == DB_DONE ? BL_OK : db_fail(st, "read reports");
}

/* Reports of the months from..to (of year, or of year-1 for the presence
 * bits only) into ds->reports; output too when with_output; drafts count when
 * with_drafts. Two queries per month, both in project order as ds->projects
 * are: the few reports that may not count, then every report's figures from
 * the covering index reports_month_figures; one forward walk over the
 * projects' ids (ids, in the same order) and one over the first finds each
 * row's project and whether it counts. */
static enum bl_err load_reports(struct store *st, int year, bl_month from, bl_month to,
				const int64_t *ids, int with_output, int with_drafts,
				struct dataset *ds)
{
	struct uncounted u = { NULL, 0, 0 };
	struct dbq *s = NULL;
	bl_month mo;
	int rc = DB_DONE;

	for (mo = from; mo <= to && rc == DB_DONE; mo++) {
		int m = month_of_year(mo) - 1, this_year = month_year(mo) == year;
		char text[8];
		size_t i = 0, k = 0;

		s = stmt_get(st, ST_DS_REPORTS);
		if (!s || load_uncounted(st, month_format(mo, text), with_drafts, &u)) {
			free(u.v);
			return BL_EDB;
		}
		dbq_bind_text_kept(s, 1, text, 7);
		while ((rc = dbq_step(s)) == DB_ROW) {
			int64_t id = dbq_i64(s, 0);
			struct year_reports *yr;

			while (i < ds->n_projects && ids[i] < id)
				i++;
			if (i == ds->n_projects)
				break;
			if (ids[i] != id)
				continue;
			yr = &ds->reports[i];
			while (k < u.n && u.v[k].id < id)
				k++;
			if (k < u.n && u.v[k].id == id && !u.v[k].counts) {
				yr->uncounted |= 1u << (this_year ? m : 12 + m);
				continue;
			}
			if (!this_year) {
				yr->reported |= 1u << (12 + m);
				continue;
			}
			/* A NULL amount reads as 0, which is what an absent one counts as. */
			yr->invest[m] = dbq_i64(s, 1);
			if (with_output)
				yr->output[m] = dbq_i64(s, 2);
			yr->reported |= 1u << m;
		}
		if (rc == DB_ROW)
			rc = DB_DONE; /* the rest are of projects not listed */
		dbq_reset(s);
	}
	free(u.v);
	if (rc != DB_DONE)
		return db_fail(st, "read reports");
	return BL_OK;
}

static enum bl_err load_indicators(struct store *st, int year, struct dataset *ds)
{
	struct dbq *s = stmt_get(st, ST_INDICATORS_RANGE);
	char from[8], to[8];
	size_t alloc = 0;
	int rc;

	if (!s)
		return BL_EDB;
	dbq_bind_text(s, 1, month_format(month_from_ym(year, 1), from), -1);
	dbq_bind_text(s, 2, month_format(month_from_ym(year, 12), to), -1);
	while ((rc = dbq_step(s)) == DB_ROW) {
		int m = measure_from_key(dbq_text(s, 0));
		struct indicator_value *v;

		if (m < 0 || !measure_info[m].indicator)
			continue;
		XGROW(ds->indicators, alloc, ds->n_indicators + 1);
		v = &ds->indicators[ds->n_indicators++];
		v->measure = (enum measure_key)m;
		v->unit_id = dbq_i64(s, 1);
		v->month = col_month(s, 2);
		v->value = dbq_i64(s, 3);
	}
	dbq_reset(s);
	if (rc != DB_DONE)
		return db_fail(st, "read indicators");
	/* Revenue sharing's fund registry replaces the year's entered fund figures. */
	return store_funds_into_indicators(st, year, &ds->indicators, &ds->n_indicators, &alloc);
}

/* The index of id in the sorted ids[0..n), or -1. */
static ptrdiff_t find_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ids[mid] == id)
			return (ptrdiff_t)mid;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

struct items_ctx {
	struct dataset *ds;
	const int64_t *ids;  /* the projects' ids, sorted */
	size_t alloc;
	int64_t *item_ids;   /* the tracks' ids, sorted (items come by id) */
};

static int take_item(void *ctx, const struct item *it)
{
	struct items_ctx *c = ctx;
	ptrdiff_t p = find_id(c->ids, c->ds->n_projects, it->project_id);
	struct item_track *t;

	if (p < 0)
		return 0; /* an item of a project not listed in the year */
	XGROW(c->ds->items, c->alloc, c->ds->n_items + 1);
	t = &c->ds->items[c->ds->n_items++];
	memset(t, 0, sizeof(*t));
	t->id = it->id;
	t->project = (size_t)p;
	t->owner_id = it->owner_id;
	t->category = it->category;
	t->title = xstrdup(it->title ? it->title : "");
	t->raised_on = it->raised_on;
	return 0;
}

static int take_step(void *ctx, const struct item_step *s)
{
	struct items_ctx *c = ctx;
	ptrdiff_t k = find_id(c->item_ids, c->ds->n_items, s->item_id);

	if (k >= 0)
		item_track_add(&c->ds->items[k], s->on, &s->after);
	return 0;
}

/* The items of ds's projects (ids sorted), each with its history. */
static enum bl_err load_items(struct store *st, const int64_t *ids, struct dataset *ds)
{
	struct items_ctx c = { ds, ids, 0, NULL };
	enum bl_err rc;
	size_t i;

	rc = store_items_each(st, take_item, &c);
	if (rc || !ds->n_items)
		return rc;
	c.item_ids = xmalloc(ds->n_items * sizeof(*c.item_ids));
	for (i = 0; i < ds->n_items; i++)
		c.item_ids[i] = ds->items[i].id;
	rc = store_item_steps(st, 0, take_step, &c);
	free(c.item_ids);
	return rc;
}

enum bl_err store_load_dataset_for(struct store *st, int year, bl_month through,
				   unsigned parts, struct dataset *ds)
{
	bl_month first = month_from_ym(year, 1), last = month_from_ym(year, 12);
	int with_output = (parts & DS_DETAILS) != 0, with_drafts = (parts & DS_DRAFTS) != 0;
	int64_t *ids = NULL;
	enum bl_err rc;
	size_t i;

	memset(ds, 0, sizeof(*ds));
	ds->year = year;
	if (through > last)
		through = last;
	/* One read transaction, so the reads see one state of the data. */
	if (!st->in_txn && !st->in_read && db_exec(st->db, "BEGIN"))
		return db_fail(st, "begin read");
	rc = store_units(st, &ds->units, &ds->n_units);
	if (rc)
		goto out;
	rc = load_projects(st, year, parts, ds);
	if (rc)
		goto out;
	ids = xmalloc((ds->n_projects ? ds->n_projects : 1) * sizeof(*ids));
	for (i = 0; i < ds->n_projects; i++)
		ids[i] = ds->projects[i].id;
	if (parts & DS_PREVIOUS_YEAR) {
		rc = load_reports(st, year, month_from_ym(year - 1, 1), month_from_ym(year - 1, 12),
				  ids, with_output, with_drafts, ds);
		if (rc)
			goto out;
	}
	rc = load_reports(st, year, first, through, ids, with_output, with_drafts, ds);
	if (rc)
		goto out;
	rc = load_items(st, ids, ds);
	if (rc)
		goto out;
	/* The fund book is core's (funds_view.c), read through this store in
	 * this read transaction like the rest. */
	ds->own_funds = xcalloc(1, sizeof(*ds->own_funds));
	rc = fund_book_load(st, ds->own_funds);
	if (rc)
		goto out;
	ds->funds = ds->own_funds;
	/* h-demotarget: the demolition tasks and reports the demolition targets sum */
	ds->own_demolition = xcalloc(1, sizeof(*ds->own_demolition));
	rc = store_demolition_book(st, ds->own_demolition);
	if (rc)
		goto out;
	ds->demolition = ds->own_demolition;
	/* The signed leads, for the contest's signed-investment part (h-talent). */
	rc = store_lead_signings(st, &ds->own_signings, &ds->n_signings);
	if (rc)
		goto out;
	ds->signings = ds->own_signings;
	/* The supplies rows, for the element-wait warning (h-wait). */
	rc = store_supplies(st, &ds->own_supplies, &ds->n_own_supplies);
	if (rc)
		goto out;
	ds->supplies = ds->own_supplies;
	ds->n_supplies = ds->n_own_supplies;
	if (parts & DS_TARGETS) {
		rc = store_targets(st, year, &ds->targets, &ds->n_targets);
		if (rc)
			goto out;
		rc = load_indicators(st, year, ds);
		if (rc)
			goto out;
	}
	dataset_index(ds);
out:
	if (!st->in_txn && !st->in_read)
		db_exec(st->db, "COMMIT");
	free(ids);
	if (rc)
		dataset_release(ds);
	return rc;
}

enum bl_err store_load_dataset(struct store *st, int year, struct dataset *ds)
{
	return store_load_dataset_for(st, year, month_from_ym(year, 12), DS_ALL, ds);
}
