/* test_figures.c — the domain's figures once (src/core/figures.c): rounding
 * and ranking of rates, percentage points, the pace of a year and plan to
 * date, money text at the ends of int64; and the one target choice
 * (target_choose, target_task_book in src/core/targets.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/figures.h"
#include "core/targets.h"
#include "util/xalloc.h"

static void test_rates(void **state)
{
	const struct ratio r[] = { { 2, 3 }, { 0, 0 }, { 4, 6 }, { 1, 2 }, { 9, 10 }, { 0, 5 } };
	int rank[6];
	char out[16];

	(void)state;
	assert_int_equal(muldiv_round(5, 1, 2), 3);    /* half away from zero */
	assert_int_equal(muldiv_round(-5, 1, 2), -3);
	assert_int_equal(muldiv_round(7, 3, 0), 0);
	assert_int_equal(ratio_scaled((struct ratio){ 2, 3 }, 10000), 6667);
	assert_int_equal(ratio_points_diff((struct ratio){ 2, 3 }, (struct ratio){ 1, 2 }), 167);
	assert_int_equal(ratio_points_diff((struct ratio){ 1, 2 }, (struct ratio){ 2, 3 }), -167);
	assert_int_equal(ratio_points_diff((struct ratio){ 1, 0 }, (struct ratio){ 1, 2 }),
			 AMOUNT_NONE);
	assert_int_equal(ratio_cmp((struct ratio){ 2, 3 }, (struct ratio){ 4, 6 }), 0);
	assert_true(ratio_cmp((struct ratio){ 1, 3 }, (struct ratio){ 1, 2 }) < 0);
	assert_true(ratio_cmp((struct ratio){ -1, -2 }, (struct ratio){ 1, 3 }) > 0);
	/* 0.9 first; 2/3 and 4/6 tie at 2; then 1/2 and 0; the undefined rate unranked */
	ratios_rank(r, 6, rank);
	assert_int_equal(rank[4], 1);
	assert_int_equal(rank[0], 2);
	assert_int_equal(rank[2], 2);
	assert_int_equal(rank[3], 4);
	assert_int_equal(rank[5], 5);
	assert_int_equal(rank[1], 0);
	assert_string_equal(ratio_format_pct((struct ratio){ 8, 9 }, out, sizeof(out)), "88.9%");
	assert_string_equal(ratio_format_pct((struct ratio){ -1, 3 }, out, sizeof(out)), "-33.3%");
	assert_string_equal(ratio_format_pct((struct ratio){ 1, 0 }, out, sizeof(out)), "—");
	assert_string_equal(ratio_format_pct((struct ratio){ 0, 7 }, out, sizeof(out)), "0.0%");
	assert_string_equal(ratio_format_pct((struct ratio){ -1, 1000 }, out, sizeof(out)),
			    "-0.1%");
	/* percentage points: a whole rate above none is 1000 tenths */
	assert_int_equal(ratio_points_diff((struct ratio){ 1, 1 }, (struct ratio){ 0, 1 }), 1000);
	assert_int_equal(ratio_points_diff((struct ratio){ 0, 3 }, (struct ratio){ 1, 1 }), -1000);
	/* a denominator of −1 flips the comparison; two of them do not */
	assert_true(ratio_cmp((struct ratio){ 1, -1 }, (struct ratio){ 0, 1 }) < 0);
	assert_true(ratio_cmp((struct ratio){ 0, 1 }, (struct ratio){ 1, -1 }) > 0);
	assert_true(ratio_cmp((struct ratio){ 1, -1 }, (struct ratio){ 2, -1 }) > 0);
	assert_true(ratio_cmp((struct ratio){ 1, 1 }, (struct ratio){ 2, 1 }) < 0);
	/* held at ±INT64_MAX, never INT64_MIN (AMOUNT_NONE) */
	assert_int_equal(muldiv_round(INT64_MAX, 2, 1), INT64_MAX);
	assert_int_equal(muldiv_round(INT64_MIN, 2, 1), -INT64_MAX);
	assert_int_equal(muldiv_round(INT64_MIN, 1, 1), -INT64_MAX);
	assert_int_equal(muldiv_round(INT64_MAX, 1, 1), INT64_MAX);
	assert_int_equal(muldiv_round(INT64_MAX - 1, 1, 1), INT64_MAX - 1);
	assert_int_equal(muldiv_round(-INT64_MAX + 1, 1, 1), -INT64_MAX + 1);
	assert_int_equal(muldiv_round(5, 1, -2), -3);
	assert_int_equal(muldiv_round(-5, 1, -2), 3);
	assert_int_equal(muldiv_round(1, 1, -1), -1);
	assert_int_equal(muldiv_round(0, 1, -1), 0);
}

static void test_text(void **state)
{
	struct buf b = BUF_INIT;
	char out[32];

	(void)state;
	points_text(&b, 142, 0);
	points_text(&b, -3, 1);
	points_text(&b, 12, 1);
	points_text(&b, 0, 1);
	assert_string_equal(b.s, "14.2-0.3+1.20.0");
	buf_reset(&b);
	target_pct(&b, 8555);
	target_pct(&b, -150);
	assert_string_equal(b.s, "85.55%-1.5%");
	buf_reset(&b);
	target_pct(&b, 0);
	target_pct(&b, -1);
	target_pct(&b, 1);
	target_pct(&b, 8590);
	target_pct(&b, 10000);
	assert_string_equal(b.s, "0%-0.01%0.01%85.9%100%");
	buf_reset(&b);
	points_text(&b, 1, 1);
	points_text(&b, -1, 1);
	points_text(&b, -1, 0);
	assert_string_equal(b.s, "+0.1-0.10.1");
	buf_reset(&b);
	/* money in prose: 万元 to two decimals below 1 亿, 亿元 from it, half up */
	money_phrase(&b, 0);
	buf_addch(&b, ' ');
	money_phrase(&b, 49);
	buf_addch(&b, ' ');
	money_phrase(&b, 50);
	buf_addch(&b, ' ');
	money_phrase(&b, -50);
	buf_addch(&b, ' ');
	money_phrase(&b, 9000);
	buf_addch(&b, ' ');
	money_phrase(&b, 11000);
	buf_addch(&b, ' ');
	money_phrase(&b, 99000);
	buf_addch(&b, ' ');
	money_phrase(&b, 99999999);
	buf_addch(&b, ' ');
	money_phrase(&b, 100000000);
	buf_addch(&b, ' ');
	money_phrase(&b, 150499999);
	buf_addch(&b, ' ');
	money_phrase(&b, 150500000);
	assert_string_equal(b.s, "0万元 0万元 0.01万元 -0.01万元 0.9万元 1.1万元 9.9万元 "
				 "10000万元 1.00亿元 1.50亿元 1.51亿元");
	buf_reset(&b);
	assert_string_equal(money_format_wan(0, out, sizeof(out)), "0");
	assert_string_equal(money_format_wan(-1, out, sizeof(out)), "-0.0001");
	assert_string_equal(money_format_wan(1, out, sizeof(out)), "0.0001");
	/* a whole 万 at the ends of int64, and past them the amount kept as it is */
	assert_int_equal(money_round_wan(INT64_C(9223372036854770001)),
			 INT64_C(9223372036854770000));
	assert_int_equal(money_round_wan(INT64_C(-9223372036854770001)),
			 INT64_C(-9223372036854770000));
	assert_int_equal(money_round_wan(INT64_MAX), INT64_MAX);
	buf_reset(&b);
	money_phrase(&b, INT64_MIN); /* the magnitude is taken unsigned: no overflow */
	assert_string_equal(b.s, "-92233720368.55亿元");
	buf_reset(&b);
	money_phrase(&b, INT64_MAX);
	assert_string_equal(b.s, "92233720368.55亿元");
	buf_reset(&b);
	money_phrase(&b, -99994999);
	assert_string_equal(b.s, "-9999.5万元");
	assert_string_equal(money_format_wan(INT64_MIN, out, sizeof(out)),
			    "-922,337,203,685,477.5808");
	assert_int_equal(money_round_wan(-15000), -20000);
	assert_int_equal(money_round_wan(14999), 10000);
	assert_int_equal(money_round_wan(INT64_MIN), INT64_MIN);
	buf_release(&b);
}

static void test_pace(void **state)
{
	struct listing l;
	int m;

	(void)state;
	assert_int_equal(pace_months(2024, day_from_ymd(2023, 12, 31)), 0);
	assert_int_equal(pace_months(2024, day_from_ymd(2024, 1, 1)), 1);
	assert_int_equal(pace_months(2024, day_from_ymd(2024, 2, 29)), 2);
	assert_int_equal(pace_months(2024, day_from_ymd(2024, 12, 31)), 12);
	assert_int_equal(pace_months(2024, day_from_ymd(2025, 1, 1)), 12);
	assert_int_equal(pace_months(2024, day_from_ymd(2023, 11, 30)), 0);
	assert_int_equal(pace_months(2024, day_from_ymd(2023, 1, 1)), 0);
	assert_int_equal(pace_months(2024, day_from_ymd(2024, 11, 30)), 11);
	assert_int_equal(pace_months(2024, day_from_ymd(2024, 12, 1)), 12);
	assert_int_equal(pace_months(2024, day_from_ymd(2026, 6, 1)), 12);
	assert_int_equal(pace_months(2024, DAY_NONE), 12);
	assert_int_equal(pace_of_year(2024, day_from_ymd(2024, 6, 30)).num, 6);
	assert_int_equal(pace_of_year(2024, day_from_ymd(2024, 6, 30)).den, 12);
	memset(&l, 0, sizeof(l));
	l.annual_plan = AMOUNT_NONE;
	assert_int_equal(listing_plan_through(&l, 6), 0);
	l.annual_plan = 1000;
	assert_int_equal(listing_plan_through(&l, 1), 83); /* rounded down */
	assert_int_equal(listing_plan_through(&l, 12), 1000);
	l.has_month_plan = 1;
	for (m = 0; m < 12; m++)
		l.month_plan[m] = m < 8 ? 100 : 50;
	assert_int_equal(listing_plan_through(&l, 0), 0);
	assert_int_equal(listing_plan_through(&l, 9), 850);
	assert_int_equal(listing_plan_through(&l, 12), 1000);
	l.version = 7; /* the field after month_plan[11] is never read */
	assert_int_equal(listing_plan_through(&l, 13), 1000);
	assert_int_equal(listing_plan_through(&l, 1), 100);
	/* every month at once: the same figures */
	{
		int64_t by[13];
		int n, k;

		for (k = 0; k < 3; k++) {
			l.has_month_plan = k == 0;
			l.annual_plan = k == 2 ? AMOUNT_NONE : 1000;
			listing_plan_by_month(&l, by);
			for (n = 0; n <= 12; n++)
				assert_int_equal(by[n], listing_plan_through(&l, n));
		}
		l.has_month_plan = 1;
		listing_plan_by_month(&l, by);
		assert_int_equal(by[9], 850);
		l.has_month_plan = 0;
		l.annual_plan = 1000;
		listing_plan_by_month(&l, by);
		assert_int_equal(by[1], 83);
	}
}

static struct target *add_target(struct dataset *ds, enum measure_key k, int tier,
				 int64_t section, int industrial, bl_day due, int64_t value)
{
	struct target *t;

	ds->targets = xrealloc(ds->targets, (ds->n_targets + 1) * sizeof(*ds->targets));
	t = &ds->targets[ds->n_targets++];
	memset(t, 0, sizeof(*t));
	t->id = (int64_t)ds->n_targets;
	t->year = ds->year;
	t->measure = k;
	t->tier = tier;
	t->section_id = section;
	t->industrial = industrial;
	t->due = due;
	t->value = value;
	return t;
}

static void test_target_choice(void **state)
{
	struct dataset ds;
	struct scope sc;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	add_target(&ds, M_START_RATE, TIER_ANY, 0, 0, day_from_ymd(2024, 3, 31), 3000);    /* 1 */
	add_target(&ds, M_START_RATE, TIER_ANY, 0, 0, day_from_ymd(2024, 9, 30), 10000);   /* 2 */
	add_target(&ds, M_START_RATE, TIER_ANY, 0, 0, day_from_ymd(2024, 6, 30), 8000);    /* 3 */
	add_target(&ds, M_START_RATE, TIER_CITY, 0, 1, day_from_ymd(2024, 6, 30), 7500);   /* 4 */
	add_target(&ds, M_START_RATE, TIER_ANY, 5, 0, day_from_ymd(2024, 12, 31), 9000);   /* 5 */
	add_target(&ds, M_NEW_STARTS, TIER_ANY, 5, 0, day_from_ymd(2024, 6, 30), 3);      /* 6 */
	add_target(&ds, M_NEW_STARTS, TIER_ANY, 5, 0, day_from_ymd(2024, 12, 31), 8);     /* 7 */
	add_target(&ds, M_NEW_STARTS, TIER_ANY, 5, 1, day_from_ymd(2025, 1, 31), 9);      /* 8 */
	scope_init(&sc, 2024, day_from_ymd(2024, 6, 30));
	/* the nearest due on or after the as-of day (the day itself counts) */
	assert_int_equal(target_choose(&ds, &sc, M_START_RATE)->id, 3);
	sc.asof = day_from_ymd(2024, 7, 1);
	assert_int_equal(target_choose(&ds, &sc, M_START_RATE)->id, 2);
	sc.asof = day_from_ymd(2024, 12, 31); /* all passed: the latest */
	assert_int_equal(target_choose(&ds, &sc, M_START_RATE)->id, 2);
	sc.asof = day_from_ymd(2024, 1, 1);
	assert_int_equal(target_choose(&ds, &sc, M_START_RATE)->id, 1);
	/* a tier with only an industrial-only target falls back to it */
	sc.tier = TIER_CITY;
	assert_int_equal(target_choose(&ds, &sc, M_START_RATE)->id, 4);
	sc.tier = TIER_PROVINCE;
	assert_null(target_choose(&ds, &sc, M_START_RATE));
	sc.tier = TIER_ANY;
	sc.industrial_only = 1;
	assert_null(target_choose(&ds, &sc, M_START_RATE));
	sc.industrial_only = 0;
	sc.section_id = 5;
	assert_int_equal(target_choose(&ds, &sc, M_START_RATE)->id, 5);
	assert_int_equal(target_choose(&ds, &sc, M_NEW_STARTS)->id, 6);
	assert_null(target_choose(&ds, &sc, M_COMPLETIONS));
	/* the contest's task book: the latest due, not industrial-only */
	assert_int_equal(target_task_book(&ds, 5), 8);
	assert_int_equal(target_task_book(&ds, 4), -1);
	free(ds.targets);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_pace),
		cmocka_unit_test(test_target_choice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
