/* sqlite_entities.c — reading and writing units, projects and listings (each
 * put through put_audited, sqlite_rows.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

/* ---- units ---- */

static int unit_kind_parse(const char *s)
{
	int k;

	for (k = 0; s && k < UNIT_KIND__MAX; k++)
		if (!strcmp(s, unit_kind_keys[k]))
			return k;
	return UNIT_SECTION;
}

static void col_unit(struct dbq *s, struct unit *u)
{
	u->id = dbq_i64(s, 0);
	u->code = col_str(s, 1);
	u->name = col_str(s, 2);
	u->kind = (enum unit_kind)unit_kind_parse(dbq_text(s, 3));
	u->parent_id = col_id(s, 4);
	u->version = dbq_i64(s, 5);
}

enum bl_err store_units(struct store *st, struct unit **out, size_t *n)
{
	struct dbq *s = stmt_get(st, ST_UNITS);
	struct unit *arr = NULL;
	size_t len = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((rc = dbq_step(s)) == DB_ROW) {
		XGROW(arr, alloc, len + 1);
		col_unit(s, &arr[len++]);
	}
	if (rc != DB_DONE) {
		units_free(arr, len);
		return db_fail(st, "read units");
	}
	*out = arr;
	*n = len;
	return BL_OK;
}

void units_free(struct unit *units, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(units[i].code);
		free(units[i].name);
	}
	free(units);
}

struct unit_put {
	struct unit *u, old;
};

static enum bl_err unit_get(struct store *st, void *p)
{
	struct unit_put *up = p;
	struct dbq *s = stmt_get(st, ST_UNIT_BY_CODE);
	enum bl_err rc = BL_ENOTFOUND;

	if (!s)
		return BL_EDB;
	bind_str(s, 1, up->u->code);
	if (dbq_step(s) == DB_ROW) {
		col_unit(s, &up->old);
		up->u->id = up->old.id;
		rc = BL_OK;
	}
	dbq_reset(s);
	return rc;
}

/* ST_UNIT_INSERT: ?1 code .. ?4 parent; ST_UNIT_UPDATE: ?1 id, ?2 name .. ?4. */
static void unit_bind(struct dbq *s, void *p, int update)
{
	struct unit_put *up = p;

	if (update)
		dbq_bind_i64(s, 1, up->old.id);
	else
		bind_str(s, 1, up->u->code);
	bind_str(s, 2, up->u->name);
	bind_str(s, 3, unit_kind_keys[up->u->kind]);
	bind_id(s, 4, up->u->parent_id);
}

static void unit_put_json(struct buf *b, void *p, int stored)
{
	struct unit_put *up = p;

	unit_json(b, stored ? &up->old : up->u);
}

static void unit_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct unit_put *up = p;

	if (how == PUT_INSERTED)
		up->u->id = db_last_id(st->db);
	up->u->version = put_version(how, up->old.version);
	if (key)
		buf_adds(key, up->u->code);
}

static const struct put_ops unit_ops = {
	.entity = "unit", .name = "unit", .flags = PUT_DIFF,
	.insert = ST_UNIT_INSERT, .update = ST_UNIT_UPDATE,
	.get = unit_get, .bind = unit_bind, .json = unit_put_json, .done = unit_done,
	.batch = BP_UNIT,
};

enum bl_err store_unit_put(struct store *st, struct unit *u)
{
	struct unit_put p = { .u = u };
	enum bl_err rc = put_audited(st, &unit_ops, &p, NULL, NULL);

	free(p.old.code);
	free(p.old.name);
	return rc;
}

/* ---- projects ---- */

/* A coordinate column (millionths of a degree), COORD_NONE when null. */
static int64_t col_coord(struct dbq *s, int i)
{
	return dbq_is_null(s, i) ? COORD_NONE : dbq_i64(s, i);
}

static void bind_coord(struct dbq *s, int i, int64_t v)
{
	if (v == COORD_NONE)
		dbq_bind_null(s, i);
	else
		dbq_bind_i64(s, i, v);
}

void col_project(struct dbq *s, int b, struct project *p)
{
	const char *att;
	int k;

	project_init(p);
	p->id = dbq_i64(s, b + 0);
	p->ref = col_str(s, b + 1);
	p->name = col_str(s, b + 2);
	p->code = col_str(s, b + 3);
	p->company = col_str(s, b + 4);
	p->uscc = col_str(s, b + 5);
	p->leader = col_str(s, b + 6);
	p->industry = col_str(s, b + 7);
	p->commando = col_str(s, b + 8);
	p->section_id = col_id(s, b + 9);
	p->department_id = col_id(s, b + 10);
	p->industrial = (int)dbq_i64(s, b + 11) != 0;
	att = dbq_text(s, b + 12);
	p->attracted_by = ATTRACTED_NONE;
	if (att && !strcmp(att, "district"))
		p->attracted_by = ATTRACTED_DISTRICT;
	else if (att && !strcmp(att, "street"))
		p->attracted_by = ATTRACTED_STREET;
	p->total_investment = col_amount(s, b + 13);
	p->capacity = col_amount(s, b + 14);
	p->land_mu = col_amount(s, b + 15);
	p->energy_tce = col_amount(s, b + 16);
	p->planned_start = col_day(s, b + 17);
	p->planned_completion = col_day(s, b + 18);
	p->planned_production = col_day(s, b + 19);
	for (k = 0; k < STAGE__MAX; k++)
		p->stage_on[k] = col_day(s, b + 20 + k);
	p->land_on = col_day(s, b + 26);
	p->permit_on = col_day(s, b + 27);
	p->lng = col_coord(s, b + 28);
	p->lat = col_coord(s, b + 29);
	p->version = dbq_i64(s, b + 30);
	p->landed_on = col_day(s, b + 31);
}

/* The texts of a project's eleven dates, kept until the statement has run so
 * that they bind without SQLITE_TRANSIENT's copy (an import binds 220,000). */
struct project_days {
	char t[12][11];
};

static void bind_day_in(struct dbq *s, int i, bl_day d, char text[11])
{
	if (d == DAY_NONE)
		dbq_bind_null(s, i);
	else
		dbq_bind_text_kept(s, i, day_format(d, text), 10);
}

/* Bind p as ?1..?29 of ST_PROJECT_INSERT / ST_PROJECT_UPDATE; days must
 * outlive the step. */
static void bind_project(struct dbq *s, const struct project *p, struct project_days *days)
{
	int k;

	bind_str(s, 1, p->ref);
	bind_str(s, 2, p->name);
	bind_str(s, 3, p->code);
	bind_str(s, 4, p->company);
	bind_str(s, 5, p->uscc);
	bind_str(s, 6, p->leader);
	bind_str(s, 7, p->industry);
	bind_str(s, 8, p->commando);
	bind_id(s, 9, p->section_id);
	bind_id(s, 10, p->department_id);
	dbq_bind_i64(s, 11, p->industrial != 0);
	bind_str(s, 12, p->attracted_by == ATTRACTED_NONE ? NULL : attracted_keys[p->attracted_by]);
	bind_amount(s, 13, p->total_investment);
	bind_amount(s, 14, p->capacity);
	bind_amount(s, 15, p->land_mu);
	bind_amount(s, 16, p->energy_tce);
	bind_day_in(s, 17, p->planned_start, days->t[0]);
	bind_day_in(s, 18, p->planned_completion, days->t[1]);
	bind_day_in(s, 19, p->planned_production, days->t[2]);
	for (k = 0; k < STAGE__MAX; k++)
		bind_day_in(s, 20 + k, p->stage_on[k], days->t[3 + k]);
	bind_day_in(s, 26, p->land_on, days->t[9]);
	bind_day_in(s, 27, p->permit_on, days->t[10]);
	bind_coord(s, 28, p->lng);
	bind_coord(s, 29, p->lat);
	bind_day_in(s, 31, p->landed_on, days->t[11]); /* ?30 is the update's id */
}

enum bl_err store_project_by_ref(struct store *st, const char *ref, struct project *out)
{
	struct dbq *s = stmt_get(st, ST_PROJECT_BY_REF);
	int rc;

	project_init(out);
	if (!s)
		return BL_EDB;
	bind_str(s, 1, ref);
	rc = dbq_step(s);
	if (rc == DB_ROW) {
		col_project(s, 0, out);
		dbq_reset(s);
		return BL_OK;
	}
	dbq_reset(s);
	if (rc != DB_DONE)
		return db_fail(st, "read project");
	return store_fail(st, BL_ENOTFOUND, "no project with ref %s", ref);
}

enum bl_err store_project_id(struct store *st, const char *ref, int64_t *id)
{
	struct dbq *s = stmt_get(st, ST_PROJECT_ID);
	int rc;

	*id = 0;
	if (!s)
		return BL_EDB;
	bind_str(s, 1, ref);
	rc = dbq_step(s);
	if (rc == DB_ROW)
		*id = dbq_i64(s, 0);
	dbq_reset(s);
	if (rc == DB_ROW)
		return BL_OK;
	if (rc != DB_DONE)
		return db_fail(st, "read project");
	return store_fail(st, BL_ENOTFOUND, "no project with ref %s", ref);
}

enum bl_err store_project_refs_each(struct store *st,
				    int (*fn)(void *ctx, const char *ref, int64_t id), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_PROJECT_REFS);
	enum bl_err rc;
	int stop = 0;

	while (!stop && rows_next(st, s, "read project refs", &rc))
		stop = fn(ctx, dbq_text(s, 0), dbq_i64(s, 1));
	if (stop)
		dbq_reset(s);
	return rc;
}

struct project_put {
	struct project *p, old;
	struct project_days days;
};

static enum bl_err project_get(struct store *st, void *p)
{
	struct project_put *pp = p;
	enum bl_err rc = store_project_by_ref(st, pp->p->ref, &pp->old);

	if (!rc)
		pp->p->id = pp->old.id;
	return rc;
}

static void project_put_bind(struct dbq *s, void *p, int update)
{
	struct project_put *pp = p;

	bind_project(s, pp->p, &pp->days);
	if (update)
		dbq_bind_i64(s, 30, pp->old.id);
}

static void project_put_json(struct buf *b, void *p, int stored)
{
	struct project_put *pp = p;

	project_json(b, stored ? &pp->old : pp->p);
}

static void project_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct project_put *pp = p;

	if (how == PUT_INSERTED)
		pp->p->id = db_last_id(st->db);
	pp->p->version = put_version(how, pp->old.version);
	if (key)
		buf_adds(key, pp->p->ref);
}

static const struct put_ops project_ops = {
	.entity = "project", .name = "project", .flags = PUT_DIFF,
	.insert = ST_PROJECT_INSERT, .update = ST_PROJECT_UPDATE, .guess = PK_PROJECT,
	.get = project_get, .bind = project_put_bind, .json = project_put_json,
	.done = project_done, .batch = BP_PROJECT,
};

enum bl_err store_project_put(struct store *st, struct project *p)
{
	struct project_put pp;
	enum bl_err rc;
	enum stage bad;

	if (!p->ref || !*p->ref || !p->name || !*p->name || !p->section_id)
		return store_fail(st, BL_EINVAL, "a project needs a ref, a name and a section");
	if (!project_stages_ordered(p, &bad))
		return store_fail(st, BL_EINVAL, "project %s: the %s date is later than a later "
				  "stage's date", p->ref, stage_keys[bad]);
	pp.p = p;
	project_init(&pp.old);
	rc = put_audited(st, &project_ops, &pp, NULL, NULL);
	st->ref_id = 0; /* period_key's cache, in case the id was a deleted project's */
	project_release(&pp.old);
	return rc;
}

enum bl_err store_projects_each(struct store *st,
				int (*fn)(void *ctx, const struct project *p), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_PROJECTS);
	struct project p;
	enum bl_err rc = BL_OK;
	int stop = 0;

	while (!stop && rows_next(st, s, "read projects", &rc)) {
		col_project(s, 0, &p);
		stop = fn(ctx, &p);
		project_release(&p);
	}
	dbq_reset(s);
	return stop ? store_fail(st, BL_EINVAL, "stopped") : rc;
}

/* ---- listings ---- */

void col_listing(struct dbq *s, int b, struct listing *l)
{
	int m;

	memset(l, 0, sizeof(*l));
	l->project_id = dbq_i64(s, b + 0);
	l->year = (int)dbq_i64(s, b + 1);
	if ((int)dbq_i64(s, b + 2))
		l->tiers |= TIER_BIT(TIER_PROVINCE);
	if ((int)dbq_i64(s, b + 3))
		l->tiers |= TIER_BIT(TIER_CITY);
	if ((int)dbq_i64(s, b + 4))
		l->tiers |= TIER_BIT(TIER_DISTRICT);
	l->annual_plan = col_amount(s, b + 5);
	l->has_month_plan = !dbq_is_null(s, b + 6);
	for (m = 0; m < 12; m++)
		l->month_plan[m] = l->has_month_plan ? dbq_i64(s, b + 6 + m) : 0;
	l->version = dbq_i64(s, b + 18);
}

static void bind_listing(struct dbq *s, const struct listing *l)
{
	int m;

	dbq_bind_i64(s, 1, l->project_id);
	dbq_bind_i64(s, 2, l->year);
	dbq_bind_i64(s, 3, (l->tiers & TIER_BIT(TIER_PROVINCE)) != 0);
	dbq_bind_i64(s, 4, (l->tiers & TIER_BIT(TIER_CITY)) != 0);
	dbq_bind_i64(s, 5, (l->tiers & TIER_BIT(TIER_DISTRICT)) != 0);
	bind_amount(s, 6, l->annual_plan);
	for (m = 0; m < 12; m++)
		bind_amount(s, 7 + m, l->has_month_plan ? l->month_plan[m] : AMOUNT_NONE);
}

enum bl_err store_listing_get(struct store *st, int64_t project_id, int year,
			      struct listing *out)
{
	struct dbq *s = stmt_get(st, ST_LISTING_GET);
	int rc;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, project_id);
	dbq_bind_i64(s, 2, year);
	rc = dbq_step(s);
	if (rc == DB_ROW)
		col_listing(s, 0, out);
	dbq_reset(s);
	if (rc == DB_ROW)
		return BL_OK;
	if (rc != DB_DONE)
		return db_fail(st, "read listing");
	return store_fail(st, BL_ENOTFOUND, "no listing");
}

/* The audit key of a (project, period) row: "ref/period". */
void period_key(struct store *st, struct buf *key, int64_t project_id, const char *period)
{
	if (!project_id || project_id != st->ref_id) {
		struct dbq *s = stmt_get(st, ST_PROJECT_REF);

		st->ref_id = 0;
		buf_reset(&st->ref);
		if (s) {
			dbq_bind_i64(s, 1, project_id);
			if (dbq_step(s) == DB_ROW) {
				buf_adds(&st->ref, dbq_text(s, 0));
				st->ref_id = project_id;
			}
			dbq_reset(s);
		}
	}
	if (st->ref.len)
		buf_add(key, st->ref.s, st->ref.len);
	else
		buf_addf(key, "#%lld", (long long)project_id);
	buf_addch(key, '/');
	buf_adds(key, period);
}

struct listing_put {
	struct listing *l, old;
};

static enum bl_err listing_get(struct store *st, void *p)
{
	struct listing_put *lp = p;

	return store_listing_get(st, lp->l->project_id, lp->l->year, &lp->old);
}

static void listing_put_bind(struct dbq *s, void *p, int update)
{
	(void)update;
	bind_listing(s, ((struct listing_put *)p)->l);
}

static void listing_put_json(struct buf *b, void *p, int stored)
{
	struct listing_put *lp = p;

	listing_json(b, stored ? &lp->old : lp->l);
}

static void listing_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct listing_put *lp = p;
	char year[8];

	lp->l->version = put_version(how, lp->old.version);
	if (key) {
		snprintf(year, sizeof(year), "%d", lp->l->year);
		period_key(st, key, lp->l->project_id, year);
	}
}

static const struct put_ops listing_ops = {
	.entity = "listing", .name = "listing", .flags = PUT_DIFF,
	.insert = ST_LISTING_INSERT, .update = ST_LISTING_UPDATE, .guess = PK_LISTING,
	.get = listing_get, .bind = listing_put_bind, .json = listing_put_json,
	.done = listing_done, .batch = BP_LISTING,
};

enum bl_err store_listing_put(struct store *st, struct listing *l)
{
	struct listing_put lp = { .l = l };

	if (!l->tiers)
		return store_fail(st, BL_EINVAL, "a listing needs at least one tier");
	return put_audited(st, &listing_ops, &lp, NULL, NULL);
}

enum bl_err store_listings_each(struct store *st, int year,
				int (*fn)(void *ctx, const char *ref, const struct listing *l),
				void *ctx)
{
	struct dbq *s = stmt_get(st, year ? ST_LISTINGS_YEAR : ST_LISTINGS_ALL);
	struct listing l;
	enum bl_err rc = BL_OK;
	int stop = 0;

	if (!s)
		return BL_EDB;
	if (year)
		dbq_bind_i64(s, 1, year);
	while (!stop && rows_next(st, s, "read listings", &rc)) {
		col_listing(s, 1, &l);
		stop = fn(ctx, dbq_text(s, 0), &l);
	}
	dbq_reset(s);
	return stop ? store_fail(st, BL_EINVAL, "stopped") : rc;
}
