/* test_utf8.c — src/util/utf8.c: UTF-8 as jansson and PostgreSQL take it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/utf8.h"

static void test_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("ref 2024-001", 12));
	assert_true(utf8_valid("太科办", 9));
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));       /* U+1F600 */
	assert_true(utf8_valid("\xf4\x8f\xbf\xbf", 4));       /* U+10FFFF */
	assert_false(utf8_valid("\xff", 1));
	assert_false(utf8_valid("\xc0\x80", 2));              /* overlong NUL */
	assert_false(utf8_valid("\xe0\x80\xaf", 3));          /* overlong '/' */
	assert_false(utf8_valid("\xed\xb3\xbf", 3));          /* a surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4));      /* past U+10FFFF */
	assert_false(utf8_valid("\xe5\xa4", 2));              /* cut short */
	assert_false(utf8_valid("\xe5\xa4\xaa", 2));          /* cut short by n */
	assert_false(utf8_valid("\x80", 1));                  /* a lone continuation */
}

static void clean(const char *s, size_t n, const char *want)
{
	struct buf b = BUF_INIT;

	utf8_clean(&b, s, n);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void test_clean(void **state)
{
	(void)state;
	clean("", 0, "");
	clean("太科办", 9, "太科办");
	clean("\xff\xfe", 2, "\xef\xbf\xbd\xef\xbf\xbd");
	clean("a\xe5\xa4z", 4, "a\xef\xbf\xbd\xef\xbf\xbdz");
	clean("\xc0\x80", 2, "\xef\xbf\xbd\xef\xbf\xbd");
	clean("S01\x80", 4, "S01\xef\xbf\xbd");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
