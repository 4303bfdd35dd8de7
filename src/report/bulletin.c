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
	return dataset_unit_name(ds, id, "—");
}

/* ---- targets ---- */

/* The target the figure of tier (TIER_ANY: the whole list) over the whole
 * district is compared with (target_choose). */
static void target_ref_set(struct target_ref *r, const struct dataset *ds, enum measure_key k,
			   int tier, bl_day asof)
{
	struct scope sc;

	memset(r, 0, sizeof(*r));
	scope_init(&sc, ds->year, asof);
	sc.tier = tier;
	r->t = target_choose(ds, &sc, k);
	if (r->t)
		target_evaluate(ds, r->t, asof, &r->ev);
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
		int64_t inv = 0;

		/* Checked sums (model.h amount_add): never a wrapped total. */
		for (m = 0; m < 12; m++) {
			amount_add(&b->cum_plan[m], listing_plan_through(l, m + 1));
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

/* Overdue items by section code, then level (highest first), then days
 * late (most first), then id. */
static int cmp_overdue(const void *a, const void *c)
{
	const struct overdue_item *x = a, *y = c;
	int k = strcmp(x->section, y->section);

	if (k)
		return k;
	if (x->s.level != y->s.level)
		return x->s.level > y->s.level ? -1 : 1;
	if (x->days_late != y->days_late)
		return x->days_late > y->days_late ? -1 : 1;
	return x->t->id < y->t->id ? -1 : x->t->id > y->t->id;
}

/* DOMAIN.md §8 逾期事项: every item of the listed projects overdue at the
 * month's end, as it stood then (core/items.h). */
static void build_overdue(struct bulletin *b)
{
	const struct dataset *ds = b->ds;
	size_t i;

	b->overdue = xcalloc(ds->n_items + 1, sizeof(*b->overdue));
	for (i = 0; i < ds->n_items; i++) {
		struct overdue_item *o = &b->overdue[b->n_overdue];

		if (ds->items[i].project >= ds->n_projects ||
		    !item_track_at(&ds->items[i], b->asof, &o->s) || !item_overdue(&o->s, b->asof))
			continue;
		o->t = &ds->items[i];
		o->section = dataset_unit_code(ds, ds->projects[o->t->project].section_id, "");
		o->days_late = item_days_late(&o->s, b->asof);
		if (o->s.level >= ITEM_LEVEL_MIN && o->s.level <= ITEM_LEVEL_MAX)
			b->overdue_by_level[o->s.level]++;
		b->n_overdue++;
	}
	if (b->n_overdue > 1)
		qsort(b->overdue, b->n_overdue, sizeof(*b->overdue), cmp_overdue);
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

/* The name of ds's one district unit; "" when there is none or several. */
static const char *district_of(const struct dataset *ds)
{
	const char *name = NULL;
	size_t i, n = 0;

	for (i = 0; i < ds->n_units; i++) {
		if (ds->units[i].kind == UNIT_DISTRICT) {
			name = ds->units[i].name;
			n++;
		}
	}
	return n == 1 && name ? name : "";
}

void bulletin_build(const struct dataset *ds, const struct bulletin_opts *o, struct bulletin *b)
{
	struct scope sc;
	size_t i;
	int t;

	memset(b, 0, sizeof(*b));
	b->ds = ds;
	b->month = o->month;
	b->district_id = o->district_id;
	b->year = month_year(o->month);
	b->n_months = month_of_year(o->month);
	b->asof = month_last_day(o->month);
	b->issue_no = o->issue_no > 0 ? o->issue_no : b->n_months;
	b->title = xstrdup(o->title && *o->title ? o->title : BULLETIN_TITLE);
	b->district = xstrdup(district_of(ds));
	if (o->issuer && *o->issuer) {
		b->issuer = xstrdup(o->issuer);
	} else {
		struct buf is = BUF_INIT;

		buf_addf(&is, "%s重大项目建设领导小组办公室", b->district);
		b->issuer = buf_detach(&is, NULL);
	}
	b->issued_on = o->issued_on;
	b->version = o->version > 1 ? o->version : 1;
	b->reason = b->version > 1 && o->reason ? xstrdup(o->reason) : NULL;
	if (o->audit_id > 0 && o->audit_hash && strlen(o->audit_hash) == 64) {
		b->audit_id = o->audit_id;
		memcpy(b->audit_hash, o->audit_hash, sizeof(b->audit_hash));
	}
	b->pace = pace_of_year(b->year, b->asof);

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
	for (t = 0; t < PK__MAX; t++) {
		scope_init(&sc, ds->year, b->asof);
		sc.kind = t;
		measures_compute(ds, &sc, &b->kinds[t]);
	}
	by_month(b);

	scope_init(&sc, ds->year, b->asof);
	measures_breakdown(ds, &sc, BY_INDUSTRY, &b->by_industry);
	measures_breakdown(ds, &sc, BY_SECTION, &b->by_section);
	contest_compute(ds, b->month, &o->ws, &o->cw, &b->round);
	if (b->n_months > 1 && o->prev && o->prev->month == b->month - 1) {
		b->prev = *o->prev;
		b->prev.entries = xcalloc(o->prev->n + 1, sizeof(*b->prev.entries));
		if (o->prev->n)
			memcpy(b->prev.entries, o->prev->entries,
			       o->prev->n * sizeof(*b->prev.entries));
	}

	warnings_compute(ds, &o->ws, b->asof, &b->wl);
	for (i = 0; i < b->wl.n_lights; i++)
		b->lights[b->wl.lights[i]]++;
	build_lists(b);
	sort_lists(b);
	build_overdue(b);
	bulletin_funds_build(ds, b->year, b->asof, o->district_id, &b->funds);

	b->evals = xcalloc(ds->n_targets + 1, sizeof(*b->evals));
	for (i = 0; i < ds->n_targets; i++)
		target_evaluate(ds, &ds->targets[i], b->asof, &b->evals[i]);
	bulletin_guarantees_build(b, o->guarantees);
}

void bulletin_release(struct bulletin *b)
{
	size_t i;
	int k;

	free(b->title);
	free(b->issuer);
	free(b->reason);
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
	free(b->overdue);
	bulletin_guarantees_release(b);
	bulletin_funds_release(&b->funds);
	memset(b, 0, sizeof(*b));
}

/* ---- text helpers ---- */

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
