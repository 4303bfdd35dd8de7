/* test_keyset.c — unit tests of util/keyset.c: a key is added once and keeps
 * its first value; the table grows past 3/4 full without losing a key; keys
 * that differ only in their low bits (one block) and in their high bits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/keyset.h"

static void test_once(void **state)
{
	struct keyset s = KEYSET_INIT;
	uint32_t old = 0;

	(void)state;
	assert_int_equal(keyset_add(&s, 42, 7, &old), 0);
	assert_int_equal(old, 0);
	assert_int_equal(keyset_add(&s, 42, 9, &old), 1);
	assert_int_equal(old, 7);
	assert_int_equal(keyset_add(&s, 42, 11, NULL), 1);
	assert_int_equal(keyset_add(&s, 43, 8, &old), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.cap, 1024);
	keyset_release(&s);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.cap, 0);
	assert_int_equal(keyset_add(&s, 42, 1, NULL), 0); /* reusable after release */
	keyset_release(&s);
}

/* The importer's keys: project id << 24 | month, 60 months of 20,000 projects
 * (1.2 million), each added once with its row, then each found with it. */
static void test_many(void **state)
{
	struct keyset s = KEYSET_INIT;
	uint64_t p, m;
	uint32_t row = 2, old;

	(void)state;
	for (p = 1; p <= 20000; p++)
		for (m = 24240; m < 24300; m++)
			assert_int_equal(keyset_add(&s, p << 24 | m, row++, NULL), 0);
	assert_int_equal(s.n, 1200000);
	assert_int_equal(s.cap, 2097152); /* the first power of two with 1.2 M under 3/4 */
	row = 2;
	for (p = 1; p <= 20000; p++) {
		for (m = 24240; m < 24300; m++) {
			assert_int_equal(keyset_add(&s, p << 24 | m, 0, &old), 1);
			assert_int_equal(old, row++);
		}
	}
	/* a key in no block of these: not there */
	assert_int_equal(keyset_add(&s, (uint64_t)20001 << 24 | 24240, 5, NULL), 0);
	keyset_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
