/* test_escalate.c — the escalation run (core/escalate.c) on a real store: the
 * run's counts and escalations worked out by hand, the run again on the same
 * day, and what a failing store leaves: a transaction that cannot begin, an
 * escalation step the database refuses (a trigger) — the error, an empty run
 * and nothing written. The rule itself (item_escalation) is test_items'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/escalate.h"
#include "store_fixture.h"

#define D(y, m, d) day_from_ymd(y, m, d)

/* District 1, section S1 (2), project P1 in S1. Items of P1 owned by S1,
 * days in 2024, under the default settings (level 2: 10 days, level 3: 10):
 *   1  level 1, 本级时限 06-10, open                     → level 2, 06-25
 *   2  level 1, 本级时限 06-10, its last step on 06-20   counted in later
 *   3  level 2, 本级时限 06-12, answered                 → level 3, 06-25
 *   4  level 4, 办结时限 06-05: overdue at the top        counted in top
 *   5  resolved, 本级时限 06-01                          not pending
 *   6  level 1, 本级时限 06-20 (not yet passed on 06-15) stays
 *   7  level 1, 本级时限 06-14, its last step on 06-15   → level 2, 06-25
 *   8  level 1, 本级时限 06-15, the day itself: in time  stays
 *   9  level 4, 办结时限 06-30: at the top, not overdue   not in top
 * On 06-15: 8 pending looked at (all but 5), 3 escalated (1, 3, 7), 1 top,
 * 1 later. */
static const struct {
	int level;
	enum item_status status;
	int lm, ld, dm, dd, om, od; /* 本级时限, 办结时限, the day of its step */
} items[9] = {
	{ 1, IS_OPEN, 6, 10, 6, 30, 6, 1 },  { 1, IS_OPEN, 6, 10, 6, 30, 6, 20 },
	{ 2, IS_ANSWERED, 6, 12, 6, 30, 6, 2 }, { 4, IS_OPEN, 6, 5, 6, 5, 5, 20 },
	{ 1, IS_RESOLVED, 6, 1, 6, 30, 6, 1 }, { 1, IS_OPEN, 6, 20, 6, 30, 6, 1 },
	{ 1, IS_OPEN, 6, 14, 6, 30, 6, 15 }, { 1, IS_OPEN, 6, 15, 6, 30, 6, 1 },
	{ 4, IS_OPEN, 6, 30, 6, 30, 6, 1 },
};

static int setup(void **state)
{
	struct sf *f = xcalloc(1, sizeof(*f));
	int64_t d, s, p;
	size_t i;

	sf_open(f, "test_escalate");
	assert_int_equal(store_begin(f->st), BL_OK);
	d = sf_unit(f, "D", "区", UNIT_DISTRICT, 0);
	s = sf_unit(f, "S1", "甲街道", UNIT_SECTION, d);
	p = sf_project(f, "P1", s, 0);
	for (i = 0; i < 9; i++)
		assert_int_equal(sf_item(f, p, s, "用地指标未落实", items[i].level, items[i].status,
					 D(2024, items[i].om, items[i].od),
					 D(2024, items[i].dm, items[i].dd),
					 D(2024, items[i].lm, items[i].ld)),
				 (int64_t)i + 1);
	assert_int_equal(store_commit(f->st), BL_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct sf *f = *state;

	sf_close(f);
	free(f);
	return 0;
}

/* Item id's level, 本级时限 and version as stored. */
static void stored(struct sf *f, int64_t id, int level, bl_day level_deadline, int64_t version)
{
	struct item it;

	item_init(&it);
	assert_int_equal(store_item_get(f->st, id, &it), BL_OK);
	assert_int_equal(it.level, level);
	assert_int_equal(it.level_deadline, level_deadline);
	assert_int_equal(it.version, version);
	item_release(&it);
}

static int count_step(void *ctx, const struct item_step *s)
{
	(void)s;
	++*(int *)ctx;
	return 0;
}

static int steps_of(struct sf *f, int64_t id)
{
	int n = 0;

	assert_int_equal(store_item_steps(f->st, id, count_step, &n), BL_OK);
	return n;
}

/* A run that did nothing: every count 0, no escalation, the day kept. */
static void empty_run(const struct escalation_run *r, bl_day asof)
{
	assert_int_equal(r->asof, asof);
	assert_null(r->v);
	assert_int_equal(r->n, 0);
	assert_int_equal(r->alloc, 0);
	assert_int_equal(r->pending, 0);
	assert_int_equal(r->top, 0);
	assert_int_equal(r->later, 0);
}

static void test_run_by_hand(void **state)
{
	static const struct { int64_t id; int from, to, wm, wd; } want[3] = {
		{ 1, 1, 2, 6, 10 }, { 3, 2, 3, 6, 12 }, { 7, 1, 2, 6, 14 },
	};
	struct sf *f = *state;
	struct item_settings is;
	struct escalation_run r;
	size_t i;

	item_settings_defaults(&is);
	assert_int_equal(items_escalate(f->st, D(2024, 6, 15), &is, &r), BL_OK);
	assert_int_equal(r.asof, D(2024, 6, 15));
	assert_int_equal(r.pending, 8);
	assert_int_equal(r.top, 1);
	assert_int_equal(r.later, 1);
	assert_int_equal(r.n, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(r.v[i].item_id, want[i].id);
		assert_int_equal(r.v[i].project_id, 1);
		assert_int_equal(r.v[i].from, want[i].from);
		assert_int_equal(r.v[i].to, want[i].to);
		assert_int_equal(r.v[i].was_deadline, D(2024, want[i].wm, want[i].wd));
		assert_int_equal(r.v[i].deadline, D(2024, 6, 25));
		stored(f, want[i].id, want[i].to, D(2024, 6, 25), 2);
		assert_int_equal(steps_of(f, want[i].id), 2);
	}
	escalation_run_release(&r);
	empty_run(&r, 0);
	stored(f, 2, 1, D(2024, 6, 10), 1);
	stored(f, 6, 1, D(2024, 6, 20), 1);
	stored(f, 8, 1, D(2024, 6, 15), 1);
	/* the same day again: nothing is past its new 本级时限 */
	assert_int_equal(items_escalate(f->st, D(2024, 6, 15), &is, &r), BL_OK);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.pending, 8);
	escalation_run_release(&r);
	stored(f, 1, 2, D(2024, 6, 25), 2);
	assert_int_equal(steps_of(f, 1), 2);
}

/* store_begin fails (a transaction is already open on the connection):
 * the store's error, an empty run, nothing written. */
static void test_begin_fails(void **state)
{
	struct sf *f = *state;
	struct item_settings is;
	struct escalation_run r;

	item_settings_defaults(&is);
	assert_int_equal(store_begin(f->st), BL_OK);
	assert_int_equal(items_escalate(f->st, D(2024, 6, 15), &is, &r), BL_EDB);
	empty_run(&r, D(2024, 6, 15));
	store_rollback(f->st);
	stored(f, 1, 1, D(2024, 6, 10), 1);
	stored(f, 3, 2, D(2024, 6, 12), 1);
	assert_int_equal(steps_of(f, 1), 1);
}

/* The database refuses item 3's escalation step after item 1's was
 * written: the run ends with the store's error, an empty run, and item 1's
 * escalation rolled back with it. */
static void test_step_refused(void **state)
{
	struct sf *f = *state;
	struct item_settings is;
	struct escalation_run r;

	sf_sql(f, "CREATE TRIGGER refuse BEFORE INSERT ON item_steps WHEN NEW.item_id = 3"
		  " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
	item_settings_defaults(&is);
	assert_int_equal(items_escalate(f->st, D(2024, 6, 15), &is, &r), BL_ECONFLICT);
	assert_string_equal(store_errmsg(f->st), "insert item step: refused by the test");
	empty_run(&r, D(2024, 6, 15));
	stored(f, 1, 1, D(2024, 6, 10), 1);
	stored(f, 3, 2, D(2024, 6, 12), 1);
	assert_int_equal(steps_of(f, 1), 1);
	assert_int_equal(steps_of(f, 3), 1);
	/* the store is usable again: without the trigger the run goes through */
	sf_sql(f, "DROP TRIGGER refuse");
	assert_int_equal(items_escalate(f->st, D(2024, 6, 15), &is, &r), BL_OK);
	assert_int_equal(r.n, 3);
	escalation_run_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_run_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_begin_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
