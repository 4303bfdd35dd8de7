/* test_targets.c — DOMAIN.md §5 target status on a hand-built year: rate,
 * count, money and indicator targets, met / missed / on track / at risk, at
 * the exact boundaries of the value and of the pace. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/targets.h"
#include "fixture.h"
#include "util/xalloc.h"

static void add_unit(struct dataset *ds, int64_t id, const char *code, enum unit_kind kind,
		     int64_t parent)
{
	fx_unit(ds, id, code, code, kind, parent);
}

static struct project *add_project(struct dataset *ds, int64_t section, int64_t dept,
				   int industrial, unsigned tiers, int64_t plan)
{
	return fx_project(ds, "R", section, dept, industrial, NULL, tiers, plan);
}

static void indicator(struct dataset *ds, enum measure_key k, int64_t unit, int y, int m,
		      int64_t value)
{
	struct indicator_value *v;

	ds->indicators = xrealloc(ds->indicators, (ds->n_indicators + 1) * sizeof(*v));
	v = &ds->indicators[ds->n_indicators++];
	v->measure = k;
	v->unit_id = unit;
	v->month = month_from_ym(y, m);
	v->value = value;
}

/* District 1 → sections 2 (S01), 3 (S02); department 4. Four projects:
 *  q0 S01, dept 4, industrial, started 02-10, reports Jan 5M Feb 5M Mar 10M
 *  q1 S01, started 04-20, report Apr 6M
 *  q2 S02, industrial, planned 03-01, not started
 *  q3 S02, dept 4, industrial, province + district, started 2023 (continuing)
 * Indicators: fixed-asset investment (whole) Mar 200亿, May 400亿, and last
 * December; industrial investment of unit 2 in May; value-added growth Mar
 * 5.5 %, Jun 6.5 %; industrial funds Jun 25. */
static int setup(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));
	struct project *p;
	int m;

	ds->year = 2024;
	add_unit(ds, 1, "D1", UNIT_DISTRICT, 0);
	add_unit(ds, 2, "S01", UNIT_SECTION, 1);
	add_unit(ds, 3, "S02", UNIT_SECTION, 1);
	add_unit(ds, 4, "G01", UNIT_DEPARTMENT, 1);
	dataset_index(ds);

	p = add_project(ds, 2, 4, 1, TIER_BIT(TIER_DISTRICT), 40000000);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 2, 10);
	fx_report(ds, 0, 1, 5000000);
	fx_report(ds, 0, 2, 5000000);
	fx_report(ds, 0, 3, 10000000);
	p = add_project(ds, 2, 0, 0, TIER_BIT(TIER_DISTRICT), 60000000);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 4, 20);
	fx_report(ds, 1, 4, 6000000);
	p = add_project(ds, 3, 0, 1, TIER_BIT(TIER_DISTRICT), 0);
	p->planned_start = fx_day(2024, 3, 1);
	p = add_project(ds, 3, 4, 1, TIER_BIT(TIER_DISTRICT) | TIER_BIT(TIER_PROVINCE),
			100000000);
	p->stage_on[STAGE_STARTED] = fx_day(2023, 6, 1);
	for (m = 1; m <= 12; m++)
		fx_report(ds, 3, m, 8000000);

	indicator(ds, M_FIXED_ASSET_INVESTMENT, 0, 2023, 12, 70000000000);
	indicator(ds, M_FIXED_ASSET_INVESTMENT, 0, 2024, 5, 40000000000);
	indicator(ds, M_FIXED_ASSET_INVESTMENT, 0, 2024, 3, 20000000000);
	indicator(ds, M_INDUSTRIAL_INVESTMENT, 2, 2024, 5, 1000000000);
	indicator(ds, M_INDUSTRIAL_VALUE_ADDED_GROWTH, 0, 2024, 3, 550);
	indicator(ds, M_INDUSTRIAL_VALUE_ADDED_GROWTH, 0, 2024, 6, 650);
	indicator(ds, M_INDUSTRIAL_VALUE_ADDED_GROWTH, 0, 2024, 9, 580);
	indicator(ds, M_INDUSTRIAL_FUNDS, 0, 2024, 6, 25);
	*state = ds;
	return 0;
}

static int teardown(void **state)
{
	struct dataset *ds = *state;

	dataset_release(ds);
	free(ds);
	return 0;
}

static struct target make(enum measure_key k, int64_t value, bl_day due)
{
	struct target t;

	memset(&t, 0, sizeof(t));
	t.year = 2024;
	t.measure = k;
	t.tier = TIER_ANY;
	t.due = due;
	t.value = value;
	return t;
}

static enum target_status status(const struct dataset *ds, const struct target *t, bl_day asof,
				 struct target_eval *e)
{
	target_evaluate(ds, t, asof, e);
	return e->status;
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(target_status_keys[TS_MET], "met");
	assert_string_equal(target_status_keys[TS_MISSED], "missed");
	assert_string_equal(target_status_keys[TS_ON_TRACK], "on_track");
	assert_string_equal(target_status_keys[TS_AT_RISK], "at_risk");
	assert_string_equal(target_status_labels[TS_MET], "已完成");
	assert_string_equal(target_status_labels[TS_MISSED], "未完成");
	assert_string_equal(target_status_labels[TS_ON_TRACK], "进度正常");
	assert_string_equal(target_status_labels[TS_AT_RISK], "有风险");
}

static void test_rate_targets(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	/* 2 of 4 started on 03-15: exactly 50 % meets 50 % */
	t = make(M_START_RATE, 5000, fx_day(2024, 3, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 15), &e), TS_MET);
	assert_int_equal(e.rate.num, 2);
	assert_int_equal(e.rate.den, 4);
	assert_int_equal(e.actual, 5000);
	assert_int_equal(e.expected, 5000);
	assert_int_equal(e.judged_on, fx_day(2024, 3, 15));
	assert_true(e.has_actual);
	t.value = 5001;
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 15), &e), TS_AT_RISK);

	/* 75 % by 06-30: at risk in March (below the value itself, no pace) */
	t = make(M_START_RATE, 7500, fx_day(2024, 6, 30));
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 15), &e), TS_AT_RISK);
	assert_int_equal(e.expected, 7500);
	assert_int_equal(status(ds, &t, fx_day(2024, 5, 1), &e), TS_MET);
	/* after the due date it is judged at the due date */
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 1), &e), TS_MET);
	assert_int_equal(e.judged_on, fx_day(2024, 6, 30));
	t.value = 8000;
	/* the due date itself ends the period (DOMAIN.md §5): missed, as the
	 * bulletin's summary and Table 3 both say */
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 29), &e), TS_AT_RISK);
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 30), &e), TS_MISSED);
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 1), &e), TS_MISSED);
	assert_int_equal(e.actual, 7500);
}

static void test_undefined_rate(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	/* nothing completed: the production rate is undefined, never reached,
	 * not even a value of 0 */
	t = make(M_PRODUCTION_RATE, 0, fx_day(2024, 6, 30));
	assert_int_equal(status(ds, &t, fx_day(2024, 5, 1), &e), TS_AT_RISK);
	assert_false(e.has_actual);
	assert_int_equal(e.rate.den, 0);
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 1), &e), TS_MISSED);
}

static void test_scoped_targets(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	/* industrial: q0, q2, q3; 2 of 3 started on 03-15 */
	t = make(M_START_RATE, 6667, fx_day(2024, 6, 30));
	t.industrial = 1;
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 15), &e), TS_AT_RISK);
	assert_int_equal(e.actual, 6667); /* rounded for display; the test is exact */
	t.value = 6666;
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 15), &e), TS_MET);

	t = make(M_START_RATE, 10000, fx_day(2024, 3, 31));
	t.tier = TIER_PROVINCE;
	assert_int_equal(status(ds, &t, fx_day(2024, 1, 2), &e), TS_MET);
	assert_int_equal(e.rate.den, 1);

	t = make(M_START_RATE, 10000, fx_day(2024, 3, 31));
	t.department_id = 4;
	assert_int_equal(status(ds, &t, fx_day(2024, 2, 9), &e), TS_AT_RISK);
	assert_int_equal(status(ds, &t, fx_day(2024, 2, 10), &e), TS_MET);

	t = make(M_START_RATE, 10000, fx_day(2024, 6, 30));
	t.section_id = 2;
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 19), &e), TS_AT_RISK);
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 20), &e), TS_MET);
}

static void test_count_targets(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	/* due 04-10: 100 days after 01-01. On 02-20 (50 days) one new start
	 * against a value of 2: 1 × 100 = 2 × 50, on the pace. */
	t = make(M_NEW_STARTS, 2, fx_day(2024, 4, 10));
	assert_int_equal(status(ds, &t, fx_day(2024, 2, 20), &e), TS_ON_TRACK);
	assert_int_equal(e.actual, 1);
	assert_int_equal(e.expected, 1);
	assert_int_equal(status(ds, &t, fx_day(2024, 2, 21), &e), TS_AT_RISK);
	assert_int_equal(e.expected, 1); /* 2 × 51 / 100 = 1.02 */
	/* judged at the due date: q1 started 04-20, too late */
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 20), &e), TS_MISSED);
	assert_int_equal(e.actual, 1);
	assert_int_equal(e.expected, 2);
	t.value = 1;
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 20), &e), TS_MET);
	/* a new year starts on track: nothing elapsed */
	t = make(M_NEW_STARTS, 70, fx_day(2024, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 1, 1), &e), TS_ON_TRACK);
	assert_int_equal(e.expected, 0);
	/* on the due day itself, not reached: the period is over, missed */
	assert_int_equal(status(ds, &t, fx_day(2024, 12, 30), &e), TS_AT_RISK);
	assert_int_equal(status(ds, &t, fx_day(2024, 12, 31), &e), TS_MISSED);
	assert_int_equal(e.expected, 70);
}

static void test_money_targets(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	/* S01 (q0, q1) investment; due 04-10 = day 100 */
	t = make(M_INVESTMENT, 30000000, fx_day(2024, 4, 10));
	t.section_id = 2;
	assert_int_equal(status(ds, &t, fx_day(2024, 2, 20), &e), TS_AT_RISK);
	assert_int_equal(e.actual, 10000000);
	assert_int_equal(e.expected, 15000000);
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 10), &e), TS_MISSED);
	assert_int_equal(e.actual, 26000000);
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 11), &e), TS_MISSED);
	t.value = 26000000;
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 11), &e), TS_MET);
	/* 03-31 is day 90: 20M against 22M × 90 / 100 = 19.8M */
	t.value = 22000000;
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 31), &e), TS_ON_TRACK);
	assert_int_equal(e.actual, 20000000);
	assert_int_equal(e.expected, 19800000);
	t.value = 22222223; /* pace 20,000,000.7: just behind */
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 31), &e), TS_AT_RISK);
	t.value = 22222222; /* pace 19,999,999.8: just ahead */
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 31), &e), TS_ON_TRACK);

	/* the sum of annual plans: a stock, never met before its due date */
	t = make(M_ANNUAL_PLAN, 200000000, fx_day(2024, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 1), &e), TS_ON_TRACK);
	assert_int_equal(e.actual, 200000000);
}

static void test_indicator_targets(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	/* 840亿 fixed-asset investment by year end */
	t = make(M_FIXED_ASSET_INVESTMENT, 84000000000, fx_day(2024, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 2, 15), &e), TS_AT_RISK);
	assert_false(e.has_actual);
	assert_int_equal(e.indicator_month, MONTH_NONE);
	/* April: March's 200亿 against 840亿 × 120/365 */
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 30), &e), TS_AT_RISK);
	assert_int_equal(e.actual, 20000000000);
	assert_int_equal(e.indicator_month, month_from_ym(2024, 3));
	assert_int_equal(e.expected, 27616438356);
	/* 06-10 (day 161): May's 400亿 × 365 > 840亿 × 161 */
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 10), &e), TS_ON_TRACK);
	assert_int_equal(e.actual, 40000000000);
	assert_int_equal(status(ds, &t, fx_day(2025, 1, 5), &e), TS_MISSED);
	assert_int_equal(e.judged_on, fx_day(2024, 12, 31));
	t.value = 40000000000;
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 10), &e), TS_MET);
	/* a value from the month after the judged date is not used */
	t.due = fx_day(2024, 4, 30);
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 10), &e), TS_MISSED);
	assert_int_equal(e.actual, 20000000000);

	/* no series at all: missed after the due date */
	t = make(M_INDUSTRIAL_INVESTMENT, 41600000000, fx_day(2024, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 1), &e), TS_AT_RISK);
	assert_int_equal(status(ds, &t, fx_day(2025, 1, 1), &e), TS_MISSED);
	/* the section's own series */
	t.section_id = 2;
	t.value = 1000000000;
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 1), &e), TS_MET);

	/* a rate indicator (ten-thousandths): 5.5 % in March is below 6 % */
	t = make(M_INDUSTRIAL_VALUE_ADDED_GROWTH, 600, fx_day(2024, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 15), &e), TS_AT_RISK);
	assert_int_equal(e.actual, 550);
	assert_int_equal(e.expected, 600);
	/* June's 6.5 % reaches it, but a growth rate can fall again: on track */
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 15), &e), TS_ON_TRACK);
	t.value = 650;
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 15), &e), TS_ON_TRACK);

	/* a count indicator on the pace: 25 funds by 07-01 (day 182) of 50:
	 * 25 × 365 = 9125 >= 50 × 182 = 9100; by 07-03 (day 184) 9200 */
	t = make(M_INDUSTRIAL_FUNDS, 50, fx_day(2024, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 1), &e), TS_ON_TRACK);
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 3), &e), TS_AT_RISK);
}

/* DOMAIN.md §5, each course on, before and after its due date, by hand:
 *  - a stock: Σ annual plans = 40M + 60M + 0 + 100M = 200M, whatever the date;
 *  - a rate that can fall: 增加值增速 5.5 % (Mar), 6.5 % (Jun), 5.8 % (Sep);
 *  - a count: new starts q0 on 02-10, q1 on 04-20 (q3 continued from 2023). */
static void test_course_around_the_due_date(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	/* stock 200M by 06-30: the value itself, not a time-elapsed share */
	t = make(M_ANNUAL_PLAN, 200000000, fx_day(2024, 6, 30));
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 15), &e), TS_ON_TRACK);
	assert_int_equal(e.expected, 200000000); /* not 200M × 74 / 181 */
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 30), &e), TS_MET);
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 1), &e), TS_MET);
	assert_int_equal(e.judged_on, fx_day(2024, 6, 30));
	/* one yuan more: below the value, though far above a share of it */
	t.value = 200000001;
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 15), &e), TS_AT_RISK);
	assert_int_equal(e.expected, 200000001);
	assert_int_equal(status(ds, &t, fx_day(2024, 6, 30), &e), TS_MISSED);
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 1), &e), TS_MISSED);

	/* growth 6 % by 12-31: the latest figure at or before the date, named */
	t = make(M_INDUSTRIAL_VALUE_ADDED_GROWTH, 600, fx_day(2024, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 15), &e), TS_AT_RISK);
	assert_int_equal(e.indicator_month, month_from_ym(2024, 3));
	assert_int_equal(status(ds, &t, fx_day(2024, 7, 15), &e), TS_ON_TRACK);
	assert_int_equal(e.actual, 650);
	assert_int_equal(e.indicator_month, month_from_ym(2024, 6));
	assert_int_equal(status(ds, &t, fx_day(2024, 10, 15), &e), TS_AT_RISK);
	assert_int_equal(e.actual, 580);
	assert_int_equal(e.indicator_month, month_from_ym(2024, 9));
	assert_int_equal(status(ds, &t, fx_day(2024, 12, 31), &e), TS_MISSED);
	assert_int_equal(status(ds, &t, fx_day(2025, 1, 5), &e), TS_MISSED);
	assert_int_equal(e.judged_on, fx_day(2024, 12, 31));
	assert_int_equal(e.indicator_month, month_from_ym(2024, 9));
	t.value = 550; /* reached all year: still only on track until 12-31 */
	assert_int_equal(status(ds, &t, fx_day(2024, 12, 30), &e), TS_ON_TRACK);
	assert_int_equal(status(ds, &t, fx_day(2024, 12, 31), &e), TS_MET);
	assert_int_equal(status(ds, &t, fx_day(2025, 1, 5), &e), TS_MET);

	/* count 2 by 04-20 (day 110): on 04-19 one start against 2 × 109 / 110 */
	t = make(M_NEW_STARTS, 2, fx_day(2024, 4, 20));
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 19), &e), TS_AT_RISK);
	assert_int_equal(e.actual, 1);
	assert_int_equal(e.expected, 2);
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 20), &e), TS_MET);
	assert_int_equal(status(ds, &t, fx_day(2024, 5, 1), &e), TS_MET);
	t.value = 3;
	assert_int_equal(status(ds, &t, fx_day(2024, 4, 20), &e), TS_MISSED);
	assert_int_equal(status(ds, &t, fx_day(2024, 5, 1), &e), TS_MISSED);
	assert_int_equal(e.actual, 2);
	t.value = 1; /* a count only grows: met early */
	assert_int_equal(status(ds, &t, fx_day(2024, 3, 1), &e), TS_MET);
}

/* Task books: new starts 5 = S01 3 + S02 2 adds up; completions 4 = S01 1 +
 * a street of S02 (S21) 2 does not (3), and S02 itself has none; the street's
 * book counts under the district since S02 has no figure of its own. Rates
 * are never summed. */
static void test_task_books(void **state)
{
	struct dataset ds;
	struct book_check bc;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 1, "D1", "区", UNIT_DISTRICT, 0);
	fx_unit(&ds, 2, "S01", "甲", UNIT_SECTION, 1);
	fx_unit(&ds, 3, "S02", "乙", UNIT_SECTION, 1);
	fx_unit(&ds, 4, "S21", "乙街道", UNIT_STREET, 3);
	fx_unit(&ds, 5, "G01", "发改", UNIT_DEPARTMENT, 1);
	dataset_index(&ds);
	ds.targets = xcalloc(10, sizeof(*ds.targets));
	ds.targets[ds.n_targets++] = make(M_NEW_STARTS, 5, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets] = make(M_NEW_STARTS, 3, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets++].section_id = 2;
	ds.targets[ds.n_targets] = make(M_NEW_STARTS, 2, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets++].section_id = 3;
	ds.targets[ds.n_targets++] = make(M_COMPLETIONS, 4, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets] = make(M_COMPLETIONS, 1, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets++].section_id = 2;
	ds.targets[ds.n_targets] = make(M_COMPLETIONS, 2, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets++].section_id = 4;
	ds.targets[ds.n_targets++] = make(M_START_RATE, 9000, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets] = make(M_START_RATE, 5000, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets++].section_id = 2;
	targets_check_books(&ds, &bc);
	assert_int_equal(bc.n, 1);
	assert_int_equal(bc.gaps[0].total, 3);
	assert_int_equal(bc.gaps[0].sum, 3);
	assert_int_equal(bc.gaps[0].n_books, 2);
	assert_int_equal(bc.gaps[0].n_without, 1);
	assert_int_equal(bc.gaps[0].without[0], 3);
	book_check_release(&bc);
	/* S02 gets its own figure 2: the street's book now sums to it, and the
	 * district's books are S01 1 + S02 2 = 3, still not 4 */
	ds.targets[ds.n_targets] = make(M_COMPLETIONS, 2, fx_day(2024, 12, 31));
	ds.targets[ds.n_targets++].section_id = 3;
	targets_check_books(&ds, &bc);
	assert_int_equal(bc.n, 1);
	assert_int_equal(bc.gaps[0].total, 3);
	assert_int_equal(bc.gaps[0].sum, 3);
	assert_int_equal(bc.gaps[0].n_without, 0);
	book_check_release(&bc);
	ds.targets[3].value = 3;
	targets_check_books(&ds, &bc);
	assert_int_equal(bc.n, 0);
	book_check_release(&bc);
	dataset_release(&ds);
}


/* The edges of every value range (DOMAIN.md §5), and a measure that is none. */
static void test_value_ranges(void **state)
{
	(void)state;
	assert_string_equal(target_value_problem(M_START_RATE, -1), "a rate from 0 to 100%");
	assert_null(target_value_problem(M_START_RATE, 0));
	assert_null(target_value_problem(M_START_RATE, 10000));
	assert_string_equal(target_value_problem(M_START_RATE, 10001), "a rate from 0 to 100%");
	assert_string_equal(target_value_problem(M_INDUSTRIAL_VALUE_ADDED_GROWTH, -10001),
			    "a growth rate from -100% to 100%");
	assert_null(target_value_problem(M_INDUSTRIAL_VALUE_ADDED_GROWTH, -10000));
	assert_null(target_value_problem(M_INDUSTRIAL_VALUE_ADDED_GROWTH, 10000));
	assert_string_equal(target_value_problem(M_INDUSTRIAL_VALUE_ADDED_GROWTH, 10001),
			    "a growth rate from -100% to 100%");
	assert_string_equal(target_value_problem(M_NEW_STARTS, -1), "a count from 0 to 1000000");
	assert_null(target_value_problem(M_NEW_STARTS, 0));
	assert_null(target_value_problem(M_NEW_STARTS, TARGET_COUNT_MAX));
	assert_string_equal(target_value_problem(M_NEW_STARTS, TARGET_COUNT_MAX + 1),
			    "a count from 0 to 1000000");
	assert_string_equal(target_value_problem(MEASURE__MAX, 0), "not a measure");
	assert_string_equal(target_value_problem((enum measure_key)-1, 0), "not a measure");
}


/* The pace (序时) by hand, and the edges of the period: the day before the
 * year, a target due on 1 January (no time to elapse) or on 2 January, a
 * half day of pace rounding up. 2024 has 365 days from 01-01 to 12-31. */
static void test_pace_and_period_edges(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	/* 3,650 万 by 12-31; on 02-29 (day 59): 3,650 万 × 59 / 365 = 590 万 exactly;
	 * the district has 2,600 万 (q0 1,000 万, q3 1,600 万) */
	t = make(M_INVESTMENT, 36500000, fx_day(2024, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2024, 2, 29), &e), TS_ON_TRACK);
	assert_int_equal(e.expected, 5900000);
	assert_int_equal(e.actual, 26000000);
	/* the day before the year: nothing has elapsed, nothing is expected */
	assert_int_equal(status(ds, &t, fx_day(2023, 12, 31), &e), TS_ON_TRACK);
	assert_int_equal(e.judged_on, fx_day(2023, 12, 31));
	assert_int_equal(e.expected, 0);
	assert_int_equal(e.actual, 0);

	/* due on 1 January and judged that day, not reached: the due day ends the
	 * period, so missed, with the whole value expected (no share of time) */
	t = make(M_NEW_STARTS, 1, fx_day(2024, 1, 1));
	assert_int_equal(status(ds, &t, fx_day(2024, 1, 1), &e), TS_MISSED);
	assert_int_equal(e.expected, 1);
	assert_int_equal(e.actual, 0);
	assert_int_equal(status(ds, &t, fx_day(2024, 1, 2), &e), TS_MISSED);
	/* due on 2 January, judged on 1 January: day 0 of 1, nothing expected yet */
	t = make(M_NEW_STARTS, 1, fx_day(2024, 1, 2));
	assert_int_equal(status(ds, &t, fx_day(2024, 1, 1), &e), TS_ON_TRACK);
	assert_int_equal(e.expected, 0);
	/* due on 3 January, judged on 2 January: 1 × 1 / 2 = 0.5 rounds up to 1,
	 * and 0 started is below half of one: at risk */
	t = make(M_NEW_STARTS, 1, fx_day(2024, 1, 3));
	assert_int_equal(status(ds, &t, fx_day(2024, 1, 2), &e), TS_AT_RISK);
	assert_int_equal(e.expected, 1);
	/* a negative value, stored before the value ranges existed: the pace is
	 * symmetric, −3,650 万 × 59 / 365 = −590 万, and −0.5 rounds to −1 */
	t = make(M_INVESTMENT, -36500000, fx_day(2024, 12, 31));
	status(ds, &t, fx_day(2024, 2, 29), &e);
	assert_int_equal(e.expected, -5900000);
	t = make(M_NEW_STARTS, -1, fx_day(2024, 1, 3));
	status(ds, &t, fx_day(2024, 1, 2), &e);
	assert_int_equal(e.expected, -1);
	/* on the due day itself the pace is the whole value */
	t = make(M_NEW_STARTS, 2, fx_day(2024, 4, 10));
	status(ds, &t, fx_day(2024, 4, 10), &e);
	assert_int_equal(e.expected, 2);
}


/* Indicators: the judged month's own value counts; no value leaves actual 0
 * and no rate; the first entry of a series is read like any other. */
static void test_indicator_edges(void **state)
{
	struct dataset *ds = *state;
	struct dataset one;
	struct target_eval e;
	struct target t;

	t = make(M_FIXED_ASSET_INVESTMENT, 84000000000, fx_day(2024, 12, 31));
	status(ds, &t, fx_day(2024, 5, 1), &e);
	assert_int_equal(e.actual, 40000000000); /* May's, on 1 May */
	assert_int_equal(e.indicator_month, month_from_ym(2024, 5));
	assert_int_equal(e.rate.num, 0);
	assert_int_equal(e.rate.den, 0);
	status(ds, &t, fx_day(2024, 2, 29), &e);
	assert_false(e.has_actual);
	assert_int_equal(e.actual, 0);
	assert_int_equal(e.rate.num, 0);
	assert_int_equal(e.rate.den, 0);

	memset(&one, 0, sizeof(one));
	one.year = 2024;
	indicator(&one, M_INDUSTRIAL_FUNDS, 0, 2024, 3, 10);
	dataset_index(&one);
	t = make(M_INDUSTRIAL_FUNDS, 10, fx_day(2024, 12, 31));
	assert_int_equal(status(&one, &t, fx_day(2024, 6, 30), &e), TS_MET);
	assert_int_equal(e.actual, 10);
	assert_int_equal(e.indicator_month, month_from_ym(2024, 3));
	dataset_release(&one);
}

/* A period of no length: due on 1 January, judged the day before the year.
 * Not due yet, the whole value is expected, and a count not reached is at
 * risk (no share of time can be elapsed); due the day before the year, the
 * same. */
static void test_empty_period(void **state)
{
	struct dataset *ds = *state;
	struct target_eval e;
	struct target t;

	t = make(M_NEW_STARTS, 2, fx_day(2024, 1, 1));
	assert_int_equal(status(ds, &t, fx_day(2023, 12, 31), &e), TS_AT_RISK);
	assert_int_equal(e.expected, 2);
	assert_int_equal(e.actual, 0);
	t = make(M_NEW_STARTS, 2, fx_day(2023, 12, 31));
	assert_int_equal(status(ds, &t, fx_day(2023, 12, 30), &e), TS_AT_RISK);
	assert_int_equal(e.expected, 2);
	/* an investment level (a stock) in the same case: at risk too */
	t = make(M_ANNUAL_PLAN, 1, fx_day(2024, 1, 1));
	assert_int_equal(status(ds, &t, fx_day(2023, 12, 31), &e), TS_AT_RISK);
}

/* target_choose among equal dues takes the first in ds's order; a target due
 * on the as-of day is the nearest, not a past one; with only past ones, the
 * latest, the first among equals. target_task_book likewise. */
static void test_choose_ties(void **state)
{
	struct dataset ds;
	struct scope sc;
	size_t i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	ds.targets = xcalloc(4, sizeof(*ds.targets));
	ds.targets[0] = make(M_NEW_STARTS, 1, fx_day(2024, 6, 30));
	ds.targets[1] = make(M_NEW_STARTS, 2, fx_day(2024, 12, 31));
	ds.targets[2] = make(M_NEW_STARTS, 3, fx_day(2024, 6, 30));
	ds.targets[3] = make(M_NEW_STARTS, 4, fx_day(2024, 12, 31));
	for (i = 0; i < 4; i++)
		ds.targets[i].id = (int64_t)i + 1;
	ds.n_targets = 4;
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	assert_int_equal(target_choose(&ds, &sc, M_NEW_STARTS)->id, 1); /* due today */
	sc.asof = fx_day(2024, 7, 1);
	assert_int_equal(target_choose(&ds, &sc, M_NEW_STARTS)->id, 2);
	sc.asof = fx_day(2025, 1, 1); /* all past: the latest, the first of them */
	assert_int_equal(target_choose(&ds, &sc, M_NEW_STARTS)->id, 2);
	assert_int_equal(target_task_book(&ds, 0), 2); /* the latest due, the first */
	ds.n_targets = 2;
	ds.targets[1].due = fx_day(2024, 3, 31); /* both past, 06-30 the latest */
	assert_int_equal(target_choose(&ds, &sc, M_NEW_STARTS)->id, 1);
	ds.targets[1].due = fx_day(2024, 6, 30);
	assert_int_equal(target_choose(&ds, &sc, M_NEW_STARTS)->id, 1);
	assert_int_equal(target_task_book(&ds, 0), 1);
	dataset_release(&ds);
}

/* Task books with arrays of exactly their size (so that a read past the end
 * is caught) and the first unit and the first target in play: units S1
 * (section, first, no book), D (district), S2 (section), X (section whose
 * parent 99 is missing). Targets: new starts: S2's book 2 first, then the
 * whole's 5, then X's 1 (its book counts under the whole: the missing parent
 * ends the way up there); completions: S2's book 1 with no figure above it. */
static void test_task_books_edges(void **state)
{
	static const struct {
		int64_t id;
		const char *code;
		enum unit_kind kind;
		int64_t parent;
	} units[] = {
		{ 1, "S1", UNIT_SECTION, 2 }, { 2, "D", UNIT_DISTRICT, 0 },
		{ 3, "S2", UNIT_SECTION, 2 }, { 4, "X", UNIT_SECTION, 99 },
	};
	struct dataset ds;
	struct book_check bc;
	size_t i, n = sizeof(units) / sizeof(units[0]);

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	ds.units = xcalloc(n, sizeof(*ds.units));
	for (i = 0; i < n; i++) {
		ds.units[i].id = units[i].id;
		ds.units[i].code = xstrdup(units[i].code);
		ds.units[i].name = xstrdup(units[i].code);
		ds.units[i].kind = units[i].kind;
		ds.units[i].parent_id = units[i].parent;
	}
	ds.n_units = n;
	dataset_index(&ds);
	ds.targets = xcalloc(4, sizeof(*ds.targets));
	ds.targets[0] = make(M_NEW_STARTS, 2, fx_day(2024, 12, 31));
	ds.targets[0].section_id = 3;
	ds.targets[1] = make(M_NEW_STARTS, 5, fx_day(2024, 12, 31));
	ds.targets[2] = make(M_NEW_STARTS, 1, fx_day(2024, 12, 31));
	ds.targets[2].section_id = 4;
	ds.targets[3] = make(M_COMPLETIONS, 1, fx_day(2024, 12, 31));
	ds.targets[3].section_id = 3;
	ds.n_targets = 4;
	targets_check_books(&ds, &bc);
	/* the whole: S2 2 + X 1 = 3 of 5; S1 and S2 lie directly under it
	 * (through D), X does not (its way up is broken); S1 has no book */
	assert_int_equal(bc.n, 1);
	assert_int_equal(bc.gaps[0].total, 1);
	assert_int_equal(bc.gaps[0].sum, 3);
	assert_int_equal(bc.gaps[0].n_books, 2);
	assert_int_equal(bc.gaps[0].n_without, 1);
	assert_int_equal(bc.gaps[0].without[0], 1);
	book_check_release(&bc);
	assert_null(bc.gaps);
	assert_int_equal(bc.n, 0);
	/* S1 gets a book of 2: the whole adds up */
	ds.targets = xrealloc(ds.targets, 5 * sizeof(*ds.targets));
	ds.targets[4] = make(M_NEW_STARTS, 2, fx_day(2024, 12, 31));
	ds.targets[4].section_id = 1;
	ds.n_targets = 5;
	targets_check_books(&ds, &bc);
	assert_int_equal(bc.n, 0);
	book_check_release(&bc);
	dataset_release(&ds);
}

/* The walks up the unit tree stop after 64 steps (a guard against a cycle in
 * bad data). Districts D1 (the root) … D66, each under the one before; a
 * section under each of D63, D64 and D65 (ids 101…103, 63, 64 and 65 steps
 * below the whole) and S0 (100) under D1; the whole's figure of 10 new
 * starts. A book finds the whole's figure within 64 steps: S63's and S64's
 * do, S65's not; "directly under" the whole likewise: S63 and S64 are, S65 is
 * not. */
static void test_unit_depth_bound(void **state)
{
	struct dataset ds;
	struct book_check bc;
	char code[16];
	int k;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	for (k = 1; k <= 66; k++) {
		snprintf(code, sizeof(code), "D%d", k);
		fx_unit(&ds, k, code, code, UNIT_DISTRICT, k - 1);
	}
	fx_unit(&ds, 101, "S63", "S63", UNIT_SECTION, 63);
	fx_unit(&ds, 102, "S64", "S64", UNIT_SECTION, 64);
	fx_unit(&ds, 103, "S65", "S65", UNIT_SECTION, 65);
	fx_unit(&ds, 100, "S0", "S0", UNIT_SECTION, 1);
	dataset_index(&ds);
	ds.targets = xcalloc(5, sizeof(*ds.targets));
	ds.targets[0] = make(M_NEW_STARTS, 10, fx_day(2024, 12, 31));
	for (k = 0; k < 3; k++) {
		ds.targets[1 + k] = make(M_NEW_STARTS, 1, fx_day(2024, 12, 31));
		ds.targets[1 + k].section_id = 101 + k;
	}
	ds.n_targets = 4;
	/* books of S63 and S64 count, S65's does not; S0 is without */
	targets_check_books(&ds, &bc);
	assert_int_equal(bc.n, 1);
	assert_int_equal(bc.gaps[0].total, 0);
	assert_int_equal(bc.gaps[0].n_books, 2);
	assert_int_equal(bc.gaps[0].sum, 2);
	assert_int_equal(bc.gaps[0].n_without, 1);
	assert_int_equal(bc.gaps[0].without[0], 100);
	book_check_release(&bc);
	/* S0's book of 1 alone (the others on completions): S63 and S64 are
	 * without, S65 is not directly under */
	ds.targets[1].measure = M_COMPLETIONS;
	ds.targets[2].measure = M_COMPLETIONS;
	ds.targets[4] = make(M_NEW_STARTS, 1, fx_day(2024, 12, 31));
	ds.targets[4].section_id = 100;
	ds.n_targets = 5;
	targets_check_books(&ds, &bc);
	assert_int_equal(bc.n, 1);
	assert_int_equal(bc.gaps[0].total, 0);
	assert_int_equal(bc.gaps[0].n_books, 1);
	assert_int_equal(bc.gaps[0].sum, 1);
	assert_int_equal(bc.gaps[0].n_without, 2);
	assert_int_equal(bc.gaps[0].without[0], 101);
	assert_int_equal(bc.gaps[0].without[1], 102);
	book_check_release(&bc);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_rate_targets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undefined_rate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scoped_targets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_targets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_money_targets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_indicator_targets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_course_around_the_due_date, setup, teardown),
		cmocka_unit_test(test_task_books),
		cmocka_unit_test(test_value_ranges),
		cmocka_unit_test_setup_teardown(test_pace_and_period_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_indicator_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_period, setup, teardown),
		cmocka_unit_test(test_choose_ties),
		cmocka_unit_test(test_task_books_edges),
		cmocka_unit_test(test_unit_depth_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
