/* test_leads.c — unit tests of src/core/leads.c (h-leads) and the lead pool's
 * rows of core/workflow.c and core/access.c: the vocabulary, who a signed
 * lead's project is attributed to, the duplicate-company rule, the field
 * checks, the visibility rule per role, the stage table cell by cell, and the
 * 双招双引 counts of a hand-built pool (every figure computed by hand in the
 * comments). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/access.h"
#include "core/leads.h"
#include "core/sharing.h"
#include "core/workflow.h"

static bl_day D(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

/* District 2 with section 3 (and its street 5 below it) and street 4;
 * department 6. */
static struct unit units[] = {
	{ 1, (char *)"C", (char *)"市", UNIT_CITY, 0, 1 },
	{ 2, (char *)"D", (char *)"区", UNIT_DISTRICT, 1, 1 },
	{ 3, (char *)"S1", (char *)"甲板块", UNIT_SECTION, 2, 1 },
	{ 4, (char *)"S2", (char *)"乙街道", UNIT_STREET, 2, 1 },
	{ 5, (char *)"S11", (char *)"甲社区", UNIT_STREET, 3, 1 },
	{ 6, (char *)"G1", (char *)"发改", UNIT_DEPARTMENT, 2, 1 },
};

static struct dataset ds_of(void)
{
	struct dataset ds;

	memset(&ds, 0, sizeof(ds));
	ds.units = units;
	ds.n_units = sizeof(units) / sizeof(units[0]);
	dataset_index(&ds);
	return ds;
}

/* The index only: the units are this file's. */
static void ds_free(struct dataset *ds)
{
	free(ds->unit_by_id);
	free(ds->unit_at);
}

static void test_vocabulary_and_attribution(void **state)
{
	(void)state;
	assert_string_equal(lead_stage_labels[LS_INTENT], "意向");
	assert_int_equal(lead_stage_from_text("洽谈"), LS_TALKS);
	assert_int_equal(lead_stage_from_text("dropped"), LS_DROPPED);
	assert_int_equal(lead_stage_from_text("Dropped"), -1);
	assert_int_equal(lead_stage_from_text(NULL), -1);
	assert_int_equal(lead_log_kind_from_text("走访"), LK_VISIT);
	assert_int_equal(lead_attracted_by(UNIT_SECTION), ATTRACTED_STREET);
	assert_int_equal(lead_attracted_by(UNIT_STREET), ATTRACTED_STREET);
	assert_int_equal(lead_attracted_by(UNIT_DISTRICT), ATTRACTED_DISTRICT);
	assert_int_equal(lead_attracted_by(UNIT_DEPARTMENT), ATTRACTED_DISTRICT);
	assert_int_equal(lead_attracted_by(UNIT_CITY), ATTRACTED_DISTRICT);
}

static void test_same_company(void **state)
{
	struct lead a, b;

	(void)state;
	lead_init(&a);
	lead_init(&b);
	a.company = (char *)"Aurora 新材料 有限公司";
	b.company = (char *)"aurora新材料有限公司";
	assert_true(lead_same_company(&a, &b));
	b.company = (char *)"AURORA\xE3\x80\x80新材料有限公司"; /* a full-width space */
	assert_true(lead_same_company(&a, &b));
	b.company = (char *)"Aurora 新材料";
	assert_false(lead_same_company(&a, &b));
	a.uscc = (char *)"91320214MA1YYYYY1B";
	b.uscc = (char *)"91320214MA1YYYYY1B";
	assert_true(lead_same_company(&a, &b)); /* another name, the same code */
	b.uscc = (char *)"91320214MA1YYYYY1C";
	assert_false(lead_same_company(&a, &b));
	b.company = (char *)"aurora 新材料有限公司";
	assert_true(lead_same_company(&a, &b)); /* the same name, another code */
}

static void test_checks(void **state)
{
	struct dataset ds = ds_of();
	const char *field;
	struct lead l;

	(void)state;
	lead_init(&l);
	l.company = (char *)"甲公司";
	l.found_by = 2;
	l.followed_by = 4;
	assert_null(lead_check(&l, &ds, &field));
	l.followed_by = 6; /* a department follows no lead */
	assert_non_null(lead_check(&l, &ds, &field));
	assert_string_equal(field, "followed_by");
	l.followed_by = 2; /* nor the district: the follower is the project's section */
	assert_non_null(lead_check(&l, &ds, &field));
	l.followed_by = 5;
	l.amount = -1;
	assert_non_null(lead_check(&l, &ds, &field));
	assert_string_equal(field, "amount");
	l.amount = AMOUNT_MAX;
	assert_null(lead_check(&l, &ds, &field));
	l.uscc = (char *)"123";
	assert_non_null(lead_check(&l, &ds, &field));
	assert_string_equal(field, "uscc");
	l.uscc = NULL;
	l.company = (char *)"甲\n公司";
	assert_non_null(lead_check(&l, &ds, &field));
	assert_string_equal(field, "company");
	assert_null(lead_text_problem("走访\n记录", 10, 0));
	assert_string_equal(lead_text_problem("一二三", 2, 1), "too long");
	assert_string_equal(lead_text_problem("", 2, 1), "must not be empty");
	assert_string_equal(lead_text_problem("\xff", 2, 1), "not valid UTF-8");
	ds_free(&ds);
}

static void test_visibility_per_role(void **state)
{
	struct dataset ds = ds_of();
	struct actor admin = { 1, "a", ROLE_ADMIN, 0 }, coord = { 2, "c", ROLE_COORDINATOR, 0 };
	struct actor s1 = { 3, "s1", ROLE_SECTION, 3 }, s2 = { 4, "s2", ROLE_SECTION, 4 };
	struct actor s11 = { 5, "s11", ROLE_SECTION, 5 }, dept = { 6, "g", ROLE_DEPARTMENT, 6 };
	struct actor leader = { 7, "l", ROLE_LEADER, 0 }, auditor = { 8, "u", ROLE_AUDITOR, 0 };
	struct actor nobody = { 9, "n", ROLE_SECTION, 3 };
	struct lead l;

	(void)state;
	lead_init(&l);
	l.followed_by = 5; /* the street below S1 */
	assert_true(access_lead_details(&admin, &ds, &l));
	assert_true(access_lead_details(&coord, &ds, &l));
	assert_true(access_lead_details(&s1, &ds, &l));   /* its subtree holds the follower */
	assert_true(access_lead_details(&s11, &ds, &l));
	assert_false(access_lead_details(&s2, &ds, &l));
	assert_false(access_lead_details(&dept, &ds, &l));
	assert_false(access_lead_details(&leader, &ds, &l));
	assert_false(access_lead_details(&auditor, &ds, &l));
	l.followed_by = 3;
	assert_false(access_lead_details(&s11, &ds, &l)); /* above it: not its own */
	assert_int_equal(workflow_lead_sight(&s1, &ds, &l), WF_OWNS);
	assert_int_equal(workflow_lead_sight(&s11, &ds, &l), WF_SEEN);
	assert_int_equal(workflow_lead_sight(&leader, &ds, &l), WF_SEEN);
	assert_int_equal(workflow_lead_sight(&coord, &ds, &l), WF_SEEN);
	/* every role reads the pool; an actor of no role the matrix has does
	 * not, and is shown no lead at all */
	nobody.role = ROLE__MAX;
	assert_int_equal(workflow_lead_sight(&nobody, &ds, &l), WF_UNSEEN);
	ds_free(&ds);
}

/* Every cell of the stage table for the following section and the office. */
static void test_stage_table(void **state)
{
	static const struct {
		int from;
		enum wf_action act;
		enum role role;
		enum wf_sight sight;
		enum wf_outcome want;
		int to;
	} cases[] = {
		{ WF_NONE, WA_SAVE, ROLE_SECTION, WF_OWNS, WFO_OK, LS_LEAD },
		{ WF_NONE, WA_SAVE, ROLE_SECTION, WF_SEEN, WFO_FORBIDDEN, 0 },
		{ WF_NONE, WA_SAVE, ROLE_LEADER, WF_SEEN, WFO_FORBIDDEN, 0 },
		{ LS_LEAD, WA_ADVANCE, ROLE_SECTION, WF_OWNS, WFO_OK, LS_TALKS },
		{ LS_TALKS, WA_ADVANCE, ROLE_COORDINATOR, WF_SEEN, WFO_OK, LS_INTENT },
		{ LS_INTENT, WA_ADVANCE, ROLE_SECTION, WF_OWNS, WFO_WRONG_STATUS, 0 },
		{ LS_TALKS, WA_SIGN, ROLE_SECTION, WF_OWNS, WFO_WRONG_STATUS, 0 },
		{ LS_INTENT, WA_SIGN, ROLE_SECTION, WF_OWNS, WFO_OK, LS_SIGNED },
		{ LS_INTENT, WA_SIGN, ROLE_SECTION, WF_SEEN, WFO_FORBIDDEN, 0 },
		{ LS_INTENT, WA_SIGN, ROLE_DEPARTMENT, WF_SEEN, WFO_FORBIDDEN, 0 },
		{ LS_SIGNED, WA_DROP, ROLE_ADMIN, WF_SEEN, WFO_WRONG_STATUS, 0 },
		{ LS_TALKS, WA_DROP, ROLE_SECTION, WF_OWNS, WFO_OK, LS_DROPPED },
		{ LS_SIGNED, WA_SAVE, ROLE_COORDINATOR, WF_SEEN, WFO_LOCKED, 0 },
		{ LS_SIGNED, WA_REPLY, ROLE_SECTION, WF_OWNS, WFO_OK, WF_UNCHANGED },
		{ LS_DROPPED, WA_REPLY, ROLE_SECTION, WF_OWNS, WFO_LOCKED, 0 },
		{ LS_DROPPED, WA_REOPEN, ROLE_SECTION, WF_OWNS, WFO_FORBIDDEN, 0 },
		{ LS_DROPPED, WA_REOPEN, ROLE_COORDINATOR, WF_SEEN, WFO_OK, LS_LEAD },
		{ LS_LEAD, WA_REOPEN, ROLE_ADMIN, WF_SEEN, WFO_WRONG_STATUS, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct wf_request q = { WF_LEAD, cases[i].from, cases[i].act, cases[i].role,
					cases[i].sight, "理由" };
		int to = -99;

		assert_int_equal(workflow_decide(&q, &to, NULL), cases[i].want);
		if (cases[i].want == WFO_OK)
			assert_int_equal(to, cases[i].to);
	}
	/* a drop needs its reason */
	{
		struct wf_request q = { WF_LEAD, LS_LEAD, WA_DROP, ROLE_SECTION, WF_OWNS, NULL };

		assert_int_equal(workflow_decide(&q, NULL, NULL), WFO_NEED_REASON);
	}
}

/* The pool by hand, for 2024 and for 2024-06:
 *   a: found 2024-03-10 by S1 (3), follows S1, signed 2024-06-12, 8000 万
 *   b: found 2023-12-01 by S1, follows S1, signed 2024-01-20, 1234.5 万
 *   c: found 2024-06-01 by the district (2), follows S2 (4), intent, 500 万
 *   d: found 2024-06-30 by S2, follows S2, signed 2024-06-30, no amount
 *   e: found 2024-02-02 by S11 (5), follows S11, dropped
 * talents: S1 2024-06 → 3, 2024-02 → 2; S2 2023-12 → 7 (not in 2024)
 * funds (registered on, brought by): 2024-06-15 S1; 2024-01-05 S1;
 *   2023-12-31 S1 (not in 2024); 2024-06-01 S11 (S11's own, not S1's);
 *   2024-07-01 nobody; 2024-03-03 the district
 * 2024:    D found 1, funds 1; S1 found 1, signed 2 (92,345,000 yuan),
 *          talents 5, funds 2; S2 found 1, signed 1 (0 yuan); S11 found 1,
 *          funds 1.
 * 2024-06: D found 1, funds 0; S1 signed 1 (80,000,000), talents 3, funds 1;
 *          S2 found 1, signed 1; S11 funds 1. */
static void test_counts_by_hand(void **state)
{
	struct dataset ds = ds_of();
	struct lead v[5];
	struct talent_count tc[3] = {
		{ 3, 0, 3 }, { 3, 0, 2 }, { 4, 0, 7 },
	};
	struct fund_value fv[6] = {
		{ D(2024, 6, 15), 100, 3 }, { D(2024, 1, 5), 100, 3 }, { D(2023, 12, 31), 100, 3 },
		{ D(2024, 6, 1), 100, 5 },  { D(2024, 7, 1), 100, 0 }, { D(2024, 3, 3), 100, 2 },
	};
	struct lead_inputs in = { v, 5, tc, 3, fv, 6 };
	struct lead_period year = { 2024, 0 }, june = { 2024, 6 };
	struct lead_count *rows;
	size_t i, n;

	(void)state;
	tc[0].month = month_from_ym(2024, 6);
	tc[1].month = month_from_ym(2024, 2);
	tc[2].month = month_from_ym(2023, 12);
	for (i = 0; i < 5; i++)
		lead_init(&v[i]);
	v[0].found_by = v[0].followed_by = 3, v[0].found_on = D(2024, 3, 10);
	v[0].stage = LS_SIGNED, v[0].signed_on = D(2024, 6, 12), v[0].amount = 80000000;
	v[1].found_by = v[1].followed_by = 3, v[1].found_on = D(2023, 12, 1);
	v[1].stage = LS_SIGNED, v[1].signed_on = D(2024, 1, 20), v[1].amount = 12345000;
	v[2].found_by = 2, v[2].followed_by = 4, v[2].found_on = D(2024, 6, 1);
	v[2].stage = LS_INTENT, v[2].amount = 5000000;
	v[3].found_by = v[3].followed_by = 4, v[3].found_on = D(2024, 6, 30);
	v[3].stage = LS_SIGNED, v[3].signed_on = D(2024, 6, 30);
	v[4].found_by = v[4].followed_by = 5, v[4].found_on = D(2024, 2, 2);
	v[4].stage = LS_DROPPED;

	assert_int_equal(lead_counts(&ds, &in, &year, &rows, &n), 0);
	assert_int_equal(n, 4); /* D, S1, S2, S11: no city, no department */
	assert_int_equal(rows[0].unit_id, 2);
	assert_int_equal(rows[0].found, 1);
	assert_int_equal(rows[0].signed_n, 0);
	assert_int_equal(rows[0].funds, 1);
	assert_int_equal(rows[1].unit_id, 3);
	assert_int_equal(rows[1].found, 1);
	assert_int_equal(rows[1].signed_n, 2);
	assert_int_equal(rows[1].signed_yuan, 92345000);
	assert_int_equal(rows[1].talents, 5);
	assert_int_equal(rows[1].funds, 2);
	assert_int_equal(rows[2].unit_id, 4);
	assert_int_equal(rows[2].found, 1);
	assert_int_equal(rows[2].signed_n, 1);
	assert_int_equal(rows[2].signed_yuan, 0);
	assert_int_equal(rows[2].talents, 0);
	assert_int_equal(rows[2].funds, 0);
	assert_int_equal(rows[3].unit_id, 5);
	assert_int_equal(rows[3].found, 1);
	assert_int_equal(rows[3].funds, 1);
	free(rows);

	assert_int_equal(lead_counts(&ds, &in, &june, &rows, &n), 0);
	assert_int_equal(rows[0].found, 1);
	assert_int_equal(rows[0].funds, 0);
	assert_int_equal(rows[1].found, 0);
	assert_int_equal(rows[1].funds, 1);
	assert_int_equal(rows[1].signed_n, 1);
	assert_int_equal(rows[1].signed_yuan, 80000000);
	assert_int_equal(rows[1].talents, 3);
	assert_int_equal(rows[2].found, 1);
	assert_int_equal(rows[2].signed_n, 1);
	assert_int_equal(rows[3].found, 0);
	assert_int_equal(rows[3].funds, 1);
	free(rows);

	/* a sum past int64 is refused, not wrapped */
	v[1].amount = INT64_MAX;
	assert_int_equal(lead_counts(&ds, &in, &year, &rows, &n), -1);
	assert_null(rows);
	assert_int_equal(n, 0);
	ds_free(&ds);
}

/* The text rule byte by byte: UTF-8 of one to four bytes is a character
 * each (é C3 A9, 中 E4 B8 AD, 𠀀 F0 A0 80 80); a stray continuation byte, a
 * lead byte without its continuation or a 5-byte lead is not UTF-8; a
 * control character is refused, except line breaks and tabs in a text of
 * several lines. */
static void test_text_rule(void **state)
{
	(void)state;
	assert_null(lead_text_problem("Café", 4, 1));
	assert_string_equal(lead_text_problem("Café!", 4, 1), "too long");
	assert_null(lead_text_problem("\xC2\xB7", 1, 1));          /* · */
	assert_null(lead_text_problem("\xDF\xBF", 1, 1));          /* U+07FF */
	assert_null(lead_text_problem("中", 1, 1));
	assert_null(lead_text_problem("\xF0\xA0\x80\x80", 1, 1));  /* 𠀀 */
	assert_string_equal(lead_text_problem("\xF0\xA0\x80\x80" "a", 1, 1), "too long");
	assert_string_equal(lead_text_problem("\xA9", 9, 1), "not valid UTF-8");
	assert_string_equal(lead_text_problem("\xC3", 9, 1), "not valid UTF-8");
	assert_string_equal(lead_text_problem("\xC3\x41", 9, 1), "not valid UTF-8");
	assert_string_equal(lead_text_problem("\xE4\xB8", 9, 1), "not valid UTF-8");
	assert_string_equal(lead_text_problem("\xF0\xA0\x80", 9, 1), "not valid UTF-8");
	assert_string_equal(lead_text_problem("\xF8\x88\x80\x80\x80", 9, 1), "not valid UTF-8");
	assert_null(lead_text_problem("一\r\n二\t三", 9, 0));
	assert_string_equal(lead_text_problem("一\r二", 9, 1), "must be one line");
	assert_string_equal(lead_text_problem("一\t二", 9, 1), "must be one line");
	assert_string_equal(lead_text_problem("一\x01二", 9, 0), "has a control character");
	assert_string_equal(lead_text_problem("\x1f", 9, 0), "has a control character");
	assert_null(lead_text_problem(" ", 1, 1));
	assert_string_equal(lead_text_problem(NULL, 9, 1), "must not be empty");
}

static void test_period_edges(void **state)
{
	struct lead_period y = { 2024, 0 }, dec = { 2024, 12 };

	(void)state;
	assert_true(lead_period_has(&y, D(2024, 1, 1)));
	assert_true(lead_period_has(&y, D(2024, 12, 31)));
	assert_false(lead_period_has(&y, D(2023, 12, 31)));
	assert_false(lead_period_has(&y, D(2025, 1, 1)));
	assert_false(lead_period_has(&y, DAY_NONE));
	assert_true(lead_period_has(&dec, D(2024, 12, 1)));
	assert_false(lead_period_has(&dec, D(2024, 11, 30)));
	assert_false(lead_period_has(&dec, D(2023, 12, 15)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabulary_and_attribution),
		cmocka_unit_test(test_same_company),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_visibility_per_role),
		cmocka_unit_test(test_stage_table),
		cmocka_unit_test(test_counts_by_hand),
		cmocka_unit_test(test_period_edges),
		cmocka_unit_test(test_text_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
