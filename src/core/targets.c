/* targets.c — DOMAIN.md §5: a target's actual (computed by measures.c for the
 * target's scope, or read from the indicator series) against its value and
 * its pace, in exact integer arithmetic. */
#include "core/targets.h"

#include <stdlib.h>
#include <string.h>

#include "core/demolition_target.h"

#include "util/xalloc.h"

const char *const target_status_keys[TS__MAX] = {
	"met", "missed", "on_track", "at_risk",
};
const char *const target_status_labels[TS__MAX] = {
	"已完成", "未完成", "进度正常", "有风险",
};

const char *target_value_problem(enum measure_key m, int64_t v)
{
	if ((unsigned)m >= MEASURE__MAX)
		return "not a measure";
	if (demolition_measure_of(m) >= 0) /* h-demotarget: ㎡ or households */
		return v < 0 || v > DEMOLITION_QUANTITY_MAX ? "a quantity from 0 to 1000000000"
							    : NULL;
	switch (measure_info[m].kind) {
	case MK_RATE:
		if (measure_info[m].indicator)
			return v < -10000 || v > 10000 ? "a growth rate from -100% to 100%" : NULL;
		return v < 0 || v > 10000 ? "a rate from 0 to 100%" : NULL;
	case MK_COUNT:
		return v < 0 || v > TARGET_COUNT_MAX ? "a count from 0 to 1000000" : NULL;
	default: /* MK_MONEY, the last kind */
		return amount_problem(v);
	}
}

/* The latest value of indicator k for unit at or before month `upto` in year;
 * 1 and *value / *month when there is one, else 0. */
static int indicator_latest(const struct dataset *ds, enum measure_key k, int64_t unit,
			    int year, bl_month upto, int64_t *value, bl_month *month)
{
	bl_month best = MONTH_NONE;
	size_t i;

	for (i = 0; i < ds->n_indicators; i++) {
		const struct indicator_value *v = &ds->indicators[i];

		if (v->measure != k || v->unit_id != unit || month_year(v->month) != year ||
		    v->month > upto)
			continue;
		if (best == MONTH_NONE || v->month > best) {
			best = v->month;
			*value = v->value;
		}
	}
	*month = best;
	return best != MONTH_NONE;
}

/* a × b < c × d without overflow. */
static int product_less(int64_t a, int64_t b, int64_t c, int64_t d)
{
	return (__int128)a * b < (__int128)c * d;
}

/* Fill out->has_actual, rate, actual for t at out->judged_on. */
static void take_actual(const struct dataset *ds, const struct target *t,
			struct target_eval *out)
{
	enum measure_kind kind = measure_info[t->measure].kind;
	struct measures m;
	struct scope sc;

	if (demolition_measure_of(t->measure) >= 0) { /* h-demotarget */
		struct demolition_share *shares;

		demolition_target_shares(ds, t, out->judged_on, &shares, &out->actual);
		free(shares);
		out->has_actual = 1; /* no task or report yet: 0 done, as a count's 0 */
		return;
	}
	if (measure_info[t->measure].indicator) {
		out->has_actual = indicator_latest(ds, t->measure, t->section_id, t->year,
						   day_month(out->judged_on), &out->actual,
						   &out->indicator_month);
		return;
	}
	scope_init(&sc, t->year, out->judged_on);
	sc.tier = t->tier;
	sc.section_id = t->section_id;
	sc.department_id = t->department_id;
	sc.industrial_only = t->industrial;
	measures_compute(ds, &sc, &m);
	measure_value(&m, t->measure, &out->rate, &out->actual);
	out->has_actual = kind != MK_RATE || out->rate.den != 0; /* a rate may be undefined */
	if (kind == MK_RATE)
		out->actual = ratio_scaled(out->rate, 10000);
}

/* 1 when the actual reaches t's value (DOMAIN.md §5, exact). */
static int reached(const struct target *t, const struct target_eval *e)
{
	if (!e->has_actual)
		return 0;
	if (measure_info[t->measure].kind == MK_RATE && !measure_info[t->measure].indicator)
		return !product_less(e->rate.num, 10000, t->value, e->rate.den);
	return e->actual >= t->value;
}

enum target_status target_pace_judge(const struct target_pace *p, bl_day asof,
				     int64_t *expected)
{
	int over = asof >= p->due;
	bl_day judged_on = over ? p->due : asof;
	int64_t elapsed = (int64_t)judged_on - p->start, total = (int64_t)p->due - p->start;

	if (elapsed < 0)
		elapsed = 0;
	if (p->course != MC_CUMULATIVE || over || elapsed >= total) /* (elapsed >= 0) */
		*expected = p->value;
	else
		*expected = muldiv_round(p->value, elapsed, total);

	if (over)
		return p->reached ? TS_MET : TS_MISSED;
	if (p->reached && p->course != MC_LEVEL)
		return TS_MET;
	if (!p->has_actual || total <= 0)
		return TS_AT_RISK;
	if (p->course == MC_LEVEL)
		return p->reached ? TS_ON_TRACK : TS_AT_RISK;
	if (p->course == MC_SHARE)
		return TS_AT_RISK;
	if (product_less(p->actual, total, p->value, elapsed))
		return TS_AT_RISK;
	return TS_ON_TRACK;
}

void target_evaluate(const struct dataset *ds, const struct target *t, bl_day asof,
		     struct target_eval *out)
{
	struct target_pace pace;

	memset(out, 0, sizeof(*out));
	out->indicator_month = MONTH_NONE;
	out->judged_on = asof >= t->due ? t->due : asof;
	take_actual(ds, t, out);

	pace.course = measure_info[t->measure].course;
	pace.value = t->value;
	pace.start = day_from_ymd(t->year, 1, 1);
	pace.due = t->due;
	pace.has_actual = out->has_actual;
	pace.reached = reached(t, out);
	pace.actual = out->actual;
	out->status = target_pace_judge(&pace, asof, &out->expected);
}

/* 1 when t is on measure k for exactly sc's tier, section and department. */
static int speaks_for(const struct target *t, const struct scope *sc, enum measure_key k)
{
	return t->measure == k && t->year == sc->year && t->tier == sc->tier &&
	       t->section_id == sc->section_id && t->department_id == sc->department_id;
}

/* Among the targets speaking for sc on k that are industrial-only or not (as
 * industrial says): the nearest due on or after sc->asof, else the latest
 * due; the first in ds's order among equal dues. */
static const struct target *nearest(const struct dataset *ds, const struct scope *sc,
				    enum measure_key k, int industrial)
{
	const struct target *best = NULL;
	size_t i;

	for (i = 0; i < ds->n_targets; i++) {
		const struct target *t = &ds->targets[i];

		if (!speaks_for(t, sc, k) || t->industrial != industrial)
			continue;
		if (!best || (best->due < sc->asof && t->due > best->due) ||
		    (t->due >= sc->asof && t->due < best->due))
			best = t;
	}
	return best;
}

const struct target *target_choose(const struct dataset *ds, const struct scope *sc,
				   enum measure_key k)
{
	const struct target *t = nearest(ds, sc, k, sc->industrial_only);

	if (!t && !sc->industrial_only)
		t = nearest(ds, sc, k, 1);
	return t;
}

int64_t target_task_book(const struct dataset *ds, int64_t unit_id)
{
	const struct target *best = NULL;
	size_t i;

	for (i = 0; i < ds->n_targets; i++) {
		const struct target *t = &ds->targets[i];

		if (t->measure != M_NEW_STARTS || t->section_id != unit_id || t->tier != TIER_ANY ||
		    t->department_id || t->industrial || t->year != ds->year)
			continue;
		if (!best || t->due > best->due)
			best = t;
	}
	return best ? best->value : -1;
}

/* ---- task books ---- */

/* Bound on the depth of the unit tree; guards against a cycle in bad data. */
#define MAX_UNIT_DEPTH 64

static int is_section(const struct unit *u)
{
	return u && (u->kind == UNIT_SECTION || u->kind == UNIT_STREET);
}

/* Books of one figure: same measure, tier, department, flag and due date. */
static int same_book(const struct target *a, const struct target *b)
{
	return a->measure == b->measure && a->tier == b->tier &&
	       a->department_id == b->department_id && a->industrial == b->industrial &&
	       a->due == b->due;
}

/* The index of the figure target i (on section or street u) is a book of:
 * the target of the same book on the nearest unit above u that has one, else
 * on the whole (0); -1 when there is none. A unit missing from ds ends the
 * way up at the whole. */
static long book_parent(const struct dataset *ds, size_t i, const struct unit *u)
{
	const struct target *t = &ds->targets[i];
	int64_t at = u->parent_id;
	int depth;
	size_t j;

	for (depth = 0;; depth++) {
		for (j = 0; j < ds->n_targets; j++)
			if (j != i && ds->targets[j].section_id == at && same_book(&ds->targets[j], t))
				return (long)j;
		if (!at || depth == MAX_UNIT_DEPTH)
			return -1; /* the whole searched; or a cycle in bad data */
		u = dataset_unit(ds, at);
		at = u ? u->parent_id : 0;
	}
}

/* 1 when unit u lies directly under the scope `top` (0: the whole): a section
 * or street reached from top without passing another one. */
static int directly_under(const struct dataset *ds, const struct unit *u, int64_t top)
{
	int64_t at;
	int depth;

	if (!is_section(u) || u->id == top)
		return 0;
	/* (the root's parent 0 is no unit: dataset_unit() is NULL for it) */
	for (at = u->parent_id, depth = 0; at != top && depth < MAX_UNIT_DEPTH; depth++) {
		const struct unit *p = dataset_unit(ds, at);

		if (!p || is_section(p))
			return 0;
		at = p->parent_id;
	}
	return at == top;
}

void targets_check_books(const struct dataset *ds, struct book_check *out)
{
	/* parent[i]: 1 + the index of the figure target i is a book of; 0: none */
	size_t *parent = xcalloc(ds->n_targets ? ds->n_targets : 1, sizeof(*parent));
	size_t i, j, k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < ds->n_targets; i++) {
		const struct target *t = &ds->targets[i];
		const struct unit *u = dataset_unit(ds, t->section_id);

		if (measure_info[t->measure].kind != MK_RATE && is_section(u))
			parent[i] = (size_t)(book_parent(ds, i, u) + 1);
	}
	for (j = 0; j < ds->n_targets; j++) {
		struct book_gap g;

		memset(&g, 0, sizeof(g));
		g.total = j;
		for (i = 0; i < ds->n_targets; i++) {
			if (parent[i] != j + 1)
				continue;
			amount_add(&g.sum, ds->targets[i].value);
			g.n_books++;
		}
		if (!g.n_books || g.sum == ds->targets[j].value)
			continue;
		for (k = 0; k < ds->n_units; k++) {
			const struct unit *u = &ds->units[k];
			int has = 0;

			if (!directly_under(ds, u, ds->targets[j].section_id))
				continue;
			for (i = 0; i < ds->n_targets && !has; i++)
				has = parent[i] == j + 1 && ds->targets[i].section_id == u->id;
			if (has)
				continue;
			g.without = xrealloc(g.without, (g.n_without + 1) * sizeof(*g.without));
			g.without[g.n_without++] = u->id;
		}
		out->gaps = xrealloc(out->gaps, (out->n + 1) * sizeof(*out->gaps));
		out->gaps[out->n++] = g;
	}
	free(parent);
}

void book_check_release(struct book_check *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->gaps[i].without);
	free(c->gaps);
	memset(c, 0, sizeof(*c));
}
