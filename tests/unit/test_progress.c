/* test_progress.c — one project against its year's plan (src/core/progress.c):
 * investment to date, completion, the gap to pace in points with and without
 * a month-by-month plan, and the last month with a report that counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/progress.h"
#include "fixture.h"

static void ds_init(struct dataset *ds)
{
	memset(ds, 0, sizeof(*ds));
	ds->year = 2024;
	fx_unit(ds, 1, "S1", "甲", UNIT_SECTION, 0);
	dataset_index(ds);
}

/* Annual plan 1200万 (12,000,000 yuan), no month plan; reported 100万 in
 * January and 200万 in March, 50万 in July. As of 2024-06-30: 300万 to date,
 * completion 300/1200 = 25.0 %, pace 6/12 = 50.0 %, gap −25.0 points; the
 * last counted month is March (July lies after the as-of month). */
static void test_without_month_plan(void **state)
{
	struct project_progress pp;
	struct dataset ds;

	(void)state;
	ds_init(&ds);
	fx_project(&ds, "P1", 1, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 12000000);
	fx_report(&ds, 0, 1, 1000000);
	fx_report(&ds, 0, 3, 2000000);
	fx_report(&ds, 0, 7, 500000);
	project_progress(&ds, 0, fx_day(2024, 6, 30), &pp);
	assert_int_equal(pp.invest_to_date, 3000000);
	assert_int_equal(pp.annual_plan, 12000000);
	assert_int_equal(pp.completion.num, 3000000);
	assert_int_equal(pp.completion.den, 12000000);
	assert_int_equal(pp.pace.num, 6);
	assert_int_equal(pp.pace.den, 12);
	assert_int_equal(pp.gap_tenths, -250);
	assert_int_equal(pp.last_report, month_from_ym(2024, 3));
	/* As of 2024-07-15 July counts: 350/1200 = 29.17 %, pace 7/12 = 58.33 %:
	 * −29.17 points, −291.7 tenths rounded half away from zero to −292. */
	project_progress(&ds, 0, fx_day(2024, 7, 15), &pp);
	assert_int_equal(pp.invest_to_date, 3500000);
	assert_int_equal(pp.gap_tenths, -292);
	assert_int_equal(pp.last_report, month_from_ym(2024, 7));
	dataset_release(&ds);
}

/* A month-by-month plan: 10万 a month for Jan–Jun, 0 after; annual left
 * blank so it is the months' sum, 60万. Reported 40万 in May. As of
 * 2024-04-30: plan to date 40万, pace 40/60; completion 0/60: gap −66.7. As
 * of 2024-05-31: 40/60 against 50/60: −16.7 points. */
static void test_with_month_plan(void **state)
{
	struct project_progress pp;
	struct dataset ds;
	struct listing *l;
	int m;

	(void)state;
	ds_init(&ds);
	fx_project(&ds, "P1", 1, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), AMOUNT_NONE);
	l = &ds.listings[0];
	l->has_month_plan = 1;
	for (m = 0; m < 12; m++)
		l->month_plan[m] = m < 6 ? 100000 : 0;
	fx_report(&ds, 0, 5, 400000);
	assert_int_equal(listing_annual_plan(l), 600000);
	project_progress(&ds, 0, fx_day(2024, 4, 30), &pp);
	assert_int_equal(pp.invest_to_date, 0);
	assert_int_equal(pp.pace.num, 400000);
	assert_int_equal(pp.pace.den, 600000);
	assert_int_equal(pp.gap_tenths, -667);
	assert_int_equal(pp.last_report, MONTH_NONE);
	project_progress(&ds, 0, fx_day(2024, 5, 31), &pp);
	assert_int_equal(pp.gap_tenths, -167);
	assert_int_equal(pp.last_report, month_from_ym(2024, 5));
	dataset_release(&ds);
}

/* No plan: completion and the gap are undefined (DOMAIN.md §4), never 0 %;
 * a report of December of the year before is the last one as of January. */
static void test_without_plan(void **state)
{
	struct project_progress pp;
	struct dataset ds;

	(void)state;
	ds_init(&ds);
	fx_project(&ds, "P1", 1, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), AMOUNT_NONE);
	ds.reports[0].reported |= 1u << (12 + 11);
	project_progress(&ds, 0, fx_day(2024, 1, 20), &pp);
	assert_int_equal(pp.annual_plan, AMOUNT_NONE);
	assert_int_equal(pp.completion.den, 0);
	assert_int_equal(pp.pace.den, 0);
	assert_int_equal(pp.gap_tenths, AMOUNT_NONE);
	assert_int_equal(pp.last_report, month_from_ym(2023, 12));
	/* A zero plan is no plan either. */
	ds.listings[0].annual_plan = 0;
	project_progress(&ds, 0, fx_day(2024, 6, 30), &pp);
	assert_int_equal(pp.completion.den, 0);
	assert_int_equal(pp.gap_tenths, AMOUNT_NONE);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_without_month_plan),
		cmocka_unit_test(test_with_month_plan),
		cmocka_unit_test(test_without_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
