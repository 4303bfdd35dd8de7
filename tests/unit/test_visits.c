/* test_visits.c — core/visits.c: the supervision windows of both parities at
 * their edges, the schedule's selection (threshold inclusive, filed-not-started
 * or red as handed in, judged on the window's first day), its order by
 * section then ref, the visited marks (supervision visits inside the window
 * only, the first one named), narrowing, and the fields' checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/visits.h"
#include "fixture.h"

static void window_is(const char *why, bl_day d, int even, bl_day from, bl_day to)
{
	struct schedule_settings ss;
	bl_day f, t;

	(void)why;
	schedule_settings_defaults(&ss);
	ss.even = even;
	schedule_window(d, &ss, &f, &t);
	assert_int_equal(f, from);
	assert_int_equal(t, to);
}

static void test_windows(void **state)
{
	(void)state;
	window_is("odd, January 1st", fx_day(2024, 1, 1), 0, fx_day(2024, 1, 1), fx_day(2024, 2, 29));
	window_is("odd, leap February's end", fx_day(2024, 2, 29), 0, fx_day(2024, 1, 1),
		  fx_day(2024, 2, 29));
	window_is("odd, March 1st", fx_day(2024, 3, 1), 0, fx_day(2024, 3, 1), fx_day(2024, 4, 30));
	window_is("odd, the year's last", fx_day(2024, 12, 31), 0, fx_day(2024, 11, 1),
		  fx_day(2024, 12, 31));
	window_is("even, January: the window of the December before", fx_day(2024, 1, 15), 1,
		  fx_day(2023, 12, 1), fx_day(2024, 1, 31));
	window_is("even, February", fx_day(2023, 2, 1), 1, fx_day(2023, 2, 1), fx_day(2023, 3, 31));
}

/* Four projects of 10 亿 ± 1 yuan in two sections. */
static void build(struct dataset *ds)
{
	struct project *p;

	memset(ds, 0, sizeof(*ds));
	ds->year = 2024;
	fx_unit(ds, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(ds, 2, "S2", "乙", UNIT_SECTION, 1);
	fx_unit(ds, 3, "S1", "甲", UNIT_SECTION, 1);
	dataset_index(ds);
	/* 0: at the threshold, filed 2024-03-01, started on the window's first
	 * day: started by then, so not filed-not-started */
	p = fx_project(ds, "B", 2, 0, 1, NULL, 1, 0);
	p->total_investment = 1000000000;
	p->stage_on[STAGE_FILED] = fx_day(2024, 3, 1);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 5, 1);
	/* 1: at the threshold, filed the window's first day, started the next */
	p = fx_project(ds, "A", 2, 0, 1, NULL, 1, 0);
	p->total_investment = 1000000000;
	p->stage_on[STAGE_FILED] = fx_day(2024, 5, 1);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 5, 2);
	/* 2: one yuan short, filed, not started */
	p = fx_project(ds, "C", 3, 0, 1, NULL, 1, 0);
	p->total_investment = 999999999;
	p->stage_on[STAGE_FILED] = fx_day(2024, 1, 1);
	/* 3: red (lights[3]), not filed */
	p = fx_project(ds, "D", 3, 0, 1, NULL, 1, 0);
	p->total_investment = 1000000001;
}

static void test_schedule(void **state)
{
	struct schedule_settings ss;
	struct dataset ds;
	struct schedule s;
	enum light lights[4] = { LIGHT_YELLOW, LIGHT_GREEN, LIGHT_RED, LIGHT_RED };
	struct visit v[5];
	size_t i;

	(void)state;
	build(&ds);
	schedule_settings_defaults(&ss);
	for (i = 0; i < 5; i++)
		visit_init(&v[i]);
	/* 1 (A): two supervision visits, the first named; one the day after
	 * the window; 3 (D): a commando visit only */
	v[0] = (struct visit){ 10, 2, fx_day(2024, 6, 30), VK_SUPERVISION, NULL, NULL, NULL, NULL, 1 };
	v[1] = (struct visit){ 11, 2, fx_day(2024, 5, 3), VK_SUPERVISION, NULL, NULL, NULL, NULL, 1 };
	v[2] = (struct visit){ 12, 2, fx_day(2024, 7, 1), VK_SUPERVISION, NULL, NULL, NULL, NULL, 1 };
	v[3] = (struct visit){ 13, 4, fx_day(2024, 5, 9), VK_COMMANDO, NULL, NULL, NULL, NULL, 1 };
	v[4] = (struct visit){ 14, 4, fx_day(2024, 4, 30), VK_SUPERVISION, NULL, NULL, NULL, NULL, 1 };
	schedule_build(&ds, lights, &ss, fx_day(2024, 6, 1), v, 5, &s);
	assert_int_equal(s.from, fx_day(2024, 5, 1));
	assert_int_equal(s.to, fx_day(2024, 6, 30));
	/* S1's D before S2's A; B (started) and C (one yuan short) are off */
	assert_int_equal(s.n, 2);
	assert_string_equal(s.v[0].ref, "D");
	assert_int_equal(s.v[0].red, 1);
	assert_int_equal(s.v[0].filed_not_started, 0);
	assert_int_equal(s.v[0].visits, 0);
	assert_int_equal(s.v[0].visited_on, DAY_NONE);
	assert_string_equal(s.v[1].ref, "A");
	assert_int_equal(s.v[1].filed_not_started, 1);
	assert_int_equal(s.v[1].red, 0);
	assert_int_equal(s.v[1].visits, 2);
	assert_int_equal(s.v[1].visited_on, fx_day(2024, 5, 3));
	assert_int_equal(s.v[1].visit_id, 11);
	assert_int_equal(s.visited, 1);
	schedule_release(&s);
	ss.threshold = 999999999;
	schedule_build(&ds, lights, &ss, fx_day(2024, 6, 1), v, 5, &s);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].ref, "C");
	schedule_release(&s);
	dataset_release(&ds);
}

static void test_checks(void **state)
{
	struct visit v;
	struct team t;
	const char *field;

	(void)state;
	visit_init(&v);
	v.on = fx_day(2024, 6, 30);
	assert_string_equal(visit_check(&v, fx_day(2024, 6, 30), &field), "who visited is needed");
	assert_string_equal(field, "who");
	v.who = xstrdup("王");
	assert_null(visit_check(&v, fx_day(2024, 6, 30), &field));
	assert_non_null(visit_check(&v, fx_day(2024, 6, 29), &field));
	assert_string_equal(field, "on");
	visit_release(&v);
	team_init(&t);
	assert_non_null(team_check(&t, &field));
	assert_string_equal(field, "name");
	t.name = xstrdup("突击队");
	t.members = xstrdup("s01\n张工\n");
	assert_null(team_check(&t, &field));
	team_release(&t);
	assert_int_equal(visit_kind_from_text("双月现场督办"), VK_SUPERVISION);
	assert_int_equal(visit_kind_from_text("supervision"), VK_SUPERVISION);
	assert_int_equal(visit_kind_from_text("Supervision"), -1);
}

/* Each check of a visit and a team with its message and field. */
static void test_each_check(void **state)
{
	struct visit v;
	struct team t;
	const char *field = "x";
	char longer[120];

	(void)state;
	visit_init(&v);
	assert_string_equal(visit_check(&v, fx_day(2024, 6, 30), &field), "a visit's day is needed");
	assert_string_equal(field, "on");
	v.on = fx_day(2024, 6, 30);
	v.who = xstrdup("王");
	assert_string_equal(visit_check(&v, fx_day(2024, 6, 29), &field),
			    "a visit is not recorded before its day");
	v.kind = VK__MAX;
	assert_string_equal(visit_check(&v, fx_day(2024, 6, 30), &field),
			    "not one of commando, supervision, other");
	assert_string_equal(field, "kind");
	v.kind = VK_OTHER;
	assert_null(visit_check(&v, fx_day(2024, 6, 30), &field));
	assert_null(field);
	free(v.who);
	v.who = xstrdup("王\n李");
	assert_string_equal(visit_check(&v, fx_day(2024, 6, 30), &field),
			    "holds a control character or line break");
	assert_string_equal(field, "who");
	free(v.who);
	v.who = xstrdup("王");
	v.findings = xstrdup("一、进度滞后\n二、缺少用地指标");
	assert_null(visit_check(&v, fx_day(2024, 6, 30), &field));
	assert_null(field);
	free(v.findings);
	v.findings = xstrdup("进度\x01滞后");
	assert_string_equal(visit_check(&v, fx_day(2024, 6, 30), &field),
			    "holds a control character");
	assert_string_equal(field, "findings");
	visit_release(&v);

	team_init(&t);
	t.name = xstrdup("突击\n一队");
	assert_string_equal(team_check(&t, &field), "holds a control character or line break");
	assert_string_equal(field, "name");
	free(t.name);
	t.name = xstrdup("突击一队");
	assert_null(team_check(&t, &field)); /* no members */
	assert_null(field);
	t.members = xstrdup("");
	assert_null(team_check(&t, &field));
	free(t.members);
	memset(longer, 'a', 101);
	longer[101] = '\0';
	t.members = xstrdup(longer);
	assert_string_equal(team_check(&t, &field),
			    "a member's name is longer than 100 characters or holds a control "
			    "character");
	assert_string_equal(field, "members");
	longer[100] = '\0';
	free(t.members);
	t.members = xstrdup(longer);
	assert_null(team_check(&t, &field));
	team_release(&t);
	assert_null(t.name);
	assert_null(t.members);
}

/* The settings: the months' parity and the threshold, each checked. */
static void test_settings(void **state)
{
	struct schedule_settings ss;

	(void)state;
	schedule_settings_defaults(&ss);
	assert_int_equal(ss.even, 0);
	assert_int_equal(ss.threshold, 1000000000);
	assert_null(schedule_settings_set(&ss, "supervision.months", "even"));
	assert_int_equal(ss.even, 1);
	assert_int_equal(ss.threshold, 1000000000);
	assert_null(schedule_settings_set(&ss, "supervision.months", "odd"));
	assert_int_equal(ss.even, 0);
	assert_non_null(schedule_settings_set(&ss, "supervision.months", "both"));
	assert_int_equal(ss.even, 0);
	assert_null(schedule_settings_set(&ss, "supervision.threshold_yuan", "500000000"));
	assert_int_equal(ss.threshold, 500000000);
	assert_int_equal(ss.even, 0);
	assert_non_null(schedule_settings_set(&ss, "supervision.threshold_yuan", "-1"));
	assert_int_equal(ss.threshold, 500000000);
	assert_string_equal(schedule_settings_set(&ss, "report.due_day", "5"),
			    "unknown supervision setting");
	assert_string_equal(schedule_settings_set(&ss, "supervision.nothing", "1"),
			    "unknown supervision setting");
	assert_true(schedule_setting_is_ours("supervision.threshold_yuan"));
	assert_false(schedule_setting_is_ours("report.due_day"));
}

static int keep_index(void *ctx, size_t project)
{
	return project == *(size_t *)ctx;
}

static int keep_all(void *ctx, size_t project)
{
	(void)ctx;
	(void)project;
	return 1;
}

/* Narrowing the schedule of test_schedule (D: 0 visits, A: 2) to what a
 * caller sees: the visited count follows. */
static void test_keep(void **state)
{
	struct schedule_settings ss;
	struct dataset ds;
	struct schedule s;
	enum light lights[4] = { LIGHT_YELLOW, LIGHT_GREEN, LIGHT_RED, LIGHT_RED };
	struct visit v[2];
	size_t only;

	(void)state;
	build(&ds);
	schedule_settings_defaults(&ss);
	v[0] = (struct visit){ 10, 2, fx_day(2024, 6, 30), VK_SUPERVISION, NULL, NULL, NULL, NULL, 1 };
	v[1] = (struct visit){ 11, 2, fx_day(2024, 5, 3), VK_SUPERVISION, NULL, NULL, NULL, NULL, 1 };
	schedule_build(&ds, lights, &ss, fx_day(2024, 6, 1), v, 2, &s);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.visited, 1);
	schedule_keep(&s, keep_all, NULL);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.visited, 1);
	only = 1; /* A */
	schedule_keep(&s, keep_index, &only);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].ref, "A");
	assert_int_equal(s.v[0].visits, 2);
	assert_int_equal(s.visited, 1);
	only = 3; /* D, no longer in it */
	schedule_keep(&s, keep_index, &only);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.visited, 0);
	schedule_release(&s);
	assert_null(s.v);
	assert_int_equal(s.n, 0);
	schedule_release(&s);
	schedule_build(&ds, lights, &ss, fx_day(2024, 6, 1), v, 2, &s);
	only = 3;
	schedule_keep(&s, keep_index, &only);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].ref, "D");
	assert_int_equal(s.visited, 0);
	schedule_release(&s);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_schedule),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_each_check),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_keep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
