/* test_xlsx_value.c — unit tests of spreadsheet cell values (src/io/xlsx_value.c):
 * numbers trimmed to 15 significant digits without floating point, serial days
 * of the 1900 (with Lotus's 29 February 1900) and 1904 systems, date formats,
 * cell names, and the round trip of every 万元 amount through a double. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "io/parse.h"
#include "io/xlsx_value.h"

static void num_is(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	if (xlsx_number_text(&b, in, strlen(in)))
		fail_msg("xlsx_number_text(\"%s\") refused", in);
	if (strcmp(b.s, want))
		fail_msg("xlsx_number_text(\"%s\") = \"%s\", want \"%s\"", in, b.s, want);
	buf_release(&b);
}

static void num_bad(const char *in)
{
	struct buf b = BUF_INIT;

	if (!xlsx_number_text(&b, in, strlen(in)))
		fail_msg("xlsx_number_text(\"%s\") accepted: \"%s\"", in, b.s);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void test_number_text(void **state)
{
	(void)state;
	num_is("0", "0");
	num_is("-0", "0");
	num_is("0.0", "0");
	num_is("45000", "45000");
	num_is("1234.5678", "1234.5678");
	num_is("-12.5", "-12.5");
	num_is("100.1234", "100.1234");
	num_is("0.30000000000000004", "0.3");
	num_is("76.543299999999988", "76.5433");
	num_is("799.99999999999989", "800");
	num_is("1500.0000000000002", "1500");
	num_is("4.5000000000000002", "4.5");
	num_is("99999999.999900001", "99999999.9999");
	num_is("9.9999999999999995E-2", "0.1");
	num_is("1E-3", "0.001");
	num_is("1.2345E+3", "1234.5");
	num_is("3E+3", "3000");
	num_is("1.5e2", "150");
	num_is("000123.4500", "123.45");
	num_is(".5", "0.5");
	num_is("5.", "5");
	num_is("  42 ", "42");
	num_is("123456789012345678", "123456789012346000");
	num_is("999999999999999.9", "1000000000000000");
	num_is("1E+39", "1000000000000000000000000000000000000000");
	num_is("1E+40", "1E+40");
	num_is("1E+41", "1E+41");
	num_is("1.25E-45", "1.25E-45");
	num_bad("");
	num_bad("-");
	num_bad("abc");
	num_bad("1,234");
	num_bad("NaN");
	num_bad("INF");
	num_bad("1E");
	num_bad("1E+99999");
	num_bad("1.2.3");
	num_bad("#N/A");
}

static void day_is(const char *serial, int date1904, int y, int m, int d)
{
	bl_day day = 0;

	if (xlsx_serial_day(serial, strlen(serial), date1904, &day))
		fail_msg("xlsx_serial_day(\"%s\", %d) refused", serial, date1904);
	assert_int_equal(day, day_from_ymd(y, m, d));
}

static void day_bad(const char *serial, int date1904)
{
	bl_day day = 7;

	if (!xlsx_serial_day(serial, strlen(serial), date1904, &day))
		fail_msg("xlsx_serial_day(\"%s\", %d) accepted", serial, date1904);
}

static void test_serial_day(void **state)
{
	(void)state;
	day_is("1", 0, 1900, 1, 1);
	day_is("59", 0, 1900, 2, 28);
	day_is("61", 0, 1900, 3, 1);
	day_is("45000", 0, 2023, 3, 15);
	day_is("45352", 0, 2024, 3, 1);
	day_is("45352.5", 0, 2024, 3, 1);     /* noon: the day */
	day_is("45352.999999", 0, 2024, 3, 1);
	day_is("2958465", 0, 9999, 12, 31);
	day_is("0", 1, 1904, 1, 1);
	day_is("43890", 1, 2024, 3, 1);      /* the same day in the 1904 system */
	day_bad("0", 0);
	day_bad("60", 0);                     /* 1900-02-29, which never was */
	day_bad("-1", 0);
	day_bad("2958466", 0);
	day_bad("1E+10", 0);
	day_bad("x", 0);
}

static void test_day_serial(void **state)
{
	int y;

	(void)state;
	assert_int_equal(xlsx_day_serial(day_from_ymd(1900, 1, 1)), 1);
	assert_int_equal(xlsx_day_serial(day_from_ymd(1900, 2, 28)), 59);
	assert_int_equal(xlsx_day_serial(day_from_ymd(1900, 3, 1)), 61);
	assert_int_equal(xlsx_day_serial(day_from_ymd(2024, 3, 1)), 45352);
	for (y = 1900; y <= 2999; y += 7) {
		bl_day d = day_from_ymd(y, 2, 28), back;
		char s[32];

		snprintf(s, sizeof(s), "%ld", xlsx_day_serial(d));
		assert_int_equal(xlsx_serial_day(s, strlen(s), 0, &back), 0);
		assert_int_equal(back, d);
	}
}

static void test_format_is_date(void **state)
{
	(void)state;
	assert_true(xlsx_format_is_date("yyyy-mm-dd"));
	assert_true(xlsx_format_is_date("YYYY\\-MM\\-DD"));
	assert_true(xlsx_format_is_date("m/d/yy"));
	assert_true(xlsx_format_is_date("yyyy\"年\"m\"月\"d\"日\""));
	assert_true(xlsx_format_is_date("[$-804]yyyy\"年\"mm\"月\"dd\"日\";@"));
	assert_true(xlsx_format_is_date("yyyy-mm"));
	assert_true(xlsx_format_is_date("mmm-yy"));
	assert_true(xlsx_format_is_date("mmmm"));
	assert_true(xlsx_format_is_date("yyyy-mm-dd hh:mm:ss"));
	assert_true(xlsx_format_is_date("[DBNum1][$-804]yyyy\"年\"m\"月\""));
	assert_true(xlsx_format_is_date("e\"年\"m\"月\"d\"日\""));
	assert_false(xlsx_format_is_date("General"));
	assert_false(xlsx_format_is_date("0.00"));
	assert_false(xlsx_format_is_date("#,##0.00_);[Red](#,##0.00)"));
	assert_false(xlsx_format_is_date("0.00E+00"));
	assert_false(xlsx_format_is_date("@"));
	assert_false(xlsx_format_is_date("\"万元\"#,##0"));
	assert_false(xlsx_format_is_date("h:mm"));
	assert_false(xlsx_format_is_date("mm:ss"));
	assert_false(xlsx_format_is_date("[h]:mm:ss"));
	assert_false(xlsx_format_is_date("h:mm AM/PM"));
	assert_false(xlsx_format_is_date("0%"));
	assert_false(xlsx_format_is_date("\\d\\a\\y 0"));
	assert_false(xlsx_format_is_date("0;\"yes\";\"no\""));
	assert_true(xlsx_builtin_is_date(14));
	assert_true(xlsx_builtin_is_date(22));
	assert_true(xlsx_builtin_is_date(31));
	assert_true(xlsx_builtin_is_date(57));
	assert_false(xlsx_builtin_is_date(0));
	assert_false(xlsx_builtin_is_date(4));
	assert_false(xlsx_builtin_is_date(20));
	assert_false(xlsx_builtin_is_date(49));
}

static void test_cell_name(void **state)
{
	char out[24];

	(void)state;
	assert_string_equal(xlsx_cell_name(0, 1, out), "A1");
	assert_string_equal(xlsx_cell_name(2, 5, out), "C5");
	assert_string_equal(xlsx_cell_name(25, 9, out), "Z9");
	assert_string_equal(xlsx_cell_name(26, 10, out), "AA10");
	assert_string_equal(xlsx_cell_name(16383, 1048576, out), "XFD1048576");
}

/* Every 万元 amount export writes is a double yuan / 10000; libxlsxwriter
 * prints it with 16 significant digits and the reader trims to 15: the
 * amount must come back exact, from 0.0001 万元 up to 9e11 yuan. */
static void check_money(int64_t yuan)
{
	struct buf text = BUF_INIT;
	char printed[40];
	int64_t back = 0;
	const char *why;

	snprintf(printed, sizeof(printed), "%.16G", (double)yuan / 10000.0);
	assert_int_equal(xlsx_number_text(&text, printed, strlen(printed)), 0);
	why = parse_wanyuan(text.s, &back);
	if (why || back != yuan)
		fail_msg("yuan %lld: printed %s, read %s: %s", (long long)yuan, printed, text.s,
			 why ? why : "differs");
	buf_release(&text);
}

static void test_money_round_trip(void **state)
{
	uint64_t x = 88172645463325252ull;
	int64_t v;
	int i;

	(void)state;
	for (v = 0; v < 200000; v++)
		check_money(v);
	for (v = 1; v <= 900000000000; v *= 10) {
		check_money(v - 1);
		check_money(v + 1);
		check_money(v * 9 - 1);
	}
	for (i = 0; i < 500000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		check_money((int64_t)(x % 900000000000ull));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_text),
		cmocka_unit_test(test_serial_day),
		cmocka_unit_test(test_day_serial),
		cmocka_unit_test(test_format_is_date),
		cmocka_unit_test(test_cell_name),
		cmocka_unit_test(test_money_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
