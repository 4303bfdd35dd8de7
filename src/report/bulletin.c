/* bulletin.c — computing the monthly bulletin's content (DOMAIN.md §8): the
 * measures overall, per tier and per new/continuing, the targets they are
 * compared with, investment month by month against plan and pace, the trend
 * of the start rate, breakdowns, the contest round, warnings and the lists. */
#include "report/bulletin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void bulletin_opts_init(struct bulletin_opts *o, bl_month month)
{
	memset(o, 0, sizeof(*o));
	o->month = month;
	o->issued_on = DAY_NONE;
	warning_settings_defaults(&o->ws);
	contest_weights_defaults(&o->cw);
}

const char *unit_name(const struct dataset *ds, int64_t id)
{
	const struct unit *u = id ? dataset_unit(ds, id) : NULL;

	return u && u->name ? u->name : "—";
}

/* ---- targets ---- */

/* The target on measure k at tier over the whole district (no section, no
 * department), industrial-only as asked: the nearest due on or after asof, else
 * the latest before it. NULL when none. */
static const struct target *pick_target(const struct dataset *ds, enum measure_key k, int tier,
					int industrial, bl_day asof)
{
	const struct target *best = NULL;
	size_t i;

	for (i = 0; i < ds->n_targets; i++) {
		const struct target *t = &ds->targets[i];

		if (t->measure != k || t->tier != tier || t->section_id || t->department_id ||
		    t->industrial != industrial || t->year != ds->year)
			continue;
		if (!best || (best->due < asof && t->due > best->due) ||
		    (t->due >= asof && t->due < best->due))
			best = t;
	}
	return best;
}

static void target_ref_set(struct target_ref *r, const struct dataset *ds, enum measure_key k,
			   int tier, bl_day asof)
{
	memset(r, 0, sizeof(*r));
	r->t = pick_target(ds, k, tier, 0, asof);
	if (!r->t)
		r->t = pick_target(ds, k, tier, 1, asof);
	if (r->t)
		target_evaluate(ds, r->t, asof, &r->ev);
}

/* ---- new / continuing ---- */

/* The measures of the projects of one kind: a shallow sub-dataset that
 * shares the units (and their index) with ds. */
static void kind_measures(const struct dataset *ds, enum project_kind kind, bl_day asof,
			  struct measures *out)
{
	struct dataset sub = *ds;
	bl_day y0 = day_from_ymd(ds->year, 1, 1);
	struct scope sc;
	size_t i, n = 0;

	sub.projects = xcalloc(ds->n_projects + 1, sizeof(*sub.projects));
	sub.listings = xcalloc(ds->n_projects + 1, sizeof(*sub.listings));
	sub.reports = xcalloc(ds->n_projects + 1, sizeof(*sub.reports));
	for (i = 0; i < ds->n_projects; i++) {
		int continuing = project_reached(&ds->projects[i], STAGE_STARTED) < y0;

		if (continuing != (kind == PK_CONTINUING))
			continue;
		sub.projects[n] = ds->projects[i];
		sub.listings[n] = ds->listings[i];
		sub.reports[n] = ds->reports[i];
		n++;
	}
	sub.n_projects = n;
	scope_init(&sc, ds->year, asof);
	measures_compute(&sub, &sc, out);
	free(sub.projects);
	free(sub.listings);
	free(sub.reports);
}

/* ---- investment and trend by month ---- */

static void by_month(struct bulletin *b)
{
	const struct dataset *ds = b->ds;
	struct scope sc;
	size_t i;
	int m, k;

	for (i = 0; i < ds->n_projects; i++) {
		const struct listing *l = &ds->listings[i];
		const struct year_reports *r = &ds->reports[i];
		int64_t annual = l->annual_plan == AMOUNT_NONE ? 0 : l->annual_plan, run = 0, inv = 0;

		/* Checked sums (model.h amount_add): never a wrapped total. */
		for (m = 0; m < 12; m++) {
			if (l->has_month_plan)
				amount_add(&run, l->month_plan[m]);
			amount_add(&b->cum_plan[m], l->has_month_plan
						 ? run
						 : (int64_t)((__int128)annual * (m + 1) / 12));
			amount_add(&inv, r->invest[m]);
			if (m < b->n_months)
				amount_add(&b->cum_invest[m], inv);
		}
		if ((r->reported >> (b->n_months - 1)) & 1u)
			b->reports_month++;
		if (project_reached(&ds->projects[i], STAGE_STARTED) <= b->asof)
			b->reports_owed++;
		amount_add(&b->month_invest, r->invest[b->n_months - 1]);
	}
	for (m = b->n_months; m < 12; m++)
		b->cum_invest[m] = CHART_NONE;
	for (k = 0; k <= TIER__MAX; k++) {
		struct breakdown_rows rows;

		scope_init(&sc, ds->year, b->asof);
		sc.tier = k == 0 ? TIER_ANY : k - 1;
		measures_breakdown(ds, &sc, BY_MONTH, &rows);
		for (m = 0; m < 12; m++) {
			struct ratio rt = m < (int)rows.n ? rows.rows[m].m.start_rate
							  : (struct ratio){ 0, 0 };

			b->trend[k][m] = rt.den ? ratio_scaled(rt, 10000) : CHART_NONE;
		}
		breakdown_rows_release(&rows);
	}
}

/* ---- lists ---- */

static struct list_item *list_add(struct item_list *l, const struct dataset *ds, size_t project,
				  bl_day date, int64_t days, enum light light)
{
	const char *ref = ds->projects[project].ref;
	struct list_item *it;

	XGROW(l->items, l->alloc, l->n + 1);
	it = &l->items[l->n++];
	memset(it, 0, sizeof(*it));
	it->project = project;
	it->ref = ref ? ref : "";
	it->date = date;
	it->days = days;
	it->light = light;
	return it;
}

/* The reasons of project i's warnings at level >= min joined by "；". */
static char *reasons_of(const struct warning_list *wl, size_t i, enum light min)
{
	struct buf b = BUF_INIT;
	size_t k;

	for (k = 0; k < wl->n; k++) {
		const struct warning *w = &wl->items[k];

		if (w->project != i || w->level < min)
			continue;
		buf_addf(&b, "%s%s：%s", b.len ? "；" : "", warning_rule_labels[w->rule], w->reason);
	}
	return b.len ? buf_detach(&b, NULL) : NULL;
}

static void build_lists(struct bulletin *b)
{
	const struct dataset *ds = b->ds;
	bl_day first = month_first_day(b->month);
	size_t i, k;

	for (i = 0; i < ds->n_projects; i++) {
		const struct project *p = &ds->projects[i];
		bl_day filed = project_reached(p, STAGE_FILED);
		bl_day started = project_reached(p, STAGE_STARTED);
		bl_day done = project_reached(p, STAGE_COMPLETED);
		enum light lt = b->wl.lights[i];
		struct list_item *it;

		if (lt == LIGHT_RED) {
			it = list_add(&b->lists[PL_RED], ds, i, DAY_NONE, 0, lt);
			it->reason = reasons_of(&b->wl, i, LIGHT_RED);
		}
		if (filed <= b->asof && started > b->asof)
			list_add(&b->lists[PL_FILED_NOT_STARTED], ds, i, filed, b->asof - filed, lt);
		if (started >= first && started <= b->asof)
			list_add(&b->lists[PL_STARTED_MONTH], ds, i, started, 0, lt);
		if (done >= first && done <= b->asof)
			list_add(&b->lists[PL_COMPLETED_MONTH], ds, i, done, 0, lt);
	}
	for (k = 0; k < b->wl.n; k++) {
		const struct warning *w = &b->wl.items[k];
		const struct project *p = &ds->projects[w->project];
		struct list_item *it;
		bl_day planned;

		if (w->rule != WR_START_OVERDUE && w->rule != WR_COMPLETION_OVERDUE)
			continue;
		planned = w->rule == WR_START_OVERDUE ? p->planned_start : p->planned_completion;
		it = list_add(&b->lists[PL_OVERDUE], ds, w->project, planned, b->asof - planned,
			      w->level);
		it->reason = xstrdup(warning_rule_labels[w->rule]);
	}
}

/* Lists read best ordered: the longest-waiting first where days count, else by
 * date; ties by project ref. */
static int cmp_item(const void *a, const void *c)
{
	const struct list_item *x = a, *y = c;

	if (x->days != y->days)
		return x->days < y->days ? 1 : -1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

static void sort_lists(struct bulletin *b)
{
	int k;

	for (k = 0; k < PL__MAX; k++)
		if (b->lists[k].n > 1)
			qsort(b->lists[k].items, b->lists[k].n, sizeof(struct list_item), cmp_item);
}

/* ---- the whole ---- */

static char *default_issuer(const struct dataset *ds)
{
	const struct unit *district = NULL;
	struct buf b = BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < ds->n_units; i++) {
		if (ds->units[i].kind == UNIT_DISTRICT) {
			district = &ds->units[i];
			n++;
		}
	}
	buf_addf(&b, "%s重大项目建设领导小组办公室", n == 1 && district->name ? district->name : "");
	return buf_detach(&b, NULL);
}

static char *district_name(const struct dataset *ds)
{
	size_t i, n = 0;
	const char *name = NULL;

	for (i = 0; i < ds->n_units; i++) {
		if (ds->units[i].kind == UNIT_DISTRICT) {
			name = ds->units[i].name;
			n++;
		}
	}
	return xstrdup(n == 1 && name ? name : "");
}

void bulletin_build(const struct dataset *ds, const struct bulletin_opts *o, struct bulletin *b)
{
	struct scope sc;
	size_t i;
	int t;

	memset(b, 0, sizeof(*b));
	b->ds = ds;
	b->month = o->month;
	b->year = month_year(o->month);
	b->n_months = month_of_year(o->month);
	b->asof = month_last_day(o->month);
	b->issue_no = o->issue_no > 0 ? o->issue_no : b->n_months;
	b->title = xstrdup(o->title && *o->title ? o->title : BULLETIN_TITLE);
	b->issuer = o->issuer && *o->issuer ? xstrdup(o->issuer) : default_issuer(ds);
	b->district = district_name(ds);
	b->issued_on = o->issued_on;
	b->pace.num = b->n_months;
	b->pace.den = 12;

	scope_init(&sc, ds->year, b->asof);
	measures_compute(ds, &sc, &b->all);
	for (t = 0; t < TIER__MAX; t++) {
		sc.tier = t;
		measures_compute(ds, &sc, &b->tiers[t]);
		target_ref_set(&b->tier_target[t], ds, M_START_RATE, t, b->asof);
	}
	target_ref_set(&b->start_target, ds, M_START_RATE, TIER_ANY, b->asof);
	target_ref_set(&b->new_starts_target, ds, M_NEW_STARTS, TIER_ANY, b->asof);
	target_ref_set(&b->completions_target, ds, M_COMPLETIONS, TIER_ANY, b->asof);
	for (t = 0; t < PK__MAX; t++)
		kind_measures(ds, (enum project_kind)t, b->asof, &b->kinds[t]);
	by_month(b);

	scope_init(&sc, ds->year, b->asof);
	measures_breakdown(ds, &sc, BY_INDUSTRY, &b->by_industry);
	measures_breakdown(ds, &sc, BY_SECTION, &b->by_section);
	contest_compute(ds, b->month, &o->ws, &o->cw, &b->round);
	if (b->n_months > 1)
		contest_compute(ds, b->month - 1, &o->ws, &o->cw, &b->prev);

	warnings_compute(ds, &o->ws, b->asof, &b->wl);
	for (i = 0; i < b->wl.n_lights; i++)
		b->lights[b->wl.lights[i]]++;
	build_lists(b);
	sort_lists(b);

	b->evals = xcalloc(ds->n_targets + 1, sizeof(*b->evals));
	for (i = 0; i < ds->n_targets; i++)
		target_evaluate(ds, &ds->targets[i], b->asof, &b->evals[i]);
}

void bulletin_release(struct bulletin *b)
{
	size_t i;
	int k;

	free(b->title);
	free(b->issuer);
	free(b->district);
	breakdown_rows_release(&b->by_industry);
	breakdown_rows_release(&b->by_section);
	contest_round_release(&b->round);
	contest_round_release(&b->prev);
	warning_list_release(&b->wl);
	for (k = 0; k < PL__MAX; k++) {
		for (i = 0; i < b->lists[k].n; i++)
			free(b->lists[k].items[i].reason);
		free(b->lists[k].items);
	}
	free(b->evals);
	memset(b, 0, sizeof(*b));
}

/* ---- text helpers ---- */

void money_phrase(struct buf *b, int64_t yuan)
{
	/* The magnitude as unsigned: a saturated sum (INT64_MAX) still rounds. */
	uint64_t mag = yuan < 0 ? (uint64_t)0 - (uint64_t)yuan : (uint64_t)yuan;
	const char *sign = yuan < 0 ? "-" : "";
	uint64_t q;

	if (mag >= 100000000) {
		q = (mag + 500000) / 1000000; /* hundredths of 亿, half up */
		buf_addf(b, "%s%llu.%02llu亿元", sign, (unsigned long long)(q / 100),
			 (unsigned long long)(q % 100));
		return;
	}
	q = (mag + 50) / 100; /* hundredths of 万 */
	buf_addf(b, "%s%llu", sign, (unsigned long long)(q / 100));
	if (q % 100)
		buf_addf(b, q % 10 ? ".%02llu" : ".%llu",
			 (unsigned long long)(q % 10 ? q % 100 : q % 100 / 10));
	buf_adds(b, "万元");
}

void target_pct(struct buf *b, int64_t v)
{
	int64_t mag = v < 0 ? -v : v;
	int64_t whole = mag / 100, frac = mag % 100;

	buf_addf(b, "%s%lld", v < 0 ? "-" : "", (long long)whole);
	if (frac)
		buf_addf(b, frac % 10 ? ".%02lld" : ".%lld", (long long)(frac % 10 ? frac : frac / 10));
	buf_addch(b, '%');
}

void due_phrase(struct buf *b, bl_day due)
{
	int y, m, d;

	day_to_ymd(due, &y, &m, &d);
	if (m == 12 && d == 31)
		buf_adds(b, "年底");
	else if (d == days_in_month(y, m))
		buf_addf(b, "%d月底", m);
	else
		buf_addf(b, "%d月%d日", m, d);
}
