/* test_bounds.c — the domain's bounds (issue #9): amounts in 0 … 10^15 yuan
 * (core/model.c), checked sums that saturate instead of wrapping (measures,
 * warnings, targets, contest, bulletin over stored values past the bound),
 * report months in 2000-01 … 2099-12 (core/date.c, io/parse.c), target values
 * per measure kind (core/targets.c), and the CSV formula guard both ways
 * (util/buf.c). Run under UBSan: a wrapped signed sum aborts the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/measures.h"
#include "core/scoring.h"
#include "core/targets.h"
#include "core/warnings.h"
#include "fixture.h"
#include "io/parse.h"
#include "report/bulletin.h"
#include "report/doc.h"
#include "report/render.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define E15 INT64_C(1000000000000000)

static void test_amount_bound(void **state)
{
	(void)state;
	assert_int_equal(AMOUNT_MAX, E15);
	assert_null(amount_problem(0));
	assert_null(amount_problem(1));
	assert_null(amount_problem(E15));
	assert_string_equal(amount_problem(E15 + 1),
			    "out of range: more than 10^15 yuan (100000000000 万元)");
	assert_string_equal(amount_problem(INT64_MAX),
			    "out of range: more than 10^15 yuan (100000000000 万元)");
	assert_string_equal(amount_problem(-1), "must not be negative");
	assert_string_equal(amount_problem(INT64_MIN + 1), "must not be negative");
}

static void test_amount_add(void **state)
{
	int64_t s = 5;

	(void)state;
	assert_int_equal(amount_add(&s, 7), 0);
	assert_int_equal(s, 12);
	assert_int_equal(amount_add(&s, -12), 0);
	assert_int_equal(s, 0);
	s = INT64_MAX;
	assert_int_equal(amount_add(&s, INT64_MAX), -1);
	assert_int_equal(s, INT64_MAX);
	s = INT64_MAX - 1;
	assert_int_equal(amount_add(&s, 1), 0);
	assert_int_equal(s, INT64_MAX);
	assert_int_equal(amount_add(&s, 1), -1);
	assert_int_equal(s, INT64_MAX);
	s = -INT64_MAX;
	assert_int_equal(amount_add(&s, -2), -1);
	assert_int_equal(s, -INT64_MAX); /* never AMOUNT_NONE */
	s = -INT64_MAX - 1;
	assert_int_equal(amount_add(&s, -1), -1); /* −1 overflows too: saturates negative */
	assert_int_equal(s, -INT64_MAX);
	/* The case: twice INT64_MAX is not -2. */
	s = 0;
	amount_add(&s, INT64_MAX);
	amount_add(&s, INT64_MAX);
	assert_int_equal(s, INT64_MAX);
}

static void wan_ok(const char *s, int64_t want)
{
	int64_t v = 0;
	const char *why = parse_wanyuan(s, &v);

	if (why)
		fail_msg("parse_wanyuan(\"%s\"): %s", s, why);
	assert_int_equal(v, want);
}

static void wan_bad(const char *s)
{
	int64_t v = 42;
	const char *why = parse_wanyuan(s, &v);

	if (!why)
		fail_msg("parse_wanyuan(\"%s\") accepted", s);
	assert_string_equal(why, "out of range: more than 100000000000 万元 (10^15 yuan)");
	assert_int_equal(v, 42);
}

static void test_wanyuan_bound(void **state)
{
	(void)state;
	wan_ok("100000000000", E15);
	wan_ok("100,000,000,000.0000", E15);
	wan_ok("-100000000000", -E15);
	wan_bad("100000000000.0001");
	wan_bad("922337203685477.5807"); /* INT64_MAX yuan */
	wan_bad("-100000000000.0001");
}

static void month_ok(const char *s, int y, int m)
{
	bl_month mo = 0;
	const char *why = parse_month(s, &mo);

	if (why)
		fail_msg("parse_month(\"%s\"): %s", s, why);
	assert_int_equal(mo, month_from_ym(y, m));
	assert_true(month_in_range(mo));
}

static void month_out(const char *s)
{
	bl_month mo = 77;
	const char *why = parse_month(s, &mo);

	if (!why)
		fail_msg("parse_month(\"%s\") accepted", s);
	assert_string_equal(why, "month out of range (2000-01 to 2099-12)");
	assert_int_equal(mo, 77);
}

static void test_month_bounds(void **state)
{
	(void)state;
	month_ok("2000-01", 2000, 1);
	month_ok("2099-12", 2099, 12);
	month_ok("2099年12月", 2099, 12);
	month_out("1999-12");
	month_out("2100-01");
	month_out("1900-01");
	month_out("2999-12");
	month_out("1900/1/1");
	assert_false(month_in_range(month_from_ym(1999, 12)));
	assert_true(month_in_range(month_from_ym(2000, 1)));
	assert_true(month_in_range(month_from_ym(2099, 12)));
	assert_false(month_in_range(month_from_ym(2100, 1)));
}

static void test_target_ranges(void **state)
{
	(void)state;
	assert_null(target_value_problem(M_START_RATE, 0));
	assert_null(target_value_problem(M_START_RATE, 10000));
	assert_string_equal(target_value_problem(M_START_RATE, -5000), "a rate from 0 to 100%");
	assert_string_equal(target_value_problem(M_START_RATE, 10001), "a rate from 0 to 100%");
	assert_string_equal(target_value_problem(M_INVESTMENT_COMPLETION, 99999999999900),
			    "a rate from 0 to 100%");
	assert_null(target_value_problem(M_INDUSTRIAL_VALUE_ADDED_GROWTH, -150));
	assert_null(target_value_problem(M_INDUSTRIAL_VALUE_ADDED_GROWTH, -10000));
	assert_string_equal(target_value_problem(M_INDUSTRIAL_VALUE_ADDED_GROWTH, 10001),
			    "a growth rate from -100% to 100%");
	assert_null(target_value_problem(M_NEW_STARTS, 0));
	assert_null(target_value_problem(M_NEW_STARTS, TARGET_COUNT_MAX));
	assert_string_equal(target_value_problem(M_NEW_STARTS, -1), "a count from 0 to 1000000");
	assert_string_equal(target_value_problem(M_COMPLETIONS, TARGET_COUNT_MAX + 1),
			    "a count from 0 to 1000000");
	assert_null(target_value_problem(M_FIXED_ASSET_INVESTMENT, E15));
	assert_string_equal(target_value_problem(M_FIXED_ASSET_INVESTMENT, E15 + 1),
			    "out of range: more than 10^15 yuan (100000000000 万元)");
	assert_string_equal(target_value_problem(M_ANNUAL_PLAN, -1), "must not be negative");
}

/* ---- sums over stored values past the bound ---- */

/* Two started projects of S01 that each reported INT64_MAX yuan in January and
 * February, with plans of INT64_MAX and a month-by-month plan of INT64_MAX a
 * month: what a database written before the bounds may hold. */
static void huge_dataset(struct dataset *ds)
{
	struct project *p;
	size_t i;
	int m;

	memset(ds, 0, sizeof(*ds));
	ds->year = 2024;
	fx_unit(ds, 1, "D1", "测试区", UNIT_DISTRICT, 0);
	fx_unit(ds, 2, "S01", "甲板块", UNIT_SECTION, 1);
	dataset_index(ds);
	for (i = 0; i < 2; i++) {
		p = fx_project(ds, i ? "P2" : "P1", 2, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), INT64_MAX);
		p->stage_on[STAGE_STARTED] = fx_day(2024, 1, 5);
		p->planned_start = fx_day(2024, 1, 1);
		fx_report(ds, i, 1, INT64_MAX);
		fx_report(ds, i, 2, INT64_MAX);
		ds->listings[i].has_month_plan = i == 1;
		for (m = 0; m < 12 && i == 1; m++)
			ds->listings[i].month_plan[m] = INT64_MAX;
	}
}

static void test_measures_saturate(void **state)
{
	struct dataset ds;
	struct measures m;
	struct scope sc;

	(void)state;
	huge_dataset(&ds);
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	measures_compute(&ds, &sc, &m);
	assert_int_equal(m.projects, 2);
	assert_int_equal(m.investment_yuan, INT64_MAX);
	assert_int_equal(m.annual_plan_yuan, INT64_MAX);
	assert_int_equal(m.investment_completion.num, INT64_MAX);
	assert_int_equal(m.investment_completion.den, INT64_MAX);
	assert_int_equal(ratio_scaled(m.investment_completion, 10000), 10000);
	dataset_release(&ds);
}

static void test_ratio_scaled_saturates(void **state)
{
	struct ratio r = { INT64_MAX, 1 };

	(void)state;
	assert_int_equal(ratio_scaled(r, 10000), INT64_MAX);
	r.num = -INT64_MAX;
	assert_int_equal(ratio_scaled(r, 10000), -INT64_MAX);
}

static size_t count_rule(const struct warning_list *wl, enum warning_rule rule)
{
	size_t i, n = 0;

	for (i = 0; i < wl->n; i++)
		n += wl->items[i].rule == rule;
	return n;
}

static void test_targets_and_warnings_saturate(void **state)
{
	struct dataset ds;
	struct target t;
	struct target_eval ev;
	struct warning_settings ws;
	struct warning_list wl;

	(void)state;
	huge_dataset(&ds);
	memset(&t, 0, sizeof(t));
	t.year = 2024;
	t.measure = M_INVESTMENT;
	t.tier = TIER_ANY;
	t.due = fx_day(2024, 12, 31);
	t.value = E15;
	target_evaluate(&ds, &t, fx_day(2024, 6, 30), &ev);
	assert_int_equal(ev.actual, INT64_MAX);
	assert_int_equal(ev.status, TS_MET);
	warning_settings_defaults(&ws);
	warnings_compute(&ds, &ws, fx_day(2024, 6, 30), &wl);
	assert_int_equal(wl.n_lights, 2);
	assert_int_equal(count_rule(&wl, WR_INVESTMENT_LAG), 0); /* saturated: not behind */
	warning_list_release(&wl);
	ws.lag_form = LAG_POINTS;
	warnings_compute(&ds, &ws, fx_day(2024, 6, 30), &wl);
	assert_int_equal(count_rule(&wl, WR_INVESTMENT_LAG), 0);
	warning_list_release(&wl);
	dataset_release(&ds);
}

static void test_contest_and_bulletin_saturate(void **state)
{
	struct dataset ds;
	struct warning_settings ws;
	struct contest_weights cw;
	struct contest_round r;
	struct bulletin_opts o;
	struct bulletin b;
	struct buf text = BUF_INIT, err = BUF_INIT;
	struct doc d;
	int m;

	(void)state;
	huge_dataset(&ds);
	warning_settings_defaults(&ws);
	contest_weights_defaults(&cw);
	contest_compute(&ds, month_from_ym(2024, 6), &ws, &cw, &r);
	assert_int_equal(r.n, 1);
	assert_true(r.entries[0].score >= 0);
	contest_round_release(&r);
	bulletin_opts_init(&o, month_from_ym(2024, 6));
	bulletin_build(&ds, &o, &b);
	for (m = 0; m < 12; m++)
		assert_int_equal(b.cum_plan[m], INT64_MAX);
	assert_int_equal(b.cum_invest[0], INT64_MAX);
	assert_int_equal(b.cum_invest[5], INT64_MAX);
	bulletin_summary(&b, &text);
	assert_non_null(strstr(text.s, "92233720368.55亿元")); /* INT64_MAX, never negative */
	buf_reset(&text);
	doc_init(&d);
	bulletin_doc(&b, &d);
	assert_int_equal(doc_html(&d, &text, &err), BL_OK);
	doc_release(&d);
	buf_release(&err);
	buf_release(&text);
	bulletin_release(&b);
	dataset_release(&ds);
}

/* ---- the CSV formula guard ---- */

static void field_is(const char *s, const char *want)
{
	struct buf b = BUF_INIT;

	buf_add_csv_field(&b, s);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void test_csv_guard(void **state)
{
	(void)state;
	field_is("=1+1", "'=1+1");
	field_is("+86 510", "'+86 510");
	field_is("-5", "'-5");
	field_is("@SUM(A1)", "'@SUM(A1)");
	field_is("\tx", "'\tx");
	field_is("\rx", "\"'\rx\"");
	field_is("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	field_is("'=x", "''=x");
	field_is("''-x", "'''-x");
	/* Not a formula: as RFC 4180 alone writes them. */
	field_is("a=b", "a=b");
	field_is("'quoted'", "'quoted'");
	field_is("", "");
	field_is("甲,乙", "\"甲,乙\"");
	field_is("2024-03-05", "2024-03-05");
}

static void test_csv_unguard(void **state)
{
	static const char *const texts[] = {
		"=1+1", "+x", "-5", "@x", "\tx", "\rx", "'=x", "''=x", "'", "''", "'a", "a", "",
		"=", "'-",
	};
	size_t i;

	(void)state;
	assert_string_equal(csv_field_unguard("'=1+1"), "=1+1");
	assert_string_equal(csv_field_unguard("'-5"), "-5");
	assert_string_equal(csv_field_unguard("''=x"), "'=x");
	assert_string_equal(csv_field_unguard("'abc"), "'abc");
	assert_string_equal(csv_field_unguard("'"), "'");
	assert_string_equal(csv_field_unguard("-5"), "-5");
	assert_string_equal(csv_field_unguard("=x"), "=x");
	/* unguard(guard(s)) == s for every text (without the RFC quotes). */
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct buf b = BUF_INIT;
		const char *s = texts[i];

		if (strpbrk(s, "\r"))
			continue; /* quoted by RFC 4180; the CSV reader removes those */
		buf_add_csv_field(&b, s);
		assert_string_equal(csv_field_unguard(b.s), s);
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount_bound),
		cmocka_unit_test(test_amount_add),
		cmocka_unit_test(test_wanyuan_bound),
		cmocka_unit_test(test_month_bounds),
		cmocka_unit_test(test_target_ranges),
		cmocka_unit_test(test_measures_saturate),
		cmocka_unit_test(test_ratio_scaled_saturates),
		cmocka_unit_test(test_targets_and_warnings_saturate),
		cmocka_unit_test(test_contest_and_bulletin_saturate),
		cmocka_unit_test(test_csv_guard),
		cmocka_unit_test(test_csv_unguard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
