/* test_parse.c — unit tests of the import cell parsers and export formatting
 * (src/io/parse.c): every date and month form, numbers, yes/no, tiers, rates,
 * and exact format/parse round trips. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/model.h"
#include "io/parse.h"

static void day_ok(const char *s, int y, int m, int d)
{
	bl_day day = 0;
	const char *why = parse_day(s, &day);

	if (why)
		fail_msg("parse_day(\"%s\"): %s", s, why);
	assert_int_equal(day, day_from_ymd(y, m, d));
}

static void day_bad(const char *s, const char *reason)
{
	bl_day day = 12345;
	const char *why = parse_day(s, &day);

	if (!why)
		fail_msg("parse_day(\"%s\") accepted", s);
	assert_string_equal(why, reason);
	assert_int_equal(day, 12345);
}

static void test_day(void **state)
{
	(void)state;
	day_ok("2024-03-05", 2024, 3, 5);
	day_ok("2024-3-5", 2024, 3, 5);
	day_ok("2024/3/5", 2024, 3, 5);
	day_ok("2024/03/05", 2024, 3, 5);
	day_ok("2024.3.5", 2024, 3, 5);
	day_ok("2024年3月5日", 2024, 3, 5);
	day_ok("2024年03月05日", 2024, 3, 5);
	day_ok("2024年3月5", 2024, 3, 5);
	day_ok("2024年3月5号", 2024, 3, 5);
	day_ok("20240305", 2024, 3, 5);
	day_ok("  2024-03-05\t", 2024, 3, 5);
	day_ok("\xe3\x80\x80" "2024-03-05" "\xe3\x80\x80", 2024, 3, 5);
	day_ok("\xc2\xa0" "2024-03-05\r\n", 2024, 3, 5);
	day_ok("\v2024-03-05\f", 2024, 3, 5); /* vertical tab and form feed are spaces */
	day_ok("２０２４－０３－０５", 2024, 3, 5);
	day_ok("２０２４年３月５日", 2024, 3, 5);
	day_ok("２０２４／３／５", 2024, 3, 5);
	day_ok("２０２４．３．５", 2024, 3, 5);
	day_ok("2024/3/5 0:00", 2024, 3, 5);
	day_ok("2024-03-05 23:59:59", 2024, 3, 5);
	day_ok("2024-03-05T08:30:00", 2024, 3, 5);
	day_ok("2024-02-29", 2024, 2, 29);
	day_ok("2000-02-29", 2000, 2, 29);
	day_ok("1970-01-01", 1970, 1, 1);
	day_ok("1900-01-01", 1900, 1, 1);
	day_ok("2999-12-31", 2999, 12, 31);

	day_bad("2024-02-30", "no such day");
	day_bad("2023-02-29", "no such day");
	day_bad("1900-02-29", "no such day");
	day_bad("2024-04-31", "no such day");
	day_bad("2024-03-00", "no such day");
	day_bad("2024-13-01", "no such month");
	day_bad("2024-00-10", "no such month");
	day_bad("1899-12-31", "year out of range (1900-2999)");
	day_bad("3000-01-01", "year out of range (1900-2999)");
	day_bad("45356", "not a date");
	day_bad("2024-03", "not a date");
	day_bad("2024-3/5", "not a date");
	day_bad("2024/03-05", "not a date");
	day_bad("24-03-05", "not a date");
	day_bad("2024-003-05", "not a date");
	day_bad("2024-03-005", "not a date");
	day_bad("2024-03-05x", "not a date");
	day_bad("2024-03-05 25:00", "not a date");
	day_bad("2024-03-05 12", "not a date");
	day_bad("2024-03-05 12:5", "not a date");
	day_bad("2024年3月", "not a date");
	day_bad("2024年3-5", "not a date");
	day_bad("202403051", "not a date");
	day_bad("2024035", "not a date");
	day_bad("March 5, 2024", "not a date");
	day_bad("-2024-03-05", "not a date");
	day_bad("", "empty");
	day_bad(" \t\xe3\x80\x80 ", "empty");
	day_bad("\xe3\x80\x80", "empty");
	day_bad("\xc2\xa0", "empty");
	day_bad("\xc2\xa0\xe3\x80\x80\xc2\xa0", "empty");
	/* U+3000 and U+00A0 at either end, alone or after other spaces */
	day_ok("2024-03-05\xc2\xa0", 2024, 3, 5);
	day_ok("2024-03-05\xe3\x80\x80", 2024, 3, 5);
	day_ok("2024-03-05 \xc2\xa0\t\xe3\x80\x80", 2024, 3, 5);
	day_ok("\xe3\x80\x80\xc2\xa0 2024-03-05", 2024, 3, 5);
	/* characters that share bytes with them are not spaces: 、 (E3 80 81),
	 * む (E3 82 80), ¡ (C2 A1), Ġ (C4 A0) */
	day_bad("\xe3\x80\x81" "2024-03-05", "not a date");
	day_bad("\xe3\x82\x80" "2024-03-05", "not a date");
	day_bad("\xc2\xa1" "2024-03-05", "not a date");
	day_bad("\xc4\xa0" "2024-03-05", "not a date");
	day_bad("2024-03-05" "\xe3\x80\x81", "not a date");
	day_bad("2024-03-05" "\xe3\x82\x80", "not a date");
	day_bad("2024-03-05" "\xc2\xa1", "not a date");
	day_bad("2024-03-05" "\xc4\xa0", "not a date");
	/* the parts and the separators: nothing else */
	day_bad("05", "not a date");
	day_bad("202403", "not a date");
	day_bad("2024-03-", "not a date");
	day_bad("2024x03x05", "not a date");
	day_bad("2024 03 05", "not a date");
	day_bad("2024年003月5日", "not a date");
	day_bad("2024年3月005日", "not a date");
	/* the time of day: after a space or T, H:MM or HH:MM[:SS], 00:00 to 23:59:59 */
	day_ok("2024-03-05 00:00:00", 2024, 3, 5);
	day_ok("20240305 9:05", 2024, 3, 5);
	day_bad("2024-03-0512:00", "not a date");
	day_bad("2024-03-05 012:00", "not a date");
	day_bad("2024-03-05 24:00", "not a date");
	day_bad("2024-03-05 23:60", "not a date");
	day_bad("2024-03-05 23:59:60", "not a date");
	day_bad("2024-03-05 12:00:5", "not a date");
	day_bad("2024-03-05 12:00:", "not a date");
	day_bad("2024-03-05 12:000", "not a date");
	day_bad("2024-03-05 08\xef\xbc\x9a" "30", "not a date"); /* ： is not : */
	day_bad("2024-03-05 :30", "not a date"); /* no hour */
	day_ok("2024-03-05  8:30", 2024, 3, 5); /* spaces before the time are one */
	day_bad("2024-03-05                                                                "
		"                                                                       x",
		"too long");
}

static void month_ok(const char *s, int y, int m)
{
	bl_month mo = 0;
	const char *why = parse_month(s, &mo);

	if (why)
		fail_msg("parse_month(\"%s\"): %s", s, why);
	assert_int_equal(mo, month_from_ym(y, m));
}

static void month_bad(const char *s, const char *reason)
{
	bl_month mo = 77;
	const char *why = parse_month(s, &mo);

	if (!why)
		fail_msg("parse_month(\"%s\") accepted", s);
	assert_string_equal(why, reason);
	assert_int_equal(mo, 77);
}

static void test_month(void **state)
{
	(void)state;
	month_ok("2024-03", 2024, 3);
	month_ok("2024-3", 2024, 3);
	month_ok("2024/3", 2024, 3);
	month_ok("2024.3", 2024, 3);
	month_ok("2024.12", 2024, 12);
	month_ok("2024年3月", 2024, 3);
	month_ok("2024年03月", 2024, 3);
	month_ok("202403", 2024, 3);
	month_ok(" 2024-03 ", 2024, 3);
	month_ok("２０２４年１２月", 2024, 12);
	month_ok("2024-03-01", 2024, 3);
	month_ok("2024/3/1", 2024, 3);

	month_bad("2024-13", "no such month");
	month_bad("2024-0", "no such month");
	month_bad("202400", "no such month");
	month_bad("1899-12", "year out of range (1900-2999)");
	month_bad("2024-03-05", "a day, not a month");
	month_bad("2024-03/01", "not a month");
	month_bad("2024年3月5日", "not a month");
	month_bad("2024年3", "not a month");
	month_bad("2024", "not a month");
	month_bad("20243", "not a month");
	month_bad("2024031", "not a month");
	month_bad("2024-", "not a month");
	month_bad("Mar-24", "not a month");
	month_bad("2024-003", "not a month");
	month_bad("2024x03", "not a month");
	month_bad("2024_3", "not a month");
	month_bad("", "empty");
	/* a month is of 2000-01 to 2099-12 (date.h), a narrower range than a day's */
	month_ok("2000-01", 2000, 1);
	month_ok("2099-12", 2099, 12);
	month_bad("1999-12", "month out of range (2000-01 to 2099-12)");
	month_bad("2100-01", "month out of range (2000-01 to 2099-12)");
	/* a compact month takes no day, and a month with a day takes no time */
	month_bad("20240301", "not a month");
	month_bad("2024-03-01 08:00", "not a month");
}

static void int_ok(const char *s, int64_t want)
{
	int64_t v = 0;
	const char *why = parse_int(s, &v);

	if (why)
		fail_msg("parse_int(\"%s\"): %s", s, why);
	assert_int_equal(v, want);
}

static void int_bad(const char *s, const char *reason)
{
	int64_t v = 99;
	const char *why = parse_int(s, &v);

	if (!why)
		fail_msg("parse_int(\"%s\") accepted", s);
	assert_string_equal(why, reason);
	assert_int_equal(v, 99);
}

static void test_int(void **state)
{
	(void)state;
	int_ok("0", 0);
	int_ok("-0", 0);
	int_ok("42", 42);
	int_ok("+42", 42);
	int_ok("-42", -42);
	int_ok("007", 7);
	int_ok("1,234", 1234);
	int_ok("12,345,678", 12345678);
	int_ok("-1,000", -1000);
	int_ok("１２３４", 1234);
	int_ok("１，２３４", 1234);
	int_ok("－５", -5);
	int_ok(" 42 ", 42);
	int_ok("3.0", 3);
	int_ok("9223372036854775807", INT64_MAX);
	int_ok("9,223,372,036,854,775,807", INT64_MAX);
	int_ok("-9223372036854775808", INT64_MIN);
	int_ok("+9223372036854775807", INT64_MAX);
	int_ok("123,456", 123456); /* a first group of three */

	int_bad("9223372036854775808", "out of range");
	int_bad("-9223372036854775809", "out of range");
	int_bad("+9223372036854775808", "out of range"); /* a + has the positive limit */
	int_bad("99999999999999999999999", "out of range");
	int_bad("1.5", "not a whole number");
	int_bad("1234,567", "misplaced thousands separator");
	int_bad("1,23", "misplaced thousands separator");
	int_bad("1,2345", "misplaced thousands separator");
	int_bad(",123", "misplaced thousands separator");
	int_bad("1,,234", "misplaced thousands separator");
	int_bad("1,234,", "misplaced thousands separator");
	int_bad("1e5", "not a number");
	int_bad("0x10", "not a number");
	int_bad("12 34", "not a number");
	int_bad("--1", "not a number");
	int_bad("-", "not a number");
	int_bad("+", "not a number");
	int_bad("abc", "not a number");
	int_bad("", "empty");
	/* every full-width digit, and ＋; other full-width forms stay themselves:
	 * ｐ (EF BD 90) is not ０, ＊ (EF BC 8A) is not + */
	int_ok("１２３４５６７８９０", 1234567890);
	int_ok("＋９", 9);
	int_bad("１ｐ", "not a number");
	int_bad("＊９", "not a number");
	/* the normalized value may be 127 bytes long, not 128 */
	{
		char v[130];

		memset(v, '0', 127);
		v[126] = '7';
		v[127] = '\0';
		int_ok(v, 7);
		v[127] = '7';
		v[128] = '\0';
		int_bad(v, "too long");
		/* the limit counts a full-width digit as one byte */
		memset(v, '0', 123);
		memcpy(v + 123, "\xef\xbc\x97", 4); /* ７: 124 bytes, 124 normalized */
		int_ok(v, 7);
		/* ＊ is not mapped: it stays three bytes, so with 125 digits the
		 * value is 128 bytes long */
		memcpy(v, "\xef\xbc\x8a", 3);
		memset(v + 3, '0', 125);
		v[128] = '\0';
		int_bad(v, "too long");
		v[127] = '\0';
		int_bad(v, "not a number");
	}
}

static void dec_ok(const char *s, int scale, int64_t want)
{
	int64_t v = 0;
	const char *why = parse_decimal(s, scale, &v);

	if (why)
		fail_msg("parse_decimal(\"%s\", %d): %s", s, scale, why);
	assert_int_equal(v, want);
}

static void dec_bad(const char *s, int scale, const char *reason)
{
	int64_t v = 99;
	const char *why = parse_decimal(s, scale, &v);

	if (!why)
		fail_msg("parse_decimal(\"%s\", %d) accepted", s, scale);
	assert_string_equal(why, reason);
	assert_int_equal(v, 99);
}

static void test_decimal(void **state)
{
	(void)state;
	dec_ok("1,234.5", 4, 12345000);
	dec_ok("1234.5", 4, 12345000);
	dec_ok("1234.5678", 4, 12345678);
	dec_ok("0.0001", 4, 1);
	dec_ok("-0.0005", 4, -5);
	dec_ok(".5", 4, 5000);
	dec_ok("5.", 4, 50000);
	dec_ok("-.5", 2, -50);
	dec_ok("１２３４．５", 4, 12345000);
	dec_ok("１，２３４．５", 4, 12345000);
	dec_ok("1.50000", 4, 15000);
	dec_ok("1.000000000000000000000000000", 4, 10000);
	dec_ok("12.345678", 6, 12345678);
	dec_ok("7", 0, 7);
	dec_ok("922337203685477.5807", 4, INT64_MAX);
	dec_ok("-922337203685477.5808", 4, INT64_MIN);
	dec_ok("0", 6, 0);

	dec_bad("1.23456", 4, "more than 4 decimals");
	dec_bad("0.00001", 4, "more than 4 decimals");
	dec_bad("1.500001", 4, "more than 4 decimals");
	dec_bad("1.25", 1, "more than 1 decimal");
	dec_bad("1.5", 0, "not a whole number");
	dec_bad("1.1234567", 6, "more than 6 decimals");
	dec_bad("922337203685477.5808", 4, "out of range");
	dec_bad("922337203685478", 4, "out of range");
	dec_bad("-922337203685477.5809", 4, "out of range");
	dec_bad("1,5", 4, "misplaced thousands separator");
	dec_bad("1.2.3", 4, "not a number");
	dec_bad("1.2e3", 4, "not a number");
	dec_bad("1.5%", 4, "not a number");
	dec_bad(".", 4, "not a number");
	dec_bad("-.", 4, "not a number");
	dec_bad("1.,5", 4, "not a number");
	dec_bad("nan", 4, "not a number");
	dec_bad("1", 7, "unsupported scale");
	dec_bad("1", -1, "unsupported scale");
}

static void test_wanyuan(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_null(parse_wanyuan("1234.5", &v));
	assert_int_equal(v, 12345000);
	assert_null(parse_wanyuan("3,100", &v));
	assert_int_equal(v, 31000000);
	assert_null(parse_wanyuan("0.0001", &v));
	assert_int_equal(v, 1);
	assert_string_equal(parse_wanyuan("1.00001", &v), "more than 4 decimals");
	assert_string_equal(parse_wanyuan("12万", &v), "not a number");
	/* at most 100000000000 万元 (AMOUNT_MAX, 10^15 yuan) either way */
	assert_null(parse_wanyuan("100000000000", &v));
	assert_int_equal(v, INT64_C(1000000000000000));
	assert_null(parse_wanyuan("-100000000000", &v));
	assert_int_equal(v, -INT64_C(1000000000000000));
	v = 99;
	assert_string_equal(parse_wanyuan("100000000000.0001", &v),
			    "out of range: more than 100000000000 万元 (10^15 yuan)");
	assert_string_equal(parse_wanyuan("-100000000000.0001", &v),
			    "out of range: more than 100000000000 万元 (10^15 yuan)");
	assert_int_equal(v, 99);
}

static void bool_is(const char *s, int want)
{
	int v = -1;
	const char *why = parse_bool(s, &v);

	if (why)
		fail_msg("parse_bool(\"%s\"): %s", s, why);
	assert_int_equal(v, want);
}

static void test_bool(void **state)
{
	static const char *const bad[] = { "", "2", "yess", "是的", "ok", "-1", "t", "√" };
	size_t i;
	int v = 5;

	(void)state;
	bool_is("是", 1);
	bool_is("否", 0);
	bool_is("yes", 1);
	bool_is("YES", 1);
	bool_is("Yes", 1);
	bool_is("no", 0);
	bool_is("No", 0);
	bool_is("y", 1);
	bool_is("N", 0);
	bool_is("true", 1);
	bool_is("TRUE", 1);
	bool_is("False", 0);
	bool_is("1", 1);
	bool_is("0", 0);
	bool_is("１", 1);
	bool_is(" 是\xe3\x80\x80", 1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!parse_bool(bad[i], &v))
			fail_msg("parse_bool(\"%s\") accepted", bad[i]);
	}
	assert_int_equal(v, 5);
	assert_string_equal(parse_bool("ok", &v), "not yes or no (是/否)");
	assert_string_equal(parse_bool("", &v), "empty");
	assert_string_equal(parse_bool(" ", &v), "empty");
	bool_is("FALSE", 0);
	bool_is("fAlSe", 0);
	assert_string_equal(parse_bool("ＹＥＳ", &v), "not yes or no (是/否)");
	assert_int_equal(v, 5);
}

static void tiers_are(const char *s, unsigned want)
{
	unsigned v = 0;
	const char *why = parse_tiers(s, &v);

	if (why)
		fail_msg("parse_tiers(\"%s\"): %s", s, why);
	assert_int_equal(v, want);
}

static void test_tiers(void **state)
{
	const unsigned P = TIER_BIT(TIER_PROVINCE), C = TIER_BIT(TIER_CITY),
		       D = TIER_BIT(TIER_DISTRICT);
	unsigned v = 9;

	(void)state;
	tiers_are("省", P);
	tiers_are("市", C);
	tiers_are("区", D);
	tiers_are("省;市;区", P | C | D);
	tiers_are("省,区", P | D);
	tiers_are("市、区", C | D);
	tiers_are("省，市", P | C);
	tiers_are("省；市", P | C);
	tiers_are("省 市", P | C);
	tiers_are("省\xe3\x80\x80区", P | D);
	tiers_are("省级、市级、区级", P | C | D);
	tiers_are("省重大项目;区重大", P | D);
	tiers_are("province", P);
	tiers_are("City; DISTRICT", C | D);
	tiers_are("province,city,district", P | C | D);
	tiers_are("市;市;市", C);
	tiers_are(" ;区; ", D);
	tiers_are("省\xc2\xa0区", P | D); /* U+00A0 */
	tiers_are("市\t区\n省", P | C | D);

	assert_string_equal(parse_tiers("", &v), "empty");
	assert_string_equal(parse_tiers(" ; 、", &v), "empty");
	assert_string_equal(parse_tiers("县", &v),
			    "not a tier (省/市/区 or province/city/district)");
	assert_non_null(parse_tiers("省市", &v));
	assert_non_null(parse_tiers("省;county", &v));
	assert_non_null(parse_tiers("provinces", &v));
	assert_non_null(parse_tiers("省/市", &v));
	assert_int_equal(v, 9);
}

static void rate_is(const char *s, int64_t want)
{
	int64_t v = 0;
	const char *why = parse_rate(s, &v);

	if (why)
		fail_msg("parse_rate(\"%s\"): %s", s, why);
	assert_int_equal(v, want);
}

static void rate_bad(const char *s, const char *reason)
{
	int64_t v = 99;
	const char *why = parse_rate(s, &v);

	if (!why)
		fail_msg("parse_rate(\"%s\") accepted", s);
	assert_string_equal(why, reason);
	assert_int_equal(v, 99);
}

/* The statistics bureau's percent (INTERFACES.md indicators): a number is a
 * percent whatever its size, "0.8" is 0.8 %, not 80 %. */
static void test_percent(void **state)
{
	int64_t v = 99;

	(void)state;
	assert_null(parse_percent("6.5", &v));
	assert_int_equal(v, 650);
	assert_null(parse_percent("6.5%", &v));
	assert_int_equal(v, 650);
	assert_null(parse_percent("６．５％", &v));
	assert_int_equal(v, 650);
	assert_null(parse_percent("0.8", &v));
	assert_int_equal(v, 80);
	assert_null(parse_percent("-1.25 %", &v));
	assert_int_equal(v, -125);
	assert_null(parse_percent("100", &v));
	assert_int_equal(v, 10000);
	v = 99;
	assert_string_equal(parse_percent("6.555", &v), "more than 2 decimals in a percent");
	assert_string_equal(parse_percent("%", &v), "not a number");
	assert_string_equal(parse_percent("six", &v), "not a number");
	assert_string_equal(parse_percent("", &v), "empty");
	assert_string_equal(parse_percent(" %", &v), "not a number");
	assert_int_equal(v, 99);
}

static void test_rate(void **state)
{
	(void)state;
	rate_is("85%", 8500);
	rate_is("85 %", 8500);
	rate_is("８５％", 8500);
	rate_is("85", 8500);
	rate_is("0.85", 8500);
	rate_is("100", 10000);
	rate_is("100%", 10000);
	rate_is("1", 10000);
	rate_is("1%", 100);
	rate_is("0.8889", 8889);
	rate_is("88.89", 8889);
	rate_is("88.89%", 8889);
	rate_is("0", 0);
	rate_is("0%", 0);
	rate_is("-1.5%", -150);
	rate_is("-0.015", -150);
	rate_is("-5", -500);
	rate_is("-1", -10000);
	rate_is("1.5", 150);
	rate_is("150", 15000);
	rate_is("150%", 15000);

	rate_bad("0.88889", "more than 4 decimals");
	rate_bad("88.889", "more than 2 decimals in a percent");
	rate_bad("88.889%", "more than 2 decimals");
	rate_bad("%", "not a number");
	rate_bad("85%%", "not a number");
	rate_bad("eighty", "not a number");
	rate_bad("", "empty");
	/* a magnitude just above 1 is a percent, with at most 2 decimals */
	rate_bad("1.0001", "more than 2 decimals in a percent");
	rate_bad("-1.0001", "more than 2 decimals in a percent");
	rate_is("1.01", 101);
	rate_is("-1.01", -101);
}

/* An id: 1 to 18 digits, nothing else, not 0. */
static void test_id(void **state)
{
	(void)state;
	assert_int_equal(parse_id("1"), 1);
	assert_int_equal(parse_id("42"), 42);
	assert_int_equal(parse_id("0042"), 42);
	assert_int_equal(parse_id("987654321"), 987654321);
	assert_int_equal(parse_id("999999999999999999"), INT64_C(999999999999999999));
	assert_int_equal(parse_id("000000000000000001"), 1);
	assert_int_equal(parse_id("1000000000000000000"), -1); /* 19 digits */
	assert_int_equal(parse_id("0000000000000000001"), -1);
	assert_int_equal(parse_id("0"), -1);
	assert_int_equal(parse_id("000"), -1);
	assert_int_equal(parse_id(""), -1);
	assert_int_equal(parse_id("-1"), -1);
	assert_int_equal(parse_id("+1"), -1);
	assert_int_equal(parse_id("12a"), -1);
	assert_int_equal(parse_id("12 "), -1);
	assert_int_equal(parse_id(" 12"), -1);
}

static void format_is(int64_t v, int scale, const char *want)
{
	struct buf b = BUF_INIT;

	format_decimal(&b, v, scale);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void test_format(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	format_wanyuan(&b, 12345000);
	assert_string_equal(b.s, "1234.5");
	buf_reset(&b);
	format_wanyuan(&b, 10000);
	assert_string_equal(b.s, "1");
	buf_reset(&b);
	format_wanyuan(&b, -5);
	assert_string_equal(b.s, "-0.0005");
	buf_reset(&b);
	format_wanyuan(&b, 0);
	assert_string_equal(b.s, "0");
	buf_reset(&b);
	format_wanyuan(&b, 1523000000);
	assert_string_equal(b.s, "152300");
	buf_release(&b);

	format_is(12345678, 4, "1234.5678");
	format_is(-12345000, 4, "-1234.5");
	format_is(1, 6, "0.000001");
	format_is(100, 2, "1");
	format_is(150, 2, "1.5");
	format_is(7, 0, "7");
	format_is(-7, 0, "-7");
	format_is(INT64_MAX, 4, "922337203685477.5807");
	format_is(INT64_MIN, 4, "-922337203685477.5808");
	format_is(INT64_MIN, 0, "-9223372036854775808");
	format_is(INT64_MAX, 6, "9223372036854.775807");
}

/* format_decimal() then parse_decimal() gives back the same value. */
static void round_trip(int64_t v, int scale)
{
	struct buf b = BUF_INIT;
	int64_t back = v ^ 1;
	const char *why;

	format_decimal(&b, v, scale);
	why = parse_decimal(b.s, scale, &back);
	if (why || back != v)
		fail_msg("%lld at scale %d -> \"%s\" -> %s %lld", (long long)v, scale, b.s,
			 why ? why : "ok", (long long)back);
	buf_release(&b);
}

static void test_round_trip(void **state)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	int64_t v;
	int scale, i;

	(void)state;
	for (scale = 0; scale <= 6; scale++) {
		for (v = -20000; v <= 20000; v++)
			round_trip(v, scale);
		round_trip(INT64_MAX, scale);
		round_trip(INT64_MIN, scale);
		round_trip(INT64_MAX - 1, scale);
		round_trip(INT64_MIN + 1, scale);
		for (i = 0; i < 20000; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* Values of all magnitudes: shift away a random number of bits. */
			v = (int64_t)(x >> (1 + x % 63));
			round_trip(v, scale);
			round_trip(-v, scale);
		}
	}
}

static void test_wanyuan_round_trip(void **state)
{
	struct buf b = BUF_INIT;
	int64_t yuan, back;

	(void)state;
	for (yuan = -1000000; yuan <= 1000000; yuan += 7) {
		buf_reset(&b);
		format_wanyuan(&b, yuan);
		back = yuan + 1;
		assert_null(parse_wanyuan(b.s, &back));
		assert_int_equal(back, yuan);
	}
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day),
		cmocka_unit_test(test_month),
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_wanyuan),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_tiers),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_wanyuan_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
