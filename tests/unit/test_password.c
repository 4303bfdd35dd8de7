/* test_password.c — unit tests of the password rule (src/core/password.c):
 * at least 10 characters counted as characters, not bytes; not the user name
 * in any case; not all of one class; no control characters or broken UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/password.h"

static void test_length_counts_characters(void **state)
{
	(void)state;
	assert_int_equal(password_problem("", "wang"), PW_SHORT);
	assert_int_equal(password_problem("abcde1234", "wang"), PW_SHORT);       /* 9 */
	assert_int_equal(password_problem("abcde12345", "wang"), PW_OK);         /* 10 */
	/* 9 Chinese characters and a digit: 28 bytes but 10 characters */
	assert_int_equal(password_problem("重大项目建设提速行动", "wang"), PW_ONE_CLASS);
	assert_int_equal(password_problem("重大项目建设提速行1", "wang"), PW_OK);
	assert_int_equal(password_problem("重大项目建设提速1", "wang"), PW_SHORT); /* 9 */
}

static void test_upper_bound_in_bytes(void **state)
{
	char pw[300];

	(void)state;
	memset(pw, 'a', sizeof(pw));
	pw[0] = '1';
	pw[PASSWORD_MAX] = '\0';
	assert_int_equal(password_problem(pw, "wang"), PW_OK);
	pw[PASSWORD_MAX] = 'a';
	pw[PASSWORD_MAX + 1] = '\0';
	assert_int_equal(password_problem(pw, "wang"), PW_LONG);
}

static void test_not_the_user_name(void **state)
{
	(void)state;
	assert_int_equal(password_problem("zhangsan01", "zhangsan01"), PW_USERNAME);
	assert_int_equal(password_problem("ZhangSan01", "zhangsan01"), PW_USERNAME);
	assert_int_equal(password_problem("zhangsan01!", "zhangsan01"), PW_OK);
	assert_int_equal(password_problem("zhangsan01", "zhangsan0"), PW_OK);
	assert_int_equal(password_problem("zhangsan01", NULL), PW_OK);
	/* too short is said first */
	assert_int_equal(password_problem("wang1", "wang1"), PW_SHORT);
}

static void test_two_classes_at_least(void **state)
{
	(void)state;
	assert_int_equal(password_problem("abcdefghijkl", "wang"), PW_ONE_CLASS);
	assert_int_equal(password_problem("ABCDEFGHIJKL", "wang"), PW_ONE_CLASS);
	assert_int_equal(password_problem("123456789012", "wang"), PW_ONE_CLASS);
	assert_int_equal(password_problem("!@#$%^&*()_+", "wang"), PW_ONE_CLASS);
	assert_int_equal(password_problem("abcdefghijkL", "wang"), PW_OK);
	assert_int_equal(password_problem("abcdefghijk1", "wang"), PW_OK);
	assert_int_equal(password_problem("abcdefghijk-", "wang"), PW_OK);
	assert_int_equal(password_problem("abcdefghijk ", "wang"), PW_OK);
	assert_int_equal(password_problem("ABCDEFGHIJK1", "wang"), PW_OK);
	assert_int_equal(password_problem("demo-pass-1", "admin"), PW_OK);
}

static void test_control_characters_and_bad_utf8(void **state)
{
	(void)state;
	assert_int_equal(password_problem("abcdefghij\n1", "wang"), PW_CHARS);
	assert_int_equal(password_problem("abcdefghij\t1", "wang"), PW_CHARS);
	assert_int_equal(password_problem("abcdefghij\x7f" "1", "wang"), PW_CHARS);
	assert_int_equal(password_problem("abcdefghij\xc2\x85" "1", "wang"), PW_CHARS); /* C1 */
	assert_int_equal(password_problem("abcdefghij\xff" "1", "wang"), PW_CHARS);
	assert_int_equal(password_problem("abcdefghij\xe4\xb8", "wang"), PW_CHARS);    /* cut */
	assert_int_equal(password_problem("abcdefghij\xc0\xaf" "1", "wang"), PW_CHARS); /* overlong */
	assert_int_equal(password_problem("abcdefghij\xed\xa0\x80" "1", "wang"), PW_CHARS);
	assert_int_equal(password_problem("abcdefghij\xf4\x90\x80\x80", "wang"), PW_CHARS);
	assert_int_equal(password_problem("abcdefghij\xf0\x9f\x98\x80", "wang"), PW_OK);
}

static void test_every_problem_has_both_sentences(void **state)
{
	int i;

	(void)state;
	for (i = PW_OK + 1; i < PW__MAX; i++) {
		assert_non_null(password_problem_text[i]);
		assert_true(strlen(password_problem_text[i]) > 0);
		assert_non_null(password_problem_text_zh[i]);
		assert_true(strlen(password_problem_text_zh[i]) > 0);
	}
	assert_non_null(strstr(password_rule, "at least 10 characters"));
	assert_non_null(strstr(password_rule_zh, "至少 10 个字符"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_length_counts_characters),
		cmocka_unit_test(test_upper_bound_in_bytes),
		cmocka_unit_test(test_not_the_user_name),
		cmocka_unit_test(test_two_classes_at_least),
		cmocka_unit_test(test_control_characters_and_bad_utf8),
		cmocka_unit_test(test_every_problem_has_both_sentences),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
