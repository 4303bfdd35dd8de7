/* test_codes.c — unit tests of the USCC and project code checks
 * (src/core/codes.c, DOMAIN.md §3). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/codes.h"

static void test_uscc_valid(void **state)
{
	static const char *const valid[] = {
		"91350100M000100Y43", /* check digit 3 */
		"91110000600037341L", /* check letter L */
		"91440300708461136T",
		"91320200MA1MXXXX2L", /* made up, check computed by hand */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		if (uscc_problem(valid[i]))
			fail_msg("%s: %s", valid[i], uscc_problem(valid[i]));
	}
}

static void test_uscc_check_zero(void **state)
{
	/* Σ value·weight ≡ 0 (mod 31) gives 31, which maps to check character 0. */
	(void)state;
	assert_null(uscc_problem("000000000000000000"));
	assert_string_equal(uscc_problem("00000000000000000Y"),
			    "wrong check character (expected 0)");
	/* Value 1 at position 1 (weight 1): 31 - 1 = 30, the character Y. */
	assert_null(uscc_problem("10000000000000000Y"));
}

static void test_uscc_invalid(void **state)
{
	(void)state;
	assert_string_equal(uscc_problem("91350100M000100Y44"),
			    "wrong check character (expected 3)");
	assert_string_equal(uscc_problem("91110000600037341M"),
			    "wrong check character (expected L)");
	/* Two characters swapped: the weights catch it. */
	assert_string_equal(uscc_problem("91350100M000010Y43"),
			    "wrong check character (expected J)");
	assert_string_equal(uscc_problem(""), "not 18 characters");
	assert_string_equal(uscc_problem("91350100M000100Y4"), "not 18 characters");
	assert_string_equal(uscc_problem("91350100M000100Y433"), "not 18 characters");
	/* I, O, S, V, Z are not in the set. */
	assert_string_equal(uscc_problem("91350100I000100Y43"), "invalid character");
	assert_string_equal(uscc_problem("91350100O000100Y43"), "invalid character");
	assert_string_equal(uscc_problem("91350100S000100Y43"), "invalid character");
	assert_string_equal(uscc_problem("91350100V000100Y43"), "invalid character");
	assert_string_equal(uscc_problem("91350100Z000100Y43"), "invalid character");
	assert_string_equal(uscc_problem("91350100-000100Y43"), "invalid character");
	assert_string_equal(uscc_problem("91350100 000100Y43"), "invalid character");
	assert_string_equal(uscc_problem("91350100m000100y43"),
			    "lowercase letters (use uppercase)");
	assert_string_equal(uscc_problem("91350100i000100Y43"), "invalid character");
	/* the first and the last character are checked like the others */
	assert_string_equal(uscc_problem("I1350100M000100Y43"), "invalid character");
	assert_string_equal(uscc_problem("91350100M000100Y4I"), "invalid character");
	/* 'a' and 'y', the ends of the lowercase range that map to valid letters */
	assert_string_equal(uscc_problem("91350100a000100Y43"),
			    "lowercase letters (use uppercase)");
	assert_string_equal(uscc_problem("91350100M000100y43"),
			    "lowercase letters (use uppercase)");
	/* 18 bytes but 6 characters of UTF-8. */
	assert_string_equal(uscc_problem("统一社会信用"), "invalid character");
}

static void test_project_code(void **state)
{
	(void)state;
	assert_null(project_code_problem("2403-320214-04-01-123456"));
	assert_null(project_code_problem("2012-320214-89-05-000001"));
	assert_null(project_code_problem("1901-000000-00-00-000000"));
	assert_string_equal(project_code_problem("2413-320214-04-01-123456"),
			    "month in YYMM is not 01-12");
	assert_string_equal(project_code_problem("2400-320214-04-01-123456"),
			    "month in YYMM is not 01-12");
	assert_string_equal(project_code_problem("2403-32021-04-01-1234567"),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
	assert_string_equal(project_code_problem("2403-320214-04-01-12345"),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
	assert_string_equal(project_code_problem("2403-320214-04-01-1234567"),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
	assert_string_equal(project_code_problem("2403_320214-04-01-123456"),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
	assert_string_equal(project_code_problem("A403-320214-04-01-123456"),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
	assert_string_equal(project_code_problem("2403-320214-04-01-12345A"),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
	assert_string_equal(project_code_problem("24A3-320214-04-01-123456"),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
	/* A full year (2017) where YYMM belongs reads as month 17. */
	assert_string_equal(project_code_problem("2017-320214-47-03-001234"),
			    "month in YYMM is not 01-12");
	assert_string_equal(project_code_problem("苏锡发改备[2018]12号"),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
	assert_string_equal(project_code_problem(""),
			    "not in the form YYMM-RRRRRR-DD-TT-NNNNNN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uscc_valid),
		cmocka_unit_test(test_uscc_check_zero),
		cmocka_unit_test(test_uscc_invalid),
		cmocka_unit_test(test_project_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
