/* test_throttle.c — unit tests of the login throttle (src/http/throttle.c) on
 * a clock the test drives: the free failures and the doubling delays of each
 * key, the sliding window, and a full table that keeps its waiting keys. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "http/throttle.h"
#include "util/secret.h"

#define S 1000 /* ms */
#define MIN (60 * S)
#define T0 ((int64_t)1000 * 1000 * 1000)

static void fail_n(struct throttle *t, const char *account, const char *address, int n,
		   int64_t now)
{
	int i;

	for (i = 0; i < n; i++)
		assert_int_equal(throttle_fail(t, account, address, now), 0);
}

static void test_pair_waits_doubling_after_five(void **state)
{
	struct throttle *t = throttle_new(64);
	int64_t want[] = { 30 * S, 60 * S, 2 * MIN, 4 * MIN, 8 * MIN, 15 * MIN, 15 * MIN };
	size_t i;

	(void)state;
	fail_n(t, "auditor", "10.0.0.1", 4, T0);
	assert_int_equal(throttle_wait(t, "auditor", "10.0.0.1", T0), 0);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		fail_n(t, "auditor", "10.0.0.1", 1, T0);
		assert_int_equal(throttle_wait(t, "auditor", "10.0.0.1", T0), want[i]);
	}
	assert_int_equal(throttle_wait(t, "auditor", "10.0.0.1", T0 + 15 * MIN), 0);
	/* the same account from elsewhere, and another account from here */
	assert_int_equal(throttle_wait(t, "auditor", "10.0.0.2", T0), 0);
	assert_int_equal(throttle_wait(t, "leader", "10.0.0.1", T0), 0);
	throttle_free(t);
}

static void test_window_slides(void **state)
{
	struct throttle *t = throttle_new(64);

	(void)state;
	/* Five failures, then one more once the 30 s passed: the sixth doubles. */
	fail_n(t, "a", "10.0.0.1", 5, T0);
	fail_n(t, "a", "10.0.0.1", 1, T0 + 31 * S);
	assert_int_equal(throttle_wait(t, "a", "10.0.0.1", T0 + 31 * S), 60 * S);
	/* A pair forgets one failure every 3 minutes: after 3 min, one more
	 * failure brings it back to five, a 30 s wait, not 60. */
	fail_n(t, "b", "10.0.0.1", 5, T0);
	fail_n(t, "b", "10.0.0.1", 1, T0 + 3 * MIN);
	assert_int_equal(throttle_wait(t, "b", "10.0.0.1", T0 + 3 * MIN), 30 * S);
	/* after 15 minutes all five are forgotten */
	fail_n(t, "c", "10.0.0.1", 5, T0);
	fail_n(t, "c", "10.0.0.1", 4, T0 + 15 * MIN);
	assert_int_equal(throttle_wait(t, "c", "10.0.0.1", T0 + 15 * MIN), 0);
	throttle_free(t);
}

static void test_success_forgets_the_pair_only(void **state)
{
	struct throttle *t = throttle_new(64);
	char addr[32];
	int i;

	(void)state;
	fail_n(t, "a", "10.0.0.1", 4, T0);
	throttle_success(t, "a", "10.0.0.1");
	fail_n(t, "a", "10.0.0.1", 4, T0);
	assert_int_equal(throttle_wait(t, "a", "10.0.0.1", T0), 0);
	/* the account's count (8) stays: 12 more from other addresses reach 20 */
	for (i = 0; i < 12; i++) {
		snprintf(addr, sizeof(addr), "10.0.1.%d", i);
		fail_n(t, "a", addr, 1, T0);
	}
	assert_int_equal(throttle_wait(t, "a", "10.0.2.1", T0), 15 * S);
	throttle_free(t);
}

static void test_account_slows_a_distributed_guess(void **state)
{
	struct throttle *t = throttle_new(256);
	char addr[32];
	int i;

	(void)state;
	for (i = 0; i < 19; i++) {
		snprintf(addr, sizeof(addr), "10.0.1.%d", i);
		fail_n(t, "admin", addr, 1, T0);
	}
	assert_int_equal(throttle_wait(t, "admin", "10.9.9.9", T0), 0);
	fail_n(t, "admin", "10.0.1.99", 1, T0);
	assert_int_equal(throttle_wait(t, "admin", "10.9.9.9", T0), 15 * S);
	fail_n(t, "admin", "10.0.1.98", 3, T0);
	assert_int_equal(throttle_wait(t, "admin", "10.9.9.9", T0), MIN); /* the cap */
	throttle_free(t);
}

static void test_address_stops_a_spray(void **state)
{
	struct throttle *t = throttle_new(512);
	char name[32];
	int i;

	(void)state;
	for (i = 0; i < 99; i++) {
		snprintf(name, sizeof(name), "user%d", i);
		fail_n(t, name, "10.0.0.1", 1, T0);
	}
	assert_int_equal(throttle_wait(t, "admin", "10.0.0.1", T0), 0);
	fail_n(t, "user99", "10.0.0.1", 1, T0);
	assert_int_equal(throttle_wait(t, "admin", "10.0.0.1", T0), 30 * S);
	assert_int_equal(throttle_wait(t, "admin", "10.0.0.2", T0), 0);
	throttle_free(t);
}

static void test_full_table_keeps_waiting_keys(void **state)
{
	struct throttle *t = throttle_new(4);

	(void)state;
	/* pair (a, x) waits; account a and address x count 5 and do not */
	fail_n(t, "a", "x", 5, T0);
	/* A new key takes the empty slot, then evicts the counts that do not
	 * wait, never the pair that does. */
	fail_n(t, "b", "y", 1, T0 + S);
	fail_n(t, "c", "z", 1, T0 + S);
	assert_int_equal(throttle_wait(t, "a", "x", T0 + S), 29 * S);
	throttle_free(t);

	t = throttle_new(3);
	/* 100 failures of one pair: the pair (15 min), the account (1 min) and
	 * the address (30 s) all wait, and a new key finds no room: refused
	 * until the first slot frees */
	fail_n(t, "a", "x", 100, T0);
	assert_int_equal(throttle_fail(t, "b", "y", T0 + S), 29 * S);
	assert_int_equal(throttle_wait(t, "a", "x", T0 + S), 15 * MIN - S);
	assert_int_equal(throttle_wait(t, "b", "y", T0 + S), 0);
	/* once the waits are over the slots are reusable */
	assert_int_equal(throttle_fail(t, "b", "y", T0 + 15 * MIN), 0);
	throttle_free(t);
}

/* One key's count as the database keeps it (throttle_db.c): the pair's rule
 * step by step, and when its row may be dropped. */
static void test_one_count_by_hand(void **state)
{
	struct throttle_count c = { 0, 0, 0 };
	int i;

	(void)state;
	/* pair (kind 0): 5 free in 15 min, one forgotten every 3 min */
	for (i = 0; i < 4; i++)
		throttle_count_fail(&c, 0, T0);
	assert_int_equal(c.count, 4);
	assert_int_equal(c.mark, T0);
	assert_int_equal(throttle_count_wait(&c, T0), 0);
	/* forgotten at T0 + 12 min, the last failure's wait over */
	assert_int_equal(throttle_count_expires(&c, 0), T0 + 12 * MIN);
	throttle_count_fail(&c, 0, T0);
	assert_int_equal(throttle_count_wait(&c, T0), 30 * S);
	assert_int_equal(throttle_count_wait(&c, T0 + 10 * S), 20 * S);
	throttle_count_fail(&c, 0, T0 + 31 * S);
	assert_int_equal(c.count, 6);
	assert_int_equal(c.until, T0 + 31 * S + MIN);
	assert_int_equal(throttle_count_expires(&c, 0), T0 + 18 * MIN);
	/* 3 min later one is forgotten, the mark moves by 3 min */
	throttle_count_fail(&c, 0, T0 + 3 * MIN);
	assert_int_equal(c.count, 6);
	assert_int_equal(c.mark, T0 + 3 * MIN);
	assert_int_equal(c.until, T0 + 3 * MIN + MIN);
	/* the address (kind 2): 100 free, one forgotten every 9 s */
	c = (struct throttle_count){ 0, 0, 0 };
	throttle_count_fail(&c, 2, T0);
	assert_int_equal(throttle_count_expires(&c, 2), T0 + 9 * S);
	assert_int_equal(throttle_count_wait(&c, T0), 0);
}

/* The keys' names: the same in every process (no per-process secret), one
 * per kind, 32 hex digits, and apart for another account or address. */
static void test_key_names(void **state)
{
	char a[THROTTLE_KEYS][THROTTLE_NAME], b[THROTTLE_KEYS][THROTTLE_NAME];
	int i;

	(void)state;
	throttle_key_names("auditor", "10.0.0.1", a);
	throttle_key_names("auditor", "10.0.0.1", b);
	for (i = 0; i < THROTTLE_KEYS; i++) {
		assert_string_equal(a[i], b[i]);
		assert_int_equal(strlen(a[i]), 32);
		assert_int_equal(strspn(a[i], "0123456789abcdef"), 32);
	}
	assert_string_not_equal(a[0], a[1]);
	assert_string_not_equal(a[1], a[2]);
	throttle_key_names("auditor", "10.0.0.2", b);
	assert_string_not_equal(a[0], b[0]);
	assert_string_equal(a[1], b[1]);   /* the account's key: every address */
	assert_string_not_equal(a[2], b[2]);
	throttle_key_names("leader", "10.0.0.1", b);
	assert_string_not_equal(a[0], b[0]);
	assert_string_not_equal(a[1], b[1]);
	assert_string_equal(a[2], b[2]);   /* the address's key: every account */
}

static int setup(void **state)
{
	(void)state;
	return secret_init();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pair_waits_doubling_after_five),
		cmocka_unit_test(test_window_slides),
		cmocka_unit_test(test_success_forgets_the_pair_only),
		cmocka_unit_test(test_account_slows_a_distributed_guess),
		cmocka_unit_test(test_address_stops_a_spray),
		cmocka_unit_test(test_full_table_keeps_waiting_keys),
		cmocka_unit_test(test_one_count_by_hand),
		cmocka_unit_test(test_key_names),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
