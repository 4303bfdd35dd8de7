/* test_workdays.c — the working-day calendar of src/core/workdays.c on the
 * official 2023 and 2024 calendars: weekdays, 调休 weekends, the count of
 * working days in each year (2023: 249, 2024: 251, as the State Council's
 * notices give them), and limits counted across 春节 and 国庆, worked out by
 * hand day by day in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/workdays.h"

static struct workcal_day days[2 * WORKCAL_OFFICIAL_MAX];
static struct workcal cal;

static int setup(void **state)
{
	size_t n23 = workcal_official(2023, days, WORKCAL_OFFICIAL_MAX);

	(void)state;
	cal.n = n23 + workcal_official(2024, days + n23, WORKCAL_OFFICIAL_MAX);
	cal.days = days;
	return 0;
}

static bl_day D(int y, int m, int d) { return day_from_ymd(y, m, d); }

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(day_weekday(D(1970, 1, 1)), 4);   /* a Thursday */
	assert_int_equal(day_weekday(D(1969, 12, 31)), 3); /* before day 0 */
	assert_int_equal(day_weekday(D(2024, 1, 1)), 1);   /* Monday */
	assert_int_equal(day_weekday(D(2024, 2, 4)), 7);   /* Sunday */
	assert_int_equal(day_weekday(D(2024, 10, 12)), 6); /* Saturday */
}

static void test_official_tables(void **state)
{
	struct workcal_day buf[WORKCAL_OFFICIAL_MAX];

	(void)state;
	assert_null(workcal_check(&cal));
	assert_int_equal(workcal_official(2024, buf, WORKCAL_OFFICIAL_MAX), 36);
	assert_int_equal(workcal_official(2023, buf, WORKCAL_OFFICIAL_MAX), 33);
	assert_int_equal(workcal_official(2025, buf, WORKCAL_OFFICIAL_MAX), 0);
	assert_int_equal(workcal_official(2024, buf, 2), 36); /* writes 2, counts all */
	assert_int_equal(buf[1].day, D(2024, 2, 4));
	assert_int_equal(buf[1].kind, WC_WORKDAY);
}

static void test_check(void **state)
{
	struct workcal_day two[2] = { { D(2024, 1, 2), WC_HOLIDAY, NULL },
				      { D(2024, 1, 2), WC_WORKDAY, NULL } };
	struct workcal c = { two, 2 };

	(void)state;
	assert_string_equal(workcal_check(&c), "a day listed twice");
	two[1].day = D(2024, 1, 1);
	assert_string_equal(workcal_check(&c), "entries not in date order");
	two[1].day = D(2024, 1, 3);
	assert_null(workcal_check(&c));
	assert_null(workcal_check(NULL));
}

static void test_is_workday(void **state)
{
	(void)state;
	assert_false(workcal_is_workday(&cal, D(2024, 1, 1)));  /* 元旦, a Monday */
	assert_true(workcal_is_workday(&cal, D(2024, 1, 2)));
	assert_true(workcal_is_workday(&cal, D(2024, 2, 4)));   /* 调休 Sunday */
	assert_true(workcal_is_workday(&cal, D(2024, 2, 9)));   /* 除夕 is not a holiday in 2024 */
	assert_false(workcal_is_workday(&cal, D(2024, 2, 12))); /* 春节 Monday */
	assert_false(workcal_is_workday(&cal, D(2024, 2, 17))); /* 春节 Saturday */
	assert_true(workcal_is_workday(&cal, D(2024, 2, 18)));  /* 调休 Sunday */
	assert_false(workcal_is_workday(&cal, D(2024, 2, 24))); /* an ordinary Saturday */
	assert_false(workcal_is_workday(&cal, D(2024, 10, 7))); /* 国庆 Monday */
	assert_true(workcal_is_workday(&cal, D(2024, 10, 12))); /* 调休 Saturday */
	/* Without a calendar, weekends only. */
	assert_true(workcal_is_workday(NULL, D(2024, 1, 1)));
	assert_false(workcal_is_workday(NULL, D(2024, 2, 4)));
}

/* 2024: 366 days from a Monday = 52 weeks + Mon, Tue: 262 weekdays; 19 of
 * them are holidays (1/1; 2/12–2/16; 4/4, 4/5; 5/1–5/3; 6/10; 9/16, 9/17;
 * 10/1–10/4, 10/7) and 8 weekend days are worked (2/4, 2/18, 4/7, 4/28, 5/11,
 * 9/14, 9/29, 10/12): 262 − 19 + 8 = 251. 2023: 365 days from a Sunday = 260
 * weekdays; 18 holidays (1/2; 1/23–1/27; 4/5; 5/1–5/3; 6/22, 6/23; 9/29,
 * 10/2–10/6), 7 worked weekend days (1/28, 1/29, 4/23, 5/6, 6/25, 10/7, 10/8):
 * 249. */
static void test_year_totals(void **state)
{
	(void)state;
	assert_int_equal(workcal_between(&cal, D(2023, 12, 31), D(2024, 12, 31)), 251);
	assert_int_equal(workcal_between(&cal, D(2022, 12, 31), D(2023, 12, 31)), 249);
	assert_int_equal(workcal_between(NULL, D(2023, 12, 31), D(2024, 12, 31)), 262);
}

/* 春节 2024: Thu 2/8 → Fri 2/9 (1), 2/10–2/17 rest, Sun 2/18 (2), Mon 2/19 (3).
 * Weekends only, the same span holds 2/9, 2/12–2/16 and 2/19: 7. */
static void test_spring_festival(void **state)
{
	(void)state;
	assert_int_equal(workcal_add(&cal, D(2024, 2, 8), 1), D(2024, 2, 9));
	assert_int_equal(workcal_add(&cal, D(2024, 2, 9), 1), D(2024, 2, 18));
	assert_int_equal(workcal_add(&cal, D(2024, 2, 8), 3), D(2024, 2, 19));
	assert_int_equal(workcal_between(&cal, D(2024, 2, 8), D(2024, 2, 19)), 3);
	assert_int_equal(workcal_between(NULL, D(2024, 2, 8), D(2024, 2, 19)), 7);
	assert_int_equal(workcal_add(&cal, D(2024, 2, 3), 1), D(2024, 2, 4)); /* Sat → 调休 Sun */
	/* backwards */
	assert_int_equal(workcal_add(&cal, D(2024, 2, 19), -1), D(2024, 2, 18));
	assert_int_equal(workcal_add(&cal, D(2024, 2, 19), -2), D(2024, 2, 9));
	assert_int_equal(workcal_add(&cal, D(2024, 2, 19), 0), D(2024, 2, 19));
}

/* 国庆 2024: after Fri 9/27 come Sun 9/29 (1), Mon 9/30 (2), then 10/1–10/7
 * rest, Tue 10/8 (3), 10/9 (4), 10/10 (5), 10/11 (6), Sat 10/12 (7), Mon
 * 10/14 (8). 10 working days after Fri 9/20: 9/23–9/27 (5), 9/29 (6), 9/30
 * (7), 10/8 (8), 10/9 (9), 10/10 (10). */
static void test_national_day(void **state)
{
	static const int want[8][2] = { { 9, 29 }, { 9, 30 }, { 10, 8 }, { 10, 9 },
					{ 10, 10 }, { 10, 11 }, { 10, 12 }, { 10, 14 } };
	int i;

	(void)state;
	for (i = 0; i < 8; i++) {
		assert_int_equal(workcal_add(&cal, D(2024, 9, 27), i + 1),
				 D(2024, want[i][0], want[i][1]));
		assert_int_equal(workcal_between(&cal, D(2024, 9, 27),
						 D(2024, want[i][0], want[i][1])), i + 1);
	}
	assert_int_equal(workcal_add(&cal, D(2024, 9, 20), 10), D(2024, 10, 10));
	assert_int_equal(workcal_between(&cal, D(2024, 9, 20), D(2024, 10, 7)), 7);
	/* 10/13 is a Sunday: still 7 after 9/27 up to it */
	assert_int_equal(workcal_between(&cal, D(2024, 9, 27), D(2024, 10, 13)), 7);
}

static void test_between_edges(void **state)
{
	(void)state;
	assert_int_equal(workcal_between(&cal, D(2024, 3, 5), D(2024, 3, 5)), 0);
	assert_int_equal(workcal_between(&cal, D(2024, 3, 6), D(2024, 3, 5)), 0);
	/* one day: the day itself counts, the start does not */
	assert_int_equal(workcal_between(&cal, D(2024, 3, 4), D(2024, 3, 5)), 1);
	assert_int_equal(workcal_between(&cal, D(2024, 3, 8), D(2024, 3, 10)), 0); /* Sat, Sun */
	/* before 1970 (negative day numbers), weekends only: Mon 1969-12-29 … Fri 1970-01-02 */
	assert_int_equal(workcal_between(NULL, D(1969, 12, 28), D(1970, 1, 2)), 5);
	assert_int_equal(workcal_between(NULL, D(1969, 12, 28), D(1970, 1, 4)), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_official_tables),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_is_workday),
		cmocka_unit_test(test_year_totals),
		cmocka_unit_test(test_spring_festival),
		cmocka_unit_test(test_national_day),
		cmocka_unit_test(test_between_edges),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
