/* test_static.c — unit tests of the web UI's file serving decisions
 * (src/http/static.c): which codings Accept-Encoding allows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "http/static.h"

static void test_accepts_listed_codings(void **state)
{
	(void)state;
	assert_true(static_accepts("gzip, deflate, br", "gzip"));
	assert_true(static_accepts("gzip, deflate, br", "br"));
	assert_true(static_accepts("br", "br"));
	assert_true(static_accepts("GZIP", "gzip"));
	assert_true(static_accepts("deflate,gzip;q=0.5", "gzip"));
	assert_true(static_accepts("*", "br"));
	assert_true(static_accepts("gzip;q=1.0", "gzip"));
}

static void test_refuses_the_rest(void **state)
{
	(void)state;
	assert_false(static_accepts(NULL, "gzip"));
	assert_false(static_accepts("", "gzip"));
	assert_false(static_accepts("deflate", "gzip"));
	assert_false(static_accepts("gzip;q=0", "gzip"));
	assert_false(static_accepts("br;q=0.000, gzip", "br"));
	assert_false(static_accepts("xgzip, gzipx", "gzip"));
	assert_false(static_accepts("identity", "br"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_listed_codings),
		cmocka_unit_test(test_refuses_the_rest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
