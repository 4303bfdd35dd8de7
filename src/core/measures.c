/* measures.c — DOMAIN.md §4 over a dataset: each project in scope is added to
 * one accumulator per row it belongs to, so a breakdown costs one pass over the
 * projects (plus a short walk up the unit tree for BY_SECTION), not one pass
 * per row. */
#include "core/measures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/xalloc.h"

const char *const breakdown_keys[BY__MAX] = {
	"none", "tier", "section", "department", "month", "industry",
	"district", /* district1 */
};
const char *const breakdown_labels[BY__MAX] = {
	"全部", "层级", "板块", "部门", "月份", "产业链",
	"区", /* district1 */
};

const enum measure_key measure_rates[N_MEASURE_RATES] = {
	M_FILING_RATE, M_START_RATE_OF_FILED, M_INVESTMENT_COMPLETION, M_PRODUCTION_RATE,
	M_CAPACITY_RATE, M_START_RATE, M_DUE_START_ATTAINMENT,
};

/* Bound on the depth of the unit tree; guards against a cycle in bad data. */
#define MAX_UNIT_DEPTH 64

int breakdown_from_key(const char *s)
{
	int i;

	for (i = 0; i < BY__MAX; i++)
		if (!strcmp(s, breakdown_keys[i]))
			return i;
	return -1;
}

int measure_value(const struct measures *m, enum measure_key k, struct ratio *rate,
		  int64_t *amount)
{
	struct ratio r = { 0, 0 };
	int64_t a = 0;

	switch (k) {
	case M_FILING_RATE: r = m->filing_rate; break;
	case M_START_RATE_OF_FILED: r = m->start_rate_of_filed; break;
	case M_INVESTMENT_COMPLETION: r = m->investment_completion; break;
	case M_PRODUCTION_RATE: r = m->production_rate; break;
	case M_CAPACITY_RATE: r = m->capacity_rate; break;
	case M_START_RATE: r = m->start_rate; break;
	case M_DUE_START_ATTAINMENT: r = m->due_start_attainment; break;
	case M_NEW_STARTS: a = m->new_starts; break;
	case M_COMPLETIONS: a = m->completions; break;
	case M_INVESTMENT: a = m->investment_yuan; break;
	case M_ANNUAL_PLAN: a = m->annual_plan_yuan; break;
	default:
		return -1;
	}
	if (rate)
		*rate = r;
	if (amount)
		*amount = a;
	return 0;
}

/* ---- one row's accumulator ---- */

/* The period a row is computed for. */
struct span {
	bl_day y0;    /* Y-01-01 */
	bl_day asof;  /* D */
	int n_months; /* months of Y whose reports count: 0..12 */
};

struct acc {
	struct measures m;
	int64_t *lts; /* land-to-start days, for the median */
	size_t n_lts, alloc_lts;
};

static void span_init(struct span *s, int year, bl_day asof)
{
	s->y0 = day_from_ymd(year, 1, 1);
	s->asof = asof;
	s->n_months = pace_months(year, asof);
}

static int64_t plan_of(const struct listing *l)
{
	return l->annual_plan == AMOUNT_NONE ? 0 : l->annual_plan;
}

/* What a project brings to every row it is added to, whatever the row's
 * period: the date it reached each stage (project_reached, in one backward
 * pass) and its reported investment through each month of the year. */
struct prep {
	const struct project *p;
	bl_day reached[STAGE__MAX];
	int64_t invest_through[13]; /* [n]: months 1 … n, for n up to n_months */
	int64_t plan;
};

/* Prepare project i of ds for periods of up to n_months months (0–12). */
static void prep_project(const struct dataset *ds, size_t i, int n_months, struct prep *x)
{
	const struct year_reports *r = &ds->reports[i];
	bl_day best = DAY_NONE;
	int k;

	x->p = &ds->projects[i];
	x->plan = plan_of(&ds->listings[i]);
	for (k = STAGE__MAX - 1; k >= 0; k--) {
		if (x->p->stage_on[k] < best)
			best = x->p->stage_on[k];
		x->reached[k] = best;
	}
	/* Checked sums (model.h amount_add): bounded inputs cannot overflow, but a
	 * database written before the bounds, or by hand, must not wrap a total. */
	x->invest_through[0] = 0;
	for (k = 0; k < n_months; k++) {
		x->invest_through[k + 1] = x->invest_through[k];
		amount_add(&x->invest_through[k + 1], r->invest[k]);
	}
}

/* Add the project of x to a for the period s (DOMAIN.md §4, row by row). */
static void acc_add_prep(struct acc *a, const struct prep *x, const struct span *s)
{
	const bl_day *reached = x->reached;
	struct measures *m = &a->m;
	bl_day d = s->asof;
	int64_t inv = x->invest_through[s->n_months], plan = x->plan;

	m->projects++;
	amount_add(&m->investment_yuan, inv);
	amount_add(&m->annual_plan_yuan, plan);
	m->start_rate.den++;
	if (reached[STAGE_SIGNED] <= d)
		m->filing_rate.den++;
	if (reached[STAGE_FILED] <= d) {
		m->filing_rate.num++;
		m->start_rate_of_filed.den++;
	}
	if (reached[STAGE_STARTED] <= d) {
		m->start_rate_of_filed.num++;
		m->start_rate.num++;
		amount_add(&m->investment_completion.num, inv);
		amount_add(&m->investment_completion.den, plan);
	}
	if (reached[STAGE_COMPLETED] <= d)
		m->production_rate.den++;
	if (reached[STAGE_PRODUCTION] <= d) {
		m->production_rate.num++;
		m->capacity_rate.den++;
	}
	if (reached[STAGE_CAPACITY] <= d)
		m->capacity_rate.num++;
	/* 应开尽开: only projects not started before Y (not 续建). */
	if (reached[STAGE_STARTED] >= s->y0 && x->p->planned_start <= d) {
		m->due_start_attainment.den++;
		if (reached[STAGE_STARTED] <= d)
			m->due_start_attainment.num++;
	}
	if (reached[STAGE_STARTED] >= s->y0 && reached[STAGE_STARTED] <= d) {
		m->new_starts++;
		if (x->p->land_on <= d) {
			XGROW(a->lts, a->alloc_lts, a->n_lts + 1);
			a->lts[a->n_lts++] = (int64_t)reached[STAGE_STARTED] - x->p->land_on;
		}
	}
	if (reached[STAGE_COMPLETED] >= s->y0 && reached[STAGE_COMPLETED] <= d)
		m->completions++;
}

/* Add project i of ds to a for the period s. */
static void acc_add(struct acc *a, const struct dataset *ds, size_t i, const struct span *s)
{
	struct prep x;

	prep_project(ds, i, s->n_months, &x);
	acc_add_prep(a, &x, s);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Finish a's land-to-start figures into a->m and free its scratch. */
static void acc_finish(struct acc *a)
{
	size_t n = a->n_lts;

	a->m.land_to_start_count = (int64_t)n;
	if (n) {
		qsort(a->lts, n, sizeof(*a->lts), cmp_i64);
		a->m.land_to_start_median_x2 = n % 2 ? 2 * a->lts[n / 2]
						     : a->lts[n / 2 - 1] + a->lts[n / 2];
		a->m.land_to_start_max = a->lts[n - 1];
	}
	free(a->lts); /* a finished accumulator is not used again */
	a->lts = NULL;
}

/* in[i]: project i of ds is in sc (scope_matches). Caller frees. */
static char *scope_in(const struct dataset *ds, const struct scope *sc)
{
	char *in = xcalloc(ds->n_projects ? ds->n_projects : 1, 1);
	size_t i;

	for (i = 0; i < ds->n_projects; i++)
		in[i] = (char)scope_matches(ds, sc, i);
	return in;
}

/* The measures of the projects in[] selects. */
static void total_of(const struct dataset *ds, const struct scope *sc, const char *in,
		     struct measures *out)
{
	struct acc a;
	struct span s;
	size_t i;

	memset(&a, 0, sizeof(a));
	span_init(&s, sc->year, sc->asof);
	for (i = 0; i < ds->n_projects; i++)
		if (in[i])
			acc_add(&a, ds, i, &s);
	acc_finish(&a);
	*out = a.m;
}

void measures_compute(const struct dataset *ds, const struct scope *sc, struct measures *out)
{
	char *in = scope_in(ds, sc);

	total_of(ds, sc, in, out);
	free(in);
}

void measures_pace(const struct scope *sc, const struct measures *m, struct pace *out)
{
	out->elapsed = pace_of_year(sc->year, sc->asof);
	out->investment.num = m->investment_yuan;
	out->investment.den = m->annual_plan_yuan;
	out->points = ratio_points_diff(out->investment, out->elapsed);
}

int64_t measures_plan_to_date(const struct dataset *ds, const struct scope *sc)
{
	int n = pace_months(sc->year, sc->asof);
	int64_t plan = 0;
	size_t i;

	for (i = 0; i < ds->n_projects; i++)
		if (scope_matches(ds, sc, i))
			amount_add(&plan, listing_plan_through(&ds->listings[i], n));
	return plan;
}

void measures_plan_by_month(const struct dataset *ds, const struct scope *sc, int64_t out[13])
{
	int n = pace_months(sc->year, sc->asof), per_month = scope_reads_asof(sc), m;
	struct scope at[13];
	size_t i;

	memset(out, 0, 13 * sizeof(*out));
	at[0] = *sc; /* no row: plan[0] is 0 */
	for (m = 1; m <= n; m++) { /* each row's scope: as of its own day */
		bl_day d = month_last_day(month_from_ym(sc->year, m));

		at[m] = *sc;
		at[m].asof = d > sc->asof ? sc->asof : d;
	}
	for (i = 0; i < ds->n_projects; i++) {
		int64_t plan[13];
		int in = 0, have = 0;

		for (m = 1; m <= n; m++) {
			/* the same answer every month unless the scope reads the day */
			if (m == 1 || per_month)
				in = scope_matches(ds, &at[m], i);
			if (!in)
				continue;
			if (!have++)
				listing_plan_by_month(&ds->listings[i], plan);
			amount_add(&out[m], plan[m]);
		}
	}
}

/* ---- breakdowns ---- */

/* The rows being built: parallel accumulators and row headers; and, when
 * total is set, the scope's own accumulator, which every project in scope is
 * added to once (rows_prep) as the rows are built. */
struct rows {
	struct breakdown_row *rows;
	struct acc *accs;
	size_t n, alloc_rows, alloc_accs;
	struct acc *total;
	struct span whole; /* the total's period */
};

/* Project i of ds prepared for periods of up to n_months months, and added
 * to the total when the rows carry one. */
static void rows_prep(struct rows *rs, const struct dataset *ds, size_t i, int n_months,
		      struct prep *x)
{
	prep_project(ds, i, n_months, x);
	if (rs->total)
		acc_add_prep(rs->total, x, &rs->whole);
}

static size_t rows_add(struct rows *rs, const char *key, const char *name, int64_t unit_id,
		       bl_day asof)
{
	struct breakdown_row *row;

	XGROW(rs->rows, rs->alloc_rows, rs->n + 1);
	XGROW(rs->accs, rs->alloc_accs, rs->n + 1);
	row = &rs->rows[rs->n];
	*row = (struct breakdown_row){ .key = xstrdup(key ? key : ""),
				       .name = xstrdup(name ? name : ""),
				       .unit_id = unit_id, .asof = asof };
	memset(&rs->accs[rs->n], 0, sizeof(rs->accs[rs->n]));
	return rs->n++;
}

static int cmp_unit_code(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;

	return strcmp(x->code ? x->code : "", y->code ? y->code : "");
}

/* The units of ds passing keep(), ordered by code; caller frees the array. */
static const struct unit **units_by_code(const struct dataset *ds, const struct scope *sc,
					 int (*keep)(const struct dataset *, const struct unit *,
						     const struct scope *),
					 size_t *n)
{
	const struct unit **v = xcalloc(ds->n_units ? ds->n_units : 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < ds->n_units; i++)
		if (keep(ds, &ds->units[i], sc))
			v[(*n)++] = &ds->units[i];
	qsort(v, *n, sizeof(*v), cmp_unit_code);
	return v;
}

static int keep_section(const struct dataset *ds, const struct unit *u, const struct scope *sc)
{
	if (u->kind != UNIT_SECTION && u->kind != UNIT_STREET)
		return 0;
	return !sc->section_id || dataset_in_subtree(ds, u->id, sc->section_id);
}

/* district1: a district within the scope's subtree, or holding it. */
static int keep_district(const struct dataset *ds, const struct unit *u, const struct scope *sc)
{
	if (u->kind != UNIT_DISTRICT)
		return 0;
	return !sc->section_id || dataset_in_subtree(ds, u->id, sc->section_id) ||
	       dataset_in_subtree(ds, sc->section_id, u->id);
}

static int keep_department(const struct dataset *ds, const struct unit *u,
			   const struct scope *sc)
{
	(void)ds;
	if (u->kind != UNIT_DEPARTMENT)
		return 0;
	return !sc->department_id || u->id == sc->department_id;
}

static void by_tier(const struct dataset *ds, const struct scope *sc, const char *in,
		    struct rows *rs)
{
	struct span s;
	size_t row[TIER__MAX], i;
	int t;

	span_init(&s, sc->year, sc->asof);
	for (t = 0; t < TIER__MAX; t++)
		if (sc->tier == TIER_ANY || sc->tier == t)
			row[t] = rows_add(rs, tier_keys[t], tier_names[t], 0, sc->asof);
	for (i = 0; i < ds->n_projects; i++) {
		struct prep x;

		if (!in[i])
			continue;
		rows_prep(rs, ds, i, s.n_months, &x);
		for (t = 0; t < TIER__MAX; t++)
			if ((sc->tier == TIER_ANY || sc->tier == t) &&
			    (ds->listings[i].tiers & TIER_BIT(t)))
				acc_add_prep(&rs->accs[row[t]], &x, &s);
	}
}

/* One row per unit passing keep, ordered by code; returns the unit index →
 * row + 1 map (0: no row), which the caller frees. */
static size_t *unit_rows(const struct dataset *ds, const struct scope *sc,
			 int (*keep)(const struct dataset *, const struct unit *,
				     const struct scope *),
			 struct rows *rs)
{
	size_t *row_of = xcalloc(ds->n_units ? ds->n_units : 1, sizeof(*row_of));
	const struct unit **v;
	size_t n, i;

	v = units_by_code(ds, sc, keep, &n);
	for (i = 0; i < n; i++)
		row_of[v[i] - ds->units] = rows_add(rs, v[i]->code, v[i]->name, v[i]->id,
						    sc->asof) + 1;
	free(v);
	return row_of;
}

/* The rows each unit's projects go to: the row of every section/street unit
 * on its path to the root, found once per unit (a few dozen), so that a
 * project costs one lookup of its section. Caller frees *start and *rows. */
static void unit_paths(const struct dataset *ds, const size_t *row_of, size_t **start,
		       size_t **rows)
{
	size_t i, n = 0, alloc = 0;

	*start = xcalloc(ds->n_units + 1, sizeof(**start));
	*rows = NULL;
	for (i = 0; i < ds->n_units; i++) {
		int64_t id = ds->units[i].id;
		int depth;

		(*start)[i] = n;
		for (depth = 0; id && depth < MAX_UNIT_DEPTH; depth++) {
			const struct unit *u = dataset_unit(ds, id);

			if (!u)
				break;
			if (row_of[u - ds->units]) {
				XGROW(*rows, alloc, n + 1);
				(*rows)[n++] = row_of[u - ds->units] - 1;
			}
			id = u->parent_id;
		}
	}
	(*start)[ds->n_units] = n;
}

/* Each project goes to the row of every unit keep keeps on its path to the
 * root (unit_paths): the sections and streets (BY_SECTION), the districts
 * (BY_DISTRICT). */
static void by_unit_path(const struct dataset *ds, const struct scope *sc, const char *in,
			 int (*keep)(const struct dataset *, const struct unit *,
				     const struct scope *),
			 struct rows *rs)
{
	size_t *row_of = unit_rows(ds, sc, keep, rs), *rows, *start;
	struct span s;
	size_t i, k;

	unit_paths(ds, row_of, &start, &rows);
	span_init(&s, sc->year, sc->asof);
	for (i = 0; i < ds->n_projects; i++) {
		const struct unit *u;
		struct prep x;

		if (!in[i])
			continue;
		rows_prep(rs, ds, i, s.n_months, &x);
		u = ds->projects[i].section_id ? dataset_unit(ds, ds->projects[i].section_id) : NULL;
		if (!u)
			continue;
		for (k = start[u - ds->units]; k < start[u - ds->units + 1]; k++)
			acc_add_prep(&rs->accs[rows[k]], &x, &s);
	}
	free(start);
	free(rows);
	free(row_of);
}

static void by_department(const struct dataset *ds, const struct scope *sc, const char *in,
			  struct rows *rs)
{
	size_t *row_of = unit_rows(ds, sc, keep_department, rs);
	struct span s;
	size_t i, none = (size_t)-1;

	span_init(&s, sc->year, sc->asof);
	for (i = 0; i < ds->n_projects; i++) {
		const struct unit *u;
		struct prep x;
		size_t r;

		if (!in[i])
			continue;
		rows_prep(rs, ds, i, s.n_months, &x);
		u = ds->projects[i].department_id ? dataset_unit(ds, ds->projects[i].department_id)
						  : NULL;
		/* a department has its row (the scope keeps a project only with the
		 * department it keeps); any other unit is no department */
		if (u && row_of[u - ds->units]) {
			r = row_of[u - ds->units] - 1;
		} else {
			if (none == (size_t)-1)
				none = rows_add(rs, "", "未指定", 0, sc->asof);
			r = none;
		}
		acc_add_prep(&rs->accs[r], &x, &s);
	}
	free(row_of);
}

/* Month m = 1 … month(asof) as of the end of m (asof for the last): each
 * project is prepared once and added to every month's row. */
static void by_month(const struct dataset *ds, const struct scope *sc, const char *in,
		     struct rows *rs)
{
	struct span whole, s[12];
	size_t first = rs->n, i;
	int m;

	span_init(&whole, sc->year, sc->asof);
	for (m = 1; m <= whole.n_months; m++) {
		bl_month mo = month_from_ym(sc->year, m);
		bl_day d = month_last_day(mo);
		char key[8], name[16];

		if (d > sc->asof)
			d = sc->asof;
		month_format(mo, key);
		snprintf(name, sizeof(name), "%d月", m);
		rows_add(rs, key, name, 0, d);
		span_init(&s[m - 1], sc->year, d);
	}
	for (i = 0; i < ds->n_projects; i++) {
		struct prep x;

		if (!in[i])
			continue;
		rows_prep(rs, ds, i, whole.n_months, &x);
		for (m = 0; m < whole.n_months; m++)
			acc_add_prep(&rs->accs[first + (size_t)m], &x, &s[m]);
	}
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(**(const char *const *const *)a, **(const char *const *const *)b);
}

/* One row per distinct industry text in byte order, then 未分类: the texts
 * are told apart through a map (a few dozen distinct ones among thousands
 * of projects), then sorted. */
static void by_industry(const struct dataset *ds, const struct scope *sc, const char *in,
			struct rows *rs)
{
	struct strmap ids = STRMAP_INIT;
	const char **texts = NULL, ***order;
	long *row_of, *text_of = xcalloc(ds->n_projects + 1, sizeof(*text_of));
	size_t n = 0, alloc = 0, i, none = (size_t)-1;
	struct span s;
	int64_t id;

	span_init(&s, sc->year, sc->asof);
	for (i = 0; i < ds->n_projects; i++) {
		const char *t = ds->projects[i].industry;

		text_of[i] = -1;
		if (!in[i] || !t || !*t)
			continue;
		if (!strmap_get(&ids, t, &id)) {
			id = (int64_t)n;
			strmap_put(&ids, t, id);
			XGROW(texts, alloc, n + 1);
			texts[n++] = t;
		}
		text_of[i] = (long)id;
	}
	order = xcalloc(n + 1, sizeof(*order));
	row_of = xcalloc(n + 1, sizeof(*row_of));
	for (i = 0; i < n; i++)
		order[i] = &texts[i];
	qsort(order, n, sizeof(*order), cmp_text);
	for (i = 0; i < n; i++)
		row_of[order[i] - texts] = (long)rows_add(rs, *order[i], *order[i], 0, sc->asof);
	for (i = 0; i < ds->n_projects; i++) {
		struct prep x;

		if (!in[i])
			continue;
		rows_prep(rs, ds, i, s.n_months, &x);
		if (text_of[i] >= 0) {
			acc_add_prep(&rs->accs[row_of[text_of[i]]], &x, &s);
			continue;
		}
		if (none == (size_t)-1)
			none = rows_add(rs, "", "未分类", 0, sc->asof);
		acc_add_prep(&rs->accs[none], &x, &s);
	}
	strmap_release(&ids);
	free(texts);
	free(order);
	free(row_of);
	free(text_of);
}

/* The breakdown by `by` of the projects in[] selects (measures_breakdown);
 * total (may be NULL) gets their measures too (measures_compute), from the
 * same pass. */
static void breakdown_of(const struct dataset *ds, const struct scope *sc, enum breakdown by,
			 const char *in, struct breakdown_rows *out, struct measures *total)
{
	struct acc whole;
	struct rows rs;
	size_t i;

	memset(&rs, 0, sizeof(rs));
	memset(&whole, 0, sizeof(whole));
	if (total) {
		rs.total = &whole;
		span_init(&rs.whole, sc->year, sc->asof);
	}
	switch (by) {
	case BY_TIER: by_tier(ds, sc, in, &rs); break;
	case BY_SECTION: by_unit_path(ds, sc, in, keep_section, &rs); break;
	case BY_DISTRICT: by_unit_path(ds, sc, in, keep_district, &rs); break;
	case BY_DEPARTMENT: by_department(ds, sc, in, &rs); break;
	case BY_MONTH: by_month(ds, sc, in, &rs); break;
	case BY_INDUSTRY: by_industry(ds, sc, in, &rs); break;
	default: {
		struct span s;
		size_t r = rows_add(&rs, "", "全部", 0, sc->asof);

		span_init(&s, sc->year, sc->asof);
		for (i = 0; i < ds->n_projects; i++) {
			struct prep x;

			if (!in[i])
				continue;
			rows_prep(&rs, ds, i, s.n_months, &x);
			acc_add_prep(&rs.accs[r], &x, &s);
		}
		break;
	}
	}
	for (i = 0; i < rs.n; i++) {
		acc_finish(&rs.accs[i]);
		rs.rows[i].m = rs.accs[i].m;
	}
	if (total) {
		acc_finish(&whole);
		*total = whole.m;
	}
	free(rs.accs);
	out->rows = rs.rows;
	out->n = rs.n;
}

void measures_breakdown(const struct dataset *ds, const struct scope *sc, enum breakdown by,
			struct breakdown_rows *out)
{
	char *in = scope_in(ds, sc);

	breakdown_of(ds, sc, by, in, out, NULL);
	free(in);
}

void measures_compute_by(const struct dataset *ds, const struct scope *sc, enum breakdown by,
			 struct measures *m, struct breakdown_rows *rows)
{
	char *in = scope_in(ds, sc);

	rows->rows = NULL;
	rows->n = 0;
	if (by == BY_NONE)
		total_of(ds, sc, in, m);
	else
		breakdown_of(ds, sc, by, in, rows, m);
	free(in);
}

void breakdown_rows_release(struct breakdown_rows *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->rows[i].key);
		free(b->rows[i].name);
	}
	free(b->rows);
	b->rows = NULL;
	b->n = 0;
}
