/* test_demolition_target.c — a demolition target (issue #15 item 5,
 * core/demolition_target.h) judged like every target (DOMAIN.md §5): its
 * actual is Σ the latest progress report of each task of its year and
 * measure in its section subtree, at the day before and the day of a
 * report, on track vs at risk at the exact pace, met, missed; the drill-down
 * lists the tasks. All figures by hand below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/demolition_target.h"
#include "core/targets.h"
#include "fixture.h"
#include "util/xalloc.h"

static void task(struct demolition_book *b, int64_t id, int64_t section, int year,
		 enum demolition_measure m, int64_t quantity)
{
	struct demolition_task *t;

	b->tasks = xrealloc(b->tasks, (b->n_tasks + 1) * sizeof(*t));
	t = &b->tasks[b->n_tasks++];
	demolition_task_init(t);
	t->id = id;
	t->section_id = section;
	t->year = year;
	t->name = xstrdup("任务");
	t->measure = m;
	t->quantity = quantity;
	t->due = fx_day(year, 12, 31);
}

static void report(struct demolition_book *b, int64_t task_id, int m, int d, int64_t done)
{
	struct demolition_report *r;

	b->reports = xrealloc(b->reports, (b->n_reports + 1) * sizeof(*r));
	r = &b->reports[b->n_reports++];
	memset(r, 0, sizeof(*r));
	r->task_id = task_id;
	r->on = fx_day(2024, m, d);
	r->done = done;
}

/* District 1 → section 2 (S01) → street 5 (J05); section 3 (S02).
 * Tasks: 1 S01 area 2024; 2 J05 area 2024; 3 S02 area 2024;
 * 4 S01 households 2024; 5 S01 area 2023 (another year).
 * Reports: task 1 03-31 2000 and 05-31 4000; task 2 04-30 10000;
 * task 3 04-30 5000; task 4 04-30 10; task 5 04-30 999. */
static int setup(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));
	struct demolition_book *b = xcalloc(1, sizeof(*b));

	ds->year = 2024;
	fx_unit(ds, 1, "D1", "D1", UNIT_DISTRICT, 0);
	fx_unit(ds, 2, "S01", "S01", UNIT_SECTION, 1);
	fx_unit(ds, 3, "S02", "S02", UNIT_SECTION, 1);
	fx_unit(ds, 5, "J05", "J05", UNIT_STREET, 2);
	dataset_index(ds);
	task(b, 1, 2, 2024, DM_AREA, 20000);
	task(b, 2, 5, 2024, DM_AREA, 16500);
	task(b, 3, 3, 2024, DM_AREA, 5000);
	task(b, 4, 2, 2024, DM_HOUSEHOLDS, 40);
	task(b, 5, 2, 2023, DM_AREA, 999);
	report(b, 1, 3, 31, 2000);
	report(b, 1, 5, 31, 4000);
	report(b, 2, 4, 30, 10000);
	report(b, 3, 4, 30, 5000);
	report(b, 4, 4, 30, 10);
	report(b, 5, 4, 30, 999);
	ds->own_demolition = b;
	ds->demolition = b;
	*state = ds;
	return 0;
}

static int teardown(void **state)
{
	struct dataset *ds = *state;

	dataset_release(ds);
	free(ds);
	return 0;
}

static struct target target(enum measure_key m, int64_t section, int64_t value, int mo, int d)
{
	struct target t;

	memset(&t, 0, sizeof(t));
	t.year = 2024;
	t.measure = m;
	t.tier = TIER_ANY;
	t.section_id = section;
	t.due = fx_day(2024, mo, d);
	t.value = value;
	return t;
}

/* S01's area target 36500 ㎡ by 12-31: total 365 days (2024-01-01 …
 * 12-31), so the pace is 100 ㎡ a day elapsed. */
static void test_pace_boundary(void **state)
{
	struct dataset *ds = *state;
	struct target t = target(M_DEMOLITION_AREA, 2, 36500, 12, 31);
	struct target_eval e;

	/* 04-29: elapsed 119 days; task 1's 03-31 report 2000, task 2 none */
	target_evaluate(ds, &t, fx_day(2024, 4, 29), &e);
	assert_int_equal(e.has_actual, 1);
	assert_int_equal(e.actual, 2000);
	assert_int_equal(e.expected, 11900);
	assert_int_equal(e.status, TS_AT_RISK);
	/* 04-30: elapsed 120; 2000 + task 2's 10000 = 12000 = 36500 × 120 / 365:
	 * exactly at the pace, on track */
	target_evaluate(ds, &t, fx_day(2024, 4, 30), &e);
	assert_int_equal(e.actual, 12000);
	assert_int_equal(e.expected, 12000);
	assert_int_equal(e.status, TS_ON_TRACK);
	/* one ㎡ short of the pace: at risk */
	ds->own_demolition->reports[0].done = 1999;
	target_evaluate(ds, &t, fx_day(2024, 4, 30), &e);
	assert_int_equal(e.actual, 11999);
	assert_int_equal(e.status, TS_AT_RISK);
	/* 05-31: task 1's 4000 replaces its 2000 (the latest, not a sum):
	 * 14000 against 36500 × 151 / 365 = 15100 */
	target_evaluate(ds, &t, fx_day(2024, 5, 31), &e);
	assert_int_equal(e.actual, 14000);
	assert_int_equal(e.expected, 15100);
	assert_int_equal(e.status, TS_AT_RISK);
	/* the due date passed short of 36500: missed, judged on 12-31 */
	target_evaluate(ds, &t, fx_day(2025, 2, 1), &e);
	assert_int_equal(e.judged_on, fx_day(2024, 12, 31));
	assert_int_equal(e.actual, 14000);
	assert_int_equal(e.expected, 36500);
	assert_int_equal(e.status, TS_MISSED);
}

/* The street's target is met by its own task; the district's sums every
 * section; households are their own measure; a target naming a tier,
 * department or industrial flag is refused and counts nothing. */
static void test_scopes(void **state)
{
	struct dataset *ds = *state;
	struct target street = target(M_DEMOLITION_AREA, 5, 10000, 6, 30);
	struct target whole = target(M_DEMOLITION_AREA, 0, 40000, 12, 31);
	struct target hh = target(M_DEMOLITION_HOUSEHOLDS, 2, 40, 12, 31);
	struct target_eval e;
	const char *field;

	target_evaluate(ds, &street, fx_day(2024, 4, 30), &e);
	assert_int_equal(e.actual, 10000);
	assert_int_equal(e.status, TS_MET);
	target_evaluate(ds, &whole, fx_day(2024, 4, 30), &e);
	assert_int_equal(e.actual, 2000 + 10000 + 5000);
	target_evaluate(ds, &hh, fx_day(2024, 4, 30), &e);
	assert_int_equal(e.actual, 10);
	/* nothing reported by 01-15: 0 done, at risk (0 < 40 × 14 / 365) */
	target_evaluate(ds, &hh, fx_day(2024, 1, 15), &e);
	assert_int_equal(e.actual, 0);
	assert_int_equal(e.has_actual, 1);
	assert_int_equal(e.status, TS_AT_RISK);

	assert_null(demolition_target_problem(&whole, &field));
	whole.industrial = 1;
	assert_non_null(demolition_target_problem(&whole, &field));
	assert_string_equal(field, "industrial");
	target_evaluate(ds, &whole, fx_day(2024, 4, 30), &e);
	assert_int_equal(e.actual, 0);
	whole.industrial = 0;
	whole.tier = TIER_CITY;
	assert_non_null(demolition_target_problem(&whole, &field));
	assert_string_equal(field, "tier");
	hh.measure = M_NEW_STARTS;
	hh.tier = TIER_CITY;
	assert_null(demolition_target_problem(&hh, &field));

	assert_null(target_value_problem(M_DEMOLITION_AREA, 1000000000));
	assert_non_null(target_value_problem(M_DEMOLITION_AREA, 1000000001));
	assert_non_null(target_value_problem(M_DEMOLITION_HOUSEHOLDS, -1));
}

/* The drill-down: S01's tasks 1 and 2 (not S02's, not the households, not
 * 2023's), each with its latest report by the day. */
static void test_shares(void **state)
{
	struct dataset *ds = *state;
	struct target t = target(M_DEMOLITION_AREA, 2, 36500, 12, 31);
	struct demolition_share *sh;
	int64_t total;
	size_t n = demolition_target_shares(ds, &t, fx_day(2024, 4, 29), &sh, &total);

	assert_int_equal(n, 2);
	assert_int_equal(total, 2000);
	assert_int_equal(sh[0].task->id, 1);
	assert_int_equal(sh[0].done, 2000);
	assert_int_equal(sh[0].reported_on, fx_day(2024, 3, 31));
	assert_int_equal(sh[1].task->id, 2);
	assert_int_equal(sh[1].has_report, 0);
	assert_int_equal(sh[1].done, 0);
	assert_int_equal(sh[1].reported_on, DAY_NONE);
	free(sh);
	/* not a demolition measure: no tasks */
	t.measure = M_NEW_STARTS;
	assert_int_equal(demolition_target_shares(ds, &t, fx_day(2024, 4, 29), &sh, &total), 0);
	assert_null(sh);
}

/* The latest report is the one with the latest day, whatever the order the
 * book lists them in: task 1's reports listed 05-31 then 03-31 give 4000 on
 * 06-30 and 2000 on 04-29 (the 05-31 one is not yet made). */
static void test_latest_by_day_not_by_order(void **state)
{
	struct dataset *ds = *state;
	struct target t = target(M_DEMOLITION_AREA, 2, 36500, 12, 31);
	struct demolition_report tmp = ds->own_demolition->reports[0];
	struct demolition_share *sh;
	int64_t total;
	size_t n;

	ds->own_demolition->reports[0] = ds->own_demolition->reports[1];
	ds->own_demolition->reports[1] = tmp;
	n = demolition_target_shares(ds, &t, fx_day(2024, 6, 30), &sh, &total);
	assert_int_equal(n, 2);
	assert_int_equal(sh[0].task->id, 1);
	assert_int_equal(sh[0].has_report, 1);
	assert_int_equal(sh[0].done, 4000);
	assert_int_equal(sh[0].reported_on, fx_day(2024, 5, 31));
	assert_int_equal(total, 14000);
	free(sh);
	n = demolition_target_shares(ds, &t, fx_day(2024, 4, 29), &sh, &total);
	assert_int_equal(n, 2);
	assert_int_equal(sh[0].has_report, 1);
	assert_int_equal(sh[0].done, 2000);
	assert_int_equal(sh[0].reported_on, fx_day(2024, 3, 31));
	assert_int_equal(total, 2000);
	free(sh);
}

/* Each filter a demolition target may not have is refused with its field,
 * and alone counts no task. */
static void test_each_refused_filter(void **state)
{
	struct dataset *ds = *state;
	struct target whole = target(M_DEMOLITION_AREA, 0, 40000, 12, 31);
	struct demolition_share *sh;
	struct target_eval e;
	const char *field = "x";
	int64_t total;

	assert_null(demolition_target_problem(&whole, &field));
	assert_null(field);
	assert_int_equal(demolition_target_shares(ds, &whole, fx_day(2024, 4, 30), &sh, &total), 3);
	assert_int_equal(total, 17000);
	free(sh);
	whole.department_id = 7;
	assert_string_equal(demolition_target_problem(&whole, &field),
			    "a demolition target has a section (or none) only: no tier, "
			    "department or industrial filter");
	assert_string_equal(field, "department");
	assert_int_equal(demolition_target_shares(ds, &whole, fx_day(2024, 4, 30), &sh, &total), 0);
	assert_int_equal(total, 0);
	free(sh);
	target_evaluate(ds, &whole, fx_day(2024, 4, 30), &e);
	assert_int_equal(e.actual, 0);
	whole.department_id = 0;
	whole.tier = TIER_PROVINCE;
	assert_string_equal(field, "department");
	assert_non_null(demolition_target_problem(&whole, &field));
	assert_string_equal(field, "tier");
	assert_int_equal(demolition_target_shares(ds, &whole, fx_day(2024, 4, 30), &sh, &total), 0);
	free(sh);
	target_evaluate(ds, &whole, fx_day(2024, 4, 30), &e);
	assert_int_equal(e.actual, 0);
	/* a tier and a department: the tier is named */
	whole.department_id = 7;
	whole.industrial = 1;
	assert_non_null(demolition_target_problem(&whole, &field));
	assert_string_equal(field, "tier");
	whole.tier = TIER_ANY;
	assert_non_null(demolition_target_problem(&whole, &field));
	assert_string_equal(field, "department");
	/* households: the same rule */
	whole.measure = M_DEMOLITION_HOUSEHOLDS;
	whole.department_id = 0;
	assert_non_null(demolition_target_problem(&whole, &field));
	assert_string_equal(field, "industrial");
	assert_int_equal(demolition_measure_of(M_DEMOLITION_HOUSEHOLDS), DM_HOUSEHOLDS);
	assert_int_equal(demolition_measure_of(M_DEMOLITION_AREA), DM_AREA);
	assert_int_equal(demolition_measure_of(M_NEW_STARTS), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pace_boundary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scopes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shares, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latest_by_day_not_by_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_refused_filter, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
