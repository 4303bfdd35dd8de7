/* test_date.c — the calendar of src/core/date.c: every month's length in
 * ordinary, leap and century years, the valid range 1900–2999 at its edges,
 * day numbers against anchors computed apart (Python's datetime), every day
 * of the range there and back, months, formats and the ISO parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/date.h"

static void test_month_lengths(void **state)
{
	static const int common[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m;

	(void)state;
	for (m = 1; m <= 12; m++) {
		assert_int_equal(days_in_month(2023, m), common[m - 1]);
		assert_int_equal(days_in_month(2024, m), common[m - 1] + (m == 2));
		/* the last day is a date, the day after is none */
		assert_true(date_valid(2023, m, common[m - 1]));
		assert_false(date_valid(2023, m, common[m - 1] + 1));
	}
	assert_int_equal(days_in_month(1900, 2), 28); /* a century, not a leap year */
	assert_int_equal(days_in_month(2000, 2), 29); /* every 400 years it is */
	assert_int_equal(days_in_month(2100, 2), 28);
	assert_int_equal(days_in_month(2024, 0), 0);
	assert_int_equal(days_in_month(2024, 13), 0);
}

static void test_valid_range(void **state)
{
	(void)state;
	assert_false(date_valid(1899, 12, 31));
	assert_true(date_valid(1900, 1, 1));
	assert_true(date_valid(2999, 12, 31));
	assert_false(date_valid(3000, 1, 1));
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2023, 2, 29));
	assert_false(date_valid(2024, 1, 0));
	assert_false(date_valid(2024, 0, 1));
	assert_false(date_valid(2024, 13, 1));
	assert_true(date_valid(2024, 12, 1));
}

/* Anchors: (date(y, m, d) - date(1970, 1, 1)).days in Python. */
static void test_day_numbers(void **state)
{
	static const struct {
		int y, m, d;
		bl_day day;
	} anchors[] = {
		{ 1970, 1, 1, 0 },          { 2024, 1, 1, 19723 },  { 2024, 2, 29, 19782 },
		{ 2024, 12, 31, 20088 },    { 2000, 2, 29, 11016 }, { 1900, 1, 1, -25567 },
		{ 2999, 12, 31, 376199 },
	};
	size_t i;
	int y, m, d;

	(void)state;
	for (i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
		assert_int_equal(day_from_ymd(anchors[i].y, anchors[i].m, anchors[i].d),
				 anchors[i].day);
		day_to_ymd(anchors[i].day, &y, &m, &d);
		assert_int_equal(y, anchors[i].y);
		assert_int_equal(m, anchors[i].m);
		assert_int_equal(d, anchors[i].d);
		assert_int_equal(day_year(anchors[i].day), anchors[i].y);
	}
}

/* Walk every day of the years first … last: each is the day before's
 * number plus one, and comes back as itself. The number of the day after. */
static bl_day walk_days(int first, int last)
{
	bl_day expect = day_from_ymd(first, 1, 1);
	int y, m, d, y2, m2, d2;

	for (y = first; y <= last; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= days_in_month(y, m); d++) {
				bl_day day = day_from_ymd(y, m, d);

				if (day != expect)
					fail_msg("%04d-%02d-%02d is %d, not %d", y, m, d, day, expect);
				day_to_ymd(day, &y2, &m2, &d2);
				if (y2 != y || m2 != m || d2 != d)
					fail_msg("%d came back as %04d-%02d-%02d", day, y2, m2, d2);
				expect++;
			}
	return expect;
}

/* Every day of 1900-01-01 … 2999-12-31. */
static void test_every_day_there_and_back(void **state)
{
	(void)state;
	assert_int_equal(walk_days(1900, 2999), 376200);
}

/* The algorithm is proleptic over every year, and its eras round toward
 * minus infinity: before 0000-03-01 (day -719468, the algorithm's own
 * origin) the era is -1. ballast's dates start in 1900, so only this test
 * reaches those branches; anchors computed by hand from 0001-01-01 = -719162
 * (Python's datetime): 0000 is a leap year (366 days), 400 years are 146097
 * days. */
static void test_before_year_zero(void **state)
{
	static const struct {
		int y, m, d;
		bl_day day;
	} anchors[] = {
		{ 0, 3, 1, -719468 },    { 0, 2, 29, -719469 },   { 0, 1, 1, -719528 },
		{ -1, 12, 31, -719529 }, { -1, 3, 1, -719834 },   { -400, 3, 1, -865565 },
		{ -400, 2, 29, -865566 }, { -399, 1, 1, -865259 },
	};
	size_t i;
	int y, m, d;

	(void)state;
	for (i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
		assert_int_equal(day_from_ymd(anchors[i].y, anchors[i].m, anchors[i].d),
				 anchors[i].day);
		day_to_ymd(anchors[i].day, &y, &m, &d);
		assert_int_equal(y, anchors[i].y);
		assert_int_equal(m, anchors[i].m);
		assert_int_equal(d, anchors[i].d);
	}
	/* every day of -0401-01-01 ... 0000-12-31, there and back */
	assert_int_equal(walk_days(-401, 0), -719162); /* 0001-01-01 */
}

static void test_months(void **state)
{
	bl_month feb = month_from_ym(2024, 2);

	(void)state;
	assert_int_equal(month_from_ym(2024, 1), 2024 * 12);
	assert_int_equal(feb, 2024 * 12 + 1);
	assert_int_equal(month_year(feb), 2024);
	assert_int_equal(month_of_year(feb), 2);
	assert_int_equal(month_of_year(month_from_ym(2024, 12)), 12);
	assert_int_equal(month_year(month_from_ym(2024, 12)), 2024);
	assert_int_equal(month_first_day(feb), 19754);
	assert_int_equal(month_last_day(feb), 19782);
	assert_int_equal(month_last_day(month_from_ym(2023, 2)), 19782 - 366);
	assert_int_equal(day_month(19782), feb);
	assert_int_equal(day_month(19754), feb);
	assert_int_equal(day_month(19753), month_from_ym(2024, 1));
	assert_false(month_in_range(month_from_ym(1999, 12)));
	assert_true(month_in_range(month_from_ym(2000, 1)));
	assert_true(month_in_range(month_from_ym(2099, 12)));
	assert_false(month_in_range(month_from_ym(2100, 1)));
}

static void test_formats(void **state)
{
	char day[11], mo[8];

	(void)state;
	assert_string_equal(day_format(0, day), "1970-01-01");
	assert_string_equal(day_format(19782, day), "2024-02-29");
	assert_string_equal(day_format(-25567, day), "1900-01-01");
	assert_string_equal(day_format(376199, day), "2999-12-31");
	assert_string_equal(day_format(DAY_NONE, day), "");
	assert_string_equal(month_format(month_from_ym(2024, 3), mo), "2024-03");
	assert_string_equal(month_format(month_from_ym(2024, 12), mo), "2024-12");
	assert_string_equal(month_format(month_from_ym(1900, 1), mo), "1900-01");
	assert_string_equal(month_format(MONTH_NONE, mo), "");
}

static void test_iso_parsers(void **state)
{
	bl_day day = 7;
	bl_month mo = 7;

	(void)state;
	assert_int_equal(day_parse_iso("2024-02-29", &day), 0);
	assert_int_equal(day, 19782);
	assert_int_equal(day_parse_iso("1900-01-01", &day), 0);
	assert_int_equal(day, -25567);
	day = 7;
	assert_int_equal(day_parse_iso("2023-02-29", &day), -1);
	assert_int_equal(day_parse_iso("2024-2-29", &day), -1);
	assert_int_equal(day_parse_iso("2024-02-291", &day), -1);
	assert_int_equal(day_parse_iso("2024/02/29", &day), -1);
	assert_int_equal(day_parse_iso("2024-02-2x", &day), -1);
	assert_int_equal(day_parse_iso("x024-02-29", &day), -1);
	assert_int_equal(day_parse_iso("2024-0a-29", &day), -1);
	assert_int_equal(day_parse_iso("", &day), -1);
	assert_int_equal(day, 7); /* untouched on failure */
	assert_int_equal(month_parse_iso("2024-12", &mo), 0);
	assert_int_equal(mo, month_from_ym(2024, 12));
	assert_int_equal(month_parse_iso("2024-01", &mo), 0);
	assert_int_equal(mo, month_from_ym(2024, 1));
	mo = 7;
	assert_int_equal(month_parse_iso("2024-13", &mo), -1);
	assert_int_equal(month_parse_iso("2024-00", &mo), -1);
	assert_int_equal(month_parse_iso("2024-1", &mo), -1);
	assert_int_equal(month_parse_iso("2024-011", &mo), -1);
	assert_int_equal(month_parse_iso("2024+01", &mo), -1);
	assert_int_equal(month_parse_iso("20x4-01", &mo), -1);
	assert_int_equal(mo, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_lengths),
		cmocka_unit_test(test_valid_range),
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_every_day_there_and_back),
		cmocka_unit_test(test_before_year_zero),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_iso_parsers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
