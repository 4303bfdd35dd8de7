/* targets.c — DOMAIN.md §5: a target's actual (computed by measures.c for the
 * target's scope, or read from the indicator series) against its value and
 * its pace, in exact integer arithmetic. */
#include "core/targets.h"

#include <string.h>

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
	switch (measure_info[m].kind) {
	case MK_RATE:
		if (measure_info[m].indicator)
			return v < -10000 || v > 10000 ? "a growth rate from -100% to 100%" : NULL;
		return v < 0 || v > 10000 ? "a rate from 0 to 100%" : NULL;
	case MK_COUNT:
		return v < 0 || v > TARGET_COUNT_MAX ? "a count from 0 to 1000000" : NULL;
	case MK_MONEY:
		return amount_problem(v);
	}
	return "not a measure";
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

/* value × elapsed / total rounded half up (elapsed, total > 0). */
static int64_t pace_of(int64_t value, int64_t elapsed, int64_t total)
{
	__int128 n = (__int128)value * elapsed;

	if (n >= 0)
		return (int64_t)((2 * n + total) / (2 * total));
	return (int64_t)(-((-2 * n + total) / (2 * total)));
}

/* Fill out->has_actual, rate, actual for t at out->judged_on. */
static void take_actual(const struct dataset *ds, const struct target *t,
			struct target_eval *out)
{
	enum measure_kind kind = measure_info[t->measure].kind;
	struct measures m;
	struct scope sc;

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
	if (kind == MK_RATE) {
		out->has_actual = out->rate.den != 0;
		out->actual = ratio_scaled(out->rate, 10000);
	} else {
		out->has_actual = 1;
	}
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

void target_evaluate(const struct dataset *ds, const struct target *t, bl_day asof,
		     struct target_eval *out)
{
	bl_day y0 = day_from_ymd(t->year, 1, 1);
	int64_t elapsed, total;
	int passed = asof > t->due;

	memset(out, 0, sizeof(*out));
	out->indicator_month = MONTH_NONE;
	out->judged_on = passed ? t->due : asof;
	take_actual(ds, t, out);

	elapsed = (int64_t)out->judged_on - y0;
	total = (int64_t)t->due - y0;
	if (elapsed < 0)
		elapsed = 0;
	if (measure_info[t->measure].kind == MK_RATE || passed || total <= 0 || elapsed >= total)
		out->expected = t->value;
	else
		out->expected = pace_of(t->value, elapsed, total);

	if (reached(t, out))
		out->status = TS_MET;
	else if (passed)
		out->status = TS_MISSED;
	else if (!out->has_actual || measure_info[t->measure].kind == MK_RATE || total <= 0)
		out->status = TS_AT_RISK;
	else if (product_less(out->actual, total, t->value, elapsed))
		out->status = TS_AT_RISK;
	else
		out->status = TS_ON_TRACK;
}
