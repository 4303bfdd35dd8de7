/* cmocka_env.c — linked into every unit test binary so that one test can be
 * run by name: cmocka 1.1 reads CMOCKA_MESSAGE_OUTPUT and CMOCKA_TEST_ABORT
 * from the environment itself, but its test filter is only a function. This
 * calls it before main() from CMOCKA_TEST_FILTER and CMOCKA_SKIP_FILTER
 * (patterns with * and ?):
 *     CMOCKA_TEST_FILTER='test_edge_*' build/san/tests/test_measures */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

__attribute__((constructor)) static void cmocka_env(void)
{
	const char *s = getenv("CMOCKA_TEST_FILTER");

	if (s && *s)
		cmocka_set_test_filter(s);
	s = getenv("CMOCKA_SKIP_FILTER");
	if (s && *s)
		cmocka_set_skip_filter(s);
}
